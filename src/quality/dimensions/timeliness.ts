/**
 * Timeliness: the share of records that reach the submission within the deadline after their event.
 * With a declared reporting period and a file that arrives by the period's deadline, it is judged as if
 * the file arrived on its due date, so the figure depends only on the file and its period, not on the day
 * it came in: a record is on time when its event is inside the period (or the rolling window its file
 * covers, `reportingPeriod.covers`) or no earlier than (the period's
 * due date − the standard's submission deadline). A file that arrives (is submitted, or trial-run) after
 * the deadline is judged at its real arrival, like a file without a period: a record is on time only when its event is no earlier than
 * (the arrival − the submission deadline), so a late file scores less. A file only validated (the CLI)
 * is judged as of the due date whenever it is validated, so an old file scores what it did on time.
 * Period days are UK days.
 */
import { subtractDuration } from '../deadline.js';
import { periodStart } from '../period.js';
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent } from './shared.js';

const FORMULA = 'records whose event date is no earlier than the cut-off / records with a valid event date × 100';

/**
 * The earliest on-time event instant (epoch ms). With a period and a file on time: the earlier of the
 * first instant of the period, or of its window (midnight UK time), and (its due date − the submission deadline). With a file
 * that arrived after the period's deadline, or without a period: the arrival − the submission deadline.
 */
export function timelinessCutoff(plan: Pick<QualityPlan, 'submissionDeadline' | 'submittedAt' | 'period'>): number | undefined {
  if (!plan.submissionDeadline) return undefined;
  const submitted = Date.parse(plan.submittedAt);
  if (!plan.period || arrivedLate(plan)) return subtractDuration(submitted, plan.submissionDeadline);
  const due = Date.parse(plan.period.dueBy);
  const fromDue = subtractDuration(due, plan.submissionDeadline);
  return fromDue === undefined ? undefined : Math.min(periodStart(plan.period), fromDue);
}

/** Whether the file arrived (not only was validated) after its period's deadline. */
function arrivedLate(plan: Pick<QualityPlan, 'submittedAt' | 'period'>): boolean {
  return plan.period?.arrival === true && Date.parse(plan.submittedAt) >= Date.parse(plan.period.dueBy);
}

function basis(plan: QualityPlan): string {
  if (!plan.period)
    return 'measured against the time of validation (plan.submittedAt), as no reporting period was declared, so it changes with the day the file is validated';
  const cutoff = timelinessCutoff(plan);
  const from = cutoff === undefined ? '' : `; events from ${new Date(cutoff).toISOString().replace('.000Z', 'Z')} are on time`;
  const p = plan.period;
  const covering = p.coversFrom ? `, its file covering ${p.coversFrom} to ${p.end}` : '';
  const what = `the reporting period ${p.id} (${p.start} to ${p.end}${covering}, due by the end of ${p.lastDay}, UK time)`;
  return arrivedLate(plan)
    ? `measured against ${what}; the file arrived after the deadline, so each record is judged at the time the file arrived${from}`
    : `measured against ${what}, not the time of validation${from}` +
        (Date.parse(plan.submittedAt) >= Date.parse(p.dueBy)
          ? '; validated after the deadline, but not as an arriving submission, so judged as if it arrived on its due date'
          : '');
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
