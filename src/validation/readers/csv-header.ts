/**
 * Header diagnosis: a header's faults are reported once, as file findings, never once per row. A column
 * the standard does not have is one finding (with "did you mean" when a field the header lacks is close
 * to it: a misspelt column is one finding, not an unknown one and a missing one); a required field with
 * no column is one finding, and the rows are not told again that it is missing; under an `exact` header
 * rule, a header that is not the standard's columns in order is one finding naming where it differs,
 * and saying so when every column is there but in another case or order (a header in lower case is that
 * one finding, not one per column). Such an exact header, every column there and only their case or order
 * wrong (no two fields alike but for case), still has its rows read, each column as the field it names
 * but for case, so the rows' own findings come in the same pass as the header's one finding (the file
 * still fails). A byte-order mark or white space around names is a fault of another kind: with case or
 * order faults it is a finding of its own beside theirs, and the rows are still read by name. Elsewhere, two or more columns that are fields in another case are one finding, and
 * names are matched exactly: a column in another case is not read as its field.
 *
 * "Another case" is the general rule: names written alike but for upper and lower case and what stands
 * between words (spaces, `_`, `-` or nothing: fold). A header in Title Case with spaces for underscores
 * ("Nhs Number" for "NHS_NUMBER") is one finding that says how the header writes the names and how the
 * standard does, with an example or two; a column misspelt besides keeps its own "did you mean".
 *
 * A header cell is shown only when it looks like a field name: a file without a header row has data in
 * its first row, and data is never echoed. So a cell with a run of digits is never shown, and when most
 * of the first row is not fields of the standard, only the cells close to a field name are shown.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { CsvLayout } from './csv-dialect.js';

export interface HeaderFinding {
  rule: 'unknown-column' | 'misspelt-column' | 'missing-column' | 'header-order';
  message: string;
}

export interface HeaderDiagnosis {
  findings: HeaderFinding[];
  /** Per column: true when its cells are left out of the records (a column the standard does not have). */
  skipped: boolean[];
  /**
   * Pointers of required fields with no column, and of fields the header names misspelt or in another
   * case: their per-row `required` findings are left out (the header's findings say it once).
   */
  missing: Set<string>;
  /**
   * Columns read as a field they name in another case (by column index): only under an exact header that
   * holds every field, wrong only in case or order, where no two fields are alike but for case.
   */
  recased: Map<number, string>;
}

// Inside a name: letters, digits, spaces (a no-break space too), `_.()/-`, and U+FFFD (a character an
// export replaced: "NHS\uFFFDNumber" is still a misspelt field, and gets its "did you mean").
const NAME_LIKE = /^[\p{L}_][\p{L}\p{N} \u00A0\uFFFD_.()/-]{0,79}$/u;
const DIGIT_RUN = /\d{5}/;

/** Whether a header cell may be shown in a finding: it looks like a name, not a value. */
export function showable(name: string): boolean {
  return NAME_LIKE.test(name) && !DIGIT_RUN.test(name);
}

/** A header cell as a finding shows it: its name in quotes, or a note that it is not shown. */
export function shown(name: string): string {
  return showable(name) ? `"${name}"` : '(name not shown: it looks like a value, not a field name)';
}

const fold = (name: string): string => name.toLowerCase().replace(/[\s_.-]+/g, '');

/** Candidate field names by their folded form (fold), made once for a header, not once per column. */
export type FoldedFields = ReadonlyMap<string, string>;

export function foldFields(candidates: readonly string[]): Map<string, string> {
  const byFold = new Map<string, string>();
  for (const c of candidates) if (!byFold.has(fold(c))) byFold.set(fold(c), c); // the first of two that fold alike
  return byFold;
}

/** The field a misspelt header name most likely means, or undefined when none is close. */
export function suggestField(name: string, candidates: readonly string[] | FoldedFields): string | undefined {
  const byFold = Array.isArray(candidates) ? foldFields(candidates) : (candidates as FoldedFields);
  if (byFold.size === 0 || !showable(name)) return undefined;
  const folded = fold(name);
  const exact = byFold.get(folded);
  if (exact !== undefined) return exact;
  const best = closest(folded, [...byFold.keys()]);
  const shorter = Math.min(folded.length, best.length);
  const limit = shorter < 4 ? 0 : Math.max(1, Math.floor(shorter / 4));
  return distance(folded, best) <= limit ? byFold.get(best) : undefined;
}

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** How a name as written differs from its trimmed form, for an exact header's finding. */
function writtenAs(written: string, name: string): string {
  if (written.startsWith('\uFEFF')) return `${shown(name)} preceded by the byte-order mark (BOM) that begins the file`;
  return `${shown(name)} with white space around it`;
}

