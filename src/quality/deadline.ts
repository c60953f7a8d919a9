/** ISO 8601 durations of whole years, months, weeks and days (P30D, P1M, P1Y2M), in UTC. */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * The instant `duration` before `time` (epoch ms), or undefined for a duration it cannot read. A record
 * is on time when its event is no earlier than this cut-off: it is then submitted within the deadline.
 */
export function subtractDuration(time: number, duration: string): number | undefined {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((m) => (m === undefined ? 0 : Number(m)));
  const date = new Date(time);
  date.setUTCFullYear(date.getUTCFullYear() - years!, date.getUTCMonth() - months!);
  return date.getTime() - (weeks! * 7 + days!) * 86_400_000;
}
