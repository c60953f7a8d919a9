/** Uniqueness: the share of keyed records whose record key was not seen before in the submission. */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { toPointer } from '../../validation/pointer.js';
import { notMeasured, percent, records } from './shared.js';

const FORMULA = '(keyed records − duplicates) / keyed records × 100';

/**
 * Why no record has a complete key, by field name (never a value): the key's fields that no record has a
 * value in, as when the file lacks the column or misspells it, with what to check; else the key's fields.
 * A key field the scorecard does not count (neither required nor expected) cannot be told empty in every
 * record, so then the key's fields alone are named.
 */
function noCompleteKey(plan: Pick<QualityPlan, 'recordKey'>, c: QualityCounts): string {
  // No key was missing: no record could be read, or (a version whose rows act on records judges only the
  // keys of rows that create one) none creates a record.
  if (c.uniqueness!.missingKey === 0)
    return c.unreadableRecords === c.records ? 'no record could be read' : 'no row creates a record, and only the keys of rows that create one are judged';
  const key = (plan.recordKey ?? []).map((segments) => ({ name: segments.join('.'), counts: c.fields[toPointer(segments)] }));
  const empty = key.filter((k) => k.counts !== undefined && k.counts.present === 0).map((k) => k.name);
  const names = (list: string[]): string => list.map((name) => `"${name}"`).join(', ');
  if (empty.length > 0)
    return (
      `no record has a complete key: no record has a value in ${names(empty)} (${key.length === 1 ? 'the record key' : `${empty.length === 1 ? 'a field' : 'fields'} of the record key ${names(key.map((k) => k.name))}`}); ` +
      `check that the file has ${empty.length === 1 ? 'this field' : 'these fields'}, spelt as the standard spells ${empty.length === 1 ? 'it' : 'them'} (in a CSV, a column of that name in the header)`
    );
  return `no record has a complete key (a value in each field of the record key: ${names(key.map((k) => k.name))})`;
}

/**
 * Readable records whose key was not judged because they do not create a record: a version whose rows act
 * on records (`x-record-actions`) judges only the keys of the rows that create one, as an UPDATE or a
 * DELETE carries its record's key again by design. Every other readable record is keyed or lacks a key.
 */
export function notCreating(c: QualityCounts): number {
  const u = c.uniqueness;
  return u ? Math.max(0, c.records - c.unreadableRecords - u.keyed - u.missingKey) : 0;
}

export function uniqueness(plan: Pick<QualityPlan, 'recordKey'>, c: QualityCounts): DimensionScore {
  const u = c.uniqueness;
  if (!u) return notMeasured(FORMULA, 'the standard declares no record key');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records', { ...u });
  if (u.keyed === 0) return notMeasured(FORMULA, noCompleteKey(plan, c), { ...u });
  const others = notCreating(c);
  const notes = [
    others > 0
      ? `${others === 1 ? '1 row does' : `${others} rows do`} not create a record (an update or a delete carries its record's key again by design; only the keys of rows that create one are judged) and ${others === 1 ? 'is' : 'are'} not counted`
      : '',
    u.missingKey > 0 ? `${records(u.missingKey, 'without a complete key')} ${u.missingKey === 1 ? 'is' : 'are'} not counted` : '',
    u.capped ? 'more than 4 million distinct keys: later new keys were not remembered, so duplicates of them are not counted' : '',
  ].filter(Boolean);
  return {
    measured: true,
    score: percent(u.keyed - u.duplicates, u.keyed),
    formula: FORMULA,
    ...(notes.length ? { note: notes.join('; ') } : {}),
    counts: { ...u },
  };
}
