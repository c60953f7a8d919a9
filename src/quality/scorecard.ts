/**
 * The scorecard: each dimension from the same counts, and the overall score as the weighted mean of the
 * measured dimensions (weights renormalised over those measured). It is a pure function of the plan and
 * the counts, so a stored scorecard can always be recomputed from its own `plan` and `counts`.
 */
import type { DimensionName, DimensionScore, QualityCounts, QualityPlan, Scorecard } from './types.js';
import { validity } from './dimensions/validity.js';
import { completeness } from './dimensions/completeness.js';
import { uniqueness } from './dimensions/uniqueness.js';
import { consistency } from './dimensions/consistency.js';
import { timeliness } from './dimensions/timeliness.js';
import { defaults } from './dimensions/defaults.js';
import { round1 } from './dimensions/shared.js';
import { pointerSegments, toPointer } from '../validation/pointer.js';

export const WEIGHTS: Record<DimensionName, number> = { validity: 30, completeness: 20, uniqueness: 15, consistency: 15, timeliness: 10, defaults: 10 };

export function computeScorecard(plan: QualityPlan, counts: QualityCounts): Scorecard {
  const dimensions: Record<DimensionName, DimensionScore> = {
    validity: validity(plan, counts),
    completeness: completeness(plan, counts),
    uniqueness: uniqueness(counts),
    consistency: consistency(counts),
    timeliness: timeliness(plan, counts),
    defaults: defaults(plan, counts),
  };
  let weighted = 0;
  let weight = 0;
  for (const [name, d] of Object.entries(dimensions) as [DimensionName, DimensionScore][]) {
    if (!d.measured || d.score === null) continue;
    weighted += d.score * WEIGHTS[name];
    weight += WEIGHTS[name];
  }
  return {
    overall: weight > 0 ? round1(weighted / weight) : null,
    weights: WEIGHTS,
    dimensions,
    accuracy: { measured: false, note: 'accuracy (agreement with reality) cannot be measured from a submission alone' },
    plan: {
      fields: plan.fields.map((f) => ({ field: f.pointer, required: f.required, expected: f.expected, defaultCodes: f.defaultCodes, threshold: f.threshold })),
      recordKey: plan.recordKey?.map(toPointer) ?? null,
      eventDate: plan.eventDate ? toPointer(plan.eventDate) : null,
      submissionDeadline: plan.submissionDeadline,
      submittedAt: plan.submittedAt,
    },
    counts,
  };
}

/** Recomputes a stored scorecard from its own plan and counts (they are all it depends on). */
export function recomputeScorecard(scorecard: Scorecard): Scorecard {
  const plan: QualityPlan = {
    fields: scorecard.plan.fields.map((f) => ({
      pointer: f.field,
      segments: pointerSegments(f.field),
      required: f.required,
      expected: f.expected,
      defaultCodes: f.defaultCodes,
      threshold: f.threshold,
    })),
    recordKey: scorecard.plan.recordKey?.map(pointerSegments) ?? null,
    eventDate: scorecard.plan.eventDate ? pointerSegments(scorecard.plan.eventDate) : null,
    submissionDeadline: scorecard.plan.submissionDeadline,
    consistencyRules: Object.keys(scorecard.counts.consistency?.failedByRule ?? {}),
    submittedAt: scorecard.plan.submittedAt,
  };
  return computeScorecard(plan, scorecard.counts);
}
