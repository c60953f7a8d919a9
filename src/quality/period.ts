/**
 * Reporting periods: the id a submission names its period by, read into inclusive calendar dates, and
 * the period's deadline. The syntax (docs/quality.md):
 *   2026-11                  a month
 *   2026-Q3                  a calendar quarter (Q1 = January to March)
 *   2026-27-Q1, 2026/27-Q1   a quarter of the NHS financial year 2026-27 (Q1 = April to June 2026)
 *   2026-27, 2026/27         an NHS financial year (1 April 2026 to 31 March 2027)
 *   2026-04-01/2026-06-30    explicit inclusive dates
 * `FY` may prefix a financial year or its quarter (FY2026-27, FY2026-27-Q1); a year pair whose second
 * half is 01 to 12 reads as a month, so the financial years 2000-01 to 2011-12 need it. A range that
 * covers exactly one month, quarter or financial year is of that kind; any other range is of kind `range`.
 */
import { ukMidnight } from '../validation/date-time.js';
import { addDuration, subtractDuration } from './deadline.js';

export const PERIOD_KINDS = ['month', 'quarter', 'financial-year'] as const;
export type DeclaredPeriodKind = (typeof PERIOD_KINDS)[number];
export type PeriodKind = DeclaredPeriodKind | 'range';

export interface ReportingPeriod {
  /** The id as the submission names it, normalised (upper-case Q and FY, hyphens between years). */
  id: string;
  kind: PeriodKind;
  /** Inclusive calendar dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

/** An example id of each kind, for messages. */
export const PERIOD_EXAMPLES: Record<PeriodKind, string> = {
  month: '2026-11',
  quarter: '2026-Q3 or 2026-27-Q1',
  'financial-year': '2026-27',
  range: '2026-04-01/2026-06-30',
};

/** The longest id read (the range form is 21 characters). */
export const MAX_PERIOD_ID_LENGTH = 40;

const HOW =
  'write a month as 2026-11, a calendar quarter as 2026-Q3, a financial year as 2026-27, a financial-year quarter as 2026-27-Q1, or dates as 2026-04-01/2026-06-30';

/** A period id that cannot be read; the message says why and how to write one. */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The dates of `months` whole months from the first of (year, month). */
function months(year: number, month: number, count: number): { start: string; end: string } {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month - 1 + count - 1, 1));
  const [ey, em] = [last.getUTCFullYear(), last.getUTCMonth() + 1];
  return { start: iso(first.getUTCFullYear(), first.getUTCMonth() + 1, 1), end: iso(ey, em, lastDay(ey, em)) };
}

function checkYear(year: number, id: string): void {
  if (year < 1900 || year > 2999) throw new PeriodError(`reporting period "${id}": the year ${year} is out of range (1900 to 2999)`);
}

/** The financial year's start year from `YYYY-YY`, checking that the two years follow each other. */
function financialYear(first: string, second: string, id: string): number {
  const year = Number(first);
  checkYear(year, id);
  if (Number(second) !== (year + 1) % 100) {
    throw new PeriodError(`reporting period "${id}": a financial year runs from April to March, so ${first} is followed by ${pad((year + 1) % 100)}`);
  }
  return year;
}

function quarterNumber(text: string, id: string): number {
  const q = Number(text);
  if (q < 1 || q > 4) throw new PeriodError(`reporting period "${id}": there is no quarter Q${text}; quarters are Q1 to Q4`);
  return q;
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month);
}

/** The kind of an explicit range: the month, quarter or financial year it covers exactly, or `range`. */
function kindOfRange(start: string, end: string): PeriodKind {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  if (d !== 1) return 'range';
  if (months(y, m, 1).end === end) return 'month';
  if ((m - 1) % 3 === 0 && months(y, m, 3).end === end) return 'quarter';
  if (m === 4 && months(y, 4, 12).end === end) return 'financial-year';
  return 'range';
}

