/**
 * Timeliness: the share of records that reach the submission within the deadline after their event.
 * With a declared reporting period it is judged against the period's published deadline (the file is
 * taken to arrive on its due date), so the figure depends only on the file and its period, never on the
 * moment it is validated: a record is on time when its event is inside the period (or the rolling window
 * its file covers, `reportingPeriod.covers`) or no earlier than (the period's due date − the standard's
 * submission deadline), and an on-time historical file validated again years later scores what it did.
 * A file that arrives after the deadline is reported as such beside the scorecard (`period.afterDeadline`),
 * not scored. Period days are UK days, and a date-only event means its whole UK day (on-time.ts).
 * Without a period: not measured for a standard reported by period (its figure would depend on the day
 * the file is validated), and for one whose files are sent continuously (no `reportingPeriod`), as each
 * arrives: against the time the file's own name says it was made, when its convention has a timestamp
 * and the name keeps it (`plan.sentAt`, file-stamp.ts), so an on-time file read again later scores what
 * it did; else against the time of validation. Where the standard declares an episode end date
 * (standard.yaml `episodeEndDate`), a record whose episode is still ongoing at the cut-off (its end blank,
 * or no earlier than the cut-off) is on time however long before it started: a CLD service that began
 * years ago and is still delivered belongs in every quarter's file.
 * A record whose event is dated after the submission (the time the file was received, as a
 * `notAfter: $submission` rule compares it: on-time.ts SubmissionLimit) is not judged: its event had not
 * happened when the file reporting it was sent, so its date is wrong and its lateness cannot be known.
 * It is left out of the denominator, as a record without a valid event date is, and the note says how
 * many (`afterSubmission`); counting it on time (as before) read 100 for a file of impossible dates.
 */
import { subtractDurationUk } from '../deadline.js';
import { periodStart } from '../period.js';
import { givePeriod } from '../period-advice.js';
import { CutoffJudge, SubmissionLimit } from '../on-time.js';
import type { DimensionScore, QualityCounts, QualityPlan } from '../types.js';
import { notMeasured, percent, records } from './shared.js';
import { toPointer } from '../../validation/pointer.js';
import { applicabilityText } from '../applicability.js';
import { humanDay, humanDuration, humanInstant } from '../human-time.js';

const FORMULA = 'records whose event date is no earlier than the cut-off / records with a valid event date not after the submission × 100';
const EPISODE_FORMULA =
  'records whose event date is no earlier than the cut-off, or whose episode is ongoing at it (end date blank or no earlier than the cut-off) / records with a valid event date not after the submission × 100';

/**
 * The moment timeliness counts back from and judges events as after, without a period: the time the
 * file's own name says it was made (an event after it had not happened when the file was made), else the
 * time the file was received. With a period, events are judged against the receipt as the rules judge them.
 */
export function sentOrReceived(plan: Pick<QualityPlan, 'submittedAt' | 'sentAt' | 'period'>): number {
  return Date.parse(!plan.period && plan.sentAt ? plan.sentAt : plan.submittedAt);
}

/**
 * The earliest on-time event instant (epoch ms). With a period: the earlier of the first instant of the
 * period, or of its window (midnight UK time), and (its due date − the submission deadline). Without one:
 * the file's own time (its name's timestamp), or else the time of validation, − the submission deadline. The deadline is taken on the UK's clocks (deadline.ts):
 * P7D before 00:30 BST on 2 April is 00:30 GMT on 26 March, not 23:30 GMT on 25 March.
 */
export function timelinessCutoff(plan: Pick<QualityPlan, 'submissionDeadline' | 'submittedAt' | 'sentAt' | 'period'>): number | undefined {
  if (!plan.submissionDeadline) return undefined;
  if (!plan.period) return subtractDurationUk(sentOrReceived(plan), plan.submissionDeadline);
  const due = Date.parse(plan.period.dueBy);
  const fromDue = subtractDurationUk(due, plan.submissionDeadline);
  return fromDue === undefined ? undefined : Math.min(periodStart(plan.period), fromDue);
}

/** The cut-off as the note says it: the instant, and the first date on time for a date-only event. */
function onTimeFrom(plan: QualityPlan): string {
  const cutoff = timelinessCutoff(plan);
  if (cutoff === undefined) return '';
  return `; events from ${humanInstant(cutoff)} are on time (a date without a time from ${humanDay(new CutoffJudge(cutoff).day)}, as it means the whole UK day)`;
}

