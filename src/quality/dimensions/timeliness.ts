/**
 * Timeliness: the share of records that reach the submission within the deadline after their event.
 * With a declared reporting period it is judged against the period's deadline (the file is assumed to
 * arrive on its due date), so the figure depends only on the file and its period, never on the clock; a
 * record is on time when its event is inside the period or no earlier than (the period's due date − the
 * standard's submission deadline). Without a period, against the time of validation, as before.
 */
import { subtractDuration } from '../deadline.js';
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = 'records whose event date is no earlier than the cut-off / records with a valid event date × 100';

/**
 * The earliest on-time event instant (epoch ms). With a period: the earlier of its first day and (its due
 * date − the submission deadline); without one: the time of validation − the submission deadline.
 */
export function timelinessCutoff(plan: Pick<QualityPlan, 'submissionDeadline' | 'submittedAt' | 'period'>): number | undefined {
  if (!plan.submissionDeadline) return undefined;
  if (!plan.period) return subtractDuration(Date.parse(plan.submittedAt), plan.submissionDeadline);
  const fromDue = subtractDuration(Date.parse(plan.period.dueBy), plan.submissionDeadline);
  const start = Date.parse(`${plan.period.start}T00:00:00Z`);
  return fromDue === undefined ? undefined : Math.min(start, fromDue);
}

function basis(plan: QualityPlan): string {
  if (!plan.period)
    return 'measured against the time of validation (plan.submittedAt), as no reporting period was declared, so it changes with the day the file is validated';
  const cutoff = timelinessCutoff(plan);
  const from = cutoff === undefined ? '' : `; events from ${new Date(cutoff).toISOString().replace('.000Z', 'Z')} are on time`;
  const p = plan.period;
  const late = Date.parse(plan.submittedAt) >= Date.parse(p.dueBy);
  return (
    `measured against the reporting period ${p.id} (${p.start} to ${p.end}, due by the end of ${p.lastDay}), not the time of validation${from}` +
    (late ? '; the file itself arrived after the deadline, which is reported beside the scorecard and not scored' : '')
  );
}

export function timeliness(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const t = c.timeliness;
  if (!t) return notMeasured(FORMULA, 'the standard declares no event date or submission deadline');
  if (t.assessed === 0) return notMeasured(FORMULA, `no record has a valid event date; ${basis(plan)}`, { ...t });
  return {
    measured: true,
    score: percent(t.onTime, t.assessed),
    formula: FORMULA,
    note:
      `deadline ${plan.submissionDeadline} after the event, ${basis(plan)}` +
      (t.unassessable ? `; ${t.unassessable} records without a valid event date are not counted` : ''),
    counts: { ...t },
  };
}
