/**
 * A score over time as server-rendered SVG: a real time axis (each point at its reporting period's first
 * day, or the day it was received when it declared none) with dated ticks and vertical gridlines, a score
 * axis 0–100 with gridlines every 25, every point labelled with its value, and a one-sentence summary for
 * a figcaption (the table beside the chart holds every figure). d3-scale computes the scales and ticks;
 * nothing runs in the browser. The SVG scales down with its container (viewBox), so it fits a phone.
 */
import { scaleLinear, scaleUtc } from 'd3-scale';

export interface TimePoint {
  /** The point's day (YYYY-MM-DD or an ISO 8601 instant). */
  at: string;
  /** What the point is called in labels: its period id, or the day received. */
  label: string;
  score: number | null;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 20, right: 24, bottom: 36, left: 40 };
const DAY = 86_400_000;
/** Points beyond this many are labelled at the first, lowest, highest and latest only, so labels stay readable. */
const LABEL_ALL_UP_TO = 12;

const dayOf = (at: string): Date => new Date(`${at.slice(0, 10)}T00:00:00.000Z`);

/** A tick's date as people read it: "Apr 2026" for whole months, "3 Apr 2026" otherwise. */
function tickText(date: Date, spanDays: number): string {
  const month = date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  if (spanDays > 62 && date.getUTCDate() === 1) return `${month} ${date.getUTCFullYear()}`;
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}

/** What the chart shows, in a sentence: how many points, over which span, the range and the latest. */
export function timeSummary(title: string, points: readonly TimePoint[]): string {
  const scored = points.filter((p) => p.score !== null) as (TimePoint & { score: number })[];
  if (scored.length === 0) return `${title}: no scored submissions.`;
  const scores = scored.map((p) => p.score);
  const first = scored[0]!;
  const last = scored.at(-1)!;
  const span = first.label === last.label ? first.label : `${first.label} to ${last.label}`;
  const range = scored.length > 1 ? `, from ${Math.min(...scores).toFixed(1)} to ${Math.max(...scores).toFixed(1)}` : '';
  return `${title}, ${span}: ${scored.length} ${scored.length === 1 ? 'submission' : 'submissions'}${range}; latest ${last.score.toFixed(1)} (${last.label}).`;
}

/** The SVG of one score over time; `title` names it (its accessible name, with the summary). */
export function timeChart(title: string, points: readonly TimePoint[]): string {
  const scored = (points.filter((p) => p.score !== null) as (TimePoint & { score: number })[]).map((p) => ({ ...p, day: dayOf(p.at) }));
  const days = scored.map((p) => p.day.getTime());
  // A single day (or none) is widened to a fortnight either side, so the point sits mid-axis with dates.
  const lo = days.length ? Math.min(...days) : Date.now();
  const hi = days.length ? Math.max(...days) : lo;
  const pad = hi - lo < DAY ? 14 * DAY : (hi - lo) * 0.05;
  const x = scaleUtc()
    .domain([new Date(lo - pad), new Date(hi + pad)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, 100])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const spanDays = (hi - lo + 2 * pad) / DAY;
  const ticks = x.ticks(5);
  const px = (n: number) => n.toFixed(1);

  const grid = [0, 25, 50, 75, 100]
    .map(
      (v) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="${v === 0 ? '#768692' : '#d8dde0'}"/>` +
        `<text x="${MARGIN.left - 6}" y="${px(y(v) + 4)}" text-anchor="end" font-size="12" fill="#4c6272">${v}</text>`,
    )
    .join('');
  const axis = ticks
    .map(
      (t) =>
        `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#e8edee"/>` +
        `<text x="${px(x(t))}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="12" fill="#4c6272">${esc(tickText(t, spanDays))}</text>`,
    )
    .join('');
  const path = scored.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.day))},${px(y(p.score))}`).join(' ');
  const scores = scored.map((p) => p.score);
  const labelled = (i: number, score: number) =>
    scored.length <= LABEL_ALL_UP_TO || i === 0 || i === scored.length - 1 || score === Math.min(...scores) || score === Math.max(...scores);
  const marks = scored
    .map(
      (p, i) =>
        `<circle cx="${px(x(p.day))}" cy="${px(y(p.score))}" r="4" fill="#005eb8"><title>${esc(p.label)}: ${p.score.toFixed(1)}</title></circle>` +
        (labelled(i, p.score)
          ? `<text x="${px(x(p.day))}" y="${px(y(p.score) + (p.score > 90 ? 16 : -8))}" text-anchor="middle" font-size="12" font-weight="600" fill="#212b32">${p.score.toFixed(1)}</text>`
          : ''),
    )
    .join('');
  return (
    `<svg class="conform-chart" role="img" aria-label="${esc(timeSummary(title, points))}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">` +
    grid +
    axis +
    (path ? `<path d="${path}" fill="none" stroke="#005eb8" stroke-width="2"/>` : '') +
    marks +
    '</svg>'
  );
}
