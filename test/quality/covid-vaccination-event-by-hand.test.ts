/**
 * The scorecard and verdicts as an analyst checks them, for a COVID-19 vaccination event file (the
 * bundled standard, latest version 3.0.0) of 24 records whose quality is known by construction, for the
 * reporting period 2026-11. Every figure is worked out by hand below and compared with what
 * `conform validate --json` (locally) and the API (a stored submission) report, with each finding.
 * The faults: blanks (absent, and text of spaces), a duplicate record key, a key part of spaces, a
 * date of birth after the vaccination, a vaccination dated 2099, an October vaccination in November's
 * file, an expired batch, an NHS number failing Modulus 11, a placeholder NHS number (0000000000, which
 * passes Modulus 11), a dm+d product failing its Verhoeff check digit, a SNOMED CT description id where a
 * concept is needed, a trust code where a site is needed, and an offset UK time never has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

type Rec = Record<string, any>;

/** Valid NHS numbers (Modulus 11, checked by hand from 943476591·), one per record. */
const NHS =
  '9434765919 9434765927 9434765935 9434765943 9434765951 9434765978 9434765986 9434765994 9434766001 9434766028 9434766036 9434766044 9434766052 9434766060 9434766079 9434766087 9434766095 9434766109 9434766117 9434766125 9434766133 9434766141 9434766168 9434766176'.split(
    ' ',
  );

function records(): Rec[] {
  const r: Rec[] = NHS.map((nhsNumber, i) => ({
    vaccinationEventId: `E${String(i + 1).padStart(3, '0')}`,
    nhsNumber,
    dateOfBirth: '1950-03-14',
    vaccinationDateTime: '2026-11-10T10:15:00Z',
    vaccineProduct: '43111411000001101', // Comirnaty (Pfizer), dm+d: Verhoeff valid, partition 10
    vaccinationProcedure: '1362591000000103', // booster: Verhoeff valid, partition 10
    doseSequence: 3,
    targetDisease: '840539006',
    vaccinationSite: '368208006', // left upper arm: partition 00
    route: '78421000', // intramuscular: partition 00
    manufacturer: 'Pfizer Ltd',
    batchNumber: 'FK1234',
    expiryDate: '2027-03-31',
    organisationOdsCode: 'B86001',
    locationOdsCode: 'B86001',
  }));
  const at = (n: number) => r[n - 1]!; // records are numbered from 1
  delete at(3).batchNumber; //                                3: batch number absent (expected): blank, valid
  at(4).batchNumber = '   '; //                               4: batch number of spaces: blank (the schema's minLength 1 lets it pass)
  delete at(5).vaccinationSite; //                            5: site and route absent (expected): two blanks, valid
  delete at(5).route;
  at(6).vaccinationEventId = 'E001'; //                       6: the key of record 1: a duplicate (a warning)
  at(7).dateOfBirth = '2026-11-20'; //                        7: born after the vaccination: invalid (rule)
  at(8).vaccinationDateTime = '2099-01-01T10:00:00Z'; //      8: in the future: invalid (rule), and not also placed outside the period
  delete at(8).expiryDate;
  at(9).nhsNumber = '9434765928'; //                          9: fails Modulus 11 (check digit 9, not 8)
  at(10).vaccineProduct = '39114911000001106'; //             10: Verhoeff fails (…105 is valid)
  at(11).vaccinationDateTime = '2026-10-28T09:00:00Z'; //     11: October: late for November's file; outside the period (warning)
  at(12).expiryDate = '2026-11-01'; //                        12: the batch expired before the vaccination: invalid (rule)
  at(13).vaccinationSite = '368208010'; //                    13: Verhoeff valid but partition 01, a description id: invalid
  at(14).locationOdsCode = 'RH8'; //                          14: a trust code where a site is needed: invalid
  at(15).nhsNumber = ''; //                                   15: NHS number empty: blank, and invalid (required)
  at(16).vaccinationDateTime = '2026-11-30T23:30:00Z'; //     16: the period's last half hour: on time
  at(17).nhsNumber = '0000000000'; //                         17: passes Modulus 11, but a placeholder: invalid
  at(18).vaccinationDateTime = '2026-11-15T10:00:00-05:00'; // 18: an offset UK time never has: invalid; the instant is in November
  at(19).vaccinationEventId = '  '; //                        19: key part of spaces: blank, so no complete key (valid: minLength 1)
  delete at(20).doseSequence; //                              20: optional, absent: not measured
  Object.assign(at(21), { vaccinationProcedure: '1324681000000101', doseSequence: 1, vaccineProduct: '42985911000001104', manufacturer: 'Moderna, Inc' });
  return r;
}

