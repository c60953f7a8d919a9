/** Uniqueness: the share of keyed records whose record key was not seen before in the submission. */
import type { DimensionScore, QualityCounts } from '../types.js';
import { notMeasured, percent, records } from './shared.js';

const FORMULA = '(keyed records − duplicates) / keyed records × 100';

export function uniqueness(c: QualityCounts): DimensionScore {
  const u = c.uniqueness;
  if (!u) return notMeasured(FORMULA, 'the standard declares no record key');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records', { ...u });
  if (u.keyed === 0) return notMeasured(FORMULA, 'no record has a complete key', { ...u });
  const notes = [
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
