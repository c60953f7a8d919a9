/**
 * The scorecard and verdicts as an analyst checks them, for a national immunisation batch file (the
 * bundled standard, latest version) named by the national convention, 26 rows whose quality is known by
 * construction, for the reporting period 2026-11. Every figure is worked out by hand below and compared
 * with what `conform validate --json` (locally) and the API (`?filename=`, a stored submission) report,
 * with each finding. The faults: blanks (an empty cell, a cell of spaces), the gender code unknown (0, and
 * the word), the postcode-not-known ZZ99 3WZ in lower case (ZZ99 3VZ, no fixed abode, is an answer), a NEW
 * repeating an identifier, an UPDATE and a DELETE (no duplicates by design), a date of birth after the
 * vaccination, a vaccination dated 2099, an October vaccination, an expired batch, an NHS number failing
 * Modulus 11, a placeholder NHS number, SNOMED CT codes failing their Verhoeff check digit, a blank
 * mandatory postcode, an identifier of spaces, PRIMARY_SOURCE Y, gender code U.
 *
 * Until 10.1.0 the thirteen columns a NEW or UPDATE row must carry (the conditional's `required`) were not
 * in completeness at all, as the scorecard counts such a field only where `x-applicable` says it applies:
 * row 21's blank postcode, which fails the row, did not lower completeness (97.5 over 8 fields, where
 * 98.9 over 21 is right), and the DELETE row counted among the gender code's and postcode's records, so
 * their DQMI items read 84.6 and 88.5 where 88.0 and 92.0 are right; and a placeholder NHS number
 * (0000000000, which passes Modulus 11, so the pipeline accepts it) passed without a word.
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

const FILE_NAME = 'COVID_Vaccinations_v5_B86001_20261201T09000000.csv';
/** What each row changes from the base; rows are numbered from 1 (the header is line 1, row n is line n + 1). */
const EDITS: Record<number, Record<string, string>> = {
  2: { DATE_AND_TIME: '20261130T23300000', RECORDED_DATE: '20261130' }, // the period's last half hour: on time
  3: { BATCH_NUMBER: '' }, //                     blank (expected, optional: valid)
  4: { BATCH_NUMBER: '   ' }, //                  spaces: blank, and refused as the pipeline refuses " " (error)
  5: { PERSON_GENDER_CODE: '0' }, //              gender unknown: a default
  6: { PERSON_GENDER_CODE: 'unknown' }, //        gender unknown as the word: a default
  7: { PERSON_POSTCODE: 'zz99 3wz' }, //          postcode not known, lower case: a default
  8: { PERSON_POSTCODE: 'ZZ99 3VZ' }, //          no fixed abode: an answer, not a default
  9: { UNIQUE_ID: 'COVID-0001' }, //              NEW of row 1's identifier: duplicate-identifier (error) and a duplicate key
  10: { UNIQUE_ID: 'COVID-0002', ACTION_FLAG: 'UPDATE' }, // an UPDATE of row 2: not a duplicate
  12: { PERSON_DOB: '20261120' }, //              born after the vaccination: a warning (the pipeline does not check it)
  13: { DATE_AND_TIME: '20990101T10000000' }, //  in the future: error, and no comparison with it (its expiry and recorded date are sound)
  14: { NHS_NUMBER: '9434765928' }, //            fails Modulus 11: error
  15: { VACCINATION_PROCEDURE_CODE: '1362591000000104' }, // Verhoeff fails: error
  16: { VACCINE_PRODUCT_CODE: '39114911000001106' }, //      Verhoeff fails: error
  17: { DATE_AND_TIME: '20261028T09000000', RECORDED_DATE: '20261028' }, // October: late for November's file
  18: { NHS_NUMBER: '' }, //                      blank (expected, optional: valid)
  19: { EXPIRY_DATE: '20261101' }, //             expired before the vaccination: a warning
  20: { DOSE_SEQUENCE: '' }, //                   blank (expected, optional: valid)
  21: { PERSON_POSTCODE: '' }, //                 mandatory on NEW, blank: error
  22: { UNIQUE_ID: ' ' }, //                      identifier of spaces: error, and no complete key
  23: { NHS_NUMBER: '0000000000' }, //            a placeholder that passes Modulus 11: the pipeline accepts it (a warning)
  24: { PRIMARY_SOURCE: 'Y' }, //                 not a boolean: error
  25: { ACTION_FLAG: 'new' }, //                  NEW in lower case: accepted
  26: { PERSON_GENDER_CODE: 'U' }, //             not a gender code: error
};
function rows(): Record<string, string>[] {
  const r: Record<string, string>[] = [];
  for (let n = 1; n <= 26; n++) {
    // 11: a DELETE of row 3's identifier, every other column empty, as a DELETE needs only its identifier.
    if (n === 11) r.push(deleteRow('COVID-0003'));
    else r.push({ ...base(n), ...EDITS[n] });
  }
  return r;
}
const csv = (): string => batchCsv(rows());

