/**
 * Excess default values, and nothing else: for each field that has default ("not known") codes, the share
 * of its given values (where it applies) that are not defaults in excess of the tolerated share,
 *   (filled − defaults in excess) / filled × 100, defaults in excess = max(0, defaults − threshold × records)
 * with records counted where the field applies. Blanks are completeness's and invalid values validity's,
 * so neither counts here again. The DQMI item score, which folds all three together, is in dqmi.ts.
 */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { applicableRecords } from './completeness.js';
import { notMeasured, round1, score1 } from './shared.js';

const FORMULA = 'mean over fields with default codes and values of (filled − max(0, defaults − threshold × records)) / filled × 100';

export function defaults(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const measured = plan.fields.filter((f) => f.defaultCodes.length > 0);
  if (measured.length === 0) return notMeasured(FORMULA, 'no field declares default codes');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  // Each field's score before rounding: the mean is of these, so it is the formula's figure, not a mean of rounded ones.
  const exact: number[] = [];
  const fields = measured.flatMap((f) => {
    const n = c.fields[f.pointer]!;
    if (n.present === 0) return [];
    const records = applicableRecords(c, f.pointer);
    const excess = Math.max(0, n.defaults - f.threshold * records);
    const score = Math.max(0, ((n.present - excess) / n.present) * 100);
    exact.push(score);
    return [
      {
        field: f.pointer,
        score: score1(score),
        filled: n.present,
        defaults: n.defaults,
        threshold: f.threshold,
        records,
        defaultsInExcess: round1(excess),
      },
    ];
  });
  if (fields.length === 0) return notMeasured(FORMULA, 'no field with default codes has a value', { fields: 0, records: c.records });
  const mean = exact.reduce((sum, score) => sum + score, 0) / exact.length;
  // The totals behind the figure, so a reader need not add up the fields: values given, default codes among them, and those beyond the tolerated shares.
  const totals = {
    filled: fields.reduce((sum, f) => sum + f.filled, 0),
    defaults: fields.reduce((sum, f) => sum + f.defaults, 0),
    defaultsInExcess: round1(fields.reduce((sum, f) => sum + f.defaultsInExcess, 0)),
  };
  return { measured: true, score: score1(mean), formula: FORMULA, counts: { fields: fields.length, records: c.records, ...totals }, fields };
}
