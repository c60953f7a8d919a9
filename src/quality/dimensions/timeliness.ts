/** Timeliness: the share of records submitted within the deadline after their event date. */
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = 'records whose event date is no earlier than (submitted at − deadline) / records with an event date × 100';

export function timeliness(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const t = c.timeliness;
  if (!t) return notMeasured(FORMULA, 'the standard declares no event date or submission deadline');
  if (t.assessed === 0) return notMeasured(FORMULA, 'no record has a valid event date', { ...t });
  return {
    measured: true,
    score: percent(t.onTime, t.assessed),
    formula: FORMULA,
    note: `deadline ${plan.submissionDeadline} after the event${t.unassessable ? `; ${t.unassessable} records without a valid event date are not counted` : ''}`,
    counts: { ...t },
  };
}
