/**
 * Quality over time: scorecard points of one standard's submissions, ordered by reporting period (the
 * time made for a submission without one; the store orders them), validity first, and a summary per
 * supplier ranked by its latest overall score (ties by mean). Pure: the submission service has the
 * database select the points (the newest, from score columns) and aggregate each supplier (count, mean,
 * latest), under its one visibility rule, and hands them here; no report is read.
 */
import { score1 } from './dimensions/shared.js';
import { dueByOf, periodDeadline } from './period.js';
import { isDate } from '../validation/date-time.js';

/** One stored submission's scores, as the trends need them. */
export interface TrendPoint {
  id: string;
  organisation: string | null;
  version: string;
  createdAt: string;
  period: { id: string; start: string; end: string } | null;
  /** The period's last day on time as it was when the submission was stored; null or absent when it was not kept. */
  periodDeadline?: string | null;
  records: number;
  failsValidity: boolean | null;
  overall: number | null;
  dimensions: Record<string, number | null>;
}

/** One supplier's scored submissions, aggregated over the whole period (not only the points returned). */
export interface SupplierAggregate {
  organisation: string | null;
  submissions: number;
  meanOverall: number | null;
  latestOverall: number | null;
  latestAt: string;
}

/** A recorded deadline the store holds as YYYY-MM-DD: used only when it is a real day (else the current deadline judges). */
const realDay = (day: string | null | undefined): day is string => typeof day === 'string' && day.length === 10 && isDate(day);

/** A mean of scores to one decimal, 100 only when every score was 100 (a mean of 100 and 99.9 is 99.9). */
const oneDecimal = (n: number | null): number | null => (n === null ? null : score1(n));

/**
 * A point's period with its deadline (the last day on time) and whether the file arrived after it, as the
 * report says it: by the deadline recorded when the submission was stored (`recorded`), so a later edit of
 * the standard's deadline does not rewrite history; for a submission stored before that was kept, by the
 * standard's current deadline after a period's end (`reportingPeriod.deadline`; none: the period's last
 * day). Timeliness scores the records against the period, not the file's arrival, so without this a file
 * sent months late showed only its (good) timeliness score.
 */
function periodWithDeadline(period: NonNullable<TrendPoint['period']>, createdAt: string, deadline: string | undefined, recorded: string | null | undefined) {
  const { dueBy, lastDay } = realDay(recorded) ? { dueBy: dueByOf(recorded), lastDay: recorded } : periodDeadline(period, deadline);
  return { ...period, deadline: lastDay, afterDeadline: Date.parse(createdAt) >= Date.parse(dueBy) };
}

/** `deadline`: the standard's ISO 8601 duration after a period's end by which its file is due. */
export function qualityTrends(standardId: string, rows: readonly TrendPoint[], aggregates: readonly SupplierAggregate[], deadline?: string) {
  const points = rows.map((r) => ({
    submission: r.id,
    supplier: r.organisation,
    version: r.version,
    createdAt: r.createdAt,
    period: r.period ? periodWithDeadline(r.period, r.createdAt, deadline, r.periodDeadline) : null,
    records: r.records,
    validity: r.dimensions.validity ?? null,
    failsValidity: r.failsValidity,
    overall: r.overall,
    dimensions: r.dimensions,
  }));
  const suppliers = aggregates.map((a) => ({
    supplier: a.organisation ?? '(none)',
    submissions: a.submissions,
    latestOverall: a.latestOverall,
    meanOverall: oneDecimal(a.meanOverall),
    latestAt: new Date(a.latestAt).toISOString(),
  }));
  suppliers.sort(
    (a, b) => (b.latestOverall ?? -1) - (a.latestOverall ?? -1) || (b.meanOverall ?? -1) - (a.meanOverall ?? -1) || a.supplier.localeCompare(b.supplier),
  );
  return { standard: standardId, points, suppliers: suppliers.map((s, i) => ({ rank: i + 1, ...s })) };
}

export type QualityTrends = ReturnType<typeof qualityTrends>;
