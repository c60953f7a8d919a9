/**
 * Timeliness against a reporting period, as a data manager reads it: judged against the period's
 * published deadline, never the moment the file is validated, so a file of its own period scores its
 * records on their merits (100 when they all belong to the period) whenever it is validated, and a file
 * arriving after the deadline is reported as late, not scored lower; the period's days and deadline are
 * UK days (midnight UK time, BST included), not UTC days.
 */
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/validation/validators.js';
import { validateStream } from '../../src/validation/validate.js';
import { scorecardPass } from '../../src/quality/observer.js';
import { parsePeriod } from '../../src/quality/period.js';
import type { DimensionScore, Scorecard } from '../../src/quality/types.js';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { QualityDeclarations } from '../../src/quality/plan.js';

const schema = {
  type: 'object',
  required: ['id', 'arrived'],
  properties: { id: { type: 'string' }, arrived: { type: 'string', format: 'date-time' } },
};

/** Monthly, due a month after the month ends; each record due within 30 days of its event (as ECDS). */
const monthly: QualityDeclarations = {
  recordKey: ['/id'],
  eventDate: '/arrived',
  submissionDeadline: 'P30D',
  reportingPeriod: { kind: 'month', deadline: 'P1M' },
};
/** Quarterly, due a month after the quarter ends; each record due within 122 days of its event (as CLD). */
const quarterly: QualityDeclarations = {
  recordKey: ['/id'],
  eventDate: '/arrived',
  submissionDeadline: 'P122D',
  reportingPeriod: { kind: 'quarter', deadline: 'P1M' },
};

/** The timeliness of records arriving at `arrived`, validated at `submittedAt` for `period`. */
async function timeliness(declared: QualityDeclarations, arrivals: string[], submittedAt: string, period?: string): Promise<DimensionScore> {
  return (await scorecard(declared, arrivals, submittedAt, period)).dimensions.timeliness;
}

