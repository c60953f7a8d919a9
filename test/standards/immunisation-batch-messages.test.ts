/**
 * immunisation-batch 9.1.0's findings as a data manager reads them, on real validations of the bundled
 * standard: a bound in words with the column's range, a cell that is not the column's type with the form
 * to write, a date with too few digits with the form's length, and a header whose names are right but for
 * their case, or their order, as ONE finding (the file still fails: the pipeline needs the exact header),
 * its rows still read by name and their findings given in the same report.
 * The same record as NDJSON gets the same row messages. No message holds the value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';
import { busAck, infAck } from '../../src/validation/ack-file.js';
import { noBusAckReason } from '../../src/validation/file-outcome.js';

let v91: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  const standard = (await loadLibrary(bundledStandardsDir())).standards.get('immunisation-batch')!;
  v91 = standard.versions.find((x) => x.version === '9.1.0')!.compiled;
  fields = v91.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '9.1.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record;
});

const NAME = 'COVID_Vaccinations_v5_RX8AB_20240701T12000000.csv';
const context = { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME };
const row = (change: Record<string, string>): string => fields.map((f) => String({ ...base, ...change }[f] ?? '')).join('|');
const csv = (text: string): Promise<Report> => validateStream([Buffer.from(text)], v91, { format: 'csv', context });
const errors = (report: Report): [number, string, string, string][] =>
  report.findings.filter((f) => f.severity === 'error').map((f) => [f.record, f.path, f.rule, f.message]);

const WHEN = ' (when ACTION_FLAG is NEW or UPDATE)';
// [column, cell, rule, the whole message]
const CELLS: [string, string, string, string][] = [
  ['DOSE_SEQUENCE', '10', 'maximum', `must be at most 9; the allowed values are whole numbers from 1 to 9${WHEN}`],
  ['DOSE_SEQUENCE', '0', 'minimum', `must be at least 1; the allowed values are whole numbers from 1 to 9${WHEN}`],
  ['DOSE_SEQUENCE', 'first', 'type', `must be of type integer; write a whole number in digits, from 1 to 9${WHEN}`],
  ['DOSE_AMOUNT', 'half', 'type', `must be of type number; write a number in digits, with a decimal point for a fraction (e.g. 0.5)${WHEN}`],
  ['PRIMARY_SOURCE', 'maybe', 'type', `must be of type boolean; write true or false${WHEN}`],
  [
    'PERSON_DOB',
    '1965021',
    'format',
    `must be a real date written YYYYMMDD (or YYYY-MM-DD), e.g. 20240131; it has fewer than 8 digits: a date is 8 digits, YYYYMMDD${WHEN}`,
  ],
  [
    'EXPIRY_DATE',
    '202412310',
    'format',
    `must be a real date written YYYYMMDD (or YYYY-MM-DD), e.g. 20240131; it has more than 8 digits: a date is 8 digits, YYYYMMDD${WHEN}`,
  ],
  [
    'DATE_AND_TIME',
    '2024061018',
    'format',
    `must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501; it is digits alone, with no T: write it as YYYYMMDDThhmmss (8 digits, T, 6 digits)${WHEN}`,
  ],
  [
    'DATE_AND_TIME',
    '2024061T183325',
    'format',
    `must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501; its date, before the T, has fewer than 8 digits: write it as YYYYMMDDThhmmss (8 digits, T, 6 digits)${WHEN}`,
  ],
  [
    'DATE_AND_TIME',
    '20230105T093',
    'format',
    `must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501; its time, after the T, has 3 digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)${WHEN}`,
  ],
  [
    'RECORDED_DATE',
    '202406',
    'format',
    `must be a real date written YYYYMMDD (or YYYY-MM-DD), or a date and time written YYYY-MM-DDThh:mm:ss with its offset (Z or ±hh:mm), e.g. 20240131; it has fewer than 8 digits: a date is 8 digits, YYYYMMDD${WHEN}`,
  ],
];

describe('immunisation-batch 9.1.0: row findings say what is allowed', () => {
  it.each(CELLS)('%s %j', async (column, value, rule, message) => {
    const report = await csv(`${fields.join('|')}\n${row({ [column]: value })}\n`);
    expect(errors(report)).toEqual([[1, `/${column}`, rule, message]]);
    expect(message).not.toContain(value);
  });

  it('the same messages for the same values in NDJSON (numbers and booleans as JSON values where they are ones)', async () => {
    const lines = [
      { DOSE_SEQUENCE: 10 },
      { DOSE_SEQUENCE: 'first' },
      { DOSE_AMOUNT: 'half' },
      { PERSON_DOB: '1965021' },
      { DATE_AND_TIME: '2024061018' },
    ].map((change, i) => JSON.stringify({ ...base, UNIQUE_ID: `N${i}`, ...change }));
    const report = await validateStream([Buffer.from(lines.join('\n') + '\n')], v91, { format: 'ndjson', context });
    const byCell = (column: string, value: string): string => CELLS.find(([c, v]) => c === column && v === value)![3];
    expect(errors(report)).toEqual([
      [1, '/DOSE_SEQUENCE', 'maximum', byCell('DOSE_SEQUENCE', '10')],
      [2, '/DOSE_SEQUENCE', 'type', byCell('DOSE_SEQUENCE', 'first')],
      [3, '/DOSE_AMOUNT', 'type', byCell('DOSE_AMOUNT', 'half')],
      [4, '/PERSON_DOB', 'format', byCell('PERSON_DOB', '1965021')],
      [5, '/DATE_AND_TIME', 'format', byCell('DATE_AND_TIME', '2024061018')],
    ]);
  });
});

describe('immunisation-batch 9.1.0: a header right but for its case or order is one finding', () => {
  it('a header in lower case: one header-order finding, not one per column; the file still fails', async () => {
    const report = await csv(`${fields.join('|').toLowerCase()}\n${row({})}\n`);
    expect(report.findings.filter((f) => f.record === 0).map((f) => [f.rule, f.message])).toEqual([
      [
        'header-order',
        `the header must be this standard's 34 columns, in order and spelt exactly: every column is there and in order, but 34 of the names are in another case than the standard's (upper and lower case must match): column 1 is "nhs_number" where "NHS_NUMBER" is expected`,
      ],
    ]);
    expect(report.valid).toBe(false);
  });

  it('every column, in another order: one finding saying so', async () => {
    const swapped = [...fields];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const cells = swapped.map((f) => String(base[f] ?? '')).join('|');
    const report = await csv(`${swapped.join('|')}\n${cells}\n`);
    expect(report.findings.map((f) => [f.record, f.rule, f.message])).toEqual([
      [
        0,
        'header-order',
        `the header must be this standard's 34 columns, in order and spelt exactly: every column is there, but not in this standard's order: column 1 is "PERSON_FORENAME" where "NHS_NUMBER" is expected`,
      ],
    ]);
    expect(report.valid).toBe(false);
  });

  // Bad in one cell, good otherwise: the row's one finding, and the message never holds the value.
  const BAD = { UNIQUE_ID: 'bad', DOSE_SEQUENCE: 'first' };
  const DOSE_TYPE = {
    record: 2,
    line: 3,
    row: 3,
    path: '/DOSE_SEQUENCE',
    rule: 'type',
    message: `must be of type integer; write a whole number in digits, from 1 to 9${WHEN}`,
    severity: 'error',
  };
  const outcomes = (text: string): Promise<Report> =>
    validateStream([Buffer.from(text)], v91, { format: 'csv', context, outcomes: true });
  const ack = { messageId: 'm1', receivedAt: '2024-07-01T12:00:00Z' };

  it('a header in lower case: its rows are still read by name, and their findings come in the same pass; the file still fails', async () => {
    const report = await outcomes(`${fields.join('|').toLowerCase()}\n${row({ UNIQUE_ID: 'good' })}\n${row(BAD)}\n`);
    expect(report.findings).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'header-order',
        message: `the header must be this standard's 34 columns, in order and spelt exactly: every column is there and in order, but 34 of the names are in another case than the standard's (upper and lower case must match): column 1 is "nhs_number" where "NHS_NUMBER" is expected`,
        severity: 'error',
      },
      DOSE_TYPE,
    ]);
    // As under a broken file name: the file fails, and each row is counted by its own findings.
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 2 });
    expect(JSON.stringify(report.findings)).not.toContain('first');
    // The acknowledgements keep the file's verdict: InfAck Failure, no BusAck.
    expect(report.outcomes?.fileFailed).toBe(true);
    expect(infAck(report, ack).split('\n')[1]).toMatch(/^m1\|Failure\|/);
    expect(busAck(report, ack)).toBe('');
    expect(noBusAckReason(report)).toMatch(/^the file failed its file-level checks \(its name or its header/);
  });

  it('every column, in another order: the rows are read by name, their findings in the same pass', async () => {
    const swapped = [...fields];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const cells = (change: Record<string, string>): string => swapped.map((f) => String({ ...base, ...change }[f] ?? '')).join('|');
    const report = await outcomes(`${swapped.join('|')}\n${cells({ UNIQUE_ID: 'good' })}\n${cells(BAD)}\n`);
    expect(report.findings).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'header-order',
        message: `the header must be this standard's 34 columns, in order and spelt exactly: every column is there, but not in this standard's order: column 1 is "PERSON_FORENAME" where "NHS_NUMBER" is expected`,
        severity: 'error',
      },
      DOSE_TYPE,
    ]);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 2 });
    expect(report.outcomes?.fileFailed).toBe(true);
    expect(busAck(report, ack)).toBe('');
  });

  it('a byte-order mark, or spaces around a name, with names in lower case: a finding for each, the rows still read by name', async () => {
    const lower = fields.map((f) => f.toLowerCase());
    const CASE = `the header must be this standard's 34 columns, in order and spelt exactly: every column is there and in order, but 34 of the names are in another case than the standard's (upper and lower case must match): column 1 is "nhs_number" where "NHS_NUMBER" is expected`;
    for (const [header, written] of [
      [`\uFEFF${lower.join('|')}`, 'column 1 is "nhs_number" preceded by the byte-order mark (BOM) that begins the file; save the file as UTF-8 without a BOM'],
      [lower.map((f, i) => (i === 2 ? ` ${f} ` : f)).join('|'), 'column 3 is "person_surname" with white space around it'],
    ]) {
      const report = await outcomes(`${header}\n${row({ UNIQUE_ID: 'good' })}\n${row(BAD)}\n`);
      expect(report.findings.map((f) => [f.record, f.rule, f.message])).toEqual([
        [0, 'header-order', `the header must be this standard's 34 columns, in order and spelt exactly: ${written}`],
        [0, 'header-order', CASE],
        [2, 'type', DOSE_TYPE.message],
      ]);
      // No spurious row findings: every column is read as its field; the file fails, with no BusAck.
      expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 3 });
      expect(report.outcomes?.fileFailed).toBe(true);
      expect(busAck(report, ack)).toBe('');
    }
  });

  it('a header with a field twice but for case is as before: the stray column is not read as the field', async () => {
    const twice = fields.map((f) => (f === 'PERSON_FORENAME' ? 'nhs_number' : f));
    const report = await csv(`${twice.join('|')}\n${row(BAD)}\n`);
    const file = { record: 0, line: 0, path: '', severity: 'error' };
    const onRow = { record: 1, line: 2, row: 2, severity: 'error' };
    expect(report.findings).toEqual([
      {
        ...file,
        rule: 'header-order',
        message: `the header must be this standard's 34 columns, in order and spelt exactly: column 2 is "nhs_number" where "PERSON_FORENAME" is expected`,
      },
      { ...file, rule: 'unknown-column', message: 'column 2 "nhs_number" is not a field of this standard' },
      { ...onRow, path: '/PERSON_FORENAME', rule: 'required', message: 'missing required field "PERSON_FORENAME", required when ACTION_FLAG is NEW or UPDATE' },
      { ...DOSE_TYPE, ...onRow },
    ]);
    expect(report.stats).toMatchObject({ records: 1, valid: 0, invalid: 1, findings: 4 });
  });

  it('NDJSON has no header: the same records get the same row findings, and nothing about a header', async () => {
    const lines = [{ ...base, UNIQUE_ID: 'good' }, { ...base, ...BAD }].map((r) => JSON.stringify(r));
    const report = await validateStream([Buffer.from(lines.join('\n') + '\n')], v91, { format: 'ndjson', context });
    // The CSV row's finding, on line 2 and with no spreadsheet row; about the file, only that its files are
    // CSV (a warning: the standard's file names end .csv or .dat), nothing about a header.
    const { record, path, rule, message, severity } = DOSE_TYPE;
    expect(report.findings.filter((f) => f.record !== 0)).toEqual([{ record, line: 2, path, rule, message, severity }]);
    expect(report.findings.filter((f) => f.record === 0).map((f) => [f.rule, f.severity])).toEqual([['file-format', 'warning']]);
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1, findings: 2 });
  });
});
