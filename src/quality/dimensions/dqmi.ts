/**
 * NHS England's DQMI item score, per measured field, shown beside the dimensions for comparison and never
 * weighted into the overall score: it counts a blank, an invalid value and a default in excess all
 * against the item, which completeness, validity and defaults already score. Over the records where the
 * field applies (`x-applicable`):
 *   item score = (valid and complete − defaults in excess) / records × 100,
 *   defaults in excess = max(0, defaults − threshold × records).
 * The DQMI multiplies the mean item score by coverage, which one submission cannot know (docs/quality.md).
 */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { applicableRecords } from './completeness.js';
import { notMeasured, round1, score1 } from './shared.js';

const FORMULA = 'mean over measured fields of (valid and complete − max(0, defaults − threshold × records)) / records × 100';

/** The DQMI item score (NHS England methodology), 0–100, before rounding. */
function exactItemScore(records: number, validAndComplete: number, defaults: number, threshold: number): number {
  const excess = Math.max(0, defaults - threshold * records);
  return Math.max(0, ((validAndComplete - excess) / records) * 100);
}

/** The DQMI item score (NHS England methodology), 0–100 with one decimal. */
export function dqmiItemScore(records: number, validAndComplete: number, defaults: number, threshold: number): number {
  return score1(exactItemScore(records, validAndComplete, defaults, threshold));
}

export function dqmi(plan: QualityPlan, c: QualityCounts): DimensionScore {
  if (plan.fields.length === 0) return notMeasured(FORMULA, 'no field is required, expected or has default codes');
  if (c.records === 0) return notMeasured(FORMULA, 'the submission has no records');
  // Each item's score before rounding: the mean is of these, not of the rounded ones.
  const exact: number[] = [];
  const fields = plan.fields.flatMap((f) => {
    const n = c.fields[f.pointer]!;
    const records = applicableRecords(c, f.pointer);
    if (records === 0) return [];
    const validAndComplete = n.present - n.invalid;
    const score = exactItemScore(records, validAndComplete, n.defaults, f.threshold);
    exact.push(score);
    return [
      {
        field: f.pointer,
        score: score1(score),
        records,
        validAndComplete,
        defaults: n.defaults,
        threshold: f.threshold,
        defaultsInExcess: round1(Math.max(0, n.defaults - f.threshold * records)),
      },
    ];
  });
  if (fields.length === 0) return notMeasured(FORMULA, 'no measured field applies to any record');
  const mean = exact.reduce((sum, score) => sum + score, 0) / exact.length;
  return {
    measured: true,
    score: score1(mean),
    formula: FORMULA,
    note: 'NHS England DQMI item scores without coverage, for comparison; not part of the overall score, which already counts blanks (completeness), invalid values (validity) and excess defaults (defaults)',
    counts: { fields: fields.length, records: c.records },
    fields,
  };
}
