/** Consistency: the share of readable records that pass every cross-field rule (`x-consistency`). */
import type { DimensionScore, QualityCounts } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = '(records assessed − records failing a cross-field rule) / records assessed × 100';

export function consistency(c: QualityCounts): DimensionScore {
  const k = c.consistency;
  if (!k) return notMeasured(FORMULA, 'the standard declares no cross-field rules');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  if (k.assessed === 0) return notMeasured(FORMULA, 'no record could be read');
  return {
    measured: true,
    score: percent(k.assessed - k.failed, k.assessed),
    formula: FORMULA,
    counts: { assessed: k.assessed, failed: k.failed },
    fields: Object.entries(k.failedByRule).map(([rule, failed]) => ({ field: rule, score: percent(k.assessed - failed, k.assessed), failed })),
  };
}
