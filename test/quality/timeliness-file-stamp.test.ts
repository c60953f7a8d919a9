/**
 * Timeliness of a file sent continuously (no reporting period), judged against the time its own name says
 * it was made: the immunisation batch file's `{VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv`. Until
 * December 2026 it was judged against the time of validation, so a file sent two days after its
 * vaccinations, and read again by an analyst a month later, scored timeliness 0.0 ("0 of 4 records on
 * time"): the bundled example file (stamped 12 June 2024, vaccinations of 10 and 11 June) read 0.0 too.
 *
 * By hand: P7D; the file stamped 20261112T09000000 (09:00 GMT on 12 November 2026), so the cut-off is
 * 09:00 on 5 November. Rows 1 and 2 (10 November) are on time, row 3 (1 November) is late, row 4 (13
 * November) is dated after the file was made (not judged), row 5 is a DELETE, which the vaccination date
 * does not apply to (x-applicable): not judged, and not counted as a record without a valid event date.
 * 2 of 3 on time: 66.7. Against the time of validation (December 2026 or later: cut-off at least 29
 * November) rows 1 to 4 are all late: 0 of 4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { fileStamp } from '../../src/quality/file-stamp.js';
import { periodNotGiven } from '../../src/quality/explain.js';
import type { FileNameRule } from '../../src/validation/file-name.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { base, batchCsv, deleteRow } from '../support/immunisation-batch-rows.js';

type Rec = Record<string, any>;

const FILE_NAME = 'COVID_Vaccinations_v5_B86001_20261112T09000000.csv';
const csv = (): string =>
  batchCsv([
    base(1),
    base(2),
    { ...base(3), DATE_AND_TIME: '20261101T10000000', RECORDED_DATE: '20261101' },
    { ...base(4), DATE_AND_TIME: '20261113T10000000', RECORDED_DATE: '20261113' },
    deleteRow('COVID-0001'),
  ]);

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'conform-stamp-'));
  await writeFile(join(dir, FILE_NAME), csv());
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

async function validate(...extra: string[]): Promise<Rec> {
  const c = captureIo(dir);
  await main(['validate', FILE_NAME, '-s', 'immunisation-batch', '--json', '--workers', '0', ...extra], c.io);
  return JSON.parse(c.out()) as Rec;
}

function expectJudgedByStamp(card: Rec): void {
  expect(card.plan.sentAt).toBe('2026-11-12T09:00:00.000Z');
  expect(card.dimensions.timeliness).toMatchObject({ measured: true, score: 66.7, counts: { assessed: 3, onTime: 2, unassessable: 0, afterSubmission: 1 } });
  const note = card.dimensions.timeliness.note as string;
  expect(note).toContain('1 record the event date does not apply to, as it applies only when ACTION_FLAG is NEW or UPDATE (in any case), is not judged');
  expect(note).not.toContain('without a valid event date');
  expect(note).toMatch(/measured against the time the file's name says it was made \(12 November 2026 at 09:00 GMT\), not the time of validation/);
  expect(note).toMatch(/events from 5 November 2026 at 09:00 GMT are on time/);
  expect(note).toMatch(/1 record dated after the file was made \(its name's time, 12 November 2026 at 09:00 GMT/);
}

describe('timeliness against the time the file says it was made', () => {
  it("locally: judged against the name's timestamp, whatever the day it is validated", async () => {
    const report = await validate();
    expectJudgedByStamp(report.scorecard);
    // The report page's words in place of a period.
    expect(periodNotGiven(report.scorecard, 'web')).toMatch(
      /^timeliness is measured against the time the file's name says it was made \(12 November 2026 at 09:00 GMT\); /,
    );
  });

  it('the CLI table says what the figure is measured against', async () => {
    const c = captureIo(dir);
    await main(['validate', FILE_NAME, '-s', 'immunisation-batch', '--scorecard', '--workers', '0'], c.io);
    expect(c.out()).toMatch(
      /timeliness +66\.7 +10 +2 of 3 records on time \(deadline 7 days, against the time the file's name says it was made, 12 November 2026 at 09:00 GMT: no period was given; .*\); 1 record dated after the file was made was not judged/,
    );
  });

  it('over the API with ?filename=: the same figure, kept with the stored scorecard', async () => {
    const response = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/latest/validate?filename=${FILE_NAME}`,
      payload: csv(),
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    expectJudgedByStamp((response.result as Rec).scorecard);
  });

  it('a name that breaks the convention gives no time: judged against the time of validation, as before', async () => {
    const report = await validate('--file-name', 'COVID_Vaccinations_v5_B86001_20261112T09000009.csv');
    const card = report.scorecard;
    expect(card.plan.sentAt).toBeUndefined();
    expect(card.dimensions.timeliness).toMatchObject({ score: 0, counts: { assessed: 4, onTime: 0, afterSubmission: 0 } });
    expect(card.dimensions.timeliness.note).toMatch(/measured against the time of validation/);
  });

  it('a name stamped after the file was received is not believed', async () => {
    const report = await validate('--file-name', 'COVID_Vaccinations_v5_B86001_20991231T23000000.csv');
    expect(report.scorecard.plan.sentAt).toBeUndefined();
    expect(report.scorecard.dimensions.timeliness).toMatchObject({ score: 0, counts: { assessed: 4, onTime: 0 } });
  });

  it('with a reporting period the period decides, as before', async () => {
    const report = await validate('--period', '2026-11');
    // The cut-off is the period's first instant (1 November): rows 1 to 4 are on time, none after the receipt.
    expect(report.scorecard.dimensions.timeliness).toMatchObject({ score: 100, counts: { assessed: 4, onTime: 4, afterSubmission: 0 } });
    expect(report.scorecard.dimensions.timeliness.note).toMatch(/measured against the reporting period 2026-11/);
  });
});

describe('fileStamp', () => {
  const rule: FileNameRule = {
    description: '{A}_{YYYYMMDDThhmmsszz}.csv',
    upperCase: true,
    extensions: ['CSV'],
    separator: '_',
    parts: [
      { name: 'a', values: ['X'] },
      { name: 'timestamp', format: 'compact-date-time' },
    ],
  };
  const now = new Date('2026-12-06T12:00:00Z');
  it('reads the suffix 00 as GMT, 01 as BST and none as UTC, in any case under upperCase', () => {
    expect(fileStamp(rule, 'x_20260612t12000001.csv', now)).toBe('2026-06-12T11:00:00.000Z');
    expect(fileStamp(rule, 'X_20260112T12000000.csv', now)).toBe('2026-01-12T12:00:00.000Z');
    expect(fileStamp(rule, 'X_20260112T120000.csv', now)).toBe('2026-01-12T12:00:00.000Z');
  });
  it('gives none for a name that breaks the convention, no name, a convention without a timestamp, or a time after receipt', () => {
    expect(fileStamp(rule, 'Y_20260612T12000001.csv', now)).toBeUndefined();
    expect(fileStamp(rule, 'X_20260612T12000009.csv', now)).toBeUndefined();
    expect(fileStamp(rule, undefined, now)).toBeUndefined();
    expect(fileStamp({ ...rule, parts: [rule.parts[0]!, { name: 'b' }] }, 'X_20260612T12000001.csv', now)).toBeUndefined();
    expect(fileStamp(rule, 'X_20261206T12000100.csv', now)).toBeUndefined();
    expect(fileStamp(rule, 'X_20261206T12000000.csv', now)).toBe('2026-12-06T12:00:00.000Z');
  });
  it("takes the first formatPrefix characters when the part is checked so (the rest is not the time's)", () => {
    const prefixed: FileNameRule = { ...rule, parts: [rule.parts[0]!, { name: 'timestamp', format: 'compact-date-time', formatPrefix: 15 }] };
    expect(fileStamp(prefixed, 'X_20260612T120000123.csv', now)).toBe('2026-06-12T12:00:00.000Z');
  });
});
