/** ISO 8601 durations of whole years, months, weeks and days (P30D, P1M, P1Y2M), in UTC. */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

function shift(time: number, duration: string, sign: 1 | -1): number | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((m) => (m === undefined ? 0 : Number(m)));
  const date = new Date(time);
  date.setUTCFullYear(date.getUTCFullYear() + sign * years!, date.getUTCMonth() + sign * months!);
  return date.getTime() + sign * (weeks! * 7 + days!) * 86_400_000;
}

/**
 * The instant `duration` before `time` (epoch ms), or undefined for a duration it cannot read. A record
 * is on time when its event is no earlier than this cut-off: it is then submitted within the deadline.
 */
export function subtractDuration(time: number, duration: string): number | undefined {
  return shift(time, duration, -1);
}

/** The instant `duration` after `time` (epoch ms), or undefined for a duration it cannot read. */
export function addDuration(time: number, duration: string): number | undefined {
  return shift(time, duration, 1);
}
