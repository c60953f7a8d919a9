/**
 * Whether a date is no earlier than the timeliness cut-off (dimensions/timeliness.ts). A date-time is an
 * instant and is compared as one. A date alone (`2026-07-02`, or the compact wire form `20260702`) means
 * the whole of that UK day, so it is on time when its day reaches the cut-off at all: when the date is no
 * earlier than the UK date of the cut-off. A day that ends exactly at the cut-off (midnight UK time, as a
 * period's first instant is) is before it. Before this rule a date-only value was read as midnight UTC,
 * so an event on the cut-off day counted late when the cut-off fell later that day (no reporting period:
 * the time of validation minus the deadline), and in BST a date whose UK day had ended could count on time.
 */
import { compactToIso, parseTime, ukCalendarDate } from '../validation/date-time.js';

/** The `YYYY-MM-DD` of a date-only value (RFC 3339 or compact), or undefined for anything else. */
function dateOnly(value: string): string | undefined {
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
    const date = dateOnly(value as string);
    return date === undefined ? time >= this.cutoff : date >= this.day;
  }
}
