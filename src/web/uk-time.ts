/**
 * Days and times on the web pages are the UK's, as the deadlines are (docs/quality.md): a file received at
 * 00:30 BST on 16 July (2027-07-15T23:30Z) was received on 16 July, and the dashboard's "Received from
 * 16 July" includes it. Until December 2026 the pages showed the UTC day and time (15 July, 23:30) and the
 * filters took UTC days, so in British Summer Time a file sent in the first hour of a day was listed, charted
 * and filtered under the day before.
 */
import { ukCalendarDate, ukOffset } from '../validation/date-time.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The UK calendar date (YYYY-MM-DD) of an ISO 8601 instant; a date alone, or text that is not an instant, as its first ten characters. */
export function ukDay(text: string): string {
  const time = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? text.slice(0, 10) : ukCalendarDate(time);
}

/** The UK time of day (HH:MM, GMT or BST) of an ISO 8601 instant; empty for anything else. */
export function ukTime(text: string): string {
  const time = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? '' : new Date(time + ukOffset(time)).toISOString().slice(11, 16);
}
