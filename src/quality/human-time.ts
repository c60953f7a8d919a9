/**
 * Dates, times and durations as a person reads them in the scorecard's notes (the report page, the CLI's
 * text, the API's `note` and `notes`), never as a machine writes them: "12 June 2024 at 12:00 BST", not
 * `2024-06-12T11:00:00.000Z`; "7 days", not `P7D`. Instants are told in UK time, GMT or BST as the clocks
 * were, as the deadlines and the pages' times are (docs/quality.md). The machine fields beside the notes
 * (`plan.sentAt`, `period.dueBy`, `submissionDeadline`) keep their ISO forms.
 */
import { ukCalendarDate, ukOffset } from '../validation/date-time.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (`2024-06-05`) as "5 June 2024"; anything else as it is. */
export function humanDay(day: string): string {
  const match = DAY_TEXT.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${Number(match[1])}` : day;
}

/**
 * An instant (epoch ms, or ISO 8601 text) in UK time: "12 June 2024 at 12:00 BST", with the seconds only
 * when there are any ("at 09:15:30 GMT"), never the milliseconds. Text that is not an instant as it is.
 */
export function humanInstant(at: number | string): string {
  const time = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(time)) return String(at);
  const offset = ukOffset(time);
  const wall = new Date(time + offset).toISOString();
  const seconds = wall.slice(17, 19);
  const clock = seconds === '00' ? wall.slice(11, 16) : wall.slice(11, 19);
  return `${humanDay(ukCalendarDate(time))} at ${clock} ${offset === 0 ? 'GMT' : 'BST'}`;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** An ISO 8601 duration in words ("P7D" is "7 days", "P1M" "1 month", "PT5M" "5 minutes"); one it cannot read as it is. */
export function humanDuration(duration: string): string {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return duration;
  const words = match.slice(1).flatMap((m, i) => (m === undefined ? [] : [`${Number(m)} ${UNITS[i]}${Number(m) === 1 ? '' : 's'}`]));
  if (words.length === 0) return duration;
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