function basis(plan: QualityPlan): string {
  if (!plan.period && plan.sentAt)
    return (
      `measured against the time the file's name says it was made (${humanInstant(plan.sentAt)}), not the time of validation, as no reporting period was given, so it does not change with the day the file is validated${onTimeFrom(plan)}; ` +
      `to judge the file against the period it is for, ${givePeriod(undefined)}`
    );
  if (!plan.period)
    return (
      `measured against the time of validation, as no reporting period was given, so it changes with the day the file is validated (a file validated long after it was sent scores low); ` +
      `events from the time of validation − ${humanDuration(plan.submissionDeadline ?? '')} are on time, and a date without a time when its UK day reaches that instant; ` +
      `to judge the file against the period it is for, ${givePeriod(undefined)}`
    );
  const from = onTimeFrom(plan);
  const p = plan.period;
  const covering = p.coversFrom ? `, its file covering ${humanDay(p.coversFrom)} to ${humanDay(p.end)}` : '';
  const what = `the reporting period ${p.id} (${humanDay(p.start)} to ${humanDay(p.end)}${covering}, due by the end of ${humanDay(p.lastDay)}, UK time)`;
  return (
    `measured against ${what}, not the time of validation${from}` +
    (Date.parse(plan.submittedAt) >= Date.parse(p.dueBy)
      ? `; the file itself arrived after the deadline (${humanInstant(plan.submittedAt)}), which is reported beside the scorecard and not scored: timeliness asks whether each record's event is recent enough for this period's file, as if the file had arrived by its deadline, so a late file can still score 100 here`
      : '')
  );
}

/** What the note says of ongoing episodes, when the standard declares an episode end date. */
function episodes(plan: QualityPlan, t: NonNullable<QualityCounts['timeliness']>): string {
  if (!plan.episodeEndDate) return '';
  const end = plan.episodeEndDate.join('.');
  return `; a record whose episode is ongoing at the cut-off (${end} blank or no earlier than it) is on time however long before it started, ${t.ongoing ?? 0} such ${t.ongoing === 1 ? 'record' : 'records'}`;
}

/** What the note says of records dated after the submission, when there are any. */
function afterSubmission(plan: QualityPlan, t: NonNullable<QualityCounts['timeliness']>): string {
  const count = t.afterSubmission ?? 0;
  if (count === 0) return '';
  const limit = new SubmissionLimit(sentOrReceived(plan), plan.eventSubmissionRule);
  const at = humanInstant(sentOrReceived(plan));
  const sent = !plan.period && plan.sentAt !== undefined;
  const id = plan.eventSubmissionRule?.id;
  const rule = id ? (sent ? `, the skew and calendar of the standard's rule ${id}` : `, as the standard's rule ${id} judges it`) : '';
  const what = sent ? "dated after the file was made (its name's time" : 'dated after the submission (';
  return (
    `${records(count, what)}${what.endsWith('(') ? '' : ', '}${at}, with ${humanDuration(limit.skew)} for clocks that differ; a date without a time after ${humanDay(limit.day)}, its ${limit.calendar === 'utc' ? 'UTC' : 'UK'} day${rule}) ` +
    `${count === 1 ? 'was' : 'were'} not judged: an event cannot be reported before it happens, so the date is wrong and whether the record was on time cannot be known`
  );
}

/**
 * What the note says of records the event date does not apply to (`x-applicable`: a batch file's DELETE
 * rows), when there are any: they are not judged, as deleting an old record is not sending it late.
 */
function notApplicable(plan: QualityPlan, c: QualityCounts): string {
  if (!plan.eventDate) return '';
  const pointer = toPointer(plan.eventDate);
  const field = plan.fields.find((f) => f.pointer === pointer);
  const count = c.fields[pointer]?.notApplicable ?? 0;
  if (!field?.applicableWhen || count === 0) return '';
  const when = applicabilityText(field.applicableWhen);
  return `${records(count, 'the event date does not apply to')}, as it applies only when ${when}, ${count === 1 ? 'is' : 'are'} not judged`;
}

export function timeliness(plan: QualityPlan, c: QualityCounts): DimensionScore {
  const formula = plan.episodeEndDate ? EPISODE_FORMULA : FORMULA;
  const t = c.timeliness;
  if (!t) return notMeasured(formula, 'the standard declares no event date or submission deadline');
  if (c.records === 0) return notMeasured(formula, 'the submission has no records', { ...t });
  // A standard reported by period judges a file against its period's deadline: without the period the
  // figure would be the distance from the day the file happens to be validated, so an on-time file
  // validated a month later would read 0.
  if (!plan.period && plan.periodKind)
    return notMeasured(
      formula,
      `no reporting period was given: this standard is reported by ${plan.periodKind.replace('-', ' ')} and a file is judged against its period's deadline, not the day it is validated; to measure timeliness, ${givePeriod(plan.periodKind)}`,
      { ...t },
    );
  const after = afterSubmission(plan, t);
  const skipped = notApplicable(plan, c);
  if (t.assessed === 0)
    return notMeasured(
      formula,
      (after
        ? `no record has a valid event date on or before ${!plan.period && plan.sentAt ? 'the time the file was made' : 'the submission'}: ${after}; ${basis(plan)}`
        : `no record has a valid event date; ${basis(plan)}`) + (skipped ? `; ${skipped}` : ''),
      { ...t },
    );
  return {
    measured: true,
    score: percent(t.onTime, t.assessed),
    formula,
    note:
      `deadline ${humanDuration(plan.submissionDeadline ?? '')} after the event, ${basis(plan)}${episodes(plan, t)}` +
      (after ? `; ${after}` : '') +
      (skipped ? `; ${skipped}` : '') +
      (t.unassessable ? `; ${records(t.unassessable, 'without a valid event date')} ${t.unassessable === 1 ? 'is' : 'are'} not counted` : ''),
    counts: { ...t },
  };
}
