/**
 * The verdicts that depend on the moment a file is received, at the moments they turn, through the
 * submission service (every face's entry point) with the bundled standards and the time of receipt
 * injected: so none of them can drift to UTC days, 24-hour days or the machine's clock without a test
 * failing at any time of day CI runs. The instants: a UK midnight in GMT (New Year), the first hour of a
 * day in British Summer Time (23:00 to 24:00 UTC), the changes of the clocks (01:00 UTC on the last
 * Sundays of March and October), a month's last day and a leap day.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { SubmissionService } from '../../src/services/submissions.js';
import { libraryVersions, type VersionSource } from '../../src/services/version-source.js';
import type { Scorecard } from '../../src/quality/types.js';
import type { Report } from '../../src/validation/report-types.js';
import type { Store } from '../../src/store/types.js';

let versions: VersionSource;
beforeAll(async () => {
  versions = libraryVersions(await loadLibrary(bundledStandardsDir()));
});

/** NDJSON records of a standard's version, validated as received at `at` (for `period`, when given). */
async function receive(standardId: string, versionSpec: string, records: object[], at: string, period?: string): Promise<Report> {
  // The service's own clock is a wrong one: only the instant given may count.
  const service = new SubmissionService(versions, undefined, undefined, () => new Date('2001-01-01T00:00:00Z'));
  const source = Readable.from([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))]);
  return service.validate({ standardId, versionSpec, format: 'ndjson', source, ...(period ? { period } : {}) }, new Date(at));
}

/** The rules each record breaks (errors), as `record: rule`. */
const broken = (report: Report): string[] => report.findings.filter((f) => f.severity === 'error').map((f) => `${f.record}: ${f.rule}`);

const person = (id: string, extra: Record<string, unknown>) => ({
  localPatientId: id,
  nhsNumber: '9434765919',
  givenName: 'Amira',
  familyName: 'Hussain',
  dateOfBirth: '1984-07-12',
  personStatedGender: '2',
  ethnicCategory: 'J',
  address: { postcode: 'LS1 4AP' },
  gpPracticeCode: 'B86001',
  ...extra,
});

describe('"not in the future" for a date alone: the UK date of receipt (patient demographics 2.0.3)', () => {
  // [received at, the UK's today, its tomorrow]
  const cases = [
    ['2026-12-31T23:30:00Z', '2026-12-31', '2027-01-01'], // GMT, half an hour before New Year
    ['2027-01-01T00:02:00Z', '2027-01-01', '2027-01-02'], // GMT, just after it
    ['2027-07-15T23:30:00Z', '2027-07-16', '2027-07-17'], // 00:30 BST: the UTC date is still the 15th
    ['2027-03-28T00:58:00Z', '2027-03-28', '2027-03-29'], // 00:58 GMT, before the clocks go forward
    ['2027-10-31T00:58:00Z', '2027-10-31', '2027-11-01'], // 01:58 BST, before the clocks go back
    ['2027-10-31T01:02:00Z', '2027-10-31', '2027-11-01'], // 01:02 GMT, after
    ['2028-02-28T23:30:00Z', '2028-02-28', '2028-02-29'], // GMT, the eve of a leap day
    ['2027-04-30T23:30:00Z', '2027-05-01', '2027-05-02'], // 00:30 BST on 1 May: the month has turned
  ] as const;
  for (const [at, today, tomorrow] of cases) {
    it(`received at ${at}: ${today} is today, ${tomorrow} the future`, async () => {
      const lastUpdated = new Date(Date.parse(at) - 60_000).toISOString();
      const report = await receive(
        'patient-demographics',
        '2.0.3',
        [person('a', { dateOfDeath: today, lastUpdated }), person('b', { dateOfDeath: tomorrow, lastUpdated })],
        at,
      );
      expect(broken(report)).toEqual(['2: death-not-in-future']);
    });
  }
});

describe('"not in the future" by the UTC date, as the national pipeline counts (immunisation batch 10.0.0)', () => {
  it("in the first hour of a BST day refuses the UK's today, which is UTC's tomorrow, and accepts it an hour later", async () => {
    const record = (id: string, recorded: string) => ({ ...IMMUNISATION, UNIQUE_ID: id, RECORDED_DATE: recorded });
    const early = await receive('immunisation-batch', '10.0.0', [record('A-1', '20270715'), record('A-2', '20270716')], '2027-07-15T23:30:00Z');
    expect(broken(early)).toEqual(['2: recorded-not-in-future']);
    const later = await receive('immunisation-batch', '10.0.0', [record('A-2', '20270716')], '2027-07-16T00:30:00Z');
    expect(broken(later)).toEqual([]);
  });
});

