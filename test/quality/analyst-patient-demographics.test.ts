/**
 * The scorecard as an analyst checks it: a patient-demographics file (the bundled standard, latest
 * version) of 20 records whose quality is known by construction, every figure worked out by hand below,
 * and compared with what `conform validate --json` (NDJSON, locally) and the API (the same records as CSV,
 * a stored submission) report. The file holds given names and a GP practice code of spaces only: a cell
 * of spaces is blank to anyone reading the file, and the scorecard counted it filled (completeness 98.3,
 * given name 100% filled) until blank.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** Valid NHS numbers (Modulus 11), one per record. */
const NHS =
  '9434765919 9434765870 9434765846 9434765862 9434765889 9434765897 9434765900 9434765927 9434765935 9434765943 9434765951 9434765978 9434765986 9434765994 9434766001 9434766028 9434766036 9434766044 9434766052 9434766060'.split(
    ' ',
  );

type Rec = Record<string, any>;
function records(): Rec[] {
  const r: Rec[] = NHS.map((nhsNumber, i) => ({
    localPatientId: `P${String(i + 1).padStart(3, '0')}`,
    nhsNumber,
    givenName: 'Alex',
    familyName: 'Smith',
    dateOfBirth: '1980-01-01',
    personStatedGender: '1',
    genderIdentity: '1',
    ethnicCategory: 'A',
    address: { line1: '1 High Street', postcode: 'LS1 4AP' },
    gpPracticeCode: 'B86001',
    lastUpdated: '2026-11-15T10:00:00Z',
  }));
  // Records are numbered from 1 below (r[0] is record 1).
  delete r[0]!.ethnicCategory; //           1: ethnicity absent (valid: it is optional)
  r[1]!.ethnicCategory = null; //           2: ethnicity null: blank, and invalid (not a code)
  r[2]!.ethnicCategory = ''; //             3: ethnicity empty: blank, and invalid
  r[3]!.gpPracticeCode = '   '; //          4: GP practice spaces only: blank, and invalid (format)
  delete r[4]!.genderIdentity; //           5: gender identity absent (valid)
  r[5]!.givenName = '  \t '; //             6: given name white space only: blank (the schema's minLength 1 lets it pass)
  r[6]!.ethnicCategory = '99'; //           7: ethnicity not known (default)
  r[7]!.ethnicCategory = '99'; //           8: ethnicity not known (default)
  r[8]!.ethnicCategory = 'Z'; //            9: ethnicity not stated: an answer, not a default
  r[9]!.personStatedGender = 'X'; //       10: gender not known (default)
  r[10]!.address.postcode = 'zz99 3wz'; // 11: postcode not known, in lower case (default)
  r[11]!.localPatientId = 'P011'; //       12: the same key as record 11: a duplicate
  r[12]!.localPatientId = 'p011'; //       13: differs from record 11 only in case: a near-duplicate, not a duplicate
  r[13]!.dateOfDeath = '1970-01-01'; //    14: died before birth: fails a cross-field rule (invalid)
  r[14]!.lastUpdated = '2026-01-01T10:00:00Z'; // 15: updated in January: late for November
  r[15]!.lastUpdated = '2026-01-01T10:00:00Z'; // 16: late
  return r;
}

/*
 * By hand, for period 2026-11 (patient demographics declares no reporting period, so it is due by the
 * end of 30 November; deadline P30D after lastUpdated; cut-off = min(1 November, 1 December − 30 days)
 * = 2026-11-01 00:00 UK time):
 * - validity: records 2, 3 (ethnicity not a code), 4 (GP code not a code) and 14 (rule) fail:
 *   16 / 20 = 80.0, below the gate of 95, so the overall is capped at 80.0.
 * - completeness: 12 measured fields (8 required, address.postcode required inside address, and the
 *   expected ethnicCategory, gpPracticeCode, genderIdentity and address.line1) × 20 = 240 cells.
 *   Blank: ethnicity 3 (absent, null, empty), gender identity 1, given name 1 and GP practice 1 (spaces)
 *   = 6: 234 / 240 = 97.5. Given name 19 of 20 = 95.0, GP practice 19 / 20 = 95.0, ethnicity 17 / 20 = 85.0.
 * - uniqueness: 20 keyed records, 1 duplicate (record 12): 19 / 20 = 95.0. Record 13 is a near-duplicate.
 * - consistency: 1 of 20 fails: 95.0.
 * - timeliness: records 15 and 16 late: 18 / 20 = 90.0.
 * - defaults (mean over the 5 fields with default codes, of (filled − excess) / filled):
 *   personStatedGender 20 filled, 1 default, 1% of 20 = 0.2 tolerated, excess 0.8: 19.2 / 20 = 96.0;
 *   genderIdentity 19 filled, 0 defaults: 100; ethnicCategory 17 filled, 2 defaults ('99'; 'Z' is not
 *   one), 5% of 20 = 1 tolerated, excess 1: 16 / 17 = 94.1176; address.postcode 20 filled, 1 default,
 *   0% tolerated: 19 / 20 = 95.0; gpPracticeCode 19 filled (the spaces are blank), 0 defaults: 100.
 *   Mean (96 + 100 + 94.1176 + 95 + 100) / 5 = 97.02 → 97.0; 95 values, 4 defaults, 2.8 in excess.
 * - weighted mean: (80×30 + 97.5×20 + 95×15 + 95×15 + 90×10 + 97×10) / 100 = 9070 / 100 = 90.7.
 * - DQMI items, (valid and complete − excess) / 20: seven fields 100; personStatedGender 96.0,
 *   genderIdentity 95.0, ethnicCategory (17 − 1) / 20 = 80.0, postcode 95.0, gpPracticeCode 19 / 20 = 95.0,
 *   givenName 19 / 20 = 95.0: mean (600 + 96 + 95 + 80 + 95 + 95 + 95) / 12 = 1156 / 12 = 96.33 → 96.3.
 */
