/**
 * Changes to `x-file-name`, the file-name convention a national batch file's name must keep (an error
 * finding for the whole file when it does not; src/validation/file-name.ts). A change is judged by the
 * names each version accepts, proved both ways (file-name-parts.ts): one that accepts every name the old
 * convention accepted, and more, is `file-name-widened` (breaks consumers only: a MINOR under BACKWARD);
 * one that accepts only names the old one accepted but may refuse some of them is `file-name-narrowed`
 * (breaks suppliers: a MAJOR), saying which; one that does both is `file-name-changed`, undecidable when
 * the diff cannot prove a direction it needs (a format it knows nothing about, another separator or
 * case), and it says why. Each part, the extensions and the number of parts are judged on their own, as
 * a name is accepted exactly when each of them accepts its piece. The code lists a name chooses give
 * warnings only (`file-name-codes-changed`: a MINOR); the description and part names are annotations.
 */
import { canonicalJson } from '../content-hash.js';
import { FILE_NAME_KEYWORD, type FileNamePart, type FileNameRule } from '../../validation/file-name.js';
import { isObject, type SchemaObject } from './keywords.js';
import { countWithin, extensionsWithin, partWithin, type Reason } from './file-name-parts.js';
import { BOTH, LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, type RawChange } from './types.js';
import { conditionWords } from './row-rules.js';

const PART_KEYWORDS = ['values', 'length', 'minLength', 'maxLength', 'characters', 'format', 'formatPrefix'] as const;

const show = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value));

function isRule(value: unknown): value is FileNameRule {
  return (
    isObject(value) &&
    typeof value.separator === 'string' &&
    Array.isArray(value.extensions) &&
    Array.isArray(value.parts) &&
    value.parts.every((p) => isObject(p) && typeof p.name === 'string')
  );
}

/** What changed in one part's keywords, e.g. `maxLength 5 → 10`, `format ods-code removed`. */
function keywordChanges(before: FileNamePart, after: FileNamePart): string[] {
  const changes: string[] = [];
  for (const key of PART_KEYWORDS) {
    const [a, b] = [before[key], after[key]];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (a === undefined) changes.push(`${key} ${show(b)} added`);
    else if (b === undefined) changes.push(`${key} ${show(a)} removed`);
    else if (key === 'values') {
      const [was, now] = [a as string[], b as string[]];
      const added = now.filter((v) => !was.includes(v));
      const removed = was.filter((v) => !now.includes(v));
      changes.push(
        [added.length ? `values ${added.join(', ')} added` : '', removed.length ? `values ${removed.join(', ')} removed` : ''].filter(Boolean).join(', ') ||
          'values reordered',
      );
    } else changes.push(`${key} ${show(a)} → ${show(b)}`);
  }
  return changes;
}

/**
 * One judged difference: `refusing` says why the new convention may refuse what the old accepted,
 * `admitting` why the old may refuse what the new accepts; both empty means the same names.
 */
function judged(subject: string, what: string, refusing: Reason[], admitting: Reason[], before: unknown, after: unknown): RawChange {
  const extra = { before, after };
  const refuses = refusing.map((r) => r.text).join('; ');
  if (refusing.length === 0 && admitting.length === 0) return raw('annotation-changed', '', NO_EFFECT, `${subject}: ${what}: accepts the same names`, extra);
  if (refusing.length === 0)
    return raw('file-name-widened', '', LOOSENS, `${subject}: ${what}: accepts every name the old convention accepted, and more (widening)`, extra);
  const unknown = refusing.some((r) => r.unknown);
  if (admitting.length === 0) {
    // Every name the new convention accepts, the old one accepted: at worst a narrowing.
    const why = unknown ? `${refuses}; the diff cannot prove it accepts every name the old convention accepted` : refuses;
    return raw('file-name-narrowed', '', TIGHTENS, `${subject}: ${what}: ${why} (narrowing)`, extra);
  }
  if (unknown)
    return undecidable(
      'file-name-changed',
      '',
      `${subject}: ${what}: ${refuses}; the diff cannot prove it accepts every name the old convention accepted`,
      extra,
    );
  return raw('file-name-changed', '', BOTH, `${subject}: ${what}: ${refuses}, and accepts names the old convention refused`, extra);
}

