/**
 * The scorecard: each dimension from the same counts; validity first, as the headline's first figure;
 * the overall score as the weighted mean of the measured dimensions (weights renormalised over those
 * measured), capped at validity and marked "fails validity" when validity is below the standard's gate;
 * and the DQMI item scores beside them. It is a pure function of the plan and the counts, so a stored
 * scorecard can always be recomputed from its own `plan` and `counts`.
 */
import type { DimensionName, DimensionScore, QualityCounts, QualityPlan, Scorecard, ValidityStatus } from './types.js';
import { validity } from './dimensions/validity.js';
import { completeness } from './dimensions/completeness.js';
import { uniqueness } from './dimensions/uniqueness.js';
import { consistency } from './dimensions/consistency.js';
import { timeliness } from './dimensions/timeliness.js';
import { defaults } from './dimensions/defaults.js';
import { dqmi } from './dimensions/dqmi.js';
import { round1, score1 } from './dimensions/shared.js';
import { DEFAULT_VALIDITY_GATE } from './plan.js';
import { pointerSegments, toPointer } from '../validation/pointer.js';

export const WEIGHTS: Record<DimensionName, number> = { validity: 30, completeness: 20, uniqueness: 15, consistency: 15, timeliness: 10, defaults: 10 };

/** The headline: validity against the gate, and the overall score capped at validity when it fails. */
export function headline(validityScore: number | null, weightedMean: number | null, gateShare: number) {
  const validityGate = round1(gateShare * 100);
  const status: ValidityStatus = validityScore === null ? 'not-measured' : validityScore < validityGate ? 'fails-validity' : 'meets-validity-gate';
  const failsValidity = status === 'fails-validity';
  const overall = failsValidity && weightedMean !== null ? Math.min(weightedMean, validityScore!) : weightedMean;
  return { validity: validityScore, status, failsValidity, validityGate, overall };
}

export function computeScorecard(plan: QualityPlan, counts: QualityCounts): Scorecard {
  const dimensions: Record<DimensionName, DimensionScore> = {
    validity: validity(plan, counts),
    completeness: completeness(plan, counts),
    uniqueness: uniqueness(plan, counts),
    consistency: consistency(counts, plan),
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
  const weightedMean = weight > 0 ? score1(weighted / weight) : null;
  const head = headline(dimensions.validity.score, weightedMean, plan.validityGate);
  return {
    validity: head.validity,
    status: head.status,
    failsValidity: head.failsValidity,
    validityGate: head.validityGate,
    overall: head.overall,
    weightedMean,
    weights: WEIGHTS,
    dimensions,
    dqmi: dqmi(plan, counts),
    accuracy: { measured: false, note: 'accuracy (agreement with reality) cannot be measured from a submission alone' },
    plan: {
      fields: plan.fields.map((f) => ({
        field: f.pointer,
        required: f.required,
        expected: f.expected,
        defaultCodes: f.defaultCodes,
        threshold: f.threshold,
        ...(f.applicableWhen ? { applicableWhen: f.applicableWhen } : {}),
      })),
      recordKey: plan.recordKey?.map(toPointer) ?? null,
      ...(plan.keyOptional ? { recordKeyOptional: plan.keyOptional.map(toPointer) } : {}),
      eventDate: plan.eventDate ? toPointer(plan.eventDate) : null,
      ...(plan.episodeEndDate ? { episodeEndDate: toPointer(plan.episodeEndDate) } : {}),
      submissionDeadline: plan.submissionDeadline,
      ...(plan.eventSubmissionRule ? { eventSubmissionRule: plan.eventSubmissionRule } : {}),
      submittedAt: plan.submittedAt,
      ...(plan.sentAt ? { sentAt: plan.sentAt } : {}),
      period: plan.period,
      ...(plan.periodKind ? { periodKind: plan.periodKind } : {}),
      validityGate: plan.validityGate,
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
      ...(f.applicableWhen ? { applicableWhen: f.applicableWhen } : {}),
    })),
    recordKey: scorecard.plan.recordKey?.map(pointerSegments) ?? null,
    ...(scorecard.plan.recordKeyOptional ? { keyOptional: scorecard.plan.recordKeyOptional.map(pointerSegments) } : {}),
    eventDate: scorecard.plan.eventDate ? pointerSegments(scorecard.plan.eventDate) : null,
    ...(scorecard.plan.episodeEndDate ? { episodeEndDate: pointerSegments(scorecard.plan.episodeEndDate) } : {}),
    submissionDeadline: scorecard.plan.submissionDeadline,
    // Scorecards stored before it was kept judged events after the submission by the rule's defaults.
    ...(scorecard.plan.eventSubmissionRule ? { eventSubmissionRule: scorecard.plan.eventSubmissionRule } : {}),
    consistencyRules: Object.keys(scorecard.counts.consistency?.failedByRule ?? {}),
    submittedAt: scorecard.plan.submittedAt,
    // Scorecards stored before the file's own time was read were judged against the time of validation.
    ...(scorecard.plan.sentAt ? { sentAt: scorecard.plan.sentAt } : {}),
    // Scorecards stored before reporting periods and the gate had neither.
    period: scorecard.plan.period ?? null,
    // Scorecards stored before it was kept were judged against the time of validation without a period.
    ...(scorecard.plan.periodKind ? { periodKind: scorecard.plan.periodKind } : {}),
    validityGate: scorecard.plan.validityGate ?? DEFAULT_VALIDITY_GATE,
  };
  return computeScorecard(plan, scorecard.counts);
}
