import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { validateStream } from '../../src/validation/validate.js';
import { DEFAULT_MAX_FINDINGS } from '../../src/validation/report-builder.js';
import type { Finding, Report } from '../../src/validation/report-types.js';
import { bytewise, compile, err, PERSON_SCHEMA, run, STANDARD, timeless } from './helpers.js';

/** A JSON number where the field holds text: the message says to send it in quotes (type-hints.ts), never the value. */
const NUMBER_AS_TEXT = 'must be of type string; it is written as a number, but the field holds text: send the value in quotes ("…")';

const person = compile(PERSON_SCHEMA);

// The same six records in each format.
const RECORDS: Record<string, unknown>[] = [
  { id: 'a', age: 12, consent: true, address: { postcode: 'SW1A 1AA' } },
  { id: 'b', age: 'abc', weight: 70.5 },
  { age: 5, address: { town: 'Leeds' } },
  { id: 'd', weight: 1.5, consent: 'yes' },
  { id: 'e', name: 'x'.repeat(25), address: { postcode: 'Q1 1AA' } },
  { id: 'f', nhsNumber: '9876544321', age: -3 },
  { id: 'g', nhsNumber: '9434765919', consent: false, weight: -0.25 },
];
const COLUMNS = ['id', 'nhsNumber', 'age', 'weight', 'consent', 'name', 'address.postcode', 'address.town'];
const cell = (record: Record<string, unknown>, column: string): string => {
  const value = column.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record);
  return value === undefined ? '' : String(value);
};
const AS_JSON = '[\n' + RECORDS.map((r) => '  ' + JSON.stringify(r, null, 1).replace(/\n/g, '\n  ')).join(',\n') + '\n]\n';
const AS_NDJSON = RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n';
const AS_CSV = COLUMNS.join(',') + '\n' + RECORDS.map((r) => COLUMNS.map((c) => cell(r, c)).join(',')).join('\n') + '\n';

const withoutLine = (findings: Finding[]) => findings.map(({ line: _line, row: _row, ...rest }) => rest);

describe('validateStream', () => {
  it('gives the same findings for the same records as JSON, NDJSON and CSV', async () => {
    const json = await run([AS_JSON], person, { format: 'json' });
    const ndjson = await run([AS_NDJSON], person, { format: 'ndjson' });
    const csv = await run([AS_CSV], person, { format: 'csv' });
    const expected = [
      { record: 2, path: '/age', rule: 'type', message: 'must be of type integer; write a whole number in digits, at least 0', severity: 'error' },
      { record: 3, path: '/id', rule: 'required', message: 'missing required field "id"', severity: 'error' },
      {
        record: 4,
        path: '/consent',
        rule: 'type',
        message: 'must be of type boolean; write true or false: a flag such as Y, N, 1 or 0 is not read as one',
        severity: 'error',
      },
      { record: 5, path: '/name', rule: 'maxLength', message: 'must be at most 20 characters', severity: 'error' },
      {
        record: 5,
        path: '/address/postcode',
        rule: 'format',
        message:
          'must be a valid UK postcode (or a ZZ99 pseudo-postcode); its first part (the outward code, before the last three characters) is not the shape of a postcode district',
        severity: 'error',
      },
      {
        record: 6,
        path: '/nhsNumber',
        rule: 'format',
        message:
          'must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error?',
        severity: 'error',
      },
      { record: 6, path: '/age', rule: 'minimum', message: 'must be at least 0', severity: 'error' },
    ];
    for (const report of [json, ndjson, csv]) {
      expect(withoutLine(report.findings), report.format).toEqual(expected);
      expect(report.stats, report.format).toMatchObject({ records: 7, valid: 2, invalid: 5, findings: 7 });
      // The summary too, but for where its first records are (each format's own lines, CSV's rows).
      expect(
        report.summary.map(({ firstRows: _rows, firstLines: _lines, ...s }) => s),
        report.format,
      ).toEqual(json.summary.map(({ firstLines: _lines, ...s }) => s));
      expect(report.valid).toBe(false);
    }
    // the lines are each format's own
    expect(ndjson.findings.map((f) => f.line)).toEqual([2, 3, 4, 5, 5, 6, 6]);
    expect(csv.findings.map((f) => f.line)).toEqual([3, 4, 5, 6, 6, 7, 7]);
    // and a CSV finding's spreadsheet row is its line here (no empty line, no cell over two lines)
    expect(csv.findings.map((f) => f.row)).toEqual([3, 4, 5, 6, 6, 7, 7]);
    // the summary's first lines are each format's own too
    expect(ndjson.summary.find((s) => s.path === '/age' && s.rule === 'type')!.firstLines).toEqual([2]);
    expect(csv.summary.find((s) => s.path === '/age' && s.rule === 'type')!.firstLines).toEqual([3]);
    expect(json.findings.some((f) => f.row !== undefined)).toBe(false);
    // JSON: each pretty-printed element starts on its `{` line (record 2 on line 10, …)
    expect(json.findings.map((f) => f.line)).toEqual([10, 15, 21, 26, 26, 33, 33]);
  });

  it('fills the report’s frame: standard, format, gzip, sizes, limits', async () => {
    const report = await run([AS_NDJSON], person, { format: 'ndjson' });
    expect(report.standard).toEqual(STANDARD);
    expect(report.format).toBe('ndjson');
    expect(report.gzip).toBe(false);
    expect(report.stats.bytes).toBe(Buffer.byteLength(AS_NDJSON));
    expect('compressedBytes' in report.stats).toBe(false);
    expect(report.stats.seconds).toBeGreaterThanOrEqual(0);
    expect(report.maxFindings).toBe(DEFAULT_MAX_FINDINGS);
    expect(report.truncated).toBe(false);
    expect(report.summaryTruncated).toBe(false);
  });

  it('gives the same report for gzip input apart from gzip and compressedBytes, in every format', async () => {
    for (const [format, text] of [
      ['json', AS_JSON],
      ['ndjson', AS_NDJSON],
      ['csv', AS_CSV],
    ] as const) {
      const plain = timeless(await run([text], person, { format }));
      const zipped = gzipSync(Buffer.from(text));
      const gz = timeless(await run(bytewise(zipped), person, { format }));
      expect(gz, format).toEqual({ ...plain, gzip: true, stats: { ...plain.stats, compressedBytes: zipped.length } });
    }
  });

  it('takes string chunks and any async iterable', async () => {
    async function* source() {
      yield '{"id":"a"}\n';
      yield Buffer.from('{"id":2}\n');
    }
    const report = await validateStream(source(), person, { format: 'ndjson' });
    expect(report.findings).toEqual([err(2, 2, '/id', 'type', NUMBER_AS_TEXT)]);
  });

  it('throws InputError only for an unreadable file, never for bad records', async () => {
    await expect(run(['{"id":'], person, { format: 'ndjson' })).resolves.toMatchObject({ valid: false });
    await expect(run(['not json at all'], person, { format: 'json' })).resolves.toMatchObject({ valid: false });
    await expect(run(['"a","b"\n"unclosed'], person, { format: 'csv' })).resolves.toMatchObject({ valid: false });
    await expect(run([Buffer.from([0xff, 0xfe, 0x41, 0x00])], person, { format: 'json' })).rejects.toMatchObject({ code: 'encoding' });
  });
});

