/** Consistency: the share of readable records that pass every cross-field rule (`x-consistency`). */
import type { DimensionScore, QualityCounts } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = '(records assessed − records failing a cross-field rule) / records assessed × 100';

export function consistency(c: QualityCounts): DimensionScore {
  const k = c.consistency;
  if (!k) return notMeasured(FORMULA, 'the standard declares no cross-field rules');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  if (k.assessed === 0) return notMeasured(FORMULA, 'no record could be read');
  // Every rule compares two values (two dates, or a date with the time of receipt or the period); where a
  // record lacks them the rule checks nothing, so a file where no rule had its values is not measured.
  if (k.checkable === 0)
    return notMeasured(
      FORMULA,
      `no record has the values any cross-field rule compares (${k.assessed} ${k.assessed === 1 ? 'record' : 'records'} read), so no rule checked anything`,
      { assessed: k.assessed, failed: k.failed, checkable: 0 },
    );
  return {
    measured: true,
    score: percent(k.assessed - k.failed, k.assessed),
    formula: FORMULA,
    counts: { assessed: k.assessed, failed: k.failed },
    fields: Object.entries(k.failedByRule).map(([rule, failed]) => ({ field: rule, score: percent(k.assessed - failed, k.assessed), failed })),
  };
}
