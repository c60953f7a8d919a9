/** The dashboard's time chart: points on a real time axis, dated ticks, gridlines, labelled values, a summary. */
import { describe, expect, it } from 'vitest';
import { timeChart, timeSummary } from '../../src/web/time-chart.js';

const points = [
  { at: '2026-01-01', label: '2026-01', score: 60 },
  { at: '2026-01-31', label: '2026-01-31', score: 75.25 },
  { at: '2026-04-01', label: '2026-Q2', score: 92 },
];
const circles = (svg: string) => [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

describe('timeChart', () => {
  it('places points by date, not by order', () => {
    const [a, b, c] = circles(timeChart('Overall', points));
    // 30 days, then 60 days: the second gap is twice the first.
    expect((c![0] - b![0]) / (b![0] - a![0])).toBeCloseTo(2, 1);
    // Higher scores higher up.
    expect(c![1]).toBeLessThan(b![1]);
    expect(b![1]).toBeLessThan(a![1]);
  });

  it('draws score gridlines every 25 and dated ticks, and labels every value', () => {
    const svg = timeChart('Overall', points);
    for (const v of ['0', '25', '50', '75', '100']) expect(svg).toMatch(new RegExp(`text-anchor="end" font-size="12" fill="#4c6272">${v}</text>`));
    const ticks = [...svg.matchAll(/text-anchor="middle" font-size="12" fill="#4c6272">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const tick of ticks) expect(tick).toMatch(/^(\d{1,2} )?[A-Z][a-z]{2,3} 2026$/);
    expect(ticks).toContain('Feb 2026');
    for (const value of ['60.0', '75.3', '92.0']) expect(svg).toContain(`font-weight="600" fill="#212b32">${value}</text>`);
    expect(svg).toMatch(
      /^<svg class="conform-chart" role="img" aria-label="Overall, 2026-01 to 2026-Q2: 3 submissions, from 60.0 to 92.0; latest 92.0 \(2026-Q2\)\." viewBox="0 0 640 240"/,
    );
  });

  it('puts a single point mid-axis with dates either side, and says when there is nothing', () => {
    const svg = timeChart('Validity', [{ at: '2026-05-10T08:00:00.000Z', label: '2026-05-10', score: 50 }]);
    const [[x]] = circles(svg) as [[number, number]];
    expect(x).toBeCloseTo((40 + 616) / 2, 0);
    expect(timeSummary('Validity', [{ at: '2026-05-10', label: '2026-05-10', score: null }])).toBe('Validity: no scored submissions.');
    expect(timeChart('Validity', [])).not.toContain('<circle');
  });
});
