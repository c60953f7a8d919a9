/**
 * The cross-field rules settle most pairs of values as text (consistency-rules.ts inOrderAsText) and parse
 * only the rest, making the array of instants only when one is parsed; every finding is the one parsing
 * both values gives, for every pair of forms: dates, date-times at Z, z, ±00:00 and other offsets, with
 * fractions, lower-case t or a space, 24:00, leap seconds, days past a month's end, compact wire forms,
 * digits of other scripts, control characters, surrogates and text that is no time.
 */
import { describe, expect, it } from 'vitest';
import { consistencyCheck, consistencyRun } from '../../src/validation/consistency-rules.js';
import { compactToIso, parseTime, ukCalendarDate } from '../../src/validation/date-time.js';

const RULES = [
  { id: 'b-not-before-a', field: '/b', notBefore: '/a' },
  { id: 'a-not-after-b', field: '/a', notAfter: '/b' },
];
const check = consistencyCheck(RULES, '#/x-consistency');
const run = consistencyRun({ submittedAt: '2026-12-06T04:00:00Z' });

/** What parsing both values finds: `later` before `earlier` (a date against a date-time's day in the UK). */
function outOfOrderParsed(later: unknown, earlier: unknown): boolean {
  const a = typeof later === 'string' && later.charCodeAt(4) !== 45 ? compactToIso(later) : later;
  const b = typeof earlier === 'string' && earlier.charCodeAt(4) !== 45 ? compactToIso(earlier) : earlier;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const ta = parseTime(a);
  const tb = parseTime(b);
  if (ta === undefined || tb === undefined) return false;
  if (a.length === b.length) return ta < tb;
  if (a.length === 10) return a < ukCalendarDate(tb);
  if (b.length === 10) return ukCalendarDate(ta) < b;
  return ta < tb;
}

function values(): unknown[] {
  let seed = 5;
  const pick = <T>(items: readonly T[]): T => items[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % items.length]!;
  const two = (n: number): string => String(n).padStart(2, '0');
  const out: unknown[] = [undefined, null, 7, '', 'x', '20240105', '20240105T100000', '20240105T10000001', '\u0662\u0660\u0662\u0664\u0660\u0661\u0660\u0665'];
  for (let i = 0; i < 700; i++) {
    // Few dates, so that many pairs fall on one day and their times decide.
    const date = `${pick(['2024', '2023'])}-${two(pick([2, 3]))}-${two(pick([5, 28, 29, 31]))}`;
    const hour = pick([0, 1, 9, 22, 23, 24]);
    const time = `${pick(['T', 'T', 'T', 't', ' '])}${two(hour)}:${two(pick([0, 30, 59]))}:${two(pick([0, 1, 59, 60]))}`;
    const fraction = pick(['', '', '', '.5', '.123', '.000']);
    const offset = pick(['Z', 'Z', 'z', '+00:00', '+00:00', '-00:00', '+01:00', '+01:00', '-05:30', '+14:00', '+0100', '']);
    const value = pick(['date', 'dateTime', 'dateTime', 'dateTime']) === 'date' ? date : date + time + fraction + offset;
    // Now and then a character of another kind in place of one: a digit of another script, a control, a surrogate.
    const odd = pick(['', '', '', '', '', '', '\u0661', '\uff11', '\u0000', '\ud800', '\ud83d\ude00', 'é', '/']);
    const at = pick([0, 3, 5, 9, 12, 17, 19, 22]);
    out.push(odd === '' || at >= value.length ? value : value.slice(0, at) + odd + value.slice(at + 1));
  }
  return out;
}

describe('cross-field rules settled as text', () => {
  it('find what parsing both values finds, for every pair of forms', () => {
    const all = values();
    let compared = 0;
    let found = 0;
    // Every ordered pair of the values, and pairs that differ only in what text comparison must not overlook.
    const pairs: [unknown, unknown][] = all.flatMap((a) => all.map((b): [unknown, unknown] => [a, b]));
    pairs.push(['2024-01-05 10:00:00Z', '2024-01-05T09:00:00+00:00'], ['2024-01-05T10:00:00+01:00', '2024-01-05T10:30:00-05:30']);
    for (const [a, b] of pairs) {
      const expected = outOfOrderParsed(b, a);
      const errors = check({ a, b }, '', run);
      const got = errors !== null;
      if (got !== expected) expect(got, `${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBe(expected);
      if (got) expect(errors.map((e) => e.params.rule)).toEqual(['b-not-before-a', 'a-not-after-b']);
      compared++;
      if (expected) found++;
    }
    expect(compared).toBeGreaterThan(400_000);
    expect(found).toBeGreaterThan(30_000);
    expect(compared - found).toBeGreaterThan(100_000);
  });
});
