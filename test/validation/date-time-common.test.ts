import { describe, expect, it } from 'vitest';
import { commonDateTime, daysInMonth, digitsAt } from '../../src/validation/date-time.js';

// The check commonDateTime replaced (one regular expression, then the day's month length), kept here to compare with.
const COMMON_DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
function byRegExp(s: string): boolean {
  if (!COMMON_DATE_TIME.test(s)) return false;
  const tens = s.charCodeAt(8);
  if (tens < 50 || (tens === 50 && s.charCodeAt(9) !== 57)) return true;
  return digitsAt(s, 8, 2) <= daysInMonth(digitsAt(s, 0, 4), digitsAt(s, 5, 2));
}

const BASES = [
  '2024-02-29T23:59:59Z',
  '2023-02-29T10:00:00+01:00',
  '2024-12-31T00:00:00.123-05:30',
  '1999-04-31T12:00:00Z',
  '2016-12-31T23:59:60Z', // a leap second: not in the common form
  '2024-03-01T24:00:00Z', // 24:00: not in the common form
  '2024-03-01t10:00:00z', // lower-case t and z: not in the common form
  '2024-03-01T10:00:00.5Z',
  '2024-03-01T10:00:00.123456789+14:00',
  '2024-03-01T10:00:00-23:59',
  '2000-02-29T00:00:00+00:00',
  '1900-02-29T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999-00:00',
  '2024-06-30T23:30:00+01:00',
  '2024-03-01T10:00:00',
  '2024-03-01T10:00:00+0100',
];
// Digits of other scripts, controls, surrogates (paired and lone), escapes as text, and near-miss ASCII.
const REPLACEMENTS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '9',
  'T',
  't',
  ' ',
  'Z',
  'z',
  '+',
  '-',
  ':',
  '.',
  '',
  '/',
  '00',
  '.5',
  '\u0660',
  '\u0663',
  '\uff10',
  '\uff19',
  '\u0966',
  '\u00b2',
  '\u0000',
  '\u001f',
  '\u007f',
  '\n',
  '\\',
  '\\u0030',
  '\ud83d\ude00',
  '\ud800',
  '\udfff',
  '\u00e9',
  '@',
  '`',
  '[',
  '\u0130',
];

function* candidates(): Generator<string> {
  let seed = 7;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (const base of BASES) {
    yield base;
    for (let i = 0; i <= base.length; i++)
      for (const r of REPLACEMENTS) {
        yield base.slice(0, i) + r + base.slice(i + 1); // replaced
        yield base.slice(0, i) + r + base.slice(i); // inserted
      }
    for (let k = 0; k < 2000; k++) {
      let s = base;
      for (let m = 1 + random(3); m > 0; m--) {
        const i = random(s.length + 1);
        s = s.slice(0, i) + REPLACEMENTS[random(REPLACEMENTS.length)]! + s.slice(i + random(2));
      }
      yield s;
    }
  }
  // Every day of every month over a leap cycle and a century, each at the fields' edges.
  for (const year of ['1900', '2000', '2023', '2024'])
    for (let month = 0; month <= 13; month++)
      for (let day = 0; day <= 32; day++)
        for (const time of ['00:00:00Z', '23:59:59+01:00', '19:59:59.0-00:00', '20:60:00Z', '23:00:59+24:00', '23:00:59-23:60'])
          yield `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}`;
}

describe('commonDateTime', () => {
  it('gives the verdict of the regular expression and month length it replaced, on odd and near-miss text', () => {
    let compared = 0;
    let accepted = 0;
    for (const value of candidates()) {
      const expected = byRegExp(value);
      if (commonDateTime(value) !== expected) expect(commonDateTime(value), JSON.stringify(value)).toBe(expected);
      compared++;
      if (expected) accepted++;
    }
    expect(compared).toBeGreaterThan(50_000);
    // Both verdicts are well represented, so agreeing is not agreeing on "false" alone.
    expect(accepted).toBeGreaterThan(5_000);
    expect(compared - accepted).toBeGreaterThan(20_000);
  });
});
