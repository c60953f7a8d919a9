/**
 * Timeliness as an analyst reads it when a file carries events dated after it was sent: an attendance
 * dated 2090, a service that starts next month in a file sent mid-quarter. Such an event has not happened
 * when the file reporting it is sent, so its date is wrong and whether it was reported in time cannot be
 * known: it is not judged (out of the denominator, as a record without an event date is) and the note,
 * the CLI and the JSON say how many. Before, every such record counted on time: a file of impossible
 * dates read timeliness 100. The submission is compared as a `notAfter: $submission` rule compares it: a
 * date-time after the time of receipt plus 5 minutes (clocks differ), a date alone after its UK day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { parsePeriod } from '../../src/quality/period.js';
import { explainDimension } from '../../src/quality/explain.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { QualityDeclarations } from '../../src/quality/plan.js';
import type { Scorecard } from '../../src/quality/types.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { Readable } from 'node:stream';
import { chunked } from '../validation/helpers.js';

const schema = {
  type: 'object',
  required: ['id', 'arrived'],
  properties: { id: { type: 'string' }, arrived: { type: 'string' }, ended: { type: 'string' } },
};

async function scorecard(declared: QualityDeclarations, records: object[], submittedAt: string, period?: string): Promise<Scorecard> {
  const validators = new Validators();
  const id = 'https://conform.invalid/standards/future/1.0.0';
  const version = validators.compile({ id: 'future', version: '1.0.0', contentHash: 'f1' }, id, schema);
  const pass = scorecardPass(validators.ajv, schema, id, declared, new Date(submittedAt), period === undefined ? undefined : parsePeriod(period));
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  await validateStream([Buffer.from(text)], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

const monthly: QualityDeclarations = {
  recordKey: ['/id'],
  eventDate: '/arrived',
  submissionDeadline: 'P30D',
  reportingPeriod: { kind: 'month', deadline: 'P1M' },
};

describe('events dated after the submission', () => {
  /*
   * April 2026's file sent mid-month, at 12:00 BST on 15 April (11:00Z). The cut-off is the earlier of
   * the period's first instant (1 April 00:00 BST, 2026-03-31T23:00Z) and the due date (end of 31 May)
   * − P30D: 1 April.
   * 1 1 April 09:00 BST: in the period, before the submission: on time.
   * 2 11:04Z on 15 April: 4 minutes after the submission, inside the 5 allowed for clocks: judged, on time.
   * 3 15 April, a date alone: the submission's own UK day: judged, on time.
   * 4 16 April, a date alone: after the submission's UK day: not judged.
   * 5 20 April 10:00 BST: after the submission: not judged.
   * 6 1 January 2090, in a record without its id (invalid): not judged.
   * 7 10 February 2026: before the cut-off: judged, late.
   * Judged 4 (1, 2, 3, 7), on time 3: 3 / 4 = 75.0; 3 not judged. Before: 6 of 7 on time, 85.7.
   */
  const april = [
    { id: 'r1', arrived: '2026-04-01T09:00:00+01:00' },
    { id: 'r2', arrived: '2026-04-15T11:04:00Z' },
    { id: 'r3', arrived: '2026-04-15' },
    { id: 'r4', arrived: '2026-04-16' },
    { id: 'r5', arrived: '2026-04-20T10:00:00+01:00' },
    { arrived: '2090-01-01T00:00:00Z' },
    { id: 'r7', arrived: '2026-02-10T10:00:00Z' },
  ];

  it('are not judged in a file sent mid-period, and the note, the words and the counts say how many', async () => {
    const card = await scorecard(monthly, april, '2026-04-15T12:00:00+01:00', '2026-04');
    const t = card.dimensions.timeliness;
    expect(t.counts).toEqual({ assessed: 4, onTime: 3, unassessable: 0, afterSubmission: 3 });
    expect(t.score).toBe(75);
    expect(t.note).toContain(
      '3 records dated after the submission (15 April 2026 at 12:00 BST, with 5 minutes for clocks that differ; a date without a time after 15 April 2026, its UK day) were not judged',
    );
    const words =
      '3 of 4 records on time (deadline 30 days, against period 2026-04, due by the end of 31 May 2026); 3 records dated after the submission were not judged';
    expect(explainDimension('timeliness', card)).toBe(words);
    expect(formatScorecard(card)).toContain(words);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as Scorecard)).toEqual(card);
  });

  it('is not measured, never 100, when every event is after the submission', async () => {
    const card = await scorecard(
      monthly,
      [
        { id: 'a', arrived: '2090-01-01T00:00:00Z' },
        { id: 'b', arrived: '2090-06-01' },
      ],
      '2026-04-15T12:00:00+01:00',
      '2026-04',
    );
    const t = card.dimensions.timeliness;
    expect(t).toMatchObject({ measured: false, score: null, counts: { assessed: 0, onTime: 0, unassessable: 0, afterSubmission: 2 } });
    expect(t.note).toMatch(/^no record has a valid event date on or before the submission: 2 records dated after the submission \(/);
    expect(explainDimension('timeliness', card)).toMatch(/^not measured: no record has a valid event date on or before the submission/);
  });

  it('without a period (files sent continuously): judged against the time of validation, after it not judged', async () => {
    // Validated at 10:00 on 31 December 2026: cut-off 1 December 10:00Z. 20 December on time; 1 November
    // late; 5 January 2027 after the submission. 1 / 2 = 50.0 (before: 2 of 3, 66.7).
    const continuous: QualityDeclarations = { recordKey: ['/id'], eventDate: '/arrived', submissionDeadline: 'P30D' };
    const records = [
      { id: 'a', arrived: '2026-12-20' },
      { id: 'b', arrived: '2026-11-01' },
      { id: 'c', arrived: '2027-01-05' },
    ];
    const t = (await scorecard(continuous, records, '2026-12-31T10:00:00Z')).dimensions.timeliness;
    expect(t.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 1 });
    expect(t.score).toBe(50);
    expect(t.note).toContain('1 record dated after the submission (31 December 2026 at 10:00 GMT');
    expect(t.note).toContain(') was not judged');
  });

  it('an episode that starts after the submission is not judged; one that ends after it is ongoing', async () => {
    /*
     * The quarter April to June 2026 (cut-off 1 April 00:00 BST), its file sent on 15 May:
     * a started 2019, no end: ongoing, on time; b starts 1 June, no end: not judged; c started October
     * 2025 and ends 30 June (a planned end after the submission: the end is not judged against it):
     * ongoing, on time; d ended 31 March: late. 2 / 3 = 66.7, both ongoing (before: 3 of 4, 75.0).
     */
    const quarterly: QualityDeclarations = {
      recordKey: ['/id'],
      eventDate: '/arrived',
      submissionDeadline: 'P122D',
      reportingPeriod: { kind: 'quarter', deadline: 'P1M' },
      episodeEndDate: '/ended',
    };
    const records = [
      { id: 'a', arrived: '2019-02-11' },
      { id: 'b', arrived: '2026-06-01' },
      { id: 'c', arrived: '2025-10-01', ended: '2026-06-30' },
      { id: 'd', arrived: '2025-10-01', ended: '2026-03-31' },
    ];
    const t = (await scorecard(quarterly, records, '2026-05-15T12:00:00Z', '2026-27-Q1')).dimensions.timeliness;
    expect(t.counts).toEqual({ assessed: 3, onTime: 2, unassessable: 0, ongoing: 2, afterSubmission: 1 });
    expect(t.score).toBe(66.7);
  });
});

