/**
 * Two date-times at GMT written in different forms (`Z` and `+00:00`) are compared as text where that is
 * sure (consistency-rules.ts atGmtInOrder), and give the findings that parsing both gives: for real
 * instants, days that roll over (30 February, 24:00), other offsets, fractions and text that is no time.
 */
import { describe, expect, it } from 'vitest';
import { consistencyCheck, consistencyRun } from '../../src/validation/consistency-rules.js';
import { parseTime } from '../../src/validation/date-time.js';

const check = consistencyCheck([{ id: 'b-not-before-a', field: '/b', notBefore: '/a' }], '#/x-consistency');
const run = consistencyRun({ submittedAt: '2026-12-06T04:00:00Z' });

function dateTimes(): string[] {
  let seed = 11;
  const pick = <T>(items: readonly T[]): T => items[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % items.length]!;
  const two = (n: number): string => String(n).padStart(2, '0');
  const values: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    const day = pick([1, 2, 9, 10, 19, 20, 27, 28, 29, 30, 31, 0]);
    const hour = pick([0, 1, 9, 10, 19, 20, 22, 23, 24, 25]);
    const minute = pick([0, 1, 59, 60]);
    const stem = `${pick(['2024', '2025'])}-${two(pick([1, 2, 3, 12, 13]))}-${two(day)}${pick(['T', 'T', 'T', ' '])}${two(hour)}:${two(minute)}:${two(pick([0, 30, 59]))}`;
    values.push(stem + pick(['Z', 'Z', '+00:00', '-00:00', '+01:00', '.5Z', '+00:01', 'z']));
  }
  return values;
}

describe('date-times at GMT in two forms', () => {
  it('give the finding parsing both gives', () => {
    const values = dateTimes();
    let compared = 0;
    let found = 0;
    for (let i = 0; i + 1 < values.length; i++) {
      const a = values[i]!;
      const b = values[i + 1]!;
      if (a.length === b.length) continue; // one layout: settled as text before this change too
      const ta = parseTime(a);
      const tb = parseTime(b);
      const expected = ta !== undefined && tb !== undefined && tb < ta;
      const errors = check({ a, b }, '', run);
      expect(errors !== null, `${a} then ${b}`).toBe(expected);
      compared++;
      if (expected) found++;
    }
    expect(compared).toBeGreaterThan(1_000);
    expect(found).toBeGreaterThan(100);
  });

  it('settles real instants in either order, the same instant in both forms included', () => {
    expect(check({ a: '2024-01-05T10:00:00Z', b: '2024-01-05T10:00:00+00:00' }, '', run)).toBeNull();
    expect(check({ a: '2024-01-05T10:00:00+00:00', b: '2024-01-05T10:00:00Z' }, '', run)).toBeNull();
    expect(check({ a: '2024-01-05T10:00:01-00:00', b: '2024-01-05T10:00:00Z' }, '', run)).not.toBeNull();
    // Parsing reads 30 February as 1 March, where the text reads in order: parsed, not taken as text.
    expect(check({ a: '2024-02-30T10:00:00+00:00', b: '2024-03-01T09:00:00Z' }, '', run)).not.toBeNull();
  });
});