/**
 * Diagnoses a header: `names` are its cells trimmed; `written`, when given, the cells as written (with a
 * byte-order mark before the first when the file began with one), which an `exact` rule compares;
 * `unread`, the columns (0-based) the reader has already reported and will not read (a name nested too
 * deep): skipped, and neither an unknown column nor a field present.
 */
export function diagnoseHeader(
  names: readonly string[],
  layout: CsvLayout,
  written: readonly string[] = names,
  unread: ReadonlySet<number> = new Set(),
): HeaderDiagnosis {
  // The header's order fault and missing columns lead: a header of a thousand unknown columns must not
  // push them past the report's bound on file findings. Column findings follow in column order.
  const leading: HeaderFinding[] = [];
  const columns: HeaderFinding[] = [];
  const unlisted: number[] = []; // unknown columns past MAX_UNKNOWN_COLUMN_FINDINGS, told in one finding
  const fields = new Set(layout.fields);
  // An unread column's root is no name at all (undefined): not a field, and not an unknown column.
  const roots = names.map((name, i) => (unread.has(i) ? undefined : name.split('.')[0]!));
  const present = new Set(roots.filter((root): root is string => root !== undefined && fields.has(root)));
  const absent = layout.fields.filter((f) => !present.has(f));
  const claimed = new Set<string>();
  // Columns that are a field the header lacks written another way (in another case, or with spaces, hyphens
  // or nothing between its words where the field has underscores): more than one is one finding, saying
  // how the header writes them and how the standard does, with an example or two, not one per column.
  const recased = layout.open ? [] : writtenOtherwise(roots, fields, absent);
  // An exact header holding every column, some written another way, is one finding that says so (below).
  // (The names as read: a byte-order mark or white space around a name is a fault of its own, told apart.)
  const exactCase = layout.dialect.header === 'exact' && recased.length > 0 && sameSet(names, layout.fields, fold);
  const grouped = exactCase || recased.length >= MIN_GROUPED_CASE_COLUMNS;
  if (grouped) for (const { field } of recased) claimed.add(field);
  // Such a header is read by name, each column as its field, unless two fields are alike but for how they
  // are written (which column is which is then a guess): the rows' findings come with the header's in one pass.
  const read = new Map(exactCase && distinctFolded(layout.fields) ? recased.map((c) => [c.column, c.field] as const) : []);
  for (const field of read.values()) present.add(field);
  const unknown = roots.filter((root) => root !== undefined && !fields.has(root)).length - (grouped ? recased.length : 0);
  const reveal = unknown * 2 <= roots.length;
  // The fields a column may be a misspelling of, folded once; each suggestion takes its field out. Only
  // columns still listed one by one are compared with them: past that, a header of thousands of unknown
  // names is told in one finding and costs no string distances.
  const unclaimed = foldFields(absent.filter((f) => !claimed.has(f)));
  const groupedAt = new Set(grouped ? recased.map((c) => c.column) : []);
  const skipped = roots.map((root, i) => {
    if (root === undefined) return true;
    if (fields.has(root) || layout.open) return false;
    if (groupedAt.has(i)) return !read.has(i);
    const name = names[i]!;
    const suggestion = columns.length < MAX_UNKNOWN_COLUMN_FINDINGS ? suggestField(name, unclaimed) : undefined;
    if (suggestion !== undefined) {
      claimed.add(suggestion);
      unclaimed.delete(fold(suggestion));
      columns.push({ rule: 'misspelt-column', message: `column ${i + 1} ${shown(name)} is not a field of this standard; did you mean "${suggestion}"?` });
    } else if (columns.length >= MAX_UNKNOWN_COLUMN_FINDINGS) {
      unlisted.push(i + 1);
    } else {
      const what = reveal
        ? shown(name)
        : '(name not shown: most of the first row is not field names of this standard, so it may be data, or the file may be for another standard)';
      columns.push({ rule: 'unknown-column', message: `column ${i + 1} ${what} is not a field of this standard` });
    }
    return true;
  });
  const missing = new Set<string>();
  for (const field of layout.required) {
    if (present.has(field)) continue;
    missing.add(`/${escape(field)}`);
    if (!claimed.has(field)) leading.push({ rule: 'missing-column', message: `the header has no column "${field}", which every record must have` });
  }
  // A field the header has misspelt or in another case is named by the header's finding: its rows are not
  // told again that it is missing, whether every record needs it or only some (a field required under a
  // condition: a CLD header in lower case made every Request row say `eventType` is missing).
  for (const field of claimed) if (!present.has(field)) missing.add(`/${escape(field)}`);
  if (layout.dialect.header === 'exact') leading.unshift(...exactHeaderFindings(names, written, layout.fields, reveal));
  if (grouped && !exactCase) columns.unshift(caseFinding(recased, names, layout.fields));
  if (unlisted.length > 0) {
    columns.push({
      rule: 'unknown-column',
      message: `${unlisted.length} more columns (${columnList(unlisted)}) are not fields of this standard`,
    });
  }
  return { findings: [...leading, ...columns], skipped, missing, recased: read };
}