describe('a reporting period at its edges (emergency care 3.0.2, by month, due a month after)', () => {
  const attendance = (id: string, at: string) => ({ ...ATTENDANCE, attendanceId: id, activityStartDateTime: at, departureDateTime: at });

  it('places an arrival at 00:30 BST on 1 April, written in UTC, in April, and one an hour earlier in March', async () => {
    const report = await receive(
      'emergency-care-attendance',
      '3.0.2',
      [attendance('A1', '2027-03-31T23:30:00Z'), attendance('A2', '2027-03-31T22:30:00Z')],
      '2027-05-10T09:00:00Z',
      '2027-04',
    );
    expect(report.findings.filter((f) => f.rule === 'arrival-in-period').map((f) => f.record)).toEqual([2]);
  });

  it('takes a file as late from midnight BST at the end of its deadline day, not midnight UTC', async () => {
    const records = [attendance('A1', '2027-04-10T09:00:00+01:00')];
    const inTime = await receive('emergency-care-attendance', '3.0.2', records, '2027-05-31T22:59:00Z', '2027-04');
    expect(inTime.period).toMatchObject({ deadline: '2027-05-31', afterDeadline: false });
    const late = await receive('emergency-care-attendance', '3.0.2', records, '2027-05-31T23:00:00Z', '2027-04');
    expect(late.period).toMatchObject({ deadline: '2027-05-31', afterDeadline: true });
    // Reported, not scored: the file's records are on time for their period either way.
    expect((late.scorecard as Scorecard).dimensions.timeliness.score).toBe(100);
  });

  it('is due at the end of 29 February in a leap year: a January file is late from 1 March', async () => {
    const records = [attendance('A1', '2028-01-15T09:00:00Z')];
    const lastDay = await receive('emergency-care-attendance', '3.0.2', records, '2028-02-29T23:59:00Z', '2028-01');
    expect(lastDay.period).toMatchObject({ deadline: '2028-02-29', afterDeadline: false });
    const nextDay = await receive('emergency-care-attendance', '3.0.2', records, '2028-03-01T00:00:00Z', '2028-01');
    expect(nextDay.period).toMatchObject({ afterDeadline: true });
  });
});

describe('timeliness without a period, counted back on the UK calendar (patient demographics: 30 days)', () => {
  it('across the change to BST: 30 days before 00:30 BST on 2 April is 00:30 GMT on 3 March', async () => {
    const records = [person('late', { lastUpdated: '2027-03-03T00:15:00Z' }), person('on-time', { lastUpdated: '2027-03-03T00:45:00Z' })];
    const card = (await receive('patient-demographics', '2.0.3', records, '2027-04-01T23:30:00Z')).scorecard as Scorecard;
    expect(card.dimensions.timeliness).toMatchObject({ score: 50, counts: { assessed: 2, onTime: 1 } });
  });

  it('at a UK midnight in GMT: an event at 23:58 thirty days before is on time at 23:57 and late at 00:02', async () => {
    const records = [person('edge', { lastUpdated: '2026-12-01T23:58:00Z' })];
    const before = (await receive('patient-demographics', '2.0.3', records, '2026-12-31T23:57:00Z')).scorecard as Scorecard;
    expect(before.dimensions.timeliness.counts).toMatchObject({ assessed: 1, onTime: 1 });
    const after = (await receive('patient-demographics', '2.0.3', records, '2027-01-01T00:02:00Z')).scorecard as Scorecard;
    expect(after.dimensions.timeliness.counts).toMatchObject({ assessed: 1, onTime: 0 });
  });
});

/** A valid NEW row of the immunisation batch file (10.0.0's first example, its dates in the past). */
const IMMUNISATION: Record<string, unknown> = {};
/** A valid attendance of emergency care 3.0.2 (its first example). */
const ATTENDANCE: Record<string, unknown> = {};
beforeAll(async () => {
  const first = async (standard: string, version: string) =>
    (parse(await readFile(join(bundledStandardsDir(), standard, 'examples', `${version}.yaml`), 'utf8')) as { valid: { record: Record<string, unknown> }[] })
      .valid[0]!.record;
  Object.assign(IMMUNISATION, await first('immunisation-batch', '10.0.0'));
  Object.assign(ATTENDANCE, await first('emergency-care-attendance', '3.0.2'));
});

describe('report retention, counted back in UK calendar days', () => {
  /** The cut-off the service asks the store to prune before, run at `now`. */
  async function cutOff(retentionDays: number, now: string): Promise<string> {
    const asked: string[] = [];
    const store = {
      pruneSubmissions: (before: string, actor: string) => {
        asked.push(`${before} by ${actor}`);
        return Promise.resolve(0);
      },
    } as unknown as Store;
    await new SubmissionService(versions, store).prune(retentionDays, new Date(now));
    return asked[0]!;
  }

  it('at 00:30 BST on 2 April keeps 7 days back to 00:30 GMT on 26 March, not to 23:30 on 25 March', async () => {
    expect(await cutOff(7, '2027-04-01T23:30:00Z')).toBe('2027-03-26T00:30:00.000Z by retention (7 days)');
  });

  it('in the week after the clocks go back, keeps 400 days to the same UK time of day', async () => {
    // 23:30 GMT on 1 November 2027; 400 UK days earlier is 27 September 2026, 23:30 BST (22:30 UTC).
    expect(await cutOff(400, '2027-11-01T23:30:00Z')).toBe('2026-09-27T22:30:00.000Z by retention (400 days)');
  });
});