/*
 * By hand, for the period 2026-11. The standard declares no reporting period, so any period is accepted
 * and its file is due by the end of its last day (30 November, UK time); submissionDeadline P2D. The
 * cut-off is the earlier of the period's first instant (1 November 00:00 GMT = 2026-11-01T00:00Z) and
 * the due date − 2 days (28 November): 2026-11-01T00:00Z. The file is sent after the period (now).
 * - validity: records 7, 8, 9, 10, 12, 13, 14, 15, 17 and 18 fail (10): 14 / 24 = 58.333 → 58.3, below
 *   the gate of 95, so the overall is capped at 58.3.
 * - completeness: 6 required (vaccinationEventId, nhsNumber, vaccinationDateTime, vaccineProduct,
 *   vaccinationProcedure, organisationOdsCode) + 3 expected (vaccinationSite, route, batchNumber) = 9
 *   fields × 24 = 216 cells. Blank: batchNumber 3 (absent) and 4 (spaces), vaccinationSite and route 5,
 *   nhsNumber 15 (empty), vaccinationEventId 19 (spaces) = 6: 210 / 216 = 97.222 → 97.2.
 * - uniqueness: record 19 has no complete key (a part of spaces), so 23 keyed; record 6 repeats record 1's
 *   key: (23 − 1) / 23 = 95.652 → 95.7.
 * - consistency: 24 assessed; failing a rule: 7 (vaccination-not-before-birth), 8 (vaccination-not-in-future
 *   alone: a date in the future is not placed in the period), 11 (the vaccination-in-period warning), 12
 *   (expiry-not-before-vaccination) = 4:
 *   20 / 24 = 83.333 → 83.3. Record 18's instant (15:00Z on 15 November) breaks no rule.
 * - timeliness: record 8 is dated after the submission and not judged: 23 judged; record 11 (28 October)
 *   is before the cut-off: 22 / 23 = 95.652 → 95.7. Record 18's date is invalid for the schema (offset)
 *   but is a date-time, read as its instant.
 * - defaults: not measured (no field of the standard declares default codes).
 * - weighted mean over the five measured dimensions (weights 30 + 20 + 15 + 15 + 10 = 90):
 *   (58.3×30 + 97.2×20 + 95.7×15 + 83.3×15 + 95.7×10) / 90 = (1749 + 1944 + 1435.5 + 1249.5 + 957) / 90
 *   = 7335 / 90 = 81.5.
 * - DQMI items, (valid and complete) / 24 (no defaults): vaccinationEventId 23 (19 blank) = 95.833;
 *   nhsNumber 24 − 1 blank − 2 invalid (9, 17) = 21 → 87.5; vaccinationDateTime 24 − 3 with an error
 *   there (7 and 8 by rule, 18 by format) = 21 → 87.5; vaccineProduct 23 → 95.833; vaccinationProcedure
 *   and organisationOdsCode 100; vaccinationSite 24 − 1 blank − 1 invalid (13) = 22 → 91.667; route 23 →
 *   95.833; batchNumber 22 → 91.667. Mean (3 × 95.833 + 2 × 87.5 + 2 × 100 + 2 × 91.667) / 9 = 845.833 /
 *   9 = 93.98 → 94.0.
 */
function expectHandFigures(card: Rec): void {
  expect(card).toMatchObject({ validity: 58.3, status: 'fails-validity', failsValidity: true, overall: 58.3, weightedMean: 81.5 });
  const d = card.dimensions;
  expect(d.validity.counts).toMatchObject({ records: 24, validRecords: 14, unreadableRecords: 0 });
  expect(d.completeness).toMatchObject({ score: 97.2, counts: { filled: 210, cells: 216, fields: 9 } });
  const filled = Object.fromEntries((d.completeness.fields as Rec[]).map((f) => [f.field, [f.filled, f.records]]));
  expect(filled).toMatchObject({
    '/vaccinationEventId': [23, 24],
    '/nhsNumber': [23, 24],
    '/batchNumber': [22, 24],
    '/vaccinationSite': [23, 24],
    '/route': [23, 24],
    '/vaccinationProcedure': [24, 24],
  });
  expect(d.uniqueness).toMatchObject({ score: 95.7, counts: { keyed: 23, duplicates: 1, missingKey: 1 } });
  expect(d.consistency).toMatchObject({ score: 83.3, counts: { assessed: 24, failed: 4 } });
  expect(card.counts.consistency.failedByRule).toEqual({
    'expiry-not-before-vaccination': 1,
    'vaccination-not-before-birth': 1,
    'vaccination-not-in-future': 1,
    'birth-not-in-future': 0,
    'vaccination-in-period': 1,
  });
  expect(d.timeliness).toMatchObject({ score: 95.7, counts: { assessed: 23, onTime: 22, unassessable: 0, afterSubmission: 1 } });
  expect(d.defaults).toMatchObject({ measured: false, score: null });
  expect(card.dqmi.score).toBe(94);
  expect(Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, f.score]))).toEqual({
    '/vaccinationEventId': 95.8,
    '/nhsNumber': 87.5,
    '/vaccinationDateTime': 87.5,
    '/vaccineProduct': 95.8,
    '/vaccinationProcedure': 100,
    '/vaccinationSite': 91.7,
    '/route': 95.8,
    '/batchNumber': 91.7,
    '/organisationOdsCode': 100,
  });
}

