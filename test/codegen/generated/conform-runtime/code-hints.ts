/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/code-hints.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * What kind of near miss a value is, for a value that is not one of its field's allowed codes (`enum`,
 * `const`): the message then says how to fix it ("it has spaces before or after the code: remove them")
 * and not only which codes are allowed, which leaves a supplier whose value is `A ` (a trailing space from a
 * fixed-width export) looking for A in a list that has it. As format-hints.ts, a hint is one of a fixed set
 * of phrases chosen by comparing the value with the allowed codes and their labels; it never contains the
 * value, nor which code it resembles (that would tell the reader the value), and each phrase is true of
 * every value that gets it.
 *
 * Made only when a code list has failed, so it costs nothing on a valid record; a value longer than
 * MAX_HINTED characters, or a list of more than MAX_CODES codes, gets no hint.
 */

/** Longer values get no hint. */
const MAX_HINTED = 256;
/** Longer code lists get no hint (the comparison is per code). */
const MAX_CODES = 5000;

const DIGITS = /^\d+$/;
/** A label's trailing explanation in brackets: "Not Known (not recorded)" is also read as "Not Known". */
const BRACKETED_TAIL = /\s*\([^()]*\)\s*$/;

/** Lower case, inner white space as one space, no white space around. */
const folded = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** A code list read once for hints: its text codes, those as a set, and their folded forms. */
interface CodeList {
  codes: readonly string[];
  exact: ReadonlySet<string>;
  folded: ReadonlySet<string>;
  /** The all-digit codes without their leading zeros, each with the longest code it comes from. */
  unpadded: ReadonlyMap<string, number>;
  /** The labels' folded forms (with and without a bracketed tail), made when the list first needs them. */
  labelled?: { labels: Readonly<Record<string, string>>; folded: ReadonlySet<string> };
}

/**
 * Code lists by identity: Ajv's errors name the schema's own `enum` array, so a list is folded once per
 * version, not once per failing value (a list of hundreds of codes, folded for each of a file's thousands of
 * near misses, was a visible share of a large upload's CPU).
 */
const lists = new WeakMap<readonly unknown[], CodeList>();

function codeList(allowed: readonly unknown[]): CodeList {
  let list = lists.get(allowed);
  if (list === undefined) {
    const codes = allowed.filter((code): code is string => typeof code === 'string');
    const unpadded = new Map<string, number>();
    for (const code of codes) {
      if (!DIGITS.test(code)) continue;
      const bare = code.replace(/^0+/, '');
      unpadded.set(bare, Math.max(code.length, unpadded.get(bare) ?? 0));
    }
    list = { codes, exact: new Set(codes), folded: new Set(codes.map(folded)), unpadded };
    lists.set(allowed, list);
  }
  return list;
}

function foldedLabels(list: CodeList, labels: Readonly<Record<string, string>>): ReadonlySet<string> {
  if (list.labelled?.labels === labels) return list.labelled.folded;
  const all = new Set<string>();
  for (const code of list.codes) {
    const label = Object.hasOwn(labels, code) ? labels[code] : undefined;
    if (label === undefined) continue;
    all.add(folded(label));
    all.add(folded(label.replace(BRACKETED_TAIL, '')));
  }
  list.labelled = { labels, folded: all };
  return all;
}

/**
 * How a value that is not one of `allowed` nearly is one, or undefined when it is nothing like one. `labels`
 * are the codes' `x-labels`, when the field has them.
 */
export function codeHint(value: unknown, allowed: readonly unknown[], labels?: Readonly<Record<string, string>>): string | undefined {
  if (allowed.length === 0 || allowed.length > MAX_CODES) return undefined;
  const list = codeList(allowed);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return list.exact.has(String(value)) ? 'it is written as a number, but the codes are text: write the code in quotes' : undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_HINTED || list.codes.length === 0) return undefined;
  const trimmed = value.trim();
  const spaced = trimmed !== value;
  if (spaced && list.exact.has(trimmed)) return 'it has spaces before or after the code: remove them';
  const fold = folded(value);
  if (list.folded.has(fold)) {
    return spaced || trimmed.replace(/\s+/g, ' ') !== trimmed
      ? 'it differs from an allowed code only in upper and lower case and spaces: write the code exactly as listed'
      : 'it differs from an allowed code only in upper and lower case: write the code exactly as listed';
  }
  if (DIGITS.test(trimmed)) {
    // Some all-digit code is this value with leading zeros added.
    if ((list.unpadded.get(trimmed.replace(/^0+/, '')) ?? 0) > trimmed.length)
      return 'it has lost its leading zeros (as a spreadsheet drops them): write the code with them, and keep the column as text';
  }
  if (labels !== undefined && fold !== '' && foldedLabels(list, labels).has(fold)) {
    return "it is a code's description, not the code: write the code itself";
  }
  return undefined;
}
