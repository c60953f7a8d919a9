/**
 * A stored submission's late flag at the edges: the recorded deadline's day ends at midnight UK time (23:00
 * UTC in summer, 00:00 in winter, on the clock-change days too), a file at that instant is late and one a
 * millisecond before is not; a recorded deadline that is not a real day (a row written by hand or by
 * another program) falls back to the standard's current deadline instead of failing the whole trend.
 */
import { describe, expect, it } from 'vitest';
import { qualityTrends, type TrendPoint } from '../../src/quality/trends.js';

const row = (createdAt: string, periodDeadline: string | null, end: string): TrendPoint => ({
  id: createdAt,
  organisation: 'X26',
  version: '1.0.0',
  createdAt,
  period: { id: 'p', start: '2026-01-01', end },
  periodDeadline,
  records: 1,
  failsValidity: false,
  overall: 100,
  dimensions: {},
});

const late = (rows: TrendPoint[], deadline = 'P0D') =>
  qualityTrends('s', rows, [], deadline).points.map((p) => [p.createdAt, p.period?.deadline, p.period?.afterDeadline]);

describe('the late flag by the recorded deadline', () => {
  it('turns at midnight UK time at the end of the day, in summer, winter and on the clock-change days', () => {
    const edges: [string, string][] = [
      ['2026-07-31', '2026-07-31T23:00:00.000Z'],
      ['2026-12-31', '2027-01-01T00:00:00.000Z'],
      ['2026-03-29', '2026-03-29T23:00:00.000Z'],
      ['2026-10-25', '2026-10-26T00:00:00.000Z'],
    ];
    for (const [day, midnight] of edges) {
      const before = new Date(Date.parse(midnight) - 1).toISOString();
      expect(late([row(before, day, '2026-01-31'), row(midnight, day, '2026-01-31')])).toEqual([
        [before, day, false],
        [midnight, day, true],
      ]);
    }
  });

  it('that is not a real day is not used: the current deadline judges, and the trend is answered', () => {
    for (const recorded of ['2026-13-45', '2026-02-30', '9999-99-99']) {
      expect(late([row('2026-07-31T22:00:00.000Z', recorded, '2026-06-30')], 'P1M')).toEqual([['2026-07-31T22:00:00.000Z', '2026-07-31', false]]);
    }
  });
});