/** Columns written otherwise than their field are one finding from this many on (one alone keeps its "did you mean"). */
export const MIN_GROUPED_CASE_COLUMNS = 2;

interface Recased {
  /** The column's index. */
  column: number;
  field: string;
}

/**
 * The columns that are, but for upper and lower case and what stands between words (spaces, `_`, `-`, or
 * nothing), a field the header lacks (each field taken once, by its first such column).
 */
function writtenOtherwise(roots: readonly (string | undefined)[], fields: ReadonlySet<string>, absent: readonly string[]): Recased[] {
  const byFold = foldFields(absent);
  const found: Recased[] = [];
  roots.forEach((root, column) => {
    if (root === undefined || fields.has(root)) return;
    const field = byFold.get(fold(root));
    if (field === undefined) return;
    byFold.delete(fold(root));
    found.push({ column, field });
  });
  return found;
}

/** The one finding for columns named as fields but written another way: how, and an example or two. */
function caseFinding(recased: readonly Recased[], names: readonly string[], fields: readonly string[]): HeaderFinding {
  const pairs = recased.map((c) => ({ name: names[c.column]!, field: c.field, column: c.column }));
  const style = nameStyles(pairs, fields);
  const what = style === undefined ? 'in another case' : `written another way: ${style}`;
  return {
    rule: 'misspelt-column',
    message: `${recased.length} columns (${columnList(recased.map((c) => c.column + 1))}) are this standard's field names ${what} (${examples(style === undefined ? pairs.slice(0, 1) : pairs)}): names are matched exactly, so write each as the standard spells it`,
  };
}

/** At most two columns as a finding shows them: `column 1 "Nhs Number" is "NHS_NUMBER"`. */
function examples(pairs: readonly { name: string; field: string; column: number }[]): string {
  // The first, and the first that has words where the first has one (so the separator shows), if another.
  const first = pairs[0]!;
  const worded = pairs.find((p) => p !== first && multiWord(p.field) && !multiWord(first.field));
  const second = worded ?? pairs.find((p) => p !== first);
  return [first, ...(second ? [second] : [])].map((p) => `column ${p.column + 1} ${shown(p.name)} is "${p.field}"`).join(', ');
}

const SEPARATOR = /[\s_-]/;
const SEPARATORS = /[\s_-]+/;

/**
 * The ways a name's case may be said: one word may be several ("Dose" is Title Case or PascalCase, "dose"
 * lower case or camelCase); empty when its letters follow no one style.
 */
function casesOf(name: string): string[] {
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters === '') return ['lower case', 'capitals', 'Title Case', 'camelCase', 'PascalCase'];
  const words = name.split(SEPARATORS).filter((w) => /\p{L}/u.test(w));
  const title = words.every((w) => /^\p{Lu}[^\p{Lu}]*$/u.test(w));
  if (letters === letters.toLowerCase()) return words.length === 1 ? ['lower case', 'camelCase'] : ['lower case'];
  if (letters === letters.toUpperCase()) return ['capitals'];
  if (words.length > 1) return title ? ['Title Case'] : [];
  if (title) return ['Title Case', 'PascalCase'];
  return /^\p{Ll}/u.test(name) ? ['camelCase'] : /^\p{Lu}\p{Ll}/u.test(name) ? ['PascalCase'] : [];
}