function diffParts(a: FileNameRule, b: FileNameRule): RawChange[] {
  const changes: RawChange[] = [];
  const upperCase = a.upperCase === true;
  for (let i = 0; i < Math.min(a.parts.length, b.parts.length); i++) {
    const [before, after] = [a.parts[i]!, b.parts[i]!];
    const subject = `file name part ${i + 1} '${after.name}'`;
    if (before.name !== after.name)
      changes.push(
        raw('annotation-changed', '', NO_EFFECT, `file name part ${i + 1} renamed from '${before.name}' to '${after.name}'`, {
          before: before.name,
          after: after.name,
        }),
      );
    const what = keywordChanges(before, after);
    if (what.length === 0) continue;
    changes.push(
      judged(subject, what.join(', '), partWithin(before, after, a.separator, upperCase), partWithin(after, before, a.separator, upperCase), before, after),
    );
  }
  if (a.parts.length !== b.parts.length || (a.extraParts === true) !== (b.extraParts === true)) {
    const count = (r: FileNameRule): string => `${r.extraParts ? 'at least ' : ''}${r.parts.length} parts`;
    const names = (from: FileNameRule, to: FileNameRule): string[] => from.parts.slice(to.parts.length).map((p) => `'${p.name}'`);
    const added = names(b, a);
    const removed = names(a, b);
    const detail = [added.length ? `${added.join(', ')} added` : '', removed.length ? `${removed.join(', ')} removed` : ''].filter(Boolean).join(', ');
    changes.push(judged('file name', `${count(a)} → ${count(b)}${detail ? ` (${detail})` : ''}`, countWithin(a, b), countWithin(b, a), count(a), count(b)));
  }
  return changes;
}

/** The code lists chosen by a part's value: warnings only, so a MINOR, never breaking. */
function diffCodes(a: FileNameRule, b: FileNameRule): RawChange[] {
  const group = (r: FileNameRule): number => (r.codes ? r.parts.findIndex((p) => p.name === r.codes!.group) : -1);
  const sameWhen = canonicalJson(a.codes?.when) === canonicalJson(b.codes?.when);
  if (group(a) === group(b) && sameWhen && canonicalJson(a.codes?.fields ?? {}) === canonicalJson(b.codes?.fields ?? {})) return [];
  const fields = [...new Set([...Object.keys(a.codes?.fields ?? {}), ...Object.keys(b.codes?.fields ?? {})])];
  const what = fields
    .filter((f) => canonicalJson(a.codes?.fields[f]) !== canonicalJson(b.codes?.fields[f]))
    .map((f) => {
      const [was, now] = [a.codes?.fields[f] ?? {}, b.codes?.fields[f] ?? {}];
      const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => canonicalJson(was[k]) !== canonicalJson(now[k]));
      return `${f} for ${keys.join(', ')}`;
    });
  const regrouped = group(a) !== group(b) ? [`now chosen by ${b.codes ? `the part '${b.codes.group}'` : 'no part'}`] : [];
  const rechecked = sameWhen ? [] : [`now checked ${conditionWords(b.codes?.when)} (was ${conditionWords(a.codes?.when)})`];
  return [
    raw(
      'file-name-codes-changed',
      '',
      NO_EFFECT,
      `the code lists the file name chooses changed (${[...regrouped, ...rechecked, ...what].join('; ')}); a code not listed is a warning, never an error`,
      { before: a.codes, after: b.codes },
    ),
  ];
}

export function diffFileName(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const [before, after] = [a[FILE_NAME_KEYWORD], b[FILE_NAME_KEYWORD]];
  if (canonicalJson(before) === canonicalJson(after)) return [];
  const at = (changes: RawChange[]): RawChange[] => changes.map((c) => ({ ...c, path }));
  if (before === undefined)
    return at([raw('file-name-added', '', TIGHTENS, 'a file-name convention is added: a file whose name breaks it is refused', { after })]);
  if (after === undefined)
    return at([raw('file-name-removed', '', LOOSENS, 'the file-name convention is removed: a file is accepted whatever its name', { before })]);
  if (!isRule(before) || !isRule(after))
    return at([
      undecidable('file-name-changed', '', 'x-file-name changed, and one version does not declare a convention the diff can read', { before, after }),
    ]);
  if (before.separator !== after.separator || (before.upperCase === true) !== (after.upperCase === true)) {
    const what =
      before.separator !== after.separator
        ? `its separator "${before.separator}" → "${after.separator}"`
        : `upperCase ${before.upperCase === true} → ${after.upperCase === true}`;
    return at([
      undecidable('file-name-changed', '', `file name convention: ${what}; the diff cannot compare names split or cased differently`, { before, after }),
    ]);
  }
  const changes: RawChange[] = [];
  if (before.description !== after.description)
    changes.push(raw('annotation-changed', '', NO_EFFECT, 'file name description changed', { before: before.description, after: after.description }));
  if (canonicalJson([...before.extensions].sort()) !== canonicalJson([...after.extensions].sort())) {
    const dotted = (r: FileNameRule): string => r.extensions.map((e) => `.${e}`).join(', ');
    changes.push(
      judged(
        'file name extensions',
        `${dotted(before)} → ${dotted(after)}`,
        extensionsWithin(before, after),
        extensionsWithin(after, before),
        before.extensions,
        after.extensions,
      ),
    );
  }
  changes.push(...diffParts(before, after), ...diffCodes(before, after));
  return at(changes);
}
