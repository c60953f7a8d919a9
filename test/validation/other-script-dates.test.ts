/**
 * A compact date or date-time in another script's decimal digits (compact-date, compact-date-time,
 * compact-date-or-date-time take them where the national pipeline's strptime reads them) is read the same
 * way by every rule that reads dates: the "not in the future" and order rules (x-consistency) and the
 * scorecard's timeliness. Digits beyond the Basic Multilingual Plane (mathematical bold, Osmanya, Adlam,
 * segmented: two UTF-16 units each, all read by Python 3's int() and strptime) were taken by the formats
 * but skipped by the rules when the value's length in UTF-16 units was 10 or over 17, so a date of birth
 * in the future written so escaped "birth-not-in-future".
 */
import { describe, expect, it } from 'vitest';
import { compactToIso, parseTime } from '../../src/validation/date-time.js';
import { isCompactDate, isCompactDateOrDateTime, isCompactDateTime } from '../../src/validation/wire-formats.js';
import { validateValue } from '../../src/validation/validate.js';
import { CutoffJudge } from '../../src/quality/on-time.js';
import { compile } from './helpers.js';

/** The zero of each run of ten digits tried: ASCII, Arabic-Indic, fullwidth, then astral ones. */
const ZEROS = [0x30, 0x660, 0xff10, 0x1d7ce, 0x1d7f6, 0x104a0, 0x1e950, 0x1fbf0];
/** `ascii` with the digits at `positions` written in the run starting at `zero`. */
const script = (ascii: string, positions: readonly number[], zero: number): string =>
  [...ascii].map((c, i) => (positions.includes(i) ? String.fromCodePoint(zero + Number(c)) : c)).join('');

// Where another script's digit may be: the year (all or any one of its digits), a day's second digit
// after 1 or 2, an hour's after 0 or 1, a minute's and a second's; and where it may not (the month).
const DATE_PLACES = [[0, 1, 2, 3], [0], [1], [2], [3], [2, 3], [1, 2, 3], [0, 1, 2, 3, 7], [5]];
const TIME_PLACES = [...DATE_PLACES, [10], [12], [14], [0, 1, 2, 3, 7, 10, 12, 14]];

const version = compile({
  type: 'object',
  properties: {
    given: { type: 'string', format: 'compact-date-time' },
    born: { type: 'string', format: 'compact-date' },
    recorded: { type: 'string', format: 'compact-date-or-date-time' },
  },
  'x-consistency': [
    { id: 'given-not-in-future', field: '/given', notAfter: '$submission', calendar: 'utc' },
    { id: 'born-not-in-future', field: '/born', notAfter: '$submission', calendar: 'utc' },
    { id: 'recorded-not-in-future', field: '/recorded', notAfter: '$submission', calendar: 'utc' },
    { id: 'given-not-before-born', field: '/given', notBefore: '/born', severity: 'warning' },
  ],
});
const context = { submittedAt: '2024-07-01T12:00:00Z' };
const rules = (record: unknown): string[] => validateValue(version, record, context).map((f) => f.rule);
const judge = new CutoffJudge(Date.parse('2024-06-01T00:00:00Z'));

/** Each value of `ascii` in each script at each of `places`, with whether its format takes it. */
function* variants(ascii: string, places: readonly (readonly number[])[], format: (v: string) => boolean): Generator<[string, boolean, string]> {
  for (const zero of ZEROS)
    for (const at of places) {
      const value = script(ascii, at, zero);
      yield [value, format(value), `${zero.toString(16)} at ${at.join(',')}`];
    }
}

describe('a compact date in any digits its format takes is read by every rule that reads dates', () => {
  it('the formats take astral digits where they take other scripts’ (and refuse them in the month)', () => {
    const bold = (ascii: string, at: number[]): string => script(ascii, at, 0x1d7ce);
    expect([
      isCompactDate(bold('20990101', [2, 3])),
      isCompactDate(bold('20990101', [5])),
      isCompactDateTime(bold('20990101T111111', [0, 1, 2, 3, 10])),
      isCompactDateOrDateTime(bold('20990101', [0, 1, 2, 3])),
    ]).toEqual([true, false, true, true]);
  });

  for (const [field, future, past, places, format, rule] of [
    ['born', '20990115', '20010115', DATE_PLACES, isCompactDate, 'born-not-in-future'],
    ['recorded', '20990115', '20010115', DATE_PLACES, isCompactDateOrDateTime, 'recorded-not-in-future'],
    ['given', '20990115T11111101', '20010115T11111101', TIME_PLACES, isCompactDateTime, 'given-not-in-future'],
    ['given', '20990115T111111', '20010115T111111', TIME_PLACES, isCompactDateTime, 'given-not-in-future'],
  ] as const) {
    it(`${field} ${future}: read in every script its format takes as its ASCII value is, by the rules and the scorecard`, () => {
      let taken = 0;
      for (const [ascii, finding] of [
        [future, [rule]],
        [past, []],
      ] as const) {
        for (const [value, ok, label] of variants(ascii, places, format)) {
          expect(compactToIso(value), label).toBe(ok ? compactToIso(ascii) : value);
          expect(parseTime(value), label).toBe(ok ? parseTime(ascii) : undefined);
          expect(rules({ [field]: value }), label).toEqual(ok ? finding : ['format']);
          expect(judge.onTime(value), label).toBe(ok ? judge.onTime(ascii) : undefined);
          if (ok) taken++;
        }
      }
      expect(taken).toBeGreaterThan(ZEROS.length * 10);
    });
  }

  it('the order rules compare such a date with an ASCII one as the dates they are', () => {
    for (const [born, ok, label] of variants('20240116', DATE_PLACES, isCompactDate)) {
      if (!ok) continue;
      expect(rules({ born, given: '20240115T111111' }), label).toEqual(['given-not-before-born']);
      expect(rules({ born: '20010115', given: script('20240115T111111', [0, 1, 2, 3, 7], 0x1d7ce) }), label).toEqual([]);
    }
  });
});
