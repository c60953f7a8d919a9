/**
 * immunisation-batch 10.2.0: the scorecard counts a NEW or UPDATE row's columns whatever the case of its
 * ACTION_FLAG, as the national pipeline reads it (ACTION_FLAG.upper(); its own end-to-end tests send
 * `nEw`) and as validity already did. 10.1.0's x-applicable listed NEW, new and New (UPDATE alike), so a
 * `nEw` or `uPdAtE` row was checked as a NEW or UPDATE but its eighteen columns, gender code and postcode
 * were left out of completeness, defaults and the DQMI items: a blank mandatory postcode on a `nEw` row
 * failed the row while completeness read 100. The same file with its flags in upper case is the measure:
 * every figure must be the same. Locally (conform validate) and over the API (latest version).
 *
 * The file, 8 rows (6 NEW or UPDATE in some case, 2 DELETE): 1 NEW; 2 nEw without its postcode (an
 * error); 3 uPdAtE with gender unknown (a default) and PRIMARY_SOURCE fAlSe; 4 UpDaTe without an NHS
 * number (optional) and the postcode zz99 3wz (a default); 5 DeLeTe; 6 new with PRIMARY_SOURCE tRuE; 7 NEW
 * with gender Unknown (refused, as the pipeline matches the words in lower case: invalid, not a default);
 * 8 DELETE. By hand, 10.2.0:
 * - completeness: UNIQUE_ID, UNIQUE_ID_URI and ACTION_FLAG on all 8 rows (24 cells, all filled); the 18
 *   x-applicable columns on the 6 NEW and UPDATE rows (108 cells), 2 blank (row 2's postcode, row 4's NHS
 *   number): 130 / 132 = 98.48 → 98.5 over 21 fields; 18 × 2 = 36 places not applicable (the DELETEs).
 *   10.1.0 counted rows 1, 6 and 7 only: 24 + 54 = 78 of 78 = 100, 90 places not applicable.
 * - defaults (thresholds 0): gender 6 filled, 1 default (row 3); postcode 5 filled, 1 default (row 4).
 * - DQMI: gender (6 − 1 invalid − 1 excess) / 6 = 66.7; postcode (5 − 1 excess) / 6 = 66.7;
 *   PRIMARY_SOURCE 6 / 6 = 100 (true and false in any case are read as booleans: filled and valid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { base, batchCsv, deleteRow } from '../support/immunisation-batch-rows.js';

type Rec = Record<string, any>;

const MIXED = 'COVID_Vaccinations_v5_B86001_20261201T09000000.csv';
const UPPER = 'COVID_Vaccinations_v5_B86001_20261201T09000100.csv';
/** Rows 1 to 8 (see above); UPDATE rows act on identifiers created before this file. */
function rows(): Record<string, string>[] {
  return [
    base(1),
    { ...base(2), ACTION_FLAG: 'nEw', PERSON_POSTCODE: '' },
    { ...base(3), ACTION_FLAG: 'uPdAtE', PERSON_GENDER_CODE: 'unknown', PRIMARY_SOURCE: 'fAlSe' },
    { ...base(4), ACTION_FLAG: 'UpDaTe', NHS_NUMBER: '', PERSON_POSTCODE: 'zz99 3wz' },
    deleteRow('COVID-0001', 'DeLeTe'),
    { ...base(6), ACTION_FLAG: 'new', PRIMARY_SOURCE: 'tRuE' },
    { ...base(7), PERSON_GENDER_CODE: 'Unknown' },
    deleteRow('COVID-0006', 'DELETE'),
  ];
}
const csv = (flags: (flag: string) => string): string => batchCsv(rows(), (column, value) => (column === 'ACTION_FLAG' ? flags(value) : value));
const asWritten = (flag: string): string => flag;
const upper = (flag: string): string => flag.toUpperCase();

/** What the scorecard counts per field: completeness, defaults and the DQMI items. */
const perField = (card: Rec) => ({
  completeness: card.dimensions.completeness.counts,
  filled: (card.dimensions.completeness.fields as Rec[]).map((f) => [f.field, f.filled, f.records]),
  defaults: (card.dimensions.defaults.fields as Rec[]).map((f) => [f.field, f.records, f.filled, f.defaults]),
  dqmi: (card.dqmi.fields as Rec[]).map((f) => [f.field, f.score, f.records, f.validAndComplete, f.defaults]),
});

