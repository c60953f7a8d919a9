/**
 * Changes to the record's rules that are not JSON Schema keywords and act on whole rows or files:
 * `x-advice` (formats a field should have: warnings only, src/validation/advice.ts) and
 * `x-record-actions` (a rule across rows: a create of an identifier the file already created is an
 * error; src/validation/record-actions.ts).
 *
 * Advice never fails a record, so a rule added, removed or changed (its field, format, or the records it
 * is made on, `when`) breaks nobody, but it changes the warnings (a MINOR); a changed message alone is an
 * annotation. Record actions: the rule added rejects
 * rows the old version accepted, removed accepts rows it rejected, `deleteOfDeleted` added or removed
 * likewise; the finding's id, field and message are annotations; any other change (the key, how its
 * parts are joined, the action field, the action words, their case) changes which rows count as the
 * same record or what they do, which the diff cannot judge, so it counts as breaking both ways.
 */
import { canonicalJson } from '../content-hash.js';
import { healthFormats } from '../../validation/health-formats.js';
import { recordConditionWords, type RecordCondition } from '../../validation/record-condition.js';
import { isObject, type SchemaObject } from './keywords.js';
import { LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, type RawChange } from './types.js';

const ADVICE = 'x-advice';
const RECORD_ACTIONS = 'x-record-actions';

function adviceRules(schema: SchemaObject): Map<string, SchemaObject> {
  const rules = Array.isArray(schema[ADVICE]) ? (schema[ADVICE] as unknown[]) : [];
  return new Map(rules.filter(isObject).map((r) => [typeof r.id === 'string' ? r.id : canonicalJson(r), r]));
}

const adviceWords = (r: SchemaObject): string => `${String(r.field)} should be ${String(r.format)}`;
const FORMAT_WORDS = healthFormats as Record<string, { describe: string } | undefined>;
/** What a new rule's format asks, in words (`: a valid UK postcode …`), so the change says what it warns about. */
const formatWords = (r: SchemaObject): string => {
  const format = typeof r.format === 'string' && Object.hasOwn(FORMAT_WORDS, r.format) ? FORMAT_WORDS[r.format] : undefined;
  return format ? `: ${format.describe}` : '';
};

/** On which records a rule (or code list) is made: its `when` in words, or every record. */
export const conditionWords = (when: unknown): string => (isObject(when) ? `only when ${recordConditionWords(when as RecordCondition)}` : 'on every record');

export function diffAdvice(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (canonicalJson(a[ADVICE]) === canonicalJson(b[ADVICE])) return [];
  const [before, after] = [adviceRules(a), adviceRules(b)];
  const changes: RawChange[] = [];
  const warnings = 'advice gives warnings only, never an error';
  for (const [id, rule] of before) {
    const now = after.get(id);
    if (!now) changes.push(raw('advice-removed', path, NO_EFFECT, `advice "${id}" (${adviceWords(rule)}) removed: ${warnings}`, { before: rule }));
    else if (rule.field !== now.field || rule.format !== now.format)
      changes.push(
        raw('advice-changed', path, NO_EFFECT, `advice "${id}" now says ${adviceWords(now)} (was ${adviceWords(rule)}): ${warnings}`, {
          before: rule,
          after: now,
        }),
      );
    else if (canonicalJson(rule.when) !== canonicalJson(now.when))
      changes.push(
        raw(
          'advice-changed',
          path,
          NO_EFFECT,
          `advice "${id}" (${adviceWords(now)}) is now made ${conditionWords(now.when)} (was ${conditionWords(rule.when)}): ${warnings}`,
          { before: rule, after: now },
        ),
      );
    else if (canonicalJson(rule) !== canonicalJson(now))
      changes.push(raw('annotation-changed', path, NO_EFFECT, `message of advice "${id}" changed`, { before: rule, after: now }));
  }
  for (const [id, rule] of after)
    if (!before.has(id))
      changes.push(raw('advice-added', path, NO_EFFECT, `advice "${id}" (${adviceWords(rule)}${formatWords(rule)}) added: ${warnings}`, { after: rule }));
  return changes;
}

/** The parts of a record-actions rule that only name its findings. */
const FINDING_KEYS = ['id', 'field', 'message'];

function withoutFindingWords(rule: SchemaObject): SchemaObject {
  const rest = Object.fromEntries(Object.entries(rule).filter(([k]) => !FINDING_KEYS.includes(k) && k !== 'deleteOfDeleted'));
  return { ...rest, deleteOfDeleted: rule.deleteOfDeleted !== undefined };
}

export function diffRecordActions(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const [before, after] = [a[RECORD_ACTIONS], b[RECORD_ACTIONS]];
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (before === undefined)
    return [
      raw('record-actions-added', path, TIGHTENS, 'x-record-actions added: a row acting on an identifier the file already created (or deleted) is refused', {
        after,
      }),
    ];
  if (after === undefined)
    return [raw('record-actions-removed', path, LOOSENS, 'x-record-actions removed: rows are no longer checked against what earlier rows did', { before })];
  if (!isObject(before) || !isObject(after))
    return [undecidable('record-actions-changed', path, 'x-record-actions changed into a form the diff cannot read', { before, after })];
  const [was, now] = [withoutFindingWords(before), withoutFindingWords(after)];
  const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => canonicalJson(was[k]) !== canonicalJson(now[k]));
  const rest = changed.filter((k) => k !== 'deleteOfDeleted');
  if (rest.length > 0)
    return [
      undecidable(
        'record-actions-changed',
        path,
        `x-record-actions changed its ${rest.join(', ')}, which changes which rows count as the same record or what they do; the diff cannot tell which files that refuses`,
        { before, after },
      ),
    ];
  const changes: RawChange[] = [];
  if (changed.includes('deleteOfDeleted'))
    changes.push(
      now.deleteOfDeleted
        ? raw('record-actions-changed', path, TIGHTENS, 'x-record-actions now refuses a delete of an identifier the file already deleted', { before, after })
        : raw('record-actions-changed', path, LOOSENS, 'x-record-actions no longer refuses a delete of an identifier the file already deleted', {
            before,
            after,
          }),
    );
  const words = (r: SchemaObject): string =>
    canonicalJson([FINDING_KEYS.map((k) => r[k]), isObject(r.deleteOfDeleted) ? FINDING_KEYS.map((k) => (r.deleteOfDeleted as SchemaObject)[k]) : null]);
  if (
    words(before) !== words(after) &&
    !(changed.includes('deleteOfDeleted') && canonicalJson(FINDING_KEYS.map((k) => before[k])) === canonicalJson(FINDING_KEYS.map((k) => after[k])))
  )
    changes.push(raw('annotation-changed', path, NO_EFFECT, 'the id, field or message of x-record-actions findings changed', { before, after }));
  return changes;
}
