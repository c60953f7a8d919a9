/**
 * The format nesting the registry's diff relies on (format-subsets.ts): every declared pair is proved
 * over a corpus of values (each format's own examples, near misses, and generated strings), and the
 * relation is strict, so "narrowed" and "widened" are never said of two formats that accept the same.
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/validation/ajv.js';
import { declaredFormatPairs, declaredPrefixes, declaredShapes, formatWithin } from '../../src/validation/format-subsets.js';

const ajv = createAjv();
const check = (format: string): ((value: string) => boolean) => {
  const validate = ajv.compile({ type: 'string', format });
  return (value) => validate(value);
};

function corpus(): string[] {
  const values = new Set<string>([
    '',
    ' ',
    'RH8',
    'RH802',
    'A81001',
    'V81999',
    'G9999981',
    'rh8',
    'RH8020000',
    'RH80200000',
    'AB',
    'A8100',
    '989',
    '12345',
    '9434765919',
    '9434765918',
    '\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669', // 9434765919 in Arabic-Indic digits
    '\uff19434765919', // a fullwidth 9 first
    '0000000000',
    '1111111111',
    '943 476 5919',
    '943476591',
    '94347659190',
    '1324671000000103',
    '1240511000000110',
    '22298006',
    '12345013',
    '123456',
    '0123456',
    '1234567890123456789',
    '2024-03-31T10:00:00Z',
    '2024-03-31T10:00:00z',
    '2024-03-31T10:00:00+01:00',
    '2024-03-31T10:00:00-00:00',
    '2024-03-31T10:00:00+00:00',
    '2024-03-31T10:00:00-05:00',
    '2024-03-31T10:00:00',
    '2024-03-31',
    '2024-02-30T10:00:00Z',
    '2024-03-31T10:00:00.123456+01:00',
    '2024-03-31t10:00:00Z',
    '2024-03-31 10:00:00Z',
    '20240331T100000',
    '20240331',
  ]);
  // Generated: digit strings of 3 to 18 digits (SCTIDs, NHS numbers), upper-case letters and digits of
  // 2 to 10 characters (ODS shapes), and date-times with every offset hour.
  let seed = 7;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (let i = 0; i < 20_000; i++) {
    const length = 3 + random(16);
    let digits = String(1 + random(9));
    while (digits.length < length) digits += String(random(10));
    values.add(digits);
    let code = '';
    const codeLength = 2 + random(9);
    while (code.length < codeLength) code += i % 3 === 0 && code.length === 0 ? ALNUM[random(26)] : ALNUM[random(36)];
    values.add(code);
  }
  for (let hour = -12; hour <= 14; hour++) {
    const sign = hour < 0 ? '-' : '+';
    const hh = String(Math.abs(hour)).padStart(2, '0');
    values.add(`2024-07-01T23:30:00${sign}${hh}:00`);
    values.add(`2024-07-01T23:30:00.5${sign}${hh}:30`);
  }
  return [...values];
}

describe('format nesting', () => {
  const values = corpus();

  it.each(declaredFormatPairs())('every value %s accepts, %s accepts too; and not the other way round', (inner, outer) => {
    const narrow = check(inner);
    const wide = check(outer);
    const accepted = values.filter(narrow);
    expect(accepted.length, `the corpus holds values ${inner} accepts`).toBeGreaterThan(0);
    expect(accepted.filter((v) => !wide(v))).toEqual([]);
    expect(
      values.some((v) => wide(v) && !narrow(v)),
      `${outer} accepts something ${inner} refuses`,
    ).toBe(true);
  });

  it('follows the table up more than one step, and never down or sideways', () => {
    expect(formatWithin('ods-gp-practice', 'ods-code')).toBe(true);
    expect(formatWithin('ods-code', 'ods-gp-practice')).toBe(false);
    expect(formatWithin('ods-trust', 'ods-site')).toBe(false);
    expect(formatWithin('ods-site', 'ods-code')).toBe(false); // a 9-character site code is no ODS code shape
    expect(formatWithin('date', 'date-time')).toBe(false);
    expect(formatWithin('sctid', 'sctid')).toBe(true);
  });
});

describe('format shapes and prefixes (what the file-name diff relies on)', () => {
  // The corpus, plus compact dates and date-times of every length the checks take, and near misses.
  const values = [
    ...corpus(),
    '20240610T18332500',
    '20240610T18332501',
    '20240610T18332502',
    '20240610T183325',
    '20240610T1833250',
    '20241231T23595901',
    '20240229T00000000',
    '20230229T00000000',
    '2024-06-10T18:33:25+01:00',
    '2024-06-10T18:33:25.123456+00:00',
    '2024-06-10',
    '20240610',
    'G9999981',
    'ABCDEFGH',
    'ABCDEFGHI',
  ];
  const CHARACTERS = { digits: /^[0-9]*$/, 'letters-and-digits': /^[A-Za-z0-9]*$/ } as const;

  it.each(declaredShapes())('every value %s accepts has the declared shape', (format, shape) => {
    const accepted = values.filter(check(format));
    expect(accepted.length, `the corpus holds values ${format} accepts`).toBeGreaterThan(0);
    const outside = accepted.filter(
      (v) => v.length < shape.minLength || v.length > shape.maxLength || (shape.characters !== undefined && !CHARACTERS[shape.characters].test(v)),
    );
    expect(outside).toEqual([]);
    // The bounds are tight where the corpus can show it (a wrong, too wide bound would only be conservative).
    expect(accepted.some((v) => v.length === shape.minLength)).toBe(true);
  });

  it.each(declaredPrefixes())('every value %s accepts with %i leading characters checked, %i long, begins with one it accepts', (format, prefix, length) => {
    const valid = check(format);
    const accepted = values.filter((v) => v.length === length && valid(v));
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.filter((v) => !valid(v.slice(0, prefix)))).toEqual([]);
  });
});