async function scorecard(declared: QualityDeclarations, arrivals: string[], submittedAt: string, period?: string): Promise<Scorecard> {
  const validators = new Validators();
  const id = 'https://conform.invalid/standards/t/1.0.0';
  const version = validators.compile({ id: 't', version: '1.0.0', contentHash: 't1' }, id, schema);
  const pass = scorecardPass(validators.ajv, schema, id, declared, new Date(submittedAt), period === undefined ? undefined : parsePeriod(period));
  const text = arrivals.map((arrived, i) => JSON.stringify({ id: `r${i}`, arrived })).join('\n');
  await validateStream([Buffer.from(text)], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard();
}

// April 2026 attendances, written as a UK system writes them (BST, +01:00) and as UTC.
const april = ['2026-04-01T00:30:00+01:00', '2026-04-10T09:00:00+01:00', '2026-04-20T14:00:00Z', '2026-04-30T23:30:00+01:00'];

describe('timeliness of a file for a reporting period', () => {
  it('is 100 for a file of its own period that arrives by the deadline, whenever in the window', async () => {
    for (const at of ['2026-05-01T08:00:00Z', '2026-05-20T12:00:00Z', '2026-05-31T22:59:59Z']) {
      const t = await timeliness(monthly, april, at, '2026-04');
      expect(t.score, at).toBe(100);
    }
  });

  it('counts an attendance at 00:30 BST on the first day of the period, written in UTC, as inside it', async () => {
    // 2026-03-31T23:30:00Z is 00:30 on 1 April in the UK: April's file is on time with it.
    const t = await timeliness(monthly, ['2026-03-31T23:30:00Z', ...april], '2026-05-10T09:00:00Z', '2026-04');
    expect(t.counts).toEqual({ assessed: 5, onTime: 5, unassessable: 0, afterSubmission: 0 });
    expect(t.score).toBe(100);
  });

  it('is judged against the deadline, not the moment of validation: an on-time historical file keeps its score, and a late arrival is reported, not scored', async () => {
    // Due by the end of 31 May (UK): 00:00 BST on 1 June is 2026-05-31T23:00Z. At 22:59Z on 31 May the
    // file is in time; at 00:30 BST on 1 June, or a year later, it arrived after the deadline: said in
    // the note, with the same score.
    const onTime = await timeliness(monthly, april, '2026-05-31T22:59:00Z', '2026-04');
    expect(onTime.score).toBe(100);
    expect(onTime.note).not.toContain('after the deadline');
    for (const at of ['2026-05-31T23:30:00Z', '2027-05-10T09:00:00Z']) {
      const late = await timeliness(monthly, april, at, '2026-04');
      expect(late.score, at).toBe(100);
      expect(late.counts, at).toEqual(onTime.counts);
      // When it arrived, in words, and why the figure does not count it, so "late" beside 100 is not misread.
      const arrived = at.startsWith('2026') ? '1 June 2026 at 00:30 BST' : '10 May 2027 at 10:00 BST';
      expect(late.note, at).toContain(
        `the file itself arrived after the deadline (${arrived}), which is reported beside the scorecard and not scored: timeliness asks whether each record's event is recent enough for this period's file, as if the file had arrived by its deadline, so a late file can still score 100 here`,
      );
      expect(late.note, at).not.toMatch(/\d{4}-\d{2}-\d{2}T|\.000Z/);
    }
  });

  it("scores a quarter's records that are older than the submission deadline allows at the period's due date", async () => {
    // CLD-like: the quarter April to June 2026 is due by the end of 31 July (UK); a record is on time
    // when its event is in the quarter or within 122 days of the due date (from 31 March 23:00Z).
    const events = ['2026-03-20T10:00:00Z', '2026-04-05T10:00:00+01:00', '2026-05-15T10:00:00+01:00', '2026-06-30T10:00:00+01:00'];
    const t = await timeliness(quarterly, events, '2026-07-31T12:00:00Z', '2026-27-Q1');
    expect(t.counts).toEqual({ assessed: 4, onTime: 3, unassessable: 0, afterSubmission: 0 });
    expect(t.score).toBe(75);
    // The same file validated again a year on: the same figure.
    expect((await timeliness(quarterly, events, '2027-08-20T12:00:00Z', '2026-27-Q1')).score).toBe(75);
  });

  it('without a period is not measured for a standard reported by period, whenever the file is validated', async () => {
    // Judged at the time of validation, April's on-time file would read 100 on 30 April and 25 on 25 May.
    for (const at of ['2026-04-30T20:00:00Z', '2026-05-25T09:00:00Z', '2027-01-05T09:00:00Z']) {
      const t = await timeliness(monthly, april, at);
      expect(t, at).toMatchObject({ measured: false, score: null });
      expect(t.note).toBe(
        "no reporting period was given: this standard is reported by month and a file is judged against its period's deadline, not the day it is validated; to measure timeliness, give the reporting period the file is for (e.g. 2026-11) with conform validate --period <period> on the command line, the API's period query parameter (?period=<period>), or the Reporting period field of the upload form on the web",
      );
      // At 20:00Z on 30 April the attendance at 23:30 BST (22:30Z) has not happened: it is not judged.
      expect(t.counts).toMatchObject(at === '2026-04-30T20:00:00Z' ? { assessed: 3, afterSubmission: 1 } : { assessed: 4, afterSubmission: 0 });
    }
  });

  it('without a period is judged at the time of validation for a standard whose files are sent continuously', async () => {
    // No reportingPeriod: each file is judged as it arrives. Sent on 30 April: every attendance is within
    // 30 days. Sent on 25 May: only that of 30 April is.
    const continuous: QualityDeclarations = { ...monthly, reportingPeriod: undefined };
    expect((await timeliness(continuous, april, '2026-04-30T20:00:00Z')).score).toBe(100);
    expect((await timeliness(continuous, april, '2026-05-25T09:00:00Z')).score).toBe(25);
  });

  it('without a period, says in plain words that the figure changes with the day of validation and how to give a period', async () => {
    // A historical file of a continuously sent standard (as patient demographics) scores 0 validated a year on.
    const continuous: QualityDeclarations = { ...monthly, reportingPeriod: undefined };
    const t = await timeliness(continuous, april, '2027-05-25T09:00:00Z');
    expect(t.score).toBe(0);
    expect(t.note).toContain('measured against the time of validation, as no reporting period was given, so it changes with the day the file is validated');
    expect(t.note).toContain(
      "to judge the file against the period it is for, give the reporting period the file is for (e.g. 2026-11 or 2026-04-01/2026-06-30) with conform validate --period <period> on the command line, the API's period query parameter (?period=<period>), or the Reporting period field of the upload form on the web",
    );
    expect(t.note).not.toMatch(/plan\.|submittedAt/);
    // Given the period, the same file is judged against its own deadline: every record on time.
    expect((await timeliness(continuous, april, '2027-05-25T09:00:00Z', '2026-04')).score).toBe(100);
  });

  it('is 100 for a file of the current period sent before the period has ended', async () => {
    // April's file sent on 20 April with the attendances so far.
    expect((await timeliness(monthly, april.slice(0, 2), '2026-04-20T12:00:00+01:00', '2026-04')).score).toBe(100);
  });

  it('recomputes a late arrival to itself from its stored plan and counts', async () => {
    const late = await scorecard(monthly, april, '2026-06-10T09:00:00Z', '2026-04');
    expect(late.plan.period).toMatchObject({ dueBy: '2026-05-31T23:00:00.000Z', lastDay: '2026-05-31' });
    expect(recomputeScorecard(JSON.parse(JSON.stringify(late)) as Scorecard)).toEqual(late);
  });
});

/** The timeliness of records whose event is `arrived` (any text: a date alone, compact or not, or a date-time). */
async function timelinessOfText(declared: QualityDeclarations, records: object[], submittedAt: string, period?: string): Promise<DimensionScore> {
  const loose = {
    type: 'object',
    required: ['id', 'arrived'],
    properties: { id: { type: 'string' }, arrived: { type: 'string' }, ended: { type: 'string' } },
  };
  const validators = new Validators();
  const id = 'https://conform.invalid/standards/t/1.0.0';
  const version = validators.compile({ id: 't', version: '1.0.0', contentHash: 't2' }, id, loose);
  const pass = scorecardPass(validators.ajv, loose, id, declared, new Date(submittedAt), period === undefined ? undefined : parsePeriod(period));
  const text = records.map((r, i) => JSON.stringify({ id: `r${i}`, ...r })).join('\n');
  await validateStream([Buffer.from(text)], version, { format: 'ndjson', observer: pass.observer });
  return pass.scorecard().dimensions.timeliness;
}

describe('a date without a time against the cut-off: the whole UK day', () => {
  const noPeriod: QualityDeclarations = { recordKey: ['/id'], eventDate: '/arrived', submissionDeadline: 'P30D' };
  const dates = (...values: string[]) => values.map((arrived) => ({ arrived }));

  it('GMT, no period: an event on the cut-off day is on time, the day before late', async () => {
    // Validated at 10:00 on 31 December (GMT): the cut-off is 2026-12-01T10:00Z, in the UK day 1 December.
    // Before, 1 December was read as midnight UTC, before 10:00Z, and counted late.
    const t = await timelinessOfText(
      noPeriod,
      dates('2026-12-01', '20261201', '2026-11-30', '2026-12-01T09:59:59Z', '2026-12-01T10:00:00Z'),
      '2026-12-31T10:00:00Z',
    );
    expect(t.counts).toEqual({ assessed: 5, onTime: 3, unassessable: 0, afterSubmission: 0 });
    expect(t.score).toBe(60);
    expect(t.note).toContain('events from the time of validation − 30 days are on time, and a date without a time when its UK day reaches that instant');
  });

  it('BST, no period: the cut-off day is the UK day, not the UTC one', async () => {
    // Validated at 23:30 BST on 1 August (22:30Z): the cut-off 2026-07-02T22:30Z is 23:30 BST on 2 July,
    // so 2 July (which runs to 23:00Z) is on time; 1 July is late.
    let t = await timelinessOfText(noPeriod, dates('2026-07-02', '2026-07-01'), '2026-08-01T22:30:00Z');
    expect(t.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
    // Validated at 00:30 BST on 2 August (23:30Z on 1 August): the cut-off is 00:30 BST on 3 July, in the
    // UK day 3 July: 2 July ended (23:00Z) before it and is late, though its UTC date is the cut-off's.
    t = await timelinessOfText(noPeriod, dates('2026-07-03', '2026-07-02'), '2026-08-01T23:30:00Z');
    expect(t.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
  });

  it('with a period whose cut-off is midnight UK time, the day before the cut-off stays late (BST)', async () => {
    // The quarter April to June 2026 starts at 00:00 BST on 1 April (2026-03-31T23:00Z).
    const t = await timelinessOfText(quarterly, dates('2026-04-01', '2026-03-31'), '2026-07-20T12:00:00Z', '2026-27-Q1');
    expect(t.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
    expect(t.note).toContain('events from 1 April 2026 at 00:00 BST are on time (a date without a time from 1 April 2026, as it means the whole UK day)');
  });
});

describe('the deadline counted back on the UK calendar, across the clock changes and month ends', () => {
  const weekly: QualityDeclarations = { recordKey: ['/id'], eventDate: '/arrived', submissionDeadline: 'P7D' };
  const monthlyDeadline: QualityDeclarations = { recordKey: ['/id'], eventDate: '/arrived', submissionDeadline: 'P1M' };
  const dates = (...values: string[]) => values.map((arrived) => ({ arrived }));

  it('a week before 00:30 BST on 2 April is 00:30 GMT on 26 March: 25 March is late', async () => {
    // Received 2027-04-01T23:30Z, the UK day 2 April. Seven times 24 hours back is 2027-03-25T23:30Z, still
    // 25 March in the UK (GMT), which counted 25 March on time: eight UK days before the file.
    const t = await timelinessOfText(weekly, dates('2027-03-26', '2027-03-25', '2027-03-26T00:29:00Z', '2027-03-26T00:30:00Z'), '2027-04-01T23:30:00Z');
    expect(t.counts).toEqual({ assessed: 4, onTime: 2, unassessable: 0, afterSubmission: 0 });
  });

  it('a week before 23:30 GMT on 5 November is 23:30 BST on 29 October: 29 October is on time', async () => {
    // Received 2027-11-05T23:30Z. Seven times 24 hours back is 00:30 BST on 30 October, which counted an
    // event on 29 October (exactly seven UK days before) late in the last hour of the day.
    const t = await timelinessOfText(weekly, dates('2027-10-29', '2027-10-28', '2027-10-29T22:30:00Z', '2027-10-29T22:29:00Z'), '2027-11-05T23:30:00Z');
    expect(t.counts).toEqual({ assessed: 4, onTime: 2, unassessable: 0, afterSubmission: 0 });
  });

  it('a month before 31 March is the last day of February, not 3 March', async () => {
    // Received at 13:00 BST on 31 March 2027: the cut-off is 13:00 GMT on 28 February.
    const t = await timelinessOfText(monthlyDeadline, dates('2027-03-01', '2027-02-28', '2027-02-27'), '2027-03-31T12:00:00Z');
    expect(t.counts).toEqual({ assessed: 3, onTime: 2, unassessable: 0, afterSubmission: 0 });
  });

  it("a period's due date less the deadline is counted back on the UK calendar too", async () => {
    // February 2027, due a month after: by midnight BST at the end of 31 March (2027-03-31T23:00Z). P30D
    // before it is midnight GMT at the start of 2 March; the cut-off is the earlier, 1 February, so the
    // note names the period's start, whichever clock the deadline was counted on.
    const t = await timelinessOfText({ ...monthly, submissionDeadline: 'P30D' }, dates('2027-02-01', '2027-01-31'), '2027-03-10T12:00:00Z', '2027-02');
    expect(t.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
    const long = await timelinessOfText({ ...monthly, submissionDeadline: 'P60D' }, dates('2027-01-31', '2027-01-30'), '2027-03-10T12:00:00Z', '2027-02');
    // 60 UK days before midnight at the start of 1 April is midnight at the start of 31 January (GMT).
    expect(long.note).toContain('events from 31 January 2027 at 00:00 GMT are on time (a date without a time from 31 January 2027');
    expect(long.counts).toEqual({ assessed: 2, onTime: 1, unassessable: 0, afterSubmission: 0 });
  });
});

describe('an ongoing episode (standard.yaml episodeEndDate)', () => {
  const withEpisodes: QualityDeclarations = { ...quarterly, episodeEndDate: '/ended' };
  // The quarter April to June 2026, due by the end of 31 July: the cut-off is 00:00 BST on 1 April.
  const records = [
    { arrived: '2026-05-01' }, // starts in the quarter: on time
    { arrived: '2019-02-11' }, // a service started years ago and still delivered (no end): on time
    { arrived: '2025-10-01', ended: '2026-04-01' }, // ended on the first day of the quarter: ongoing in it
    { arrived: '2025-10-01', ended: '2026-03-31' }, // ended before the quarter: late
    { arrived: '2025-10-01', ended: 'not a date' }, // an end that is not a date: judged on its start, late
  ];

  it('is on time when it is ongoing at the cut-off however long before it started, and the note counts such records', async () => {
    const t = await timelinessOfText(withEpisodes, records, '2026-07-20T12:00:00Z', '2026-27-Q1');
    expect(t.counts).toEqual({ assessed: 5, onTime: 3, unassessable: 0, ongoing: 2, afterSubmission: 0 });
    expect(t.score).toBe(60);
    expect(t.formula).toContain('or whose episode is ongoing at it');
    expect(t.note).toContain(
      'a record whose episode is ongoing at the cut-off (ended blank or no earlier than it) is on time however long before it started, 2 such records',
    );
  });

  it('without the declaration, is judged on its start alone, as before', async () => {
    const t = await timelinessOfText(quarterly, records, '2026-07-20T12:00:00Z', '2026-27-Q1');
    expect(t.counts).toEqual({ assessed: 5, onTime: 1, unassessable: 0, afterSubmission: 0 });
  });
});