/*
 * By hand, for the period 2026-11. The standard declares no reporting period, so the file is due by the end
 * of 30 November (UK time); submissionDeadline P7D. The cut-off is the earlier of the period's first
 * instant (2026-11-01T00:00Z, GMT) and the due date − 7 days (24 November): 2026-11-01T00:00Z.
 * - validity: rows 4, 9, 13, 14, 15, 16, 21, 22, 24 and 26 carry an error (10): 16 / 26 = 61.538 → 61.5,
 *   below the gate of 95: the overall is capped at 61.5. Row 23 (0000000000) passes, as the pipeline
 *   accepts it, with a warning (from 10.1.0: no such number is issued); rows 12 and 19 carry warnings only.
 * - completeness: UNIQUE_ID, UNIQUE_ID_URI and ACTION_FLAG apply to all 26 rows (78 cells); the 5 expected
 *   columns (NHS_NUMBER, VACCINE_PRODUCT_CODE, BATCH_NUMBER, EXPIRY_DATE, DOSE_SEQUENCE) and the 13 a NEW or
 *   UPDATE row must carry apply to the 25 rows that are not the DELETE (18 × 25 = 450 cells): 528 cells.
 *   Blank: UNIQUE_ID 22 (spaces), NHS_NUMBER 18, BATCH_NUMBER 3 and 4 (spaces), DOSE_SEQUENCE 20,
 *   PERSON_POSTCODE 21 = 6: 522 / 528 = 98.864 → 98.9, over 21 fields. (10.0.0: the 13 not counted:
 *   78 + 125 = 203 cells, 5 blank: 198 / 203 = 97.5, over 8 fields.)
 * - uniqueness: only the rows that create a record are keyed (x-record-actions): 24 NEW rows (25 is `new`),
 *   less row 22 (no complete key) = 23; row 9 repeats row 1's identifier: (23 − 1) / 23 = 95.652 → 95.7.
 * - consistency: the 25 rows that are not the DELETE assessed (no rule applies to a DELETE row: its dates
 *   are ignored, so it is not judged, where until December 2026 it counted as passing); failing a rule: 12
 *   (vaccination-not-before-birth), 13 (vaccination-not-in-future; a date in the future is not compared
 *   with the expiry and recorded dates, which would then precede it), 19 (expiry-not-before-vaccination)
 *   = 3: 22 / 25 = 88.0 (88.5 when the DELETE counted).
 * - timeliness: the vaccination date does not apply to the DELETE row (not judged, and not counted as a
 *   record without a valid event date, as it was until 10.3.0's release), row 13 is dated after the submission
 *   (not judged): 24 judged; row 17 (28 October) is before the cut-off: 23 / 24 = 95.833 → 95.8.
 * - defaults (thresholds 0): gender code, 25 rows where it applies, 25 filled, 2 defaults (0, unknown; U is
 *   no code): (25 − 2) / 25 = 92.0; postcode 24 filled (21 blank), 1 default (zz99 3wz; ZZ99 3VZ is an
 *   answer): (24 − 1) / 24 = 95.833; mean 93.917 → 93.9; 49 values, 3 defaults, 3 in excess.
 * - weighted mean: (61.5×30 + 98.9×20 + 95.7×15 + 88.5×15 + 95.8×10 + 93.9×10) / 100
 *   = (1845 + 1978 + 1435.5 + 1320 + 958 + 939) / 100 = 84.755 → 84.8. (10.0.0: completeness 97.5, 84.6.)
 * - DQMI items, (valid and complete − excess) / rows where the field applies: UNIQUE_ID (26 − 1 blank − 1
 *   duplicate-identifier) / 26 = 92.308; UNIQUE_ID_URI, ACTION_FLAG 100; NHS_NUMBER (25 − 1 blank − 1
 *   invalid) / 25 = 92; VACCINE_PRODUCT_CODE 24 / 25 = 96; BATCH_NUMBER 23 / 25 = 92; EXPIRY_DATE 100 (its
 *   rules are warnings); DOSE_SEQUENCE 96; PERSON_GENDER_CODE (25 − 1 invalid − 2 excess) / 25 = 88;
 *   PERSON_POSTCODE (24 − 1) / 25 = 92; DATE_AND_TIME (25 − 1 future) / 25 = 96; PRIMARY_SOURCE 96;
 *   VACCINATION_PROCEDURE_CODE 96; the other 8 columns 100. Mean (92.308 + 200 + 92 + 96 + 92 + 100 + 96 +
 *   88 + 92 + 96 + 96 + 96 + 800) / 21 = 2036.308 / 21 = 96.967 → 97.0.
 */
