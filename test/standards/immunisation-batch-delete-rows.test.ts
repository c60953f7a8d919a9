/**
 * immunisation-batch 10.3.0: a DELETE row is judged only on what the national pipeline reads from it. For
 * a DELETE the pipeline builds the identifier (with the recorded date and reason) and validates nothing:
 * "Every other column is ignored; bad values in them do not fail the row". 10.2.0 made no error there
 * either, but still warned about those columns (a postcode's shape, SNOMED CT site, route and unit codes,
 * a placeholder NHS number, another script's digits, a code of another vaccine type), and the scorecard
 * judged the timeliness of a DELETE's vaccination date, so deleting last year's record read as a late one.
 *
 * The file (a COVID file stamped 09:00 GMT on 1 December 2026, deadline 7 days): 1 NEW and 4 UPDATE carry
 * the same odd values as the DELETE rows 2 (DELETE) and 3 (dElEtE), which also carry a vaccination of
 * January 2024. The NEW and UPDATE rows are of 30 November (on time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { base, batchCsv } from '../support/immunisation-batch-rows.js';

type Rec = Record<string, any>;

const NAME = 'COVID_Vaccinations_v5_B86001_20261201T09000000.csv';
/** Values the pipeline accepts on any row, each of which Conform advises against on a NEW or UPDATE row. */
const odd = {
  PERSON_POSTCODE: 'NOT A POSTCODE',
  SITE_OF_VACCINATION_CODE: 'left arm',
  ROUTE_OF_VACCINATION_CODE: 'IM',
  DOSE_UNIT_CODE: 'ml',
  VACCINATION_PROCEDURE_CODE: '884861000000100', // FLU's, in a COVID file
  VACCINE_PRODUCT_CODE: '34680411000001107', // FLU's
  PERSON_DOB: '١٩٥٠0314', // Arabic-Indic digits in the year
  DATE_AND_TIME: '20261130T10000000',
  RECORDED_DATE: '20261130',
};
const rows = (): Record<string, string>[] => [
  { ...base(1), ...odd, NHS_NUMBER: '0000000000' },
  { ...base(2), ...odd, NHS_NUMBER: '0000000000', ACTION_FLAG: 'DELETE', DATE_AND_TIME: '20240110T10000000', RECORDED_DATE: '20240110' },
  { ...base(3), ...odd, NHS_NUMBER: '٩٤٣٤٧٦٥٩٣٥', ACTION_FLAG: 'dElEtE', DATE_AND_TIME: '20240110T10000000', RECORDED_DATE: '20240110' },
  { ...base(4), ...odd, NHS_NUMBER: '٩٤٣٤٧٦٥٩٤٣', ACTION_FLAG: 'UPDATE' },
];
/** The advice and code-list warnings a NEW or UPDATE row with `odd` carries. */
const ADVISED = [
  '/PERSON_POSTCODE postcode-format',
  '/SITE_OF_VACCINATION_CODE site-code-snomed',
  '/ROUTE_OF_VACCINATION_CODE route-code-snomed',
  '/DOSE_UNIT_CODE dose-unit-code-snomed',
  '/PERSON_DOB dob-digits',
  '/VACCINATION_PROCEDURE_CODE code-matches-file-type',
  '/VACCINE_PRODUCT_CODE code-matches-file-type',
];

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-delete-rows-'));
  await writeFile(join(dir, NAME), batchCsv(rows()));
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

async function local(standard: string): Promise<Rec> {
  const c = captureIo(dir);
  await main(['validate', NAME, '-s', standard, '--json', '--workers', '0'], c.io);
  return JSON.parse(c.out()) as Rec;
}

const ofRecord = (report: Rec, record: number): string[] =>
  (report.findings as Rec[])
    .filter((f) => f.record === record)
    .map((f) => `${f.path} ${f.rule}`)
    .sort();

describe('immunisation-batch 10.3.0: a DELETE row gets no finding about the columns the pipeline ignores', () => {
  it('locally: no warning on DELETE rows in any case; the NEW and UPDATE rows keep every finding 10.2.0 gives them', async () => {
    const [before, after] = [await local('immunisation-batch@10.2.0'), await local('immunisation-batch@10.3.0')];
    // 10.2.0 warned the DELETE rows about every odd column (the behaviour 10.3.0 corrects).
    expect(ofRecord(before, 2)).toEqual([...ADVISED, '/NHS_NUMBER nhs-number-placeholder'].sort());
    expect(ofRecord(before, 3)).toEqual([...ADVISED, '/NHS_NUMBER nhs-number-digits'].sort());
    expect(ofRecord(after, 2)).toEqual([]);
    expect(ofRecord(after, 3)).toEqual([]);
    expect(ofRecord(after, 1)).toEqual([...ADVISED, '/NHS_NUMBER nhs-number-placeholder'].sort());
    expect(ofRecord(after, 4)).toEqual([...ADVISED, '/NHS_NUMBER nhs-number-digits'].sort());
    for (const record of [1, 4]) expect(ofRecord(after, record)).toEqual(ofRecord(before, record));
    // The same verdicts: every row valid under both (warnings only).
    expect(after.stats).toMatchObject({ records: 4, valid: 4, invalid: 0 });
    expect(before.stats).toMatchObject({ records: 4, valid: 4, invalid: 0 });
    expect(after.stats.findings).toBe(before.stats.findings - 2 * (ADVISED.length + 1));
  });

  it("the scorecard judges the timeliness of NEW and UPDATE rows only: deleting an old record is not sending it late", async () => {
    const card = (await local('immunisation-batch@10.3.0')).scorecard;
    expect(card.dimensions.timeliness).toMatchObject({ score: 100, counts: { assessed: 2, onTime: 2, unassessable: 0, afterSubmission: 0 } });
    expect(card.dimensions.timeliness.note).toContain(
      '2 records the event date does not apply to, as it applies only when ACTION_FLAG is NEW or UPDATE (in any case), are not judged',
    );
    // Completeness and validity of the ignored columns count the NEW and UPDATE rows only.
    const fields = Object.fromEntries((card.dimensions.completeness.fields as Rec[]).map((f) => [f.field, [f.filled, f.records]]));
    expect(fields['/PERSON_POSTCODE']).toEqual([2, 2]);
    expect(fields['/UNIQUE_ID']).toEqual([4, 4]);
    expect(card.dimensions.validity).toMatchObject({ score: 100, counts: { records: 4, validRecords: 4 } });
  });

  it('over the API with the file name, the latest version: the same findings', async () => {
    const response = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/latest/validate?filename=${NAME}`,
      payload: batchCsv(rows()),
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const report = response.result as Rec;
    expect(report.standard.version).toBe('10.3.0');
    expect(ofRecord(report, 2)).toEqual([]);
    expect(ofRecord(report, 3)).toEqual([]);
    expect(ofRecord(report, 1)).toEqual([...ADVISED, '/NHS_NUMBER nhs-number-placeholder'].sort());
  });
});
