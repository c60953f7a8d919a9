/**
 * immunisation-batch 6.0.0: the pipeline's verdicts 5.0.0 did not give. A NEW repeating an identifier the
 * same file created (x-record-actions), a line holding only "" (a row to Python's csv module), and a file
 * name whose ODS code is not an ODS code. Each case is compared with 5.0.0, which answered it otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import { busAck, infAck } from '../../src/validation/ack-file.js';
import { noBusAckReason } from '../../src/validation/file-outcome.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';

let library: Library;
let v6: CompiledVersion;
let v5: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
  const standard = library.standards.get('immunisation-batch')!;
  v6 = standard.versions.find((v) => v.version === '6.0.0')!.compiled;
  v5 = standard.versions.find((v) => v.version === '5.0.0')!.compiled;
  fields = v6.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '6.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record;
});

const NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332500.csv';
const URI = 'https://supplier.example/vaccinations';
const row = (id: string, flag: string, change: Record<string, unknown> = {}): string =>
  fields.map((f) => `"${String({ ...base, UNIQUE_ID: id, UNIQUE_ID_URI: URI, ACTION_FLAG: flag, ...change }[f] ?? '')}"`).join('|');
const file = (rows: string[]): string => [fields.join('|'), ...rows].join('\n') + '\n';

const validate = (version: CompiledVersion, text: string, fileName = NAME): Promise<Report> =>
  validateStream([Buffer.from(text)], version, { format: 'csv', outcomes: true, context: { submittedAt: '2024-07-01T12:00:00Z', fileName } });

const errors = (report: Report) => report.findings.filter((f) => f.severity === 'error').map((f) => [f.record, f.line, f.path, f.rule]);
const ACK = { messageId: 'm', receivedAt: '2024-07-01T12:00:00Z' };
const busAckRows = (report: Report) =>
  busAck(report, ACK)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => [line.split('|')[0], line.split('|')[12]]);

const DUPLICATE =
  'UNIQUE_ID: The identifier (UNIQUE_ID_URI and UNIQUE_ID) is duplicated: an earlier row of this file created a record with it and no row has deleted it since, and the national pipeline refuses a NEW of an identifier that exists (422); send an UPDATE, or a new identifier';

describe('immunisation-batch 6.0.0: a NEW of an identifier the same file created is refused, as the pipeline refuses it (422)', () => {
  const rows = () => [
    row('A', 'NEW'), // 1 creates A
    row('A', 'new'), // 2 duplicate (any case)
    row('A', 'UPDATE'), // 3 updates A
    row('A', 'DELETE'), // 4 deletes A
    row('A', 'NEW'), // 5 brings A back
    row('A', 'nEw'), // 6 duplicate
    row('B', 'UPDATE'), // 7 B unknown to the file: nothing known
    row('B', 'NEW'), // 8 creates B
    row('C', 'NEW', { PERSON_SURNAME: '' }), // 9 fails its own checks: creates nothing
    row('C', 'NEW'), // 10 creates C
    row('C', 'NEW', { PRIMARY_SOURCE: 'Y' }), // 11 fails its own checks: that error alone, as the pipeline stops there
    row('D', 'NEW'), // 12 creates D
    row('D', 'DELETE'), // 13 deletes D
    row('D', 'UPDATE'), // 14 an update of a deleted record brings it back
    row('D', 'NEW'), // 15 duplicate
    row('A', 'NEW', { UNIQUE_ID_URI: 'https://other.example/ids' }), // 16 another identifier system: not A
  ];

  it('the later NEW is an error at UNIQUE_ID, with its record and line; rows that failed or were deleted do not count', async () => {
    const report = await validate(v6, file(rows()));
    expect(errors(report)).toEqual([
      [2, 3, '/UNIQUE_ID', 'duplicate-identifier'],
      [6, 7, '/UNIQUE_ID', 'duplicate-identifier'],
      [9, 10, '/PERSON_SURNAME', 'required'],
      [11, 12, '/PRIMARY_SOURCE', 'type'],
      [15, 16, '/UNIQUE_ID', 'duplicate-identifier'],
    ]);
    expect(report.findings.find((f) => f.record === 6 && f.rule === 'duplicate-identifier')!.message).toBe(
      `${DUPLICATE.slice('UNIQUE_ID: '.length)}; record 5 (line 6, row 6) of this file created it, or brought it back`,
    );
    expect(report.stats).toMatchObject({ records: 16, valid: 11, invalid: 5 });
    // The BusAck lists them as the pipeline's does; no value from the file, here or in the report.
    expect(busAckRows(report)).toEqual([
      ['m^2', `${DUPLICATE}; record 1 (line 2, row 2) of this file created it, or brought it back`],
      ['m^6', `${DUPLICATE}; record 5 (line 6, row 6) of this file created it, or brought it back`],
      ['m^9', expect.stringContaining('PERSON_SURNAME: missing required field')],
      ['m^11', expect.stringContaining('PRIMARY_SOURCE: ')],
      ['m^15', `${DUPLICATE}; record 14 (line 15, row 15) of this file created it, or brought it back`],
    ]);
    for (const text of [JSON.stringify(report), busAck(report, ACK)]) {
      expect(text).not.toContain(URI);
      expect(text).not.toContain('other.example');
    }
  });

  it('5.0.0 did not refuse them (the scorecard alone counted the repeated key)', async () => {
    const report = await validate(v5, file(rows()));
    expect(errors(report).map(([record]) => record)).toEqual([9, 11]);
  });

  it('is followed across the whole file, whatever the findings cap', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => row(`id-${i % 1000}`, 'NEW'));
    const report = await validateStream([Buffer.from(file(many))], v6, {
      format: 'csv',
      outcomes: true,
      maxFindings: 3,
      context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME },
    });
    expect(report.stats).toMatchObject({ records: 3000, valid: 1000, invalid: 2000 });
    expect(report.summary.find((s) => s.rule === 'duplicate-identifier')).toMatchObject({ count: 2000, firstRecords: [1001, 1002, 1003, 1004, 1005] });
    const ids = busAckRows(report).map(([id]) => id);
    expect(ids).toHaveLength(2000);
    expect(ids[0]).toBe('m^1001');
    expect(ids.at(-1)).toBe('m^3000');
  });
});

describe('immunisation-batch 6.0.0: a line holding only "" is a failing row, as Python reads it', () => {
  it('counts it and fails it, so later rows keep the pipeline numbers', async () => {
    const report = await validate(v6, file([row('A', 'NEW'), '""', row('B', 'NEW', { PRIMARY_SOURCE: 'Y' })]));
    expect(errors(report)).toEqual([
      [2, 3, '/UNIQUE_ID', 'required'],
      [2, 3, '/UNIQUE_ID_URI', 'required'],
      [2, 3, '/ACTION_FLAG', 'required'],
      [3, 4, '/PRIMARY_SOURCE', 'type'],
    ]);
    expect(busAckRows(report).map(([id]) => id)).toEqual(['m^2', 'm^3']);
  });
});

describe("immunisation-batch 6.0.0: the file name's ODS code must be an ODS code", () => {
  it.each([
    ['COVID_Vaccinations_v5_B8_20240610T18332500.csv', 'two characters', ''],
    ['COVID_Vaccinations_v5_B86-001_20240610T18332500.csv', 'punctuation', ' — here it has characters other than letters and digits'],
    ['COVID_Vaccinations_v5_ABCDEFGHI_20240610T18332500.csv', 'nine characters', ''],
  ])('%s (%s) fails the file: InfAck Failure, no BusAck, a finding naming the part', async (name, _what, hint) => {
    const report = await validate(v6, file([row('A', 'NEW')]), name);
    expect(report.findings.filter((f) => f.record === 0)).toEqual([
      {
        record: 0,
        line: 0,
        path: '',
        rule: 'file-name',
        message: `the file name's part 4 (ODS code) must be a valid ODS code (3 to 8 upper-case letters and digits)${hint}; the file name must be {VACC}_Vaccinations_v5_{ODS code}_{YYYYMMDDThhmmsszz}.csv (or .dat), e.g. FLU_Vaccinations_v5_B86001_20240610T18332500.csv, with VACC one of the vaccine types of the national disease mapping`,
        severity: 'error',
      },
    ]);
    expect(infAck(report, ACK).split('\n')[1]).toMatch(/^m\|Failure\|Fatal\|/);
    expect(noBusAckReason(report)).toMatch(/^the file failed its file-level checks/);
    expect(busAck(report, ACK)).toBe('');
    // 5.0.0 checked only that it was there
    expect((await validate(v5, file([row('A', 'NEW')]), name)).findings.filter((f) => f.record === 0)).toEqual([]);
  });

  it.each(['COVID_Vaccinations_v5_B86001_20240610T18332500.csv', 'covid_vaccinations_v5_yGm41_20240610T18332500.csv', 'RSV_Vaccinations_v5_X8E5B_20000101T00000001_ODS123.csv'])(
    '%s is a well-formed name',
    async (name) => {
      const report = await validate(v6, file([row('A', 'NEW')]), name);
      expect(report.findings.filter((f) => f.rule === 'file-name')).toEqual([]);
    },
  );
});

describe('immunisation-batch 6.0.0: the scorecard judges uniqueness on the rows that create a record', () => {
  it('an UPDATE and a DELETE of an identifier the file created are not duplicates; a second NEW is', async () => {
    const { scorecardPass } = await import('../../src/quality/observer.js');
    const standard = library.standards.get('immunisation-batch')!;
    const uniqueness = async (version: '5.0.0' | '6.0.0', rows: string[]) => {
      const v = standard.versions.find((x) => x.version === version)!;
      const pass = scorecardPass(library.validators.ajv, v.schema, v.schemaId, standard.meta, new Date('2024-07-01T12:00:00Z'));
      await validateStream([Buffer.from(file(rows))], v.compiled, {
        format: 'csv',
        observer: pass.observer,
        context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME },
      });
      return { counts: pass.scorecard().dimensions.uniqueness.counts, warnings: pass.duplicateFindings().length };
    };
    const lifecycle = [row('A', 'NEW'), row('A', 'update'), row('A', 'DELETE'), row('B', 'NEW')];
    expect(await uniqueness('6.0.0', lifecycle)).toMatchObject({ counts: { keyed: 2, duplicates: 0 }, warnings: 0 });
    // 5.0.0 declares no record actions: every row's key is judged, as before.
    expect(await uniqueness('5.0.0', lifecycle)).toMatchObject({ counts: { keyed: 4, duplicates: 2 }, warnings: 2 });
    expect(await uniqueness('6.0.0', [row('A', 'NEW'), row('A', 'nEw'), row('C', 'UPDATE')])).toMatchObject({
      counts: { keyed: 2, duplicates: 1 },
      warnings: 1,
    });
  });
});