function expectHandFigures(card: Rec): void {
  expect(card).toMatchObject({ validity: 61.5, status: 'fails-validity', failsValidity: true, overall: 61.5, weightedMean: 84.8 });
  const d = card.dimensions;
  expect(d.validity.counts).toMatchObject({ records: 26, validRecords: 16, unreadableRecords: 0 });
  expect(d.completeness).toMatchObject({ score: 98.9, counts: { filled: 522, cells: 528, fields: 21, notApplicable: 18 } });
  const filled = Object.fromEntries((d.completeness.fields as Rec[]).map((f) => [f.field, [f.filled, f.records]]));
  expect(filled).toMatchObject({
    '/UNIQUE_ID': [25, 26],
    '/ACTION_FLAG': [26, 26],
    '/NHS_NUMBER': [24, 25],
    '/BATCH_NUMBER': [23, 25],
    '/DOSE_SEQUENCE': [24, 25],
    '/PERSON_POSTCODE': [24, 25],
    '/PERSON_FORENAME': [25, 25],
    '/LOCATION_CODE_TYPE_URI': [25, 25],
  });
  expect(d.uniqueness).toMatchObject({ score: 95.7, counts: { keyed: 23, duplicates: 1, missingKey: 1 } });
  expect(d.consistency).toMatchObject({ score: 88, counts: { assessed: 25, failed: 3, notApplicable: 1 } });
  expect(card.counts.consistency.failedByRule).toEqual({
    'vaccination-not-in-future': 1,
    'birth-not-in-future': 0,
    'recorded-not-in-future': 0,
    'expiry-not-before-vaccination': 1,
    'vaccination-not-before-birth': 1,
    'recorded-not-before-vaccination': 0,
  });
  expect(d.timeliness).toMatchObject({ score: 95.8, counts: { assessed: 24, onTime: 23, unassessable: 0, afterSubmission: 1 } });
  expect(d.defaults).toMatchObject({ score: 93.9, counts: { fields: 2, filled: 49, defaults: 3, defaultsInExcess: 3 } });
  expect((d.defaults.fields as Rec[]).map((f) => [f.field, f.score, f.records, f.filled, f.defaults])).toEqual([
    ['/PERSON_GENDER_CODE', 92, 25, 25, 2],
    ['/PERSON_POSTCODE', 95.8, 25, 24, 1],
  ]);
  expect(card.dqmi.score).toBe(97);
  const items = Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, [f.score, f.records]]));
  expect(Object.keys(items)).toHaveLength(21);
  expect(items).toMatchObject({
    '/UNIQUE_ID': [92.3, 26],
    '/NHS_NUMBER': [92, 25],
    '/VACCINE_PRODUCT_CODE': [96, 25],
    '/BATCH_NUMBER': [92, 25],
    '/EXPIRY_DATE': [100, 25],
    '/DOSE_SEQUENCE': [96, 25],
    '/PERSON_GENDER_CODE': [88, 25],
    '/PERSON_POSTCODE': [92, 25],
    '/DATE_AND_TIME': [96, 25],
    '/PRIMARY_SOURCE': [96, 25],
    '/VACCINATION_PROCEDURE_CODE': [96, 25],
    '/PERSON_DOB': [100, 25],
  });
}

