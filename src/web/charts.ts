/** Server-rendered SVG charts (no JavaScript): a score bar per dimension, and scores over time. */
import { ukDay } from './uk-time.js';
import { humanDay } from '../quality/human-time.js';
import { countWords } from '../validation/count-words.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A horizontal bar for one score out of 100; `failing` draws it red whatever the score (validity below its gate). */
export function scoreBar(label: string, score: number | null, failing = false): string {
  const width = 300;
  const filled = score === null ? 0 : Math.round((score / 100) * width);
  const text = score === null ? 'not measured' : score.toFixed(1);
  const colour = score === null ? '#aeb7bd' : failing ? '#d5281b' : score >= 90 ? '#007f3b' : score >= 70 ? '#ffb81c' : '#d5281b';
  return (
    `<svg class="conform-bar" role="img" aria-label="${esc(label)}: ${text}" width="${width + 70}" height="24" viewBox="0 0 ${width + 70} 24" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="0" y="4" width="${width}" height="16" fill="#e8edee"/><rect x="0" y="4" width="${filled}" height="16" fill="${colour}"/>` +
    `<text x="${width + 8}" y="17" font-size="14" fill="#212b32">${text}</text></svg>`
  );
}

/** A line of overall scores over time, one point per submission (labelled by its period, or the day it was made). */
export function scoreLine(label: string, points: { at: string; score: number | null }[]): string {
  const w = 480,
    h = 160,
    pad = 30;
  const scored = points.filter((p) => p.score !== null) as { at: string; score: number }[];
  const x = (i: number): number => pad + (scored.length <= 1 ? (w - 2 * pad) / 2 : (i / (scored.length - 1)) * (w - 2 * pad));
  const y = (s: number): number => h - pad - (s / 100) * (h - 2 * pad);
  const path = scored.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const summary = scored.length ? `${countWords(scored.length, 'submission')}, latest ${scored.at(-1)!.score.toFixed(1)}` : 'no scored submissions';
  return (
    `<svg role="img" aria-label="${esc(label)}: ${summary}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${pad}" y1="${y(0)}" x2="${w - pad}" y2="${y(0)}" stroke="#768692"/><line x1="${pad}" y1="${y(100)}" x2="${w - pad}" y2="${y(100)}" stroke="#d8dde0"/>` +
    `<text x="2" y="${y(100) + 4}" font-size="11" fill="#4c6272">100</text><text x="12" y="${y(0) + 4}" font-size="11" fill="#4c6272">0</text>` +
    (path ? `<path d="${path}" fill="none" stroke="#005eb8" stroke-width="2"/>` : '') +
    scored
      .map(
        (p, i) =>
          `<circle cx="${x(i).toFixed(1)}" cy="${y(p.score).toFixed(1)}" r="3" fill="#005eb8"><title>${esc(humanDay(ukDay(p.at)))}: ${p.score.toFixed(1)}</title></circle>`,
      )
      .join('') +
    '</svg>'
  );
}