function expectHandFigures(card: Rec, hand = { validRecords: 16, validity: 80, weightedMean: 90.7 }): void {
  expect(card).toMatchObject({
    validity: hand.validity,
    status: 'fails-validity',
    failsValidity: true,
    overall: hand.validity,
    weightedMean: hand.weightedMean,
  });
  const d = card.dimensions;
  expect(d.validity.counts).toMatchObject({ records: 20, validRecords: hand.validRecords, unreadableRecords: 0 });
  expect(d.completeness).toMatchObject({ score: 97.5, counts: { filled: 234, cells: 240, fields: 12 } });
  const filled = Object.fromEntries((d.completeness.fields as Rec[]).map((f) => [f.field, [f.score, f.filled, f.records]]));
  expect(filled['/givenName']).toEqual([95, 19, 20]);
  expect(filled['/gpPracticeCode']).toEqual([95, 19, 20]);
  expect(filled['/ethnicCategory']).toEqual([85, 17, 20]);
  expect(filled['/genderIdentity']).toEqual([95, 19, 20]);
  expect(d.uniqueness).toMatchObject({ score: 95, counts: { keyed: 20, duplicates: 1, missingKey: 0 } });
  expect(d.consistency).toMatchObject({ score: 95, counts: { assessed: 20, failed: 1 } });
  expect(d.timeliness).toMatchObject({ score: 90, counts: { assessed: 20, onTime: 18, unassessable: 0 } });
  expect(d.defaults).toMatchObject({ score: 97, counts: { fields: 5, filled: 95, defaults: 4, defaultsInExcess: 2.8 } });
  expect((d.defaults.fields as Rec[]).map((f) => [f.field, f.score, f.filled, f.defaults, f.defaultsInExcess])).toEqual([
    ['/personStatedGender', 96, 20, 1, 0.8],
    ['/genderIdentity', 100, 19, 0, 0],
    ['/ethnicCategory', 94.1, 17, 2, 1],
    ['/address/postcode', 95, 20, 1, 1],
    ['/gpPracticeCode', 100, 19, 0, 0],
  ]);
  expect(card.dqmi.score).toBe(96.3);
  const items = Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, f.score]));
  expect(items).toMatchObject({ '/givenName': 95, '/gpPracticeCode': 95, '/ethnicCategory': 80, '/personStatedGender': 96, '/address/postcode': 95 });
}

const HEADER = [
  'localPatientId',
  'nhsNumber',
  'givenName',
  'familyName',
  'dateOfBirth',
  'dateOfDeath',
  'personStatedGender',
  'genderIdentity',
  'ethnicCategory',
  'address.line1',
  'address.postcode',
  'gpPracticeCode',
  'lastUpdated',
];
/** The records as CSV; a null or absent value is an empty cell (CSV cannot tell them apart). */
function asCsv(rs: Rec[]): string {
  const cell = (r: Rec, h: string): string => {
    const v = h.split('.').reduce<any>((o, k) => o?.[k], r);
    return v === undefined || v === null ? '' : `"${String(v)}"`;
  };
  return [HEADER.join(','), ...rs.map((r) => HEADER.map((h) => cell(r, h)).join(','))].join('\r\n') + '\r\n';
}

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-analyst-'));
  await writeFile(
    join(dir, 'people.ndjson'),
    records()
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a patient-demographics file checked by hand', () => {
  it('locally: every dimension, count and the overall as worked out by hand; spaces are blank', async () => {
    const c = captureIo(dir);
    await main(['validate', 'people.ndjson', '-s', 'patient-demographics', '--period', '2026-11', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    expect(report.standard.version).toBe('2.1.0');
    expectHandFigures(report.scorecard);
    // The near-duplicate is a warning, not counted as a duplicate.
    expect((report.findings as Rec[]).filter((f) => f.rule === 'near-duplicate-key').map((f) => f.record)).toEqual([13]);
  });

  it('in the CLI table: the same figures, each field named as its CSV column (address.postcode), as the web names it', async () => {
    const c = captureIo(dir);
    await main(['validate', 'people.ndjson', '-s', 'patient-demographics', '--period', '2026-11', '--scorecard', '--workers', '0'], c.io);
    const text = c.out();
    expect(text).toMatch(/^ {2}completeness +97\.5 +20 +234 of 240 required and expected values filled, over 12 fields$/m);
    expect(text).toMatch(/^ {2}givenName +95\.0 \(19 of 20\) +100\.0 \(19 of 19\) +- +95\.0$/m);
    expect(text).toMatch(/^ {2}address\.postcode +100\.0 \(20 of 20\) +100\.0 \(20 of 20\) +1 \(0% allowed\) +95\.0$/m);
    // Before, the per-field rows named fields by JSON pointer (/address/postcode) beside "address.postcode 0%" above.
    expect(text).not.toMatch(/^ {2}\/address\/postcode /m);
  });

  // As CSV, records 2 and 3's null and empty ethnicity are both an empty cell, that is no value: both
  // records are valid, so validity is 18 / 20 = 90.0 (still below the gate: overall 90.0), and the weighted
  // mean (90×30 + 97.5×20 + 95×15 + 95×15 + 90×10 + 97×10) / 100 = 93.7. Every other figure is the same.
  it('over the API as CSV (cells of spaces, empty cells): the same figures', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/2.0.3/validate?period=2026-11',
      payload: asCsv(records()),
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    expectHandFigures((response.result as Rec).scorecard, { validRecords: 18, validity: 90, weightedMean: 93.7 });
  });
});
