/** Completeness: the fill rate of the required and expected (`x-expected`) fields over all records. */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = 'filled required and expected fields / (records × those fields) × 100';

export function completeness(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const measured = plan.fields.filter((f) => f.required || f.expected);
  if (measured.length === 0) return notMeasured(FORMULA, 'the standard declares no required or expected fields');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  let filled = 0;
  const fields = measured.map((f) => {
    const present = c.fields[f.pointer]!.present;
    filled += present;
    return { field: f.pointer, score: percent(present, c.records), filled: present, records: c.records, kind: f.required ? 'required' : 'expected' };
  });
  const cells = c.records * measured.length;
  return { measured: true, score: percent(filled, cells), formula: FORMULA, counts: { filled, cells, fields: measured.length }, fields };
}
