import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isDate, isDateTime, parseTime } from '../../src/validation/date-time.js';

type Check = (value: string) => boolean;
const check = (f: unknown): Check => (typeof f === 'function' ? f : (f as { validate: Check }).validate) as Check;
const ajvDate = check(fullFormats.date);
const ajvDateTime = check(fullFormats['date-time']);

// A seeded generator of near-miss strings around the common forms.
function* candidates(): Generator<string> {
  const bases = [
    '2024-02-29T23:59:59Z',
    '2023-02-29T10:00:00+01:00',
    '2024-12-31T00:00:00.123-05:30',
    '1999-04-31T12:00:00Z',
    '2024-03-01',
    '2023-02-29',
    '2020-08-21T10:15:20+01:00',
    '2016-12-31T23:59:60Z',
  ];
  const replacements = ['0', '9', '3', '2', '1', '6', 'T', 't', ' ', 'Z', 'z', '+', '-', ':', '.', ''];
  let seed = 42;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (const base of bases) {
    yield base;
    for (let i = 0; i < base.length; i++) for (const r of replacements) yield base.slice(0, i) + r + base.slice(i + 1);
    for (let k = 0; k < 400; k++) {
      let s = base;
      for (let m = 0; m < 3; m++) {
        const i = random(s.length);
        s = s.slice(0, i) + replacements[random(replacements.length)]! + s.slice(i + 1);
      }
      yield s;
    }
  }
}

describe('fast dates and date-times', () => {
  it('accept exactly what ajv-formats accepts', () => {
    let compared = 0;
    for (const value of candidates()) {
      expect(isDateTime(value), value).toBe(ajvDateTime(value));
      expect(isDate(value), value).toBe(ajvDate(value));
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('give the same instant as Date.parse for RFC 3339 values', () => {
    for (const value of ['2024-02-29T23:59:59Z', '2024-12-31T00:00:00.123-05:30', '2020-08-21T10:15:20+01:00', '2024-03-01', '2024-03-01T10:00:00.5Z']) {
      expect(parseTime(value), value).toBe(Date.parse(value));
    }
    expect(parseTime('2024-03-01T10:00:00')).toBeUndefined(); // no offset: never read in local time
    expect(parseTime('01/03/2024')).toBeUndefined();
    expect(parseTime(20240301)).toBeUndefined();
  });
});
