/**
 * A submission's reporting period in the submission service: timeliness judged against the period's
 * deadline with the clock injected (the bundled sample, validated for its own month, scores the same a
 * month and a year later; arriving after the deadline, it scores lower), the file's lateness reported, and periods of the wrong kind or
 * unreadable refused with the rule they break.
 */
import { createReadStream } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { SubmissionService, type ValidationRequest } from '../../src/services/submissions.js';
import { libraryVersions, type VersionSource } from '../../src/services/version-source.js';
import { DomainError } from '../../src/services/errors.js';
import type { Scorecard } from '../../src/quality/types.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';

const SAMPLE = new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url);
let versions: VersionSource;
beforeAll(async () => {
  versions = libraryVersions(await loadLibrary(bundledStandardsDir()));
});

/** The bundled sample validated at `now`, for `period`. */
async function validateSample(now: string, period?: string) {
  const service = new SubmissionService(versions, undefined, undefined, () => new Date(now));
  const request: ValidationRequest = {
    standardId: 'emergency-care-attendance',
    versionSpec: '2.0.0',
    format: 'ndjson',
    source: createReadStream(SAMPLE),
    ...(period !== undefined ? { period } : {}),
  };
  const report = await service.validate(request, new Date(now));
  return { report, card: report.scorecard as Scorecard };
}

/** Every figure of a scorecard, and the counts behind them: none may depend on the clock. */
const scores = (card: Scorecard) => ({
  validity: card.validity,
  overall: card.overall,
  dimensions: Object.fromEntries(Object.entries(card.dimensions).map(([name, d]) => [name, { score: d.score, counts: d.counts, fields: d.fields }])),
  dqmi: card.dqmi.score,
  counts: card.counts,
});

describe('timeliness against the reporting period', () => {
  it('scores the bundled sample for its own month on its merits, and the same a month and a year later', async () => {
    // The sample's latest attendances are in February 2025; its month's file is due by the end of March.
    const onTime = await validateSample('2025-03-10T09:00:00Z', '2025-02');
    const monthLater = await validateSample('2025-04-10T09:00:00Z', '2025-02');
    const yearLater = await validateSample('2026-04-10T09:00:00Z', '2025-02');
    // Six February attendances are on time; those of January 2025 and of 2024 are late for this file.
    expect(onTime.card.dimensions.timeliness).toMatchObject({ measured: true, score: 60, counts: { assessed: 10, onTime: 6, unassessable: 0 } });
    expect(onTime.card.dimensions.timeliness.note).toContain(
      'measured against the reporting period 2025-02 (1 February 2025 to 28 February 2025, due by the end of 31 March 2025, UK time)',
    );
    expect(scores(monthLater.card)).toEqual(scores(onTime.card));
    expect(scores(yearLater.card)).toEqual(scores(onTime.card));
    // Whether the file itself arrived late is a fact beside the scorecard, not part of it.
    expect(onTime.report.period).toEqual({
      id: '2025-02',
      kind: 'month',
      start: '2025-02-01',
      end: '2025-02-28',
      deadline: '2025-03-31',
      submittedAt: '2025-03-10T09:00:00.000Z',
      afterDeadline: false,
    });
    expect(monthLater.report.period).toMatchObject({ afterDeadline: true, submittedAt: '2025-04-10T09:00:00.000Z' });
    expect(monthLater.card.dimensions.timeliness.note).toContain(
      'the file itself arrived after the deadline (10 April 2025 at 10:00 BST), which is reported beside the scorecard and not scored: timeliness asks whether each record',
    );
  });

  it('says a file arrived after the deadline by UK time, without scoring it lower', async () => {
    // BST began on 30 March 2025: 22:59 UTC on 31 March is 23:59 on the last day in the UK, on time;
    // 23:30 UTC is 00:30 on 1 April, after the deadline: reported beside the scorecard, the same scores.
    const lastMinute = await validateSample('2025-03-31T22:59:00Z', '2025-02');
    const pastMidnight = await validateSample('2025-03-31T23:30:00Z', '2025-02');
    expect(lastMinute.report.period).toMatchObject({ afterDeadline: false });
    expect(lastMinute.card.dimensions.timeliness).toMatchObject({ score: 60, counts: { assessed: 10, onTime: 6 } });
    expect(pastMidnight.report.period).toMatchObject({ afterDeadline: true });
    expect(scores(pastMidnight.card)).toEqual(scores(lastMinute.card));
    expect(pastMidnight.card.plan.period).toMatchObject({ dueBy: '2025-03-31T23:00:00.000Z', lastDay: '2025-03-31' });
  });

  it('without a period is not measured, so the day the file is validated does not score it, and says how to measure it', async () => {
    // Judged at the time of validation, the sample read 70 in February 2025 and 0 fourteen months later.
    const then = await validateSample('2025-02-15T00:00:00Z');
    const now = await validateSample('2026-04-10T09:00:00Z');
    for (const { card, report } of [then, now]) {
      expect(card.dimensions.timeliness).toMatchObject({ measured: false, score: null });
      expect(card.dimensions.timeliness.note).toContain(
        'give the reporting period the file is for (e.g. 2026-11) with conform validate --period <period> on the command line',
      );
      expect(report.period).toBeUndefined();
      expect(card.plan.period).toBeNull();
      expect(card.plan.periodKind).toBe('month');
    }
    expect(then.card.overall).toBe(now.card.overall);
  });
});