describe('events dated after the submission on worker threads', () => {
  // The workers run compiled code, so this uses the build (npm test builds first), as applicability.test.ts does.
  it('are counted the same when the file is validated in pieces on worker threads', async () => {
    const dist = '../../dist/src';
    const built = {
      ...((await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js')),
      ...((await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js')),
      ...((await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js')),
      ...((await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js')),
      ...((await import(`${dist}/quality/period.js`)) as typeof import('../../src/quality/period.js')),
    };
    const pool = new built.WorkerPool(2);
    try {
      // 300 records: 100 in April before the submission (on time), 100 dated 2090, 100 in February (late).
      const dates = ['2026-04-02T09:00:00Z', '2090-01-01T00:00:00Z', '2026-02-10T10:00:00Z'];
      const text = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `r${i}`, arrived: dates[i % 3] })).join('\n');
      const validators = new built.Validators();
      const id = 'https://conform.invalid/standards/future/1.0.0';
      const version = validators.compile({ id: 'future', version: '1.0.0', contentHash: 'f1' }, id, schema);
      const pass = built.scorecardPass(validators.ajv, schema, id, monthly, new Date('2026-04-15T11:00:00Z'), built.parsePeriod('2026-04'));
      await built.validateStream(Readable.from(chunked(Buffer.from(text), 2_000)), version, { format: 'ndjson', observer: pass.observer, pool });
      const t = pass.scorecard().dimensions.timeliness;
      expect(t.counts).toEqual({ assessed: 200, onTime: 100, unassessable: 0, afterSubmission: 100 });
      expect(t.score).toBe(50);
    } finally {
      await pool.close();
    }
  });
});

describe('events dated after the submission on the CLI and over the API', () => {
  /*
   * Emergency care for November 2026 (cut-off the period's first instant, 2026-11-01T00:00Z), sent now
   * (any time after November 2026 and before 2090): two November attendances on time, one of 10 October
   * late, one dated 2090 not judged (it breaks the arrival-not-in-the-future rule too, so it is invalid).
   * 2 / 3 = 66.7 (before: 3 of 4, 75.0).
   */
  const HEADER = [
    'attendanceId',
    'providerOdsCode',
    'siteOdsCode',
    'nhsNumber',
    'dateOfBirth',
    'postcode',
    'personStatedGender',
    'ethnicCategory',
    'attendanceCategory',
    'arrivalMode',
    'activityStartDateTime',
    'initialAssessmentDateTime',
    'acuity',
    'chiefComplaint',
    'decidedToAdmitDateTime',
    'departureDateTime',
    'dischargeDestination',
    'dischargeStatus',
  ];
  const BASE: Record<string, string> = {
    providerOdsCode: 'RH8',
    siteOdsCode: 'RH802',
    nhsNumber: '9434765919',
    dateOfBirth: '1948-05-17',
    postcode: 'EX2 5DW',
    personStatedGender: '1',
    ethnicCategory: 'A',
    attendanceCategory: '1',
    arrivalMode: '1048031000000100',
    acuity: '1064891000000107',
    chiefComplaint: '29857009',
    decidedToAdmitDateTime: '',
    dischargeDestination: '306706006',
    dischargeStatus: '1066301000000103',
  };
  const at = (id: string, start: string, departure: string) => ({
    attendanceId: id,
    activityStartDateTime: start,
    initialAssessmentDateTime: start,
    departureDateTime: departure,
  });
  const rows = [
    at('RH8A0000001', '2026-11-03T10:00:00Z', '2026-11-03T14:00:00Z'),
    at('RH8A0000002', '2026-11-20T10:00:00Z', '2026-11-20T14:00:00Z'),
    at('RH8A0000003', '2026-10-10T10:00:00Z', '2026-10-10T14:00:00Z'),
    at('RH8A0000004', '2090-01-01T10:00:00Z', '2090-01-01T14:00:00Z'),
  ];
  const csv = [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => ({ ...BASE, ...r })[h as keyof typeof r] ?? '').join(','))].join('\r\n') + '\r\n';
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conform-future-'));
    await writeFile(join(dir, 'ec.csv'), csv);
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the CLI table says how many were not judged', async () => {
    const c = captureIo(dir);
    await main(['validate', 'ec.csv', '-s', 'emergency-care-attendance@3.0.2', '--period', '2026-11', '--scorecard', '--workers', '0'], c.io);
    expect(c.out()).toContain(
      '2 of 3 records on time (deadline 30 days, against period 2026-11, due by the end of 31 December 2026); 1 record dated after the submission was not judged',
    );
    expect(c.out()).toMatch(/timeliness\s+66\.7/);
  });

  it('the API JSON counts them and the note names them', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/3.0.2/validate?period=2026-11',
      payload: csv,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const timeliness = (response.result as Record<string, any>).scorecard.dimensions.timeliness;
    expect(timeliness).toMatchObject({ measured: true, score: 66.7, counts: { assessed: 3, onTime: 2, unassessable: 0, afterSubmission: 1 } });
    expect(timeliness.note).toContain('1 record dated after the submission (');
  });
});
