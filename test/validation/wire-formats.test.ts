import { describe, it, expect } from 'vitest';
import { compactToIso, isDate, isDateTime, parseTime } from '../../src/validation/date-time.js';
import { decimalDigitValue } from '../../src/validation/decimal-digits.js';
import {
  isActionFlag,
  isCompactDate,
  isCompactDateOrDateTime,
  isCompactDateTime,
  isNhsNumberAnyDigits,
  isNhsNumberCheckDigit,
  isNonBlank,
  isNotNhsNumberPlaceholder,
} from '../../src/validation/wire-formats.js';
import { formatHint } from '../../src/validation/format-hints.js';
import { validateValue } from '../../src/validation/validate.js';
import { compile } from './helpers.js';

describe('wire formats', () => {
  it('compact-date: real dates written YYYYMMDD (or YYYY-MM-DD)', () => {
    for (const ok of ['20240131', '20240229', '2024-01-31', '20000229', '00010101']) expect(isCompactDate(ok), ok).toBe(true);
    // year 0000 is no date to Python or FHIR, so the pipeline refuses it
    for (const bad of [
      '20240230',
      '20230229',
      '19000229',
      '20241301',
      '20240001',
      '20240100',
      '00000101',
      '0000-01-01',
      '2024013',
      '202401311',
      '2024-02-30',
      '1965-2-15',
      '20240131T000000',
      'abcdefgh',
    ])
      expect(isCompactDate(bad), bad).toBe(false);
  });

  it('compact-date-time: YYYYMMDDThhmmss with no suffix, 00 or 01; or, as the pipeline takes them, a date or an extended date-time at +00:00 or +01:00', () => {
    for (const ok of [
      '20240610T183325',
      '20240610T18332500',
      '20240610T18332501',
      '2024-06-10T18:33:25+01:00',
      '2024-06-10T18:33:25+00:00',
      '2024-06-10T18:33:25.123456+00:00',
      // a date alone passes the pipeline's date-time check ('YYYY-MM-DD' - Full date only)
      '2024-06-10',
    ])
      expect(isCompactDateTime(ok), ok).toBe(true);
    for (const bad of [
      // the pipeline's strict time-zone check takes only +00:00 and +01:00 (Z is refused)
      '2024-06-10T18:33:25Z',
      '2024-06-10T18:33:25+0100',
      '2024-06-10T18:33:25+02:00',
      '2024-06-10T18:33:25',
      // strptime's %f reads at most six digits
      '2024-06-10T18:33:25.1234567+00:00',
      '2024-06-10t18:33:25+00:00',
      '2024-06-10 18:33:25+00:00',
      '2024-02-30',
      '0000-01-01T00:00:00+00:00',
      '00000101T120000',
      '20241231T235960',
      '20240610T18332509',
      '20240610183325',
      '20240610T1833',
      '20240610T246000',
      '20240230T100000',
      '20240610T183325+00',
      '2024-06-10T18:33:25-05:00',
      '20240610',
    ])
      expect(isCompactDateTime(bad), bad).toBe(false);
  });

  it('converts compact values once to RFC 3339, with the offset the suffix names', () => {
    expect(compactToIso('20240131')).toBe('2024-01-31');
    expect(compactToIso('20240610T183325')).toBe('2024-06-10T18:33:25Z');
    expect(compactToIso('20240610T18332500')).toBe('2024-06-10T18:33:25+00:00');
    expect(compactToIso('20240610T18332501')).toBe('2024-06-10T18:33:25+01:00');
    expect(compactToIso('20240610T18332509')).toBe('20240610T18332509');
    expect(compactToIso('2024-01-31')).toBe('2024-01-31');
    expect(parseTime('20240610T18332501')).toBe(Date.parse('2024-06-10T17:33:25Z'));
    expect(parseTime('20240131')).toBe(Date.parse('2024-01-31T00:00:00Z'));
  });

  // The digit-by-digit readings of compact values (no text made) must agree with the general route:
  // convert to RFC 3339, then check or parse that. A grid around every range edge, suffixes included.
  it('reads compact dates and date-times digit by digit exactly as the general route does', () => {
    const p2 = (n: number): string => String(n).padStart(2, '0');
    // The instant of a converted value: a real date, and a time in range with Z, +00:00 or +01:00.
    const instant = (iso: string): number | undefined =>
      /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:Z|\+0[01]:00))?$/.test(iso) && isDate(iso.slice(0, 10))
        ? Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
        : undefined;
    const dates: string[] = [];
    for (const year of ['0000', '1900', '2000', '2023', '2024', '9999'])
      for (const month of [0, 1, 2, 4, 12, 13, 99]) for (const day of [0, 1, 28, 29, 30, 31, 32, 99]) dates.push(`${year}${p2(month)}${p2(day)}`);
    for (const date of [...dates, '2024013x', '2024-01-', ' 2024013']) {
      const iso = compactToIso(date);
      const realYear = !date.startsWith('0000'); // year 0 is no date to Python or FHIR
      expect(isCompactDate(date), date).toBe(/^\d{8}$/.test(date) && realYear ? isDate(iso) : false);
      expect(parseTime(date), date).toBe(iso === date ? undefined : instant(iso));
      for (const time of ['000000', '235959', '240000', '236000', '235960', '12000x'])
        for (const suffix of ['', '00', '01', '02', '10', '0']) {
          const value = `${date}T${time}${suffix}`;
          const converted = compactToIso(value);
          const general = /^\d{8}T\d{6}(?:0[01])?$/.test(value) && realYear && !/T\d{4}60/.test(value) ? isDateTime(converted) : false;
          expect(isCompactDateTime(value), value).toBe(general);
          expect(parseTime(value), value).toBe(converted === value ? undefined : instant(converted));
          if (converted !== value) {
            const offset = suffix === '' ? 'Z' : `+${suffix}:00`;
            expect(converted).toBe(
              `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}${offset}`,
            );
          }
        }
    }
    // A leap second is no time to Python's strptime, so the pipeline refuses it.
    expect([isCompactDateTime('20241231T235960'), isCompactDateTime('20241231T235960Z'), isCompactDateTime('20241231T22596001')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('nhs-number-any-digits: 10 decimal digits of any script with a Modulus 11 check digit, as Python reads them', () => {
    const script = (digits: string, zero: number): string => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');
    for (const zero of [0x30, 0x660, 0x6f0, 0x966, 0xff10, 0x1d7ce, 0x1d7ec, 0x1d7f6]) {
      expect(isNhsNumberAnyDigits(script('9990548609', zero)), zero.toString(16)).toBe(true);
      expect(isNhsNumberAnyDigits(script('9990548608', zero)), `${zero.toString(16)}, wrong check digit`).toBe(false);
      expect(isNhsNumberAnyDigits(script('999054860', zero)), `${zero.toString(16)}, 9 digits`).toBe(false);
      expect(isNhsNumberAnyDigits(script('99905486091', zero)), `${zero.toString(16)}, 11 digits`).toBe(false);
    }
    expect(isNhsNumberAnyDigits('\uff19990548609')).toBe(true); // two scripts
    expect(isNhsNumberAnyDigits('0000000000')).toBe(true);
    // the check digit would be 10; a superscript or circled digit is no decimal digit (int() refuses it)
    for (const no of ['1234567890', '999054860\u2079', '999054860\u2468', '999054860A', '9990 48609', '', ' 9990548609'])
      expect(isNhsNumberAnyDigits(no), no).toBe(false);
    // every ASCII value is as nhs-number-check-digit has it
    for (let n = 0; n < 2000; n++) {
      const value = String(9_990_548_000 + n * 7);
      expect(isNhsNumberAnyDigits(value), value).toBe(isNhsNumberCheckDigit(value));
    }
    expect([0x30, 0x39, 0x660, 0x669, 0x1d7ce, 0x1d7d8, 0x1d7ff, 0x41, 0xb2, 0x2460].map(decimalDigitValue)).toEqual([0, 9, 0, 9, 0, 0, 9, -1, -1, -1]);
    // its hints read the digits as digits: a wrong check digit in Arabic-Indic digits is told as one
    expect(formatHint('nhs-number-any-digits', script('9990548608', 0x660))).toBe(
      'its check digit (the last digit) does not match the first nine digits: a typing error?',
    );
  });

  it('compact dates and date-times in another script’s digits where the pipeline’s strptime reads them', () => {
    const ar = (digits: string): string => [...digits].map((d) => String.fromCodePoint(0x660 + Number(d))).join('');
    const fw = (digits: string): string => [...digits].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('');
    const bold = (digits: string): string => [...digits].map((d) => String.fromCodePoint(0x1d7ce + Number(d))).join('');
    // Any digit in the year; in a day's, hour's, minute's or second's second digit after a first that lets \d follow.
    for (const [value, iso] of [
      [`${ar('2000')}0101`, '2000-01-01'],
      [`${fw('2000')}0101`, '2000-01-01'],
      [`${bold('2000')}0101`, '2000-01-01'],
      [`2000011${ar('5')}`, '2000-01-15'],
      [`${ar('2000')}0101T11111100`, '2000-01-01T11:11:11+00:00'],
      [`20000101T1${ar('1')}1111`, '2000-01-01T11:11:11Z'],
      [`20000101T111${ar('1')}11`, '2000-01-01T11:11:11Z'],
      [`20000101T11111${ar('1')}01`, '2000-01-01T11:11:11+01:00'],
    ] as const) {
      expect(compactToIso(value), value).toBe(iso);
      const isDateOnly = iso.length === 10;
      expect(isDateOnly ? isCompactDate(value) : isCompactDateTime(value), value).toBe(true);
      if (isDateOnly) expect(isCompactDateOrDateTime(value), value).toBe(true);
    }
    // The month, a first digit, the T and the suffix are ASCII to strptime; year 0 is no year; no real date.
    for (const value of [ar('20000101'), `2000${ar('01')}01`, `2000013${ar('0')}`, `20000101T2${ar('1')}1111`, `${ar('2000')}0101T111111${ar('00')}`]) {
      expect(compactToIso(value), value).toBe(value);
      expect(isCompactDate(value) || isCompactDateTime(value) || isCompactDateOrDateTime(value), value).toBe(false);
    }
    // Converted as a shape, as ASCII ones are (compactToIso), but no real date: refused by the formats.
    for (const value of [`${ar('0000')}0101`, `${ar('2024')}0230`]) expect(isCompactDate(value) || isCompactDateOrDateTime(value), value).toBe(false);
    // The extended form is read by the FHIR model's ASCII pattern: refused in any other script.
    expect(isCompactDate(`${ar('2000')}-01-01`)).toBe(false);
    expect(isCompactDateTime(`${ar('2000')}-01-01T11:11:11+00:00`)).toBe(false);
  });

  it('non-blank: any character that is not white space, the first or a later one', () => {
    for (const ok of ['a', ' a', '\u00a0x', '\u00e9', '\t.']) expect(isNonBlank(ok), JSON.stringify(ok)).toBe(true);
    for (const blank of ['', ' ', '\t\n', '\u00a0', '\u2003\u3000', '\u0085', '\u001f']) expect(isNonBlank(blank), JSON.stringify(blank)).toBe(false);
    // Python's str.isspace, which the pipeline's check uses, is not JavaScript's trim: U+FEFF is text to it
    expect(isNonBlank('\ufeff')).toBe(true);
  });

  it('nhs-number-not-placeholder: false only for one decimal digit ten times, in any script (they pass Modulus 11)', () => {
    for (const placeholder of ['0000000000', '9999999999', '\u0669'.repeat(10), '\uff10'.repeat(10)]) {
      expect(isNhsNumberAnyDigits(placeholder), placeholder).toBe(true);
      expect(isNotNhsNumberPlaceholder(placeholder), placeholder).toBe(false);
    }
    // An NHS number, nine repeats and another digit, too few or too many digits, or no number at all: not a placeholder.
    for (const other of ['9434765919', '0000000001', '000000000', '00000000000', 'AAAAAAAAAA', '', ' 000000000']) {
      expect(isNotNhsNumberPlaceholder(other), other).toBe(true);
    }
  });

  it('non-blank and action-flag', () => {
    expect([isNonBlank('a'), isNonBlank(' '), isNonBlank('')]).toEqual([true, false, false]);
    expect(['NEW', 'nEw', 'update', 'DELETE'].every(isActionFlag)).toBe(true);
    expect(['NEW ', 'CREATE', ''].some(isActionFlag)).toBe(false);
  });
});

describe('cross-field rules read compact dates as the dates they are', () => {
  const version = compile({
    type: 'object',
    properties: {
      given: { type: 'string', format: 'compact-date-time' },
      expiry: { type: 'string', format: 'compact-date' },
      born: { type: 'string', format: 'compact-date' },
    },
    'x-consistency': [
      { id: 'expiry-not-before-vaccination', field: '/expiry', notBefore: '/given', severity: 'warning' },
      { id: 'given-not-in-future', field: '/given', notAfter: '$submission' },
      { id: 'born-not-in-future', field: '/born', notAfter: '$submission' },
    ],
  });
  const context = { submittedAt: '2024-07-01T12:00:00Z' };
  const rules = (record: unknown) => validateValue(version, record, context).map((f) => `${f.rule}:${f.severity}`);

  it('an expiry on the day of the vaccination is fine; the day before is a warning', () => {
    expect(rules({ given: '20240610T18332501', expiry: '20240610' })).toEqual([]);
    expect(rules({ given: '20240610T18332501', expiry: '20240609' })).toEqual(['expiry-not-before-vaccination:warning']);
  });

  it('future dates are errors, judged against the time the file was received', () => {
    expect(rules({ given: '20240701T11000000', born: '20240701' })).toEqual([]);
    expect(rules({ given: '20240702T10000000', born: '20240702' })).toEqual(['given-not-in-future:error', 'born-not-in-future:error']);
  });

  it('an impossible date is a format finding, and no cross-field finding is made from it', () => {
    expect(rules({ given: '20240230T100000', expiry: '20240101' })).toEqual(['format:error']);
  });
});
