/**
 * Excess default values, as DQMI item scores: for each field that has default ("not known") codes,
 * item score = (valid and complete − defaults in excess) / records × 100, where defaults in excess =
 * max(0, defaults − threshold × records). The dimension is the mean of the item scores.
 */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, round1 } from './shared.js';

const FORMULA = 'mean over fields with default codes of (valid and complete − max(0, defaults − threshold × records)) / records × 100';

/** The DQMI item score (NHS England methodology), 0–100 with one decimal. */
export function dqmiItemScore(records: number, validAndComplete: number, defaults: number, threshold: number): number {
  const excess = Math.max(0, defaults - threshold * records);
  return round1(Math.max(0, ((validAndComplete - excess) / records) * 100));
}

export function defaults(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const measured = plan.fields.filter((f) => f.defaultCodes.length > 0);
  if (measured.length === 0) return notMeasured(FORMULA, 'no field declares default codes');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  const fields = measured.map((f) => {
    const n = c.fields[f.pointer]!;
    const validAndComplete = n.present - n.invalid;
    const excess = Math.max(0, n.defaults - f.threshold * c.records);
    return {
      field: f.pointer,
      score: dqmiItemScore(c.records, validAndComplete, n.defaults, f.threshold),
      records: c.records,
      validAndComplete,
      defaults: n.defaults,
      threshold: f.threshold,
      defaultsInExcess: round1(excess),
    };
  });
  const mean = fields.reduce((sum, f) => sum + f.score, 0) / fields.length;
  return { measured: true, score: round1(mean), formula: FORMULA, counts: { fields: fields.length, records: c.records }, fields };
}