describe('no record value ever reaches a report', () => {
  const NHS = '9434765919';
  const NAME = 'ZEBEDEE-MARKER';
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string' },
      code: { type: 'string', pattern: '^[A-Z]$' },
      kind: { type: 'string', enum: ['A', 'B'] },
      short: { type: 'string', maxLength: 3 },
      long: { type: 'string', minLength: 50 },
      date: { type: 'string', format: 'date' },
      count: { type: 'integer' },
      fixed: { const: 'X' },
      tags: { type: 'array', items: { type: 'string', format: 'ods-code' }, uniqueItems: true },
    },
  };
  const version = compile(schema);
  const bad = { id: 'r', code: NHS, kind: NAME, short: NHS, long: NAME, date: NAME, count: NHS, fixed: NAME, tags: [NAME, NAME], extra: NHS, other: NAME };

  function expectNoMarkers(report: Report, rules: string[]): void {
    const text = JSON.stringify(report);
    expect(text).not.toContain(NHS);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain('ZEBEDEE');
    expect(text).not.toContain('943476');
    // and the report did fail the rules meant to carry the markers
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual([...rules].sort());
  }

  const SCHEMA_RULES = ['pattern', 'enum', 'maxLength', 'minLength', 'format', 'type', 'const', 'uniqueItems', 'additionalProperties'];

  it('NDJSON: schema failures, a malformed line, a non-UTF-8 line', async () => {
    const text = Buffer.concat([
      Buffer.from(JSON.stringify(bad) + '\n'),
      Buffer.from(`{"id":"r","name":"${NAME}","nhs":"${NHS}" oops}\n`),
      Buffer.from(`{"id": ${NAME}, "nhs": ${NHS}x}\n`),
      Buffer.from(`{"id":"${NAME}\u00e9`, 'latin1'),
      Buffer.from(`${NHS}"}\n`),
      Buffer.from(`{"id":"${NAME}`),
    ]);
    const report = await run([text], version, { format: 'ndjson' });
    expectNoMarkers(report, [...SCHEMA_RULES, 'json-syntax', 'encoding']);
  });

  it('JSON: schema failures and a malformed element', async () => {
    const text = `[${JSON.stringify(bad)},\n{"id": "${NAME}" "${NHS}"},\n{"id": ${NAME}},\n{"id":"${NHS}`;
    const report = await run([text], version, { format: 'json' });
    expectNoMarkers(report, [...SCHEMA_RULES, 'json-syntax']);
  });

  it('JSON: a single malformed value', async () => {
    const report = await run([`{"nhs": ${NHS}, "name": ${NAME}}`], version, { format: 'json' });
    expectNoMarkers(report, ['json-syntax']);
  });

  it('CSV: schema failures, a malformed row, wrong cell counts, an unclosed quote', async () => {
    const header = 'id,code,kind,short,long,date,count,fixed,extra\n';
    const rows = [
      `r,${NHS},${NAME},${NHS},${NAME},${NAME},${NAME},${NAME},${NHS}`,
      `r,${NHS}"${NAME},A,,,,,,`,
      `r,"${NAME}"${NHS},A,,,,,,`,
      `${NAME},${NHS}`,
      `r,${NAME},${NHS},,,,,,,,,`,
      `r,"${NAME}\n${NHS}`,
    ];
    const report = await run([header + rows.join('\n')], version, { format: 'csv' });
    expectNoMarkers(report, ['pattern', 'enum', 'maxLength', 'minLength', 'format', 'type', 'const', 'unknown-column', 'csv-syntax', 'csv-columns']);
  });

  it('CSV without a header row: the first row is data, and none of it is shown in the header findings', async () => {
    const rows = [`${NHS},${NAME},SMITH,JOHN`, `r,A,B,C`];
    const report = await run([rows.join('\n')], version, { format: 'csv' });
    expectNoMarkers(report, ['unknown-column', 'missing-column']);
    expect(JSON.stringify(report)).not.toContain('SMITH');
  });
});