describe('the period a submission names', () => {
  it('must be of the kind the standard declares: 422 naming the kind expected, with an example', async () => {
    const error = await validateSample('2025-03-10T09:00:00Z', '2024-25-Q4').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'rejected',
      message: 'the reporting period must be a month, e.g. 2026-11, as emergency-care-attendance is reported by month; "2024-25-Q4" is a quarter',
      errors: [{ name: 'period', expected: 'month', example: '2026-11' }],
    });
  });

  it('accepts a range of dates that is exactly one period of the declared kind', async () => {
    const { report } = await validateSample('2025-03-10T09:00:00Z', '2025-02-01/2025-02-28');
    expect(report.period).toMatchObject({ id: '2025-02-01/2025-02-28', kind: 'month', deadline: '2025-03-31' });
  });

  it('cannot be unreadable: 400 saying what is wrong', async () => {
    const error = await validateSample('2025-03-10T09:00:00Z', '2025-13').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('month 13 does not exist') });
  });

  it('may be of any kind where the standard declares none', async () => {
    const service = new SubmissionService(versions, undefined, undefined, () => new Date('2026-04-10T00:00:00Z'));
    const report = await service.validate({
      standardId: 'patient-demographics',
      versionSpec: '1.1.0',
      format: 'ndjson',
      source: ['{"localPatientId":"1"}'],
      period: '2026-03-03/2026-03-09',
    });
    expect(report.period).toMatchObject({ kind: 'range', start: '2026-03-03', end: '2026-03-09', deadline: '2026-03-09', afterDeadline: true });
  });
});

