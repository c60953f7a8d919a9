/**
 * ISO 8601 durations of whole years, months, weeks and days (P30D, P1M, P1Y2M) as calendar arithmetic:
 * years and months move the date and keep its day, or the month's last day when it has fewer (31 March
 * less P1M is 28 or 29 February, never 3 March); days are calendar days. Two clocks:
 *   - addDuration, subtractDuration: UTC, for calendar dates held as their UTC midnight (a period's days);
 *   - subtractDurationUk: UK time, for an instant such as the time a file was received: 7 days before
 *     00:30 BST on 2 April is 00:30 GMT on 26 March, the same time of day on the UK day 7 days earlier.
 * Before the UK form, a cut-off taken from an instant was that many times 24 hours earlier, so across a
 * change of the clocks it fell on the wrong UK day in an hour of each day (validated at 00:30 BST, an event
 * 8 days earlier was within P7D; validated at 23:30 GMT in the week after October's change, one 7 days
 * earlier was not), and on the 31st of a month P1M reached back only to the 3rd of the month before.
 */
import { ukOffset } from '../validation/date-time.js';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The parts of a duration, or undefined for one this module cannot read. */
function parts(duration: string): [years: number, months: number, days: number] | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((m) => (m === undefined ? 0 : Number(m))) as [number, number, number, number];
  return [years, months, weeks * 7 + days];
}

/** `time` read on the UTC clock, moved by the duration on the calendar (see the module's comment). */
function shift(time: number, duration: string, sign: 1 | -1): number | undefined {
  const p = parts(duration);
  if (p === undefined) return undefined;
  const [years, months, days] = p;
  const date = new Date(time);
  const year = date.getUTCFullYear() + sign * years;
  const month = date.getUTCMonth() + sign * months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(time);
  moved.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return moved.getTime() + sign * days * DAY;
}

/**
 * The instant of a UK clock time held as if it were UTC. In the hour the clocks go back (it happens
 * twice) the first, in BST; a time the clocks skip in March is read in GMT (an hour later on the clocks).
 */
function fromUkClock(wall: number): number {
  return ukOffset(wall - HOUR) === HOUR ? wall - HOUR : wall;
}

/**
 * The instant `duration` before `time` (epoch ms), or undefined for a duration it cannot read, on the UTC
 * clock: for calendar dates held as their UTC midnight.
 */
export function subtractDuration(time: number, duration: string): number | undefined {
  return shift(time, duration, -1);
}

/** The instant `duration` after `time` (epoch ms), on the UTC clock as subtractDuration; undefined for a duration it cannot read. */
export function addDuration(time: number, duration: string): number | undefined {
  return shift(time, duration, 1);
}

/**
 * The instant `duration` before `time` (epoch ms) on the UK's clocks: the same UK time of day on the UK
 * date that many days, months or years earlier; undefined for a duration it cannot read. A record is on
 * time when its event is no earlier than this cut-off: it is then submitted within the deadline.
 */
export function subtractDurationUk(time: number, duration: string): number | undefined {
  const wall = shift(time + ukOffset(time), duration, -1);
  return wall === undefined ? undefined : fromUkClock(wall);
}