/** Every finding, as record, severity, rule and field: what the analyst sends back, and where. */
const FINDINGS = [
  [6, 'warning', 'duplicate-key', ''],
  [7, 'error', 'vaccination-not-before-birth', '/vaccinationDateTime'],
  [8, 'error', 'vaccination-not-in-future', '/vaccinationDateTime'],
  [9, 'error', 'format', '/nhsNumber'],
  [10, 'error', 'format', '/vaccineProduct'],
  [11, 'warning', 'vaccination-in-period', '/vaccinationDateTime'],
  [12, 'error', 'expiry-not-before-vaccination', '/expiryDate'],
  [13, 'error', 'format', '/vaccinationSite'],
  [14, 'error', 'format', '/locationOdsCode'],
  [15, 'error', 'format', '/nhsNumber'],
  [17, 'error', 'format', '/nhsNumber'],
  [18, 'error', 'format', '/vaccinationDateTime'],
  [19, 'warning', 'blank-key', ''],
];

function expectFindings(findings: Rec[]): void {
  expect(findings.map((f) => [f.record, f.severity, f.rule, f.path])).toEqual(FINDINGS);
  const message = (n: number, rule: string) => findings.find((f) => f.record === n && f.rule === rule)!.message as string;
  // Each says what is wrong with the value, never the value itself.
  expect(message(6, 'duplicate-key')).toMatch(/same record key \(organisationOdsCode, vaccinationEventId\) as record 1 \(line 1\)/);
  // Record 19's key part of spaces is valid (minLength 1), so uniqueness leaves it out and a warning says where.
  expect(message(19, 'blank-key')).toMatch(/blank record key \(organisationOdsCode, vaccinationEventId\).*records with a blank key: 19 \(1 record\)/);
  expect(message(9, 'format')).toMatch(/check digit \(the last digit\) does not match the first nine digits/);
  expect(message(17, 'format')).toMatch(/placeholder \(one digit ten times\), never an issued NHS number/);
  expect(message(10, 'format')).toMatch(/check digit \(the last digit\) does not match/);
  expect(message(13, 'format')).toMatch(/makes it a description id, not a concept id/);
  expect(message(14, 'format')).toMatch(/ODS site code .* not a trust code/);
  expect(message(18, 'format')).toMatch(/its offset is not one UK time has/);
  for (const f of findings) expect(f.message).not.toMatch(/9434765928|0000000000|39114911000001106|368208010/);
}

let t: TestApp;
let dir: string;
const ndjson = () =>
  records()
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n';
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-covid-'));
  await writeFile(join(dir, 'vaccinations.ndjson'), ndjson());
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a COVID-19 vaccination event file checked by hand', () => {
  it('locally with conform validate: every dimension, count, the overall and each finding as worked out by hand', async () => {
    const c = captureIo(dir);
    await main(['validate', 'vaccinations.ndjson', '-s', 'covid-vaccination-event', '--period', '2026-11', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    expect(report.standard.version).toBe('3.1.0');
    expectHandFigures(report.scorecard);
    expectFindings(report.findings);
  });

  it('over the API (a stored submission for 2026-11): the same figures and findings', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/covid-vaccination-event/versions/latest/validate?period=2026-11',
      payload: ndjson(),
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const report = response.result as Rec;
    expect(report.standard.version).toBe('3.1.0');
    expectHandFigures(report.scorecard);
    expectFindings(report.findings);
  });
});