function expectHandFigures(card: Rec): void {
  expect(card.dimensions.validity.counts).toMatchObject({ records: 8, validRecords: 6 });
  expect(card.dimensions.completeness).toMatchObject({ score: 98.5, counts: { filled: 130, cells: 132, fields: 21, notApplicable: 36 } });
  const filled = Object.fromEntries((card.dimensions.completeness.fields as Rec[]).map((f) => [f.field, [f.filled, f.records]]));
  expect(filled).toMatchObject({
    '/UNIQUE_ID': [8, 8],
    '/ACTION_FLAG': [8, 8],
    '/NHS_NUMBER': [5, 6],
    '/PERSON_POSTCODE': [5, 6],
    '/PERSON_GENDER_CODE': [6, 6],
    '/PRIMARY_SOURCE': [6, 6],
    '/LOCATION_CODE_TYPE_URI': [6, 6],
  });
  expect((card.dimensions.defaults.fields as Rec[]).map((f) => [f.field, f.records, f.filled, f.defaults])).toEqual([
    ['/PERSON_GENDER_CODE', 6, 6, 1],
    ['/PERSON_POSTCODE', 6, 5, 1],
  ]);
  const items = Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, [f.score, f.records]]));
  expect(items).toMatchObject({ '/PERSON_GENDER_CODE': [66.7, 6], '/PERSON_POSTCODE': [66.7, 6], '/PRIMARY_SOURCE': [100, 6] });
}

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-any-case-'));
  await writeFile(join(dir, MIXED), csv(asWritten));
  await writeFile(join(dir, UPPER), csv(upper));
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

async function local(file: string, standard = 'immunisation-batch'): Promise<Rec> {
  const c = captureIo(dir);
  await main(['validate', file, '-s', standard, '--json', '--workers', '0'], c.io);
  return JSON.parse(c.out()) as Rec;
}

describe('immunisation-batch 10.2.0: ACTION_FLAG in any case counts in the scorecard as in upper case', () => {
  it('locally: nEw, uPdAtE and DeLeTe rows count exactly as NEW, UPDATE and DELETE, every figure as worked out by hand', async () => {
    const mixed = await local(MIXED);
    expect(mixed.standard.version).toBe('10.3.0'); // the latest: 10.3.0 counts the rows as 10.2.0 does
    expectHandFigures(mixed.scorecard);
    expect(perField(mixed.scorecard)).toEqual(perField((await local(UPPER)).scorecard));
    // The same verdicts: row 2's postcode, required on a nEw row, and row 7's gender word in another case.
    expect(mixed.findings.filter((f: Rec) => f.severity === 'error').map((f: Rec) => [f.record, f.rule, f.path])).toEqual([
      [2, 'required', '/PERSON_POSTCODE'],
      [7, 'enum', '/PERSON_GENDER_CODE'],
    ]);
  });

  it('over the API, the latest version: the same figures', async () => {
    const cards: Rec[] = [];
    for (const [name, flags] of [
      [MIXED, asWritten],
      [UPPER, upper],
    ] as const) {
      const response = await t.call({
        method: 'POST',
        url: `/v1/standards/immunisation-batch/versions/latest/validate?filename=${name}`,
        payload: csv(flags),
        headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
      });
      expect(response.statusCode).toBe(201);
      const report = response.result as Rec;
      expect(report.standard.version).toBe('10.3.0');
      cards.push(report.scorecard);
    }
    expectHandFigures(cards[0]!);
    expect(perField(cards[0]!)).toEqual(perField(cards[1]!));
  });

  it('under 10.1.0 the mixed-case rows were left out: completeness 100 with a blank mandatory postcode', async () => {
    const card = (await local(MIXED, 'immunisation-batch@10.1.0')).scorecard;
    expect(card.dimensions.completeness).toMatchObject({ score: 100, counts: { filled: 78, cells: 78, fields: 21, notApplicable: 90 } });
    expect((card.dimensions.defaults.fields as Rec[]).map((f) => [f.field, f.records, f.defaults])).toEqual([
      ['/PERSON_GENDER_CODE', 3, 0],
      ['/PERSON_POSTCODE', 3, 0],
    ]);
    expect(perField(card)).not.toEqual(perField((await local(UPPER, 'immunisation-batch@10.1.0')).scorecard));
  });

  it('the version page says when the columns apply: ACTION_FLAG is NEW or UPDATE, in any case', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/standards/immunisation-batch/10.2.0' });
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('Applies only when ACTION_FLAG is NEW or UPDATE (in any case); not applicable otherwise');
    // A column a NEW or UPDATE row must carry is not shown as plainly optional.
    const forename = response.payload.slice(response.payload.indexOf('PERSON_FORENAME'));
    expect(forename.slice(0, forename.indexOf('</tr>'))).toContain('Required when ACTION_FLAG is NEW or UPDATE<br><span class="nhsuk-body-s">Otherwise optional</span>');
  });
});
