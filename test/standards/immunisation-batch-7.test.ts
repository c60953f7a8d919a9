/**
 * immunisation-batch 7.0.0: the pipeline's verdicts 6.0.0 did not give. A DELETE of an identifier the same
 * file already deleted (no live record: the pipeline's 404), and the identifier as the pipeline builds it,
 * UNIQUE_ID_URI#UNIQUE_ID joined as one text. Each case is compared with 6.0.0, which answered it otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { validateStream } from '../../src/validation/validate.js';
import { busAck, busAckJson } from '../../src/validation/ack-file.js';
import { scorecardPass } from '../../src/quality/observer.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { Report } from '../../src/validation/report-types.js';

let v7: CompiledVersion;
let v6: CompiledVersion;
let fields: readonly string[];
let base: Record<string, unknown>;
beforeAll(async () => {
  const library = await loadLibrary(bundledStandardsDir());
  const standard = library.standards.get('immunisation-batch')!;
  v7 = standard.versions.find((v) => v.version === '7.0.0')!.compiled;
  v6 = standard.versions.find((v) => v.version === '6.0.0')!.compiled;
  fields = v7.csvLayout.fields;
  const examples = parse(await readFile(join(standard.dir, 'examples', '7.0.0.yaml'), 'utf8')) as { valid: { record: Record<string, unknown> }[] };
  base = examples.valid[0]!.record;
});

const NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332500.csv';
const URI = 'https://supplier.example/vaccinations';
const row = (id: string, flag: string, change: Record<string, unknown> = {}): string =>
  fields.map((f) => `"${String({ ...base, UNIQUE_ID: id, UNIQUE_ID_URI: URI, ACTION_FLAG: flag, ...change }[f] ?? '')}"`).join('|');
const file = (rows: string[]): string => [fields.join('|'), ...rows].join('\n') + '\n';

const validate = (version: CompiledVersion, text: string): Promise<Report> =>
  validateStream([Buffer.from(text)], version, { format: 'csv', outcomes: true, context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME } });

const errors = (report: Report) => report.findings.filter((f) => f.severity === 'error').map((f) => [f.record, f.line, f.path, f.rule]);
const ACK = { messageId: 'm', receivedAt: '2024-07-01T12:00:00Z' };
const busAckRows = (report: Report) =>
  busAck(report, ACK)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split('|'));

const GONE =
  'There is no record to delete with this identifier (UNIQUE_ID_URI and UNIQUE_ID): an earlier row of this file asked to delete it and no NEW or UPDATE has brought it back since, and the national pipeline refuses a DELETE of an identifier with no live record (404: Immunization resource does not exist); remove the repeated DELETE';
const DUPLICATE =
  'The identifier (UNIQUE_ID_URI and UNIQUE_ID) is duplicated: an earlier row of this file created a record with it and no row has deleted it since, and the national pipeline refuses a NEW of an identifier that exists (422); send an UPDATE, or a new identifier';

describe('immunisation-batch 7.0.0: a DELETE of an identifier the same file already deleted is refused, as the pipeline answers it 404', () => {
  const rows = () => [
    row('A', 'NEW'), // 1 creates A
    row('A', 'DELETE'), // 2 deletes A
    row('A', 'delete'), // 3 no live record (any case)
    row('B', 'DELETE'), // 4 B never seen in the file: may be live in the pipeline's store
    row('B', 'DELETE'), // 5 deleted by row 4 (or not there at all): no live record either way
    row('A', 'NEW'), // 6 brings A back
    row('A', 'DELETE'), // 7 deletes A
    row('A', 'UPDATE'), // 8 an UPDATE of a deleted record brings it back
    row('A', 'DELETE'), // 9 deletes A
    row('C', 'DELETE', { UNIQUE_ID_URI: '' }), // 10 fails its own checks: deletes nothing
    row('C', 'DELETE'), // 11 C never deleted by a row that passed
    row('A', 'DELETE', { UNIQUE_ID_URI: 'https://other.example/ids' }), // 12 another identifier system: not A
  ];

  it('the second DELETE is an error at UNIQUE_ID naming the earlier row; a first DELETE, even of an identifier never seen, passes', async () => {
    const report = await validate(v7, file(rows()));
    expect(errors(report)).toEqual([
      [3, 4, '/UNIQUE_ID', 'identifier-already-deleted'],
      [5, 6, '/UNIQUE_ID', 'identifier-already-deleted'],
      [10, 11, '/UNIQUE_ID_URI', 'required'],
    ]);
    expect(report.findings.find((f) => f.record === 3)!.message).toBe(`${GONE}; record 2 (line 3, row 3) of this file already asked to delete it`);
    expect(report.findings.find((f) => f.record === 5)!.message).toBe(`${GONE}; record 4 (line 5, row 5) of this file already asked to delete it`);
    expect(report.stats).toMatchObject({ records: 12, valid: 9, invalid: 3 });
    expect(report.summary.find((s) => s.rule === 'identifier-already-deleted')).toMatchObject({ count: 2, severity: 'error' });
  });

  it('the BusAck CSV and JSON fail the row as the pipeline does, with the message as its diagnostics and no value', async () => {
    const report = await validate(v7, file(rows()));
    const csv = busAckRows(report);
    expect(csv.map((cells) => cells[0])).toEqual(['m^3', 'm^5', 'm^10']);
    // MESSAGE_HEADER_ID … RESPONSE_CODE, RESPONSE_DISPLAY, LOCAL_ID empty, OPERATION_OUTCOME, MESSAGE_DELIVERY
    expect(csv[0]).toEqual([
      'm^3',
      'Fatal Error',
      'Fatal',
      'Fatal Error',
      '30002',
      'Business',
      '30002',
      'Business Level Response Value - Processing Error',
      '20240701T12000000',
      '',
      '',
      '',
      `UNIQUE_ID: ${GONE}; record 2 (line 3, row 3) of this file already asked to delete it`,
      'False',
    ]);
    const json = JSON.parse([...busAckJson(report, { ...ACK, fileName: NAME, generatedAt: '2024-07-01T12:00:01Z' })].join('')) as {
      summary: { totalRecords: number; succeeded: number; failed: number };
      failures: { rowId: number; responseCode: string; severity: string; localId: string; operationOutcome: string }[];
    };
    expect(json.summary).toMatchObject({ totalRecords: 12, succeeded: 9, failed: 3 });
    expect(json.failures[1]).toEqual({
      rowId: 5,
      responseCode: '30002',
      responseDisplay: 'Business Level Response Value - Processing Error',
      severity: 'Fatal',
      localId: '',
      operationOutcome: `UNIQUE_ID: ${GONE}; record 4 (line 5, row 5) of this file already asked to delete it`,
    });
    for (const text of [JSON.stringify(report), busAck(report, ACK), JSON.stringify(json)]) {
      expect(text).not.toContain(URI);
      expect(text).not.toContain('other.example');
    }
  });

  it('6.0.0 did not refuse them (its verdicts are unchanged)', async () => {
    const report = await validate(v6, file(rows()));
    expect(errors(report)).toEqual([[10, 11, '/UNIQUE_ID_URI', 'required']]);
  });
});

describe('immunisation-batch 7.0.0: the identifier is UNIQUE_ID_URI#UNIQUE_ID joined as text, as the pipeline builds it', () => {
  it.each([
    ['URI a#b, ID c, then URI a, ID b#c', { UNIQUE_ID_URI: 'urn:a#b', UNIQUE_ID: 'c' }, { UNIQUE_ID_URI: 'urn:a', UNIQUE_ID: 'b#c' }],
    ['URI a, ID b#c, then URI a#b, ID c', { UNIQUE_ID_URI: 'urn:a', UNIQUE_ID: 'b#c' }, { UNIQUE_ID_URI: 'urn:a#b', UNIQUE_ID: 'c' }],
  ])('%s: one identifier, so the second NEW is a duplicate and a DELETE of the other spelling deletes it', async (_name, first, second) => {
    const created = await validate(v7, file([row('', 'NEW', first), row('', 'NEW', second)]));
    expect(errors(created)).toEqual([[2, 3, '/UNIQUE_ID', 'duplicate-identifier']]);
    expect(created.findings[0]!.message).toBe(`${DUPLICATE}; record 1 (line 2, row 2) of this file created it, or brought it back`);
    const deleted = await validate(v7, file([row('', 'NEW', first), row('', 'DELETE', second), row('', 'DELETE', first), row('', 'NEW', first)]));
    expect(errors(deleted)).toEqual([[3, 4, '/UNIQUE_ID', 'identifier-already-deleted']]);
    // 6.0.0 kept the two fields apart: two identifiers, nothing refused.
    expect(errors(await validate(v6, file([row('', 'NEW', first), row('', 'NEW', second)])))).toEqual([]);
  });

  it("the scorecard's uniqueness judges the same joined identifier (6.0.0's kept the parts apart)", async () => {
    const { scorecardPass } = await import('../../src/quality/observer.js');
    const library = await loadLibrary(bundledStandardsDir());
    const standard = library.standards.get('immunisation-batch')!;
    const uniqueness = async (version: '6.0.0' | '7.0.0') => {
      const v = standard.versions.find((x) => x.version === version)!;
      const pass = scorecardPass(library.validators.ajv, v.schema, v.schemaId, standard.meta, new Date('2024-07-01T12:00:00Z'));
      const rows = [
        row('', 'NEW', { UNIQUE_ID_URI: 'urn:a#b', UNIQUE_ID: 'c' }),
        row('', 'NEW', { UNIQUE_ID_URI: 'urn:a', UNIQUE_ID: 'b#c' }),
        row('', 'NEW', { UNIQUE_ID_URI: 'urn:a', UNIQUE_ID: 'bc' }),
      ];
      await validateStream([Buffer.from(file(rows))], v.compiled, { format: 'csv', observer: pass.observer, context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME } });
      return { counts: pass.scorecard().dimensions.uniqueness.counts, warnings: pass.duplicateFindings().map((f) => f.record) };
    };
    expect(await uniqueness('7.0.0')).toMatchObject({ counts: { keyed: 3, duplicates: 1 }, warnings: [2] });
    expect(await uniqueness('6.0.0')).toMatchObject({ counts: { keyed: 3, duplicates: 0 }, warnings: [] });
  });

  it('only the joined text counts: a#b + c is not a + bc', async () => {
    const report = await validate(v7, file([row('', 'NEW', { UNIQUE_ID_URI: 'urn:a#b', UNIQUE_ID: 'c' }), row('', 'NEW', { UNIQUE_ID_URI: 'urn:a', UNIQUE_ID: 'bc' })]));
    expect(errors(report)).toEqual([]);
  });
});

describe('immunisation-batch 7.0.0: the "not known" codes count in the scorecard\'s defaults dimension', () => {
  const scorecardOf = async (version: string, text: string) => {
    const library = await loadLibrary(bundledStandardsDir());
    const standard = library.standards.get('immunisation-batch')!;
    const v = standard.versions.find((x) => x.version === version)!;
    const pass = scorecardPass(library.validators.ajv, v.schema, v.schemaId, standard.meta, new Date('2024-07-01T12:00:00Z'));
    await validateStream([Buffer.from(text)], v.compiled, { format: 'csv', observer: pass.observer, context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME } });
    return pass.scorecard();
  };
  const counts = (card: Awaited<ReturnType<typeof scorecardOf>>, field: string) =>
    card.dimensions.defaults.fields?.find((f) => f.field === field) as Record<string, unknown> | undefined;

  it('counts the postcode-not-known pseudo-postcodes in any accepted spelling, and gender unknown, where 6.0.0 counted none', async () => {
    const text = file([
      row('P1', 'NEW', { PERSON_POSTCODE: 'zz99 3wz', PERSON_GENDER_CODE: '0' }),
      row('P2', 'NEW', { PERSON_POSTCODE: 'ZZ993CZ', PERSON_GENDER_CODE: 'unknown' }),
      row('P3', 'NEW', { PERSON_POSTCODE: 'ZZ99 3VZ', PERSON_GENDER_CODE: '1' }), // no fixed abode: an answer
      row('P4', 'NEW', { PERSON_POSTCODE: 'LS1 4AP', PERSON_GENDER_CODE: '2' }),
    ]);
    const card7 = await scorecardOf('7.0.0', text);
    expect(card7.plan.fields.find((f) => f.field === '/PERSON_POSTCODE')?.defaultCodes).toEqual(['ZZ99 3WZ', 'ZZ99 3CZ', 'ZZ99 3GZ', 'ZZ99 1WZ', 'ZZ99 2WZ']);
    expect(counts(card7, '/PERSON_POSTCODE')).toMatchObject({ defaults: 2 });
    expect(counts(card7, '/PERSON_GENDER_CODE')).toMatchObject({ defaults: 2 });
    expect(card7.dimensions.defaults.score).toBeLessThan(100);
    const card6 = await scorecardOf('6.0.0', text);
    expect(card6.plan.fields.find((f) => f.field === '/PERSON_POSTCODE')?.defaultCodes ?? []).toEqual([]);
    expect(counts(card6, '/PERSON_POSTCODE')?.defaults ?? 0).toBe(0);
    expect(card6.dimensions.defaults.score ?? 100).toBeGreaterThan(card7.dimensions.defaults.score!);
  });
});

describe("immunisation-batch 7.0.0: the scorecard's consistency counts the date rules declared for NEW and UPDATE rows", () => {
  it('measures them (it said the standard declared no cross-field rules), and counts a failing row once', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    const standard = library.standards.get('immunisation-batch')!;
    const v = standard.versions.find((x) => x.version === '7.0.0')!;
    const pass = scorecardPass(library.validators.ajv, v.schema, v.schemaId, standard.meta, new Date('2024-07-01T12:00:00Z'));
    const text = file([
      row('C1', 'NEW'),
      row('C2', 'NEW', { EXPIRY_DATE: '20200101' }), // an expired batch: a warning rule under the NEW/UPDATE conditional
      row('C3', 'DELETE'),
    ]);
    await validateStream([Buffer.from(text)], v.compiled, { format: 'csv', observer: pass.observer, context: { submittedAt: '2024-07-01T12:00:00Z', fileName: NAME } });
    const consistency = pass.scorecard().dimensions.consistency;
    expect(consistency).toMatchObject({ measured: true, counts: { assessed: 3, failed: 1 } });
    expect(consistency.fields?.find((f) => f.field === 'expiry-not-before-vaccination')).toMatchObject({ failed: 1 });
    expect(consistency.fields?.map((f) => f.field)).toEqual(
      expect.arrayContaining(['vaccination-not-in-future', 'birth-not-in-future', 'recorded-not-in-future', 'vaccination-not-before-birth', 'recorded-not-before-vaccination']),
    );
  });
});
