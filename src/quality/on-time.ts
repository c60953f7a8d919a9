/**
 * Whether a date is no earlier than the timeliness cut-off (dimensions/timeliness.ts). A date-time is an
 * instant and is compared as one. A date alone (`2026-07-02`, or the compact wire form `20260702`) means
 * the whole of that UK day, so it is on time when its day reaches the cut-off at all: when the date is no
 * earlier than the UK date of the cut-off. A day that ends exactly at the cut-off (midnight UK time, as a
 * period's first instant is) is before it. Before this rule a date-only value was read as midnight UTC,
 * so an event on the cut-off day counted late when the cut-off fell later that day (no reporting period:
 * the time of validation minus the deadline), and in BST a date whose UK day had ended could count on time.
 */
import { compactToIso, parseTime, ukCalendarDate, utcCalendarDate } from '../validation/date-time.js';
import { DEFAULT_SKEW, durationMs } from '../validation/consistency-rules.js';
import { NON_ASCII } from '../validation/decimal-digits.js';
import type { SubmissionRule } from './types.js';

/**
 * The `YYYY-MM-DD` of a date-only value (RFC 3339 or compact), or undefined for anything else. In ASCII
 * only an RFC 3339 date (10 characters) or a compact one (8) is a date alone, told without making text:
 * this runs for every record's event date, and a date-time made into RFC 3339 text only to be dropped cost
 * the batch file a tenth of its speed. A value in another script's digits is read as its format reads it.
 */
export function dateOnly(value: string): string | undefined {
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) return value;
  if (value.length !== 8 && !NON_ASCII.test(value)) return undefined;
  const iso = compactToIso(value); // the compact form in any digits its format reads, as the rules read it
  return iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 ? iso : undefined;
}

export class CutoffJudge {
  /** The UK calendar date of the cut-off: the first whole or part day on time. */
  readonly day: string;

  constructor(readonly cutoff: number) {
    this.day = ukCalendarDate(cutoff);
  }

  /** True when `value` is no earlier than the cut-off, false when it is earlier, undefined when it is not a date. */
  onTime(value: unknown): boolean | undefined {
    const time = parseTime(value);
    if (time === undefined) return undefined;
    return this.onTimeAt(time, dateOnly(value as string));
  }

  /** onTime of a value already read: its instant, and its date when it is a date alone (dateOnly). */
  onTimeAt(time: number, date: string | undefined): boolean {
    return date === undefined ? time >= this.cutoff : date >= this.day;
  }
}

/**
 * Whether an event is dated after the submission, as a `notAfter: "$submission"` rule judges it
 * (validation/consistency-rules.ts): the standard's own rule on the event date when it declares one
 * (QualityPlan.eventSubmissionRule), else the rule's defaults. A date-time after the time of receipt plus
 * the skew (DEFAULT_SKEW: clocks differ), a date alone (RFC 3339 or compact) after the calendar date of
 * that moment (the UK date by default, the UTC date with `calendar: utc`). Such an event had not happened
 * when the file reporting it was sent, so its date is wrong and whether it was reported in time cannot be
 * known: timeliness does not judge it (dimensions/timeliness.ts).
 */
export class SubmissionLimit {
  /** The latest instant an event may have, and the latest date a date alone may be. */
  readonly latest: number;
  readonly day: string;
  /** A date before which any RFC 3339 value is surely not after the limit, compared as text (offsets are under a day). */
  readonly surelyBefore: string;
  readonly skew: string;
  readonly calendar: 'uk' | 'utc';

  constructor(submittedAt: number, rule?: SubmissionRule) {
    this.skew = rule?.skew ?? DEFAULT_SKEW;
    this.calendar = rule?.calendar ?? 'uk';
    this.latest = submittedAt + (durationMs(this.skew) ?? 0);
    this.day = this.calendar === 'utc' ? utcCalendarDate(this.latest) : ukCalendarDate(this.latest);
    this.surelyBefore = utcCalendarDate(this.latest - 86_400_000);
  }

  /** Whether a date or date-time, read as its instant and its date when it is a date alone (dateOnly), is after the submission. */
  afterAt(time: number, date: string | undefined): boolean {
    return date === undefined ? time > this.latest : date > this.day;
  }
}
