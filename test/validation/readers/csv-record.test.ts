/**
 * The CSV record builder (csv-record.ts) and the row splitter's quick path (csv-rows.ts fastRow): both
 * must give exactly what the general paths give — the same fields, values and order, and the same rows,
 * findings and line numbers whatever the chunk boundaries.
 */
import { describe, it, expect } from 'vitest';
import { convert, rowBuilder, type CsvColumn } from '../../../src/validation/readers/csv-record.js';
import { bytewise, chunked, compile, err, run as runWithRows, timeless, rowsChecked } from '../helpers.js';

/** Runs with the spreadsheet rows checked against the lines and left out (helpers.ts rowsChecked); rows have their own tests in csv.test.ts. */
const run = async (...args: Parameters<typeof runWithRows>) => rowsChecked(await runWithRows(...args));

const col = (name: string, kind: CsvColumn['kind'] = 'string'): CsvColumn => ({ segments: name.split('.'), kind });

describe('CSV record builder', () => {
  it('makes the fields of the non-empty cells in header order, converted by kind, leaving out skipped columns', () => {
    const build = rowBuilder([col('id'), col('n', 'integer'), undefined, col('x', 'number'), col('b', 'boolean'), col('s')], 'true-false')!;
    const record = build(['a', '12', 'ignored', '0.5', 'TRUE', '']);
    expect(record).toEqual({ id: 'a', n: 12, x: 0.5, b: true });
    expect(Object.keys(record)).toEqual(['id', 'n', 'x', 'b']);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(build(['', 'x1', 'y', '.', 'yes', '007'])).toEqual({ n: 'x1', x: '.', b: 'yes', s: '007' });
  });

  it('converts each cell exactly as the general conversion does', () => {
    const cells = [
      '0',
      '-0',
      '007',
      '-12',
      '-',
      '+1',
      '1e3',
      ' 1',
      '1 ',
      '١٢',
      '12345678901234567890',
      '1.',
      '.5',
      '-.5e-3',
      'e3',
      'TRUE',
      'tRuE',
      'False',
      'FALSE ',
      'x',
    ];
    const kinds: CsvColumn['kind'][] = ['string', 'integer', 'number', 'boolean'];
    for (const booleans of ['true-false', 'any-case'] as const) {
      const build = rowBuilder(
        kinds.map((k) => col(k, k)),
        booleans,
      )!;
      for (const cell of cells) {
        const expected = Object.fromEntries(kinds.map((k) => [k, convert(cell, k, booleans)]));
        expect(build(kinds.map(() => cell))).toEqual(expected);
      }
    }
    // The integer test is the pattern -?[0-9]+ (ASCII digits only), as before.
    expect(['0', '-0', '007', '-12', '-', '+1', '1e3', '١٢'].map((c) => convert(c, 'integer', 'true-false'))).toEqual([0, -0, 7, -12, '-', '+1', '1e3', '١٢']);
  });

  it('takes any header text as a field name, never as code', () => {
    const names = ['a"b', 'back\\slash', '"); throw new Error("x"); ("', '\u2028line', 'constructor', 'toString', '0', '$', 'x y'];
    const build = rowBuilder(
      names.map((n) => ({ segments: [n], kind: 'string' as const })),
      'true-false',
    )!;
    const record = build(names.map((_, i) => `v${i}`));
    expect(Object.fromEntries(names.map((n, i) => [n, `v${i}`]))).toEqual(record);
    for (const n of names) expect(Object.hasOwn(record, n)).toBe(true);
  });

  it('leaves nested and __proto__ headers to the general path', () => {
    expect(rowBuilder([col('id'), col('address.postcode')], 'true-false')).toBeUndefined();
    expect(rowBuilder([col('id'), { segments: ['__proto__'], kind: 'string' }], 'true-false')).toBeUndefined();
    expect(rowBuilder([col('id')], 'true-false')).toBeTypeOf('function');
  });
});

describe('CSV rows, quick path and general path', () => {
  // Wide enough (20 columns) that the records are built by the made function.
  const names = Array.from({ length: 20 }, (_, i) => `f${i}`);
  const wide = compile({
    type: 'object',
    'x-csv': { delimiter: '|' },
    additionalProperties: false,
    required: ['f0'],
    properties: Object.fromEntries(names.map((n, i) => [n, i === 1 ? { type: 'integer', maximum: 9 } : { type: 'string', maxLength: 12 }])),
  });
  const row = (first: string, rest = ''): string => [first, ...names.slice(1).map((_, i) => (i === 0 ? '5' : rest))].join('|');

  it('gives the same report in one chunk, in 1-byte chunks and in 7-byte chunks', async () => {
    const lines = [
      names.join('|'),
      row('plain', 'x'),
      row('"quoted|pipe"', '"q"'),
      row('"doubled ""quotes"""'),
      row('"line\nbreak"'),
      row('"crlf"', '"c"') + '\r',
      row('stray"quote'),
      row('"after"x'),
      '',
      'short|cells',
      row('"trailing cr\r"'),
      row('"cr after quote"\r\r'),
      row('way too long for the field', 'x'),
      row('last', 'no end'),
    ];
    const text = lines.join('\n');
    const options = { format: 'csv' as const, maxRecordBytes: 200 };
    const whole = timeless(await run([text], wide, options));
    expect(timeless(await run(bytewise(text), wide, options))).toEqual(whole);
    expect(timeless(await run(chunked(text, 7), wide, options))).toEqual(whole);
    expect(whole.findings).toEqual([
      err(3, 4, '/f0', 'maxLength', 'must be at most 12 characters'), // doubled "quotes": 16 characters
      err(6, 8, '', 'csv-syntax', 'malformed CSV: cell 1 has a quote inside an unquoted value'),
      err(7, 9, '', 'csv-syntax', 'malformed CSV: cell 1 has text after its closing quote'),
      err(8, 11, '', 'csv-columns', 'the row has 2 cells; the header has 20'),
      err(10, 13, '/f0', 'maxLength', 'must be at most 12 characters'), // CRs after a closing quote are not text
      err(11, 14, '/f0', 'maxLength', 'must be at most 12 characters'),
    ]);
    expect(whole.stats).toMatchObject({ records: 12, invalid: 6 });
  });

  it('reports a row that is too large in the same way on both paths', async () => {
    const text = `${names.join('|')}\n${row('a', 'x'.repeat(12))}\n${row('b')}\n`;
    // The row's characters and the line end before it: a limit below that cuts it.
    const limit = row('a', 'x'.repeat(12)).length + 1;
    for (const max of [limit - 1, limit, limit + 1]) {
      const options = { format: 'csv' as const, maxRecordBytes: max };
      const whole = timeless(await run([text], wide, options));
      expect(timeless(await run(bytewise(text), wide, options))).toEqual(whole);
      expect(whole.findings.map((f) => f.rule)).toEqual(max < limit ? ['record-too-large'] : []);
    }
  });

  it('reports a row with bytes that are not UTF-8, whichever text it was cut from', async () => {
    const head = Buffer.from(`${names.join('|')}\n${row('ok')}\n`);
    const bad = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(`${row('', 'x').slice(0)}\n${row('fine')}\n`)]);
    const bytes = Buffer.concat([head, bad]);
    for (const chunks of [[bytes], chunked(bytes, head.length), bytewise(bytes)]) {
      const report = await run(chunks, wide, { format: 'csv' });
      expect(report.findings).toEqual([err(2, 3, '', 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8')]);
      expect(report.stats).toMatchObject({ records: 3, invalid: 1 });
    }
  });
});