const SEPARATOR_WORDS: Record<string, string> = { ' ': 'spaces', _: 'underscores', '-': 'hyphens' };

/** What stands between a name's words: "spaces", "underscores", "hyphens" or "nothing"; undefined when mixed. */
function separatorOf(name: string): string | undefined {
  const used = new Set([...name].filter((c) => SEPARATOR.test(c)).map((c) => (/\s/.test(c) ? ' ' : c)));
  if (used.size > 1) return undefined;
  const [only] = used;
  return only === undefined ? 'nothing' : SEPARATOR_WORDS[only];
}

/** One style for all the names (case, and what stands between words where the field has words), or undefined. */
function styleOf(names: readonly string[], worded: (name: string, i: number) => boolean): { casing?: string; separator?: string } | undefined {
  // The cases every name may be said in, in the order casesOf gives them; the first is the one told.
  const cases = names.map(casesOf).reduce((common, next) => common.filter((c) => next.includes(c)));
  const separators = new Set(names.filter(worded).map(separatorOf));
  if (cases.length === 0 || separators.size > 1 || separators.has(undefined)) return undefined;
  const [casing] = cases;
  const [separator] = separators as Set<string>;
  return { ...(casing ? { casing } : {}), ...(separator ? { separator } : {}) };
}

// camelCase and PascalCase say already that nothing stands between words.
const styleWords = (style: { casing?: string; separator?: string }): string =>
  [
    style.casing ? `in ${style.casing}` : '',
    style.separator && !(style.separator === 'nothing' && style.casing?.endsWith('Case') && style.casing !== 'Title Case')
      ? `with ${style.separator} between words`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

/** Whether a field's name has more than one word: a separator, or a capital after a small letter (camelCase). */
const multiWord = (name: string): boolean => SEPARATOR.test(name) || /\p{Ll}\p{Lu}/u.test(name);

/**
 * How the columns write the fields' names, when they all follow one style that is not only another case
 * ("in Title Case with spaces between words, where the standard writes capitals with underscores between
 * words"); undefined when only their case differs (told as before) or they follow no one style.
 */
function nameStyles(pairs: readonly { name: string; field: string }[], fields: readonly string[]): string | undefined {
  if (pairs.every((p) => p.name.toLowerCase() === p.field.toLowerCase())) return undefined;
  const worded = (_: string, i: number): boolean => multiWord(pairs[i]!.field);
  const header = styleOf(
    pairs.map((p) => p.name),
    worded,
  );
  const standard = styleOf(fields, multiWord);
  if (header === undefined) return "in another case, or with other characters between words, than the standard's";
  const theirs = standard === undefined ? '' : styleWords(standard);
  return `${styleWords(header)}${theirs ? `, where the standard writes ${theirs.replace(/^in /, '')}` : ''}`;
}

const sameIgnoringCase = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, i) => name.toLowerCase() === b[i]!.toLowerCase());

/** Whether `a` holds exactly the names of `b` (compared by `key`), in any order. */
function sameSet(a: readonly string[], b: readonly string[], key: (name: string) => string): boolean {
  if (a.length !== b.length) return false;
  const want = new Map<string, number>();
  for (const name of b) want.set(key(name), (want.get(key(name)) ?? 0) + 1);
  for (const name of a) {
    const left = want.get(key(name));
    if (left === undefined || left === 0) return false;
    want.set(key(name), left - 1);
  }
  return true;
}

const asIs = (name: string): string => name;
const someOf = (n: number): string => (n === 1 ? 'one of the names is' : `${n} of the names are`);
const lower = (name: string): string => name.toLowerCase();

/** Whether no two of the names are alike but for upper and lower case and what stands between words. */
const distinctFolded = (names: readonly string[]): boolean => new Set(names.map(fold)).size === names.length;

/**
 * An exact header's findings, one per kind of fault: how its names are written (a byte-order mark, white
 * space around a name), and the names themselves (their case, order, or anything else). A header whose
 * names are right but for how they are written keeps its one finding naming the first such column.
 */