/** Every finding, as row, severity, rule and column. */
const FINDINGS = [
  [4, 'error', 'format', '/BATCH_NUMBER'],
  [9, 'error', 'duplicate-identifier', '/UNIQUE_ID'],
  [9, 'warning', 'duplicate-key', ''],
  [12, 'warning', 'vaccination-not-before-birth', '/DATE_AND_TIME'],
  [13, 'error', 'vaccination-not-in-future', '/DATE_AND_TIME'],
  [14, 'error', 'format', '/NHS_NUMBER'],
  [15, 'error', 'format', '/VACCINATION_PROCEDURE_CODE'],
  [16, 'error', 'format', '/VACCINE_PRODUCT_CODE'],
  [19, 'warning', 'expiry-not-before-vaccination', '/EXPIRY_DATE'],
  [21, 'error', 'required', '/PERSON_POSTCODE'],
  [22, 'error', 'format', '/UNIQUE_ID'],
  [23, 'warning', 'nhs-number-placeholder', '/NHS_NUMBER'],
  [24, 'error', 'type', '/PRIMARY_SOURCE'],
  [26, 'error', 'enum', '/PERSON_GENDER_CODE'],
];

function expectFindings(findings: Rec[]): void {
  expect(findings.map((f) => [f.record, f.severity, f.rule, f.path])).toEqual(FINDINGS);
  // Each at its line in the file (the header is line 1) and the row a spreadsheet shows.
  for (const f of findings) expect([f.line, f.row]).toEqual([f.record + 1, f.record + 1]);
  const message = (n: number, rule: string) => findings.find((f) => f.record === n && f.rule === rule)!.message as string;
  expect(message(9, 'duplicate-identifier')).toMatch(/send an UPDATE, or a new identifier; record 1 \(line 2, row 2\) of this file created it/);
  expect(message(14, 'format')).toMatch(/check digit \(the last digit\) does not match the first nine digits/);
  expect(message(15, 'format')).toMatch(/check digit \(the last digit\) does not match the others/);
  expect(message(21, 'required')).toBe('missing required field "PERSON_POSTCODE", required when ACTION_FLAG is NEW or UPDATE');
  expect(message(23, 'nhs-number-placeholder')).toMatch(/placeholder \(one digit ten times\).*national pipeline accepts it.*leave the cell empty/);
  expect(message(24, 'type')).toMatch(/write true or false: a flag such as Y, N, 1 or 0 is not read as one/);
  for (const f of findings) expect(f.message).not.toMatch(/9434765928|1362591000000104|39114911000001106|zz99/i);
}

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-batch-'));
  await writeFile(join(dir, FILE_NAME), csv());
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('an immunisation batch file checked by hand', () => {
  it('locally with conform validate: every dimension, count, the overall and each finding as worked out by hand', async () => {
    const c = captureIo(dir);
    await main(['validate', FILE_NAME, '-s', 'immunisation-batch', '--period', '2026-11', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    expect(report.standard.version).toBe('10.3.0');
    expectHandFigures(report.scorecard);
    expectFindings(report.findings);
  });

  it('over the API with its file name (a stored submission for 2026-11): the same figures and findings', async () => {
    const response = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/latest/validate?period=2026-11&filename=${FILE_NAME}`,
      payload: csv(),
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const report = response.result as Rec;
    expect(report.standard.version).toBe('10.3.0');
    expectHandFigures(report.scorecard);
    expectFindings(report.findings);
  });

  it('under 10.0.0 the same rows had the same verdicts, but the mandatory columns were not in completeness and the placeholder passed silently', async () => {
    const c = captureIo(dir);
    await main(['validate', FILE_NAME, '-s', 'immunisation-batch@10.0.0', '--period', '2026-11', '--json', '--workers', '0'], c.io);
    const report = JSON.parse(c.out()) as Rec;
    // 10.0.0 said nothing of the placeholder NHS number on row 23.
    expect(report.findings.map((f: Rec) => [f.record, f.severity, f.rule, f.path])).toEqual(FINDINGS.filter((f) => f[2] !== 'nhs-number-placeholder'));
    const card = report.scorecard;
    expect(card.dimensions.completeness).toMatchObject({ score: 97.5, counts: { filled: 198, cells: 203, fields: 8 } });
    expect(card.weightedMean).toBe(84.6);
    const items = Object.fromEntries((card.dqmi.fields as Rec[]).map((f) => [f.field, [f.score, f.records]]));
    expect(items['/PERSON_GENDER_CODE']).toEqual([84.6, 26]);
    expect(items['/PERSON_POSTCODE']).toEqual([88.5, 26]);
    expect(items['/PERSON_FORENAME']).toBeUndefined();
  });
});