/** Reads a period id; a PeriodError says what is wrong with one that cannot be read. */
export function parsePeriod(text: string): ReportingPeriod {
  const raw = text.trim();
  if (raw === '') throw new PeriodError(`the reporting period is empty; ${HOW}`);
  if (raw.length > MAX_PERIOD_ID_LENGTH) throw new PeriodError(`the reporting period is longer than ${MAX_PERIOD_ID_LENGTH} characters; ${HOW}`);
  const id = raw.toUpperCase();
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})\/(\d{4})-(\d{2})-(\d{2})$/.exec(id))) {
    const [start, end] = [id.slice(0, 10), id.slice(11)];
    for (const date of [start, end]) if (!isRealDate(date)) throw new PeriodError(`reporting period "${raw}": ${date} is not a calendar date`);
    checkYear(Number(start.slice(0, 4)), raw);
    checkYear(Number(end.slice(0, 4)), raw);
    if (end < start) throw new PeriodError(`reporting period "${raw}": the end ${end} is before the start ${start}`);
    return { id, kind: kindOfRange(start, end), start, end };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(id)) && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const year = Number(match[1]);
    checkYear(year, raw);
    return { id, kind: 'month', ...months(year, Number(match[2]), 1) };
  }
  if ((match = /^(\d{4})-Q(\d)$/.exec(id))) {
    const year = Number(match[1]);
    checkYear(year, raw);
    return { id, kind: 'quarter', ...months(year, (quarterNumber(match[2]!, raw) - 1) * 3 + 1, 3) };
  }
  if ((match = /^(?:FY)?(\d{4})[-/](\d{2})-Q(\d)$/.exec(id))) {
    const year = financialYear(match[1]!, match[2]!, raw);
    const q = quarterNumber(match[3]!, raw);
    return { id: `${match[1]}-${match[2]}-Q${q}`, kind: 'quarter', ...months(year, 4 + (q - 1) * 3, 3) };
  }
  if ((match = /^(?:FY)?(\d{4})[-/](\d{2})$/.exec(id))) {
    // 2026-13 is neither a month nor a financial year: say which month numbers exist.
    if (!id.startsWith('FY') && id[4] === '-' && Number(match[2]) !== (Number(match[1]) + 1) % 100) {
      throw new PeriodError(`reporting period "${raw}": month ${match[2]} does not exist (months are 01 to 12), nor does it start a financial year; ${HOW}`);
    }
    const year = financialYear(match[1]!, match[2]!, raw);
    return { id: `${match[1]}-${match[2]}`, kind: 'financial-year', ...months(year, 4, 12) };
  }
  // The caller's text, shown only when it is plain printable ASCII (never a control or bidirectional character).
  const shown = /^[\x20-\x7e]+$/.test(raw) ? `"${raw}"` : 'the text given';
  throw new PeriodError(`${shown} is not a reporting period; ${HOW}`);
}

/**
 * The period's deadline: `duration` (ISO 8601, standard.yaml `reportingPeriod.deadline`) after the
 * period ends, as the instant the file is due by (exclusive) and the last day it is on time. Days are UK
 * days: the period ends at midnight UK time at the start of the day after its last date, and the file is
 * due by midnight UK time at the end of its last day (23:00 UTC in BST), so a quarter ending 30 June with
 * P1M is due by the end of 31 July in the UK, 2026-07-31T23:00Z. No duration (P0D) makes the period's own
 * last day the deadline.
 */
export function periodDeadline(period: Pick<ReportingPeriod, 'end'>, duration = 'P0D'): { dueBy: string; lastDay: string } {
  const after = Date.parse(`${period.end}T00:00:00Z`) + 86_400_000;
  const due = addDuration(after, duration);
  if (due === undefined) throw new PeriodError(`the reporting period deadline "${duration}" is not an ISO 8601 duration of years, months, weeks and days`);
  return {
    dueBy: new Date(ukMidnight(new Date(due).toISOString().slice(0, 10))).toISOString(),
    lastDay: new Date(due - 86_400_000).toISOString().slice(0, 10),
  };
}

/** When a file is due by, given its period's last day on time (as periodDeadline's `lastDay`): that day's end, UK time. */
export function dueByOf(lastDay: string): string {
  const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(ukMidnight(next)).toISOString();
}

/**
 * The first and the last instant (inclusive) of a UK day (YYYY-MM-DD), as ISO 8601 instants: a range of
 * days received (`GET /v1/quality?from=&to=`, the dashboard's filters) is of UK days, as deadlines are.
 */
export function ukDayBounds(day: string): { first: string; last: string } {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { first: new Date(ukMidnight(day)).toISOString(), last: new Date(ukMidnight(next) - 1).toISOString() };
}

/**
 * The first day of the data a period's file carries when the standard declares a rolling window,
 * `covers` (ISO 8601) ending with the period's last day: CLD's quarterly file carries 12 months (P12M),
 * so the quarter April to June 2024 covers 1 July 2023 to 30 June 2024. Nothing when no window is
 * declared or it reaches no further back than the period.
 */
export function periodWindow(period: Pick<ReportingPeriod, 'start' | 'end'>, covers?: string): { coversFrom?: string } {
  if (covers === undefined) return {};
  const from = subtractDuration(Date.parse(`${period.end}T00:00:00Z`) + 86_400_000, covers);
  if (from === undefined) throw new PeriodError(`the reporting period window "${covers}" is not an ISO 8601 duration of years, months, weeks and days`);
  const coversFrom = new Date(from).toISOString().slice(0, 10);
  return coversFrom < period.start ? { coversFrom } : {};
}

/** The instant the period's data starts: midnight UK time at the start of its first day, or of its window's. */
export function periodStart(period: Pick<ReportingPeriod, 'start'> & { coversFrom?: string }): number {
  return ukMidnight(period.coversFrom ?? period.start);
}