describe('timeliness of a rolling submission (adult social care CLD: each quarter a rolling 12 months)', () => {
  // A row of the bundled CLD 2.0.0 for the quarter April to June 2024, whose file carries the 12 months
  // July 2023 to June 2024 and is due by the end of 31 July 2024.
  const row = (eventStartDate: string, id: string) => ({
    laCode: 'E08000035',
    reportingPeriodStartDate: '2023-07-01',
    reportingPeriodEndDate: '2024-06-30',
    nhsNumber: '9434765919',
    laPersonUniqueIdentifier: id,
    gpPracticeCode: 'B86001',
    gender: 'Female',
    ethnicity: 'White: Irish',
    dateOfBirth: '1938-03-09',
    clientType: 'Service User',
    postcode: 'LS6 2AA',
    accommodationStatus: 'Tenant',
    hasUnpaidCarer: 'Yes',
    eventType: 'Request',
    eventStartDate,
    eventEndDate: eventStartDate,
    eventOutcome: 'Progress to assessment, review or reassessment',
    requestRouteOfAccess: 'Discharge from hospital',
  });
  const cld = async (rows: object[], now: string, versionSpec = '2.0.0') => {
    const service = new SubmissionService(versions, undefined, undefined, () => new Date(now));
    const report = await service.validate(
      {
        standardId: 'adult-social-care-client-level',
        versionSpec,
        format: 'ndjson',
        period: '2024-25-Q1',
        source: [Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'))],
      },
      new Date(now),
    );
    return report.scorecard as Scorecard;
  };

  it('scores 100 for an on-time file whose events span its 12 months, and counts only events before them late', async () => {
    const rows = [row('2023-07-01', 'P1'), row('2023-12-15', 'P2'), row('2024-03-31', 'P3'), row('2024-05-20', 'P4')];
    const card = await cld(rows, '2024-07-25T10:00:00+01:00');
    expect(card.validity).toBe(100);
    expect(card.dimensions.timeliness).toMatchObject({ score: 100, counts: { assessed: 4, onTime: 4 } });
    expect(card.dimensions.timeliness.note).toContain('covering 1 July 2023 to 30 June 2024');
    // An event from before the file's 12 months was due in an earlier quarter's file.
    const older = await cld([...rows, row('2023-06-30', 'P5')], '2024-07-25T10:00:00+01:00');
    expect(older.dimensions.timeliness).toMatchObject({ score: 80, counts: { assessed: 5, onTime: 4 } });
  });

  // A long-term community service for the same person, open (no end date) or ended on `end`.
  const service = (eventStartDate: string, id: string, eventEndDate?: string) => {
    const { requestRouteOfAccess: _route, eventEndDate: _end, ...person } = row(eventStartDate, id);
    return {
      ...person,
      eventType: 'Service',
      primarySupportReason: 'Physical Support: Personal care support',
      serviceType: 'Long term support: Community',
      serviceComponent: 'Home care',
      deliveryMechanism: 'Direct Payment',
      eventOutcome: 'Continuation of support or services',
      ...(eventEndDate ? { eventEndDate } : {}),
    };
  };

  it('counts a service ongoing in the 12 months as on time however long before them it started, on every version', async () => {
    // An on-time file for April to June 2024 (12 months from 1 July 2023) with two long-running services:
    // one open since 2019, one started in 2022 and ended on 15 August 2023, inside the 12 months. Both are
    // ongoing in the period, so the file carries them; before, both counted late and the file scored 50.
    // A service that ended before the 12 months (30 June 2023) was due in an earlier quarter's file.
    const rows = [row('2023-12-15', 'P1'), row('2024-05-20', 'P2'), service('2019-02-11', 'P3'), service('2022-09-01', 'P4', '2023-08-15')];
    for (const version of ['2.0.0', '2.0.1']) {
      const card = await cld(rows, '2024-07-25T10:00:00+01:00', version);
      expect(card.validity, version).toBe(100);
      expect(card.plan.episodeEndDate, version).toBe('/eventEndDate');
      expect(card.dimensions.timeliness, version).toMatchObject({ score: 100, counts: { assessed: 4, onTime: 4, ongoing: 2 } });
      expect(card.dimensions.timeliness.note, version).toContain(
        '(eventEndDate blank or no earlier than it) is on time however long before it started, 2 such records',
      );
      expect(formatScorecard(card), version).toContain('4 of 4 records on time, 2 of them episodes ongoing though started earlier (deadline 122 days');
    }
    const ended = await cld([...rows, service('2022-09-01', 'P5', '2023-06-30')], '2024-07-25T10:00:00+01:00');
    expect(ended.validity).toBe(100);
    expect(ended.dimensions.timeliness).toMatchObject({ score: 80, counts: { assessed: 5, onTime: 4, ongoing: 2 } });
  });
});