function exactHeaderFindings(names: readonly string[], written: readonly string[], expected: readonly string[], reveal: boolean): HeaderFinding[] {
  const named = exactHeaderFinding(names, names, expected, reveal);
  if (written.every((w, i) => w === names[i])) return named === undefined ? [] : [named];
  if (named === undefined) return [exactHeaderFinding(names, written, expected, reveal)!];
  return [writtenFinding(names, written, expected.length, reveal), named];
}

/** The finding for names written with a byte-order mark before them or white space around them. */
function writtenFinding(names: readonly string[], written: readonly string[], count: number, reveal: boolean): HeaderFinding {
  const at = written.findIndex((w, i) => w !== names[i]);
  const spaced = written.filter((w, i) => i !== at && w !== names[i]).length;
  const column = reveal ? writtenAs(written[at]!, names[at]!) : '(name not shown)';
  const more = spaced === 0 ? '' : `, and ${spaced === 1 ? 'one more name has white space around it' : `${spaced} more names have white space around them`}`;
  const bom = written[0]?.startsWith('\uFEFF') === true ? '; save the file as UTF-8 without a BOM' : '';
  return {
    rule: 'header-order',
    message: `the header must be this standard's ${count} columns, in order and spelt exactly: column ${at + 1} is ${column}${more}${bom}`,
  };
}

/**
 * An exact header's finding, when it is not the standard's columns in order as written: one finding,
 * saying first what kind of difference it is when the names are all there (only their case differs, only
 * their order, or both), then where it first differs.
 */
function exactHeaderFinding(names: readonly string[], written: readonly string[], expected: readonly string[], reveal: boolean): HeaderFinding | undefined {
  const at = expected.findIndex((f, i) => written[i] !== f);
  if (at === -1 && names.length === expected.length) return undefined;
  const column = (i: number): string => (!reveal ? '(name not shown)' : written[i] !== names[i] ? writtenAs(written[i]!, names[i]!) : shown(names[i]!));
  const where =
    at === -1
      ? `it has ${names.length} columns where ${expected.length} are expected`
      : at >= names.length
        ? `it ends after column ${names.length}, where "${expected[at]}" is expected`
        : `column ${at + 1} is ${column(at)} where "${expected[at]}" is expected`;
  const differing = written.filter((name, i) => name !== expected[i]).length;
  const kind = sameIgnoringCase(written, expected)
    ? `every column is there and in order, but ${someOf(differing)} in another case than the standard's (upper and lower case must match): `
    : sameSet(written, expected, asIs)
      ? `every column is there, but not in this standard's order: `
      : sameSet(written, expected, lower)
        ? `every column is there, but not in this standard's order, and some names are in another case than the standard's (upper and lower case must match): `
        : sameSet(names, expected, fold) && !sameSet(names, expected, lower)
          ? writtenKind(names, expected)
          : '';
  const bom = written[0]?.startsWith('\uFEFF') === true && at === 0 ? '; save the file as UTF-8 without a BOM' : '';
  return {
    rule: 'header-order',
    message: `the header must be this standard's ${expected.length} columns, in order and spelt exactly: ${kind}${where}${bom}`,
  };
}

/**
 * An exact header's kind of difference when every column is there but some are written another way than
 * case alone (spaces for underscores, Title Case): how the header writes them and how the standard does.
 */
function writtenKind(names: readonly string[], expected: readonly string[]): string {
  const byFold = foldFields(expected);
  const pairs = names.filter((name) => !expected.includes(name)).map((name) => ({ name, field: byFold.get(fold(name))! }));
  const differing = names.filter((name, i) => name !== expected[i]).length;
  const style = nameStyles(pairs, expected) ?? "in another case, or with other characters between words, than the standard's";
  const ordered = names.every((name, i) => fold(name) === fold(expected[i]!));
  return ordered
    ? `every column is there and in order, but ${someOf(differing)} written another way: ${style}: `
    : `every column is there, but not in this standard's order, and some names are written another way: ${style}: `;
}

/** Column findings named one by one; past them, the rest are one finding. */
export const MAX_UNKNOWN_COLUMN_FINDINGS = 50;

/** Column numbers as ranges: 51-60, 62, 64-1000. */
export function columnList(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.length <= 10 ? parts.join(', ') : `${parts.slice(0, 10).join(', ')} and others`;
}
