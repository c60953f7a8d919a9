/**
 * The x-consistency rule forms: notAfter another field, notAfter the submission (with its skew), within
 * the reporting period, and severity warning; dates against date-times by the date-time's UK day; messages in a
 * data manager's words that never hold a value; malformed rules refused when the schema compiles.
 */
import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { SchemaCompileError, Validators } from '../../src/validation/validators.js';
import { validateStream, validateValue } from '../../src/validation/validate.js';
import type { ValidationContext } from '../../src/validation/context.js';
import { consistencyRun, durationMs } from '../../src/validation/consistency-rules.js';
import { ukCalendarDate } from '../../src/validation/date-time.js';
import { compile, err, SCHEMA_ID, STANDARD } from './helpers.js';
import type { Finding } from '../../src/validation/report-types.js';

const warn = (record: number, line: number, path: string, rule: string, message: string): Finding => ({
  record,
  line,
  path,
  rule,
  message,
  severity: 'warning',
});

const schema = {
  type: 'object',
  properties: {
    dateOfBirth: { type: 'string', format: 'date' },
    eventStartDate: { type: 'string', format: 'date' },
    dateOfDeath: { type: 'string', format: 'date' },
    vaccinationDateTime: { type: 'string', format: 'date-time' },
    expiryDate: { type: 'string', format: 'date' },
    recordedAt: { type: 'string', format: 'date-time' },
    admitted: { type: 'string', format: 'date-time', title: 'Admission' },
  },
  'x-consistency': [
    { id: 'birth-not-after-event', field: '/dateOfBirth', notAfter: '/eventStartDate' },
    { id: 'event-not-after-death', field: '/eventStartDate', notAfter: '/dateOfDeath' },
    { id: 'birth-not-in-future', field: '/dateOfBirth', notAfter: '$submission' },
    { id: 'vaccination-not-in-future', field: '/vaccinationDateTime', notAfter: '$submission' },
    { id: 'vaccination-not-after-expiry', field: '/vaccinationDateTime', notAfter: '/expiryDate' },
    { id: 'admitted-not-before-birth', field: '/admitted', notBefore: '/dateOfBirth' },
    { id: 'event-in-period', field: '/eventStartDate', within: '$period' },
    { id: 'recorded-in-period', field: '/recordedAt', within: '$period', severity: 'warning' },
  ],
};
const version = compile(schema);
const WINTER: ValidationContext = { submittedAt: '2026-01-15T12:00:00Z' };
const QUARTER: ValidationContext = { submittedAt: '2026-07-10T09:00:00+01:00', period: { start: '2026-04-01', end: '2026-06-30' } };
const check = (record: unknown, context: ValidationContext = WINTER): Finding[] => validateValue(version, record, context);
const rules = (findings: Finding[]): string[] => findings.map((f) => `${f.path} ${f.rule}`);

describe('notAfter another field', () => {
  it('reports a date after the other, in words, at the field', () => {
    expect(check({ dateOfBirth: '2020-05-02', eventStartDate: '2020-05-01' })).toEqual([
      err(1, 0, '/dateOfBirth', 'birth-not-after-event', 'The date of birth is after the event start date'),
    ]);
    expect(check({ eventStartDate: '2021-01-01', dateOfDeath: '2020-12-31' })).toEqual([
      err(1, 0, '/eventStartDate', 'event-not-after-death', 'The event start date is after the date of death'),
    ]);
  });

  it('passes equal and earlier dates, and does not apply when a value is missing', () => {
    expect(check({ dateOfBirth: '2020-05-01', eventStartDate: '2020-05-01', dateOfDeath: '2020-05-01' })).toEqual([]);
    expect(check({ dateOfBirth: '2019-05-01', eventStartDate: '2020-05-01' })).toEqual([]);
    expect(check({ dateOfBirth: '2020-05-02' })).toEqual([]);
  });
});

describe('a date against a date-time', () => {
  it("compares the date with the date-time's day in the UK: an expiry date is not before an administration on that day", () => {
    expect(check({ vaccinationDateTime: '2025-01-31T10:00:00Z', expiryDate: '2025-01-31' })).toEqual([]);
    expect(check({ vaccinationDateTime: '2025-01-31T23:59:59Z', expiryDate: '2025-01-31' })).toEqual([]);
    // 23:30 GMT on 31 January, whatever offset it is written in.
    expect(check({ vaccinationDateTime: '2025-02-01T00:30:00+01:00', expiryDate: '2025-01-31' })).toEqual([]);
    const expired = [err(1, 0, '/vaccinationDateTime', 'vaccination-not-after-expiry', 'The vaccination date and time is after the expiry date')];
    // 04:59:59 GMT on 1 February: after a batch that expired on 31 January (until December 2026 the date as written, 31 January, was compared).
    expect(check({ vaccinationDateTime: '2025-01-31T23:59:59-05:00', expiryDate: '2025-01-31' })).toEqual(expired);
    expect(check({ vaccinationDateTime: '2025-02-01T00:00:00Z', expiryDate: '2025-01-31' })).toEqual(expired);
  });

  it('in British Summer Time a date-time written in UTC late in the evening is the next day in the UK, however it is written', () => {
    const AUTUMN: ValidationContext = { submittedAt: '2026-12-01T12:00:00Z' };
    const expired = [err(1, 0, '/vaccinationDateTime', 'vaccination-not-after-expiry', 'The vaccination date and time is after the expiry date')];
    // 00:30 BST on 1 July: after a batch that expired on 30 June, written either way (until December 2026 the Z form passed).
    expect(check({ vaccinationDateTime: '2026-06-30T23:30:00Z', expiryDate: '2026-06-30' }, AUTUMN)).toEqual(expired);
    expect(check({ vaccinationDateTime: '2026-07-01T00:30:00+01:00', expiryDate: '2026-06-30' }, AUTUMN)).toEqual(expired);
    expect(check({ vaccinationDateTime: '2026-06-30T22:59:59Z', expiryDate: '2026-06-30' }, AUTUMN)).toEqual([]);
    // A baby born on 1 July and seen at 00:30 BST that day, written in UTC: not before birth (until December 2026 it was).
    expect(check({ dateOfBirth: '2026-07-01', admitted: '2026-06-30T23:30:00Z' }, AUTUMN)).toEqual([]);
    expect(check({ dateOfBirth: '2026-07-01', admitted: '2026-06-30T22:30:00Z' }, AUTUMN)).toEqual([
      err(1, 0, '/admitted', 'admitted-not-before-birth', 'The admission is before the date of birth'),
    ]);
  });

  it('works the other way round too (a date-time not before a date), using the field title', () => {
    expect(check({ dateOfBirth: '2020-05-01', admitted: '2020-05-01T00:00:00+01:00' })).toEqual([]);
    expect(check({ dateOfBirth: '2020-05-01', admitted: '2020-04-30T23:59:59+01:00' })).toEqual([
      err(1, 0, '/admitted', 'admitted-not-before-birth', 'The admission is before the date of birth'),
    ]);
    // 10:00 UTC on 30 April (+14:00): 11:00 BST, the day before the birth (until December 2026 its written date, 1 May, was compared).
    expect(check({ dateOfBirth: '2020-05-01', admitted: '2020-05-01T00:00:00+14:00' })).toEqual([
      err(1, 0, '/admitted', 'admitted-not-before-birth', 'The admission is before the date of birth'),
    ]);
  });
});

describe('notAfter "$submission"', () => {
  it('allows a date-time up to the skew (PT5M by default) after the submission, and not a moment more', () => {
    const at = { submittedAt: '2026-03-10T12:00:00Z' };
    for (const ok of ['2026-03-10T12:05:00Z', '2026-03-10T13:05:00+01:00', '2026-03-10T12:04:59.999Z', '2020-01-01T00:00:00Z']) {
      expect(check({ vaccinationDateTime: ok }, at), ok).toEqual([]);
    }
    for (const late of ['2026-03-10T12:05:00.001Z', '2026-03-10T12:05:01Z', '2026-03-10T13:05:01+01:00', '2026-03-10T07:05:01-05:00', '2035-01-01T00:00:00Z']) {
      expect(check({ vaccinationDateTime: late }, at), late).toEqual([
        err(1, 0, '/vaccinationDateTime', 'vaccination-not-in-future', 'The vaccination date and time is in the future (after the file was received)'),
      ]);
    }
  });

  it('lets a plain date be the submission’s date in the UK (GMT in winter, BST in summer)', () => {
    const future = err(1, 0, '/dateOfBirth', 'birth-not-in-future', 'The date of birth is in the future (after the file was received)');
    expect(check({ dateOfBirth: '2026-01-15' }, { submittedAt: '2026-01-15T23:30:00Z' })).toEqual([]);
    expect(check({ dateOfBirth: '2026-01-16' }, { submittedAt: '2026-01-15T23:30:00Z' })).toEqual([future]);
    // 23:30Z in July is 00:30 BST the next day
    expect(check({ dateOfBirth: '2026-07-02' }, { submittedAt: '2026-07-01T23:30:00Z' })).toEqual([]);
    expect(check({ dateOfBirth: '2026-07-03' }, { submittedAt: '2026-07-01T23:30:00Z' })).toEqual([future]);
    // the skew counts for dates too: 23:56 + 5 minutes is the next day
    expect(check({ dateOfBirth: '2026-01-16' }, { submittedAt: '2026-01-15T23:56:00Z' })).toEqual([]);
    expect(check({ dateOfBirth: '2090-01-01' })).toEqual([future]);
  });

  it('with calendar utc, lets a plain date be the submission’s date in UTC: in the first hour of a BST day, the UK’s today is the future', () => {
    const utc = compile({
      type: 'object',
      properties: { born: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' } },
      'x-consistency': [
        { id: 'born-not-in-future', field: '/born', notAfter: '$submission', calendar: 'utc' },
        { id: 'at-not-in-future', field: '/at', notAfter: '$submission', calendar: 'utc' },
      ],
    });
    const bst = { submittedAt: '2026-07-01T23:30:00Z' }; // 00:30 BST on 2 July
    expect(rules(validateValue(utc, { born: '2026-07-01' }, bst))).toEqual([]);
    expect(rules(validateValue(utc, { born: '2026-07-02' }, bst))).toEqual(['/born born-not-in-future']);
    // the UK calendar (the default) lets 2 July through at that moment
    expect(check({ dateOfBirth: '2026-07-02' }, bst)).toEqual([]);
    // once UTC has reached the day too, it is today in both
    expect(rules(validateValue(utc, { born: '2026-07-02' }, { submittedAt: '2026-07-02T00:00:00Z' }))).toEqual([]);
    // in winter the two calendars agree
    expect(rules(validateValue(utc, { born: '2026-01-16' }, { submittedAt: '2026-01-15T23:30:00Z' }))).toEqual(['/born born-not-in-future']);
    // a date-time is an instant whatever the calendar: 00:20 BST is 23:20 UTC, before the file
    expect(rules(validateValue(utc, { at: '2026-07-02T00:20:00+01:00' }, bst))).toEqual([]);
    expect(rules(validateValue(utc, { at: '2026-07-02T00:40:00+01:00' }, bst))).toEqual(['/at at-not-in-future']);
  });

  it('takes a rule’s own skew', () => {
    const strict = compile({
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' } },
      'x-consistency': [
        { id: 'no-skew', field: '/at', notAfter: '$submission', skew: 'PT0S' },
        { id: 'a-day', field: '/at', notAfter: '$submission', skew: 'P1D' },
      ],
    });
    const at = { submittedAt: '2026-03-10T12:00:00Z' };
    expect(rules(validateValue(strict, { at: '2026-03-10T12:00:00Z' }, at))).toEqual([]);
    expect(rules(validateValue(strict, { at: '2026-03-10T12:00:01Z' }, at))).toEqual(['/at no-skew']);
    expect(rules(validateValue(strict, { at: '2026-03-11T12:00:00Z' }, at))).toEqual(['/at no-skew']);
    expect(rules(validateValue(strict, { at: '2026-03-11T12:00:01Z' }, at))).toEqual(['/at no-skew', '/at a-day']);
  });

  it('measures against the time of the call when no context is given', () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(validateValue(version, { vaccinationDateTime: soon })).toEqual([]);
    expect(rules(validateValue(version, { vaccinationDateTime: later }))).toEqual(['/vaccinationDateTime vaccination-not-in-future']);
  });
});

describe('within "$period"', () => {
  it('passes dates inside the period, its first and last days included', () => {
    for (const day of ['2026-04-01', '2026-05-15', '2026-06-30']) expect(check({ eventStartDate: day }, QUARTER), day).toEqual([]);
  });

  it('reports dates outside it, naming the period', () => {
    for (const day of ['2026-03-31', '2026-07-01', '2025-05-01']) {
      expect(check({ eventStartDate: day }, QUARTER), day).toEqual([
        err(1, 0, '/eventStartDate', 'event-in-period', 'The event start date is outside the reporting period 2026-04-01 to 2026-06-30'),
      ]);
    }
  });

  it('places a date-time on its day in the UK (BST included), as the reporting period is in UK days', () => {
    expect(check({ recordedAt: '2026-04-01T00:00:00+01:00' }, QUARTER)).toEqual([]);
    expect(rules(check({ recordedAt: '2026-07-01T00:00:00+01:00' }, QUARTER))).toEqual(['/recordedAt recorded-in-period']);
    // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April: inside April to June; 23:30 UTC on 30 June is
    // 00:30 BST on 1 July: outside.
    expect(check({ recordedAt: '2026-03-31T23:30:00Z' }, QUARTER)).toEqual([]);
    expect(check({ recordedAt: '2026-03-31T23:30:00+00:00' }, QUARTER)).toEqual([]);
    expect(rules(check({ recordedAt: '2026-06-30T23:30:00Z' }, QUARTER))).toEqual(['/recordedAt recorded-in-period']);
    // 22:59 UTC on 30 June is 23:59 BST, still June; 23:59:59 in New York on 30 June is 1 July in the UK.
    expect(check({ recordedAt: '2026-06-30T22:59:00Z' }, QUARTER)).toEqual([]);
    expect(rules(check({ recordedAt: '2026-06-30T23:59:59-05:00' }, QUARTER))).toEqual(['/recordedAt recorded-in-period']);
    expect(rules(check({ recordedAt: '2026-03-31T22:30:00Z' }, QUARTER))).toEqual(['/recordedAt recorded-in-period']);
  });

  it("a standard's own message names the period the file was given and what to do", () => {
    const own = compile({
      type: 'object',
      properties: { eventStartDate: { type: 'string', format: 'date' } },
      'x-consistency': [
        { id: 'event-in-period', field: '/eventStartDate', within: '$period', message: 'The event is not inside the period this file is submitted for.' },
      ],
    });
    // It said only "…this file is submitted for.": a supplier who gave the wrong period could not tell which.
    expect(validateValue(own, { eventStartDate: '2025-05-01' }, QUARTER)).toEqual([
      err(
        1,
        0,
        '/eventStartDate',
        'event-in-period',
        'The event is not inside the period this file is submitted for (the period given for the file is 2026-04-01 to 2026-06-30): if the file is for another period, give that one; otherwise correct the date',
      ),
    ]);
  });

  it('is skipped when no period is declared', () => {
    expect(check({ eventStartDate: '1990-01-01', recordedAt: '1990-01-01T00:00:00Z' }, { submittedAt: '2026-07-10T09:00:00Z' })).toEqual([]);
  });
});

describe('severity warning', () => {
  it('gives a warning finding and leaves the record valid', async () => {
    expect(check({ recordedAt: '2026-07-02T10:00:00Z' }, QUARTER)).toEqual([
      warn(1, 0, '/recordedAt', 'recorded-in-period', 'The recorded at is outside the reporting period 2026-04-01 to 2026-06-30'),
    ]);
    // the validator itself passes the record (the warning is in the run, not in its errors)
    const run = consistencyRun(QUARTER);
    expect(version.validate.call(run, { recordedAt: '2026-07-02T10:00:00Z' })).toBe(true);
    expect(run.warnings).toHaveLength(1);

    const lines = [
      { recordedAt: '2026-07-02T10:00:00Z' }, // warning only: valid
      { recordedAt: '2026-05-02T10:00:00Z' }, // nothing
      { recordedAt: '2026-07-02T10:00:00Z', eventStartDate: '2026-07-02' }, // warning and error: invalid
    ];
    const report = await validateStream(Readable.from([lines.map((l) => JSON.stringify(l)).join('\n')]), version, { format: 'ndjson', context: QUARTER });
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ records: 3, valid: 2, invalid: 1, findings: 3 });
    expect(report.findings.map((f) => [f.record, f.rule, f.severity])).toEqual([
      [1, 'recorded-in-period', 'warning'],
      [3, 'event-in-period', 'error'],
      [3, 'recorded-in-period', 'warning'],
    ]);
    expect(report.summary.find((s) => s.rule === 'recorded-in-period')).toMatchObject({ severity: 'warning', count: 2, firstRecords: [1, 3] });

    const onlyWarnings = await validateStream(Readable.from([JSON.stringify(lines[0])]), version, { format: 'ndjson', context: QUARTER });
    expect(onlyWarnings.valid).toBe(true);
    expect(onlyWarnings.stats).toMatchObject({ records: 1, valid: 1, invalid: 0, findings: 1 });
  });
});

describe('a malformed value is reported once, by its format', () => {
  it('gives no cross-field finding for a date that fails its format, on either side of a rule', () => {
    const format = (path: string, what: string, hint: string) => err(1, 0, path, 'format', `must be a valid ${what}; ${hint}`);
    // impossible dates, far in the future: not "in the future", only malformed
    expect(check({ dateOfBirth: '2099-02-30' })).toEqual([format('/dateOfBirth', 'date (YYYY-MM-DD)', 'there is no such day in that month')]);
    // parses as a date-time, but the field wants a date
    expect(check({ dateOfBirth: '2099-01-01T00:00:00Z', eventStartDate: '2020-01-01' })).toEqual([
      format('/dateOfBirth', 'date (YYYY-MM-DD)', 'it has a time: write the date alone, as YYYY-MM-DD'),
    ]);
    // the compared field is malformed (a date where a date-time is wanted): no "before" finding on the other
    expect(check({ dateOfBirth: '2020-05-01', admitted: '2020-04-01' })).toEqual([
      format(
        '/admitted',
        'date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)',
        'it is a date alone: add the time and its offset, as YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm',
      ),
    ]);
    expect(check({ eventStartDate: '2026-13-01' }, QUARTER)).toEqual([format('/eventStartDate', 'date (YYYY-MM-DD)', 'its month is not 01 to 12')]);
  });
});

describe('the validation context', () => {
  it('is refused when malformed, naming what is wrong', () => {
    expect(() => validateValue(version, {}, { submittedAt: 'yesterday' })).toThrow(/submittedAt must be an RFC 3339 date-time/);
    expect(() => validateValue(version, {}, { submittedAt: '2026-01-01' })).toThrow(/submittedAt/);
    expect(() => validateValue(version, {}, { submittedAt: '2026-01-01T00:00:00Z', period: { start: '2026-06-30', end: '2026-04-01' } })).toThrow(
      /period must have a start and an end date/,
    );
    expect(() => validateValue(version, {}, { submittedAt: '2026-01-01T00:00:00Z', period: { start: '2026-04-01', end: '2026-02-30' } })).toThrow(/period/);
  });

  it('works out UK dates and durations', () => {
    expect(ukCalendarDate(Date.parse('2026-03-29T00:59:59Z'))).toBe('2026-03-29'); // GMT until 01:00 UTC on the last Sunday of March
    expect(ukCalendarDate(Date.parse('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(ukCalendarDate(Date.parse('2026-03-29T23:30:00Z'))).toBe('2026-03-30'); // BST
    expect(ukCalendarDate(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25'); // still BST (01:30)
    expect(ukCalendarDate(Date.parse('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // GMT again
    expect(ukCalendarDate(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(durationMs('PT5M')).toBe(300_000);
    expect(durationMs('P1W2DT3H4M5S')).toBe((((9 * 24 + 3) * 60 + 4) * 60 + 5) * 1000);
    for (const bad of ['P', 'PT', 'P1M', 'P1Y', 'PT1.5S', '5M', 'pt5m']) expect(durationMs(bad), bad).toBeUndefined();
  });
});

describe('malformed rules', () => {
  const compileRules = (rules: unknown) => () =>
    new Validators().compile({ ...STANDARD }, SCHEMA_ID, {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      'x-consistency': rules,
    });

  it.each([
    ['an unknown form', [{ id: 'x', field: '/a', notLaterThan: '/b' }], /rule 1 \("x"\) notLaterThan is not a rule property/],
    ['no form', [{ id: 'x', field: '/a' }], /rule 1 \("x"\) must have exactly one of notBefore, notAfter or within \(it has none\)/],
    [
      'two forms',
      [{ id: 'x', field: '/a', notBefore: '/b', within: '$period' }],
      /must have exactly one of notBefore, notAfter or within \(it has notBefore and within\)/,
    ],
    ['a bad field pointer', [{ id: 'x', field: 'a', notBefore: '/b' }], /rule 1 \("x"\) field must be a JSON pointer/],
    ['a bad compared pointer', [{ id: 'x', field: '/a', notAfter: 'b' }], /notAfter must be a JSON pointer to another field of the record, or "\$submission"/],
    ['notBefore the submission', [{ id: 'x', field: '/a', notBefore: '$submission' }], /notBefore must be a JSON pointer/],
    ['a bad duration', [{ id: 'x', field: '/a', notAfter: '$submission', skew: '5 minutes' }], /skew must be an ISO 8601 duration/],
    ['a duration in months', [{ id: 'x', field: '/a', notAfter: '$submission', skew: 'P1M' }], /skew must be an ISO 8601 duration/],
    ['a skew without the submission', [{ id: 'x', field: '/a', notAfter: '/b', skew: 'PT5M' }], /skew is allowed only with notAfter: "\$submission"/],
    ['within something else', [{ id: 'x', field: '/a', within: '$year' }], /within must be "\$period"/],
    [
      'a calendar without the submission',
      [{ id: 'x', field: '/a', notAfter: '/b', calendar: 'utc' }],
      /calendar is allowed only with notAfter: "\$submission"/,
    ],
    [
      'an unknown calendar',
      [{ id: 'x', field: '/a', notAfter: '$submission', calendar: 'gmt' }],
      /calendar must be "uk" \(the UK calendar date, the default\) or "utc"/,
    ],
    ['a bad severity', [{ id: 'x', field: '/a', notBefore: '/b', severity: 'info' }], /severity must be "error" or "warning"/],
    [
      'a repeated id',
      [
        { id: 'x', field: '/a', notBefore: '/b' },
        { id: 'x', field: '/b', notAfter: '/a' },
      ],
      /rule 2 \("x"\) id repeats the id "x"/,
    ],
    ['a field compared with itself', [{ id: 'x', field: '/a', notBefore: '/a' }], /notBefore compares the field with itself/],
    ['a rule that is not an object', ['x'], /rule 1 must be a rule/],
  ])('refuses %s with a clear message', (_name, rules, message) => {
    expect(compileRules(rules)).toThrow(SchemaCompileError);
    expect(compileRules(rules)).toThrow(message);
  });

  it('accepts every form', () => {
    expect(
      compileRules([
        { id: 'a', field: '/a', notBefore: '/b', message: 'm' },
        { id: 'b', field: '/a', notAfter: '/b', severity: 'warning' },
        { id: 'c', field: '/a', notAfter: '$submission', skew: 'P1DT2H' },
        { id: 'd', field: '/a', notAfter: '$submission', severity: 'error' },
        { id: 'e', field: '/a', within: '$period' },
      ]),
    ).not.toThrow();
  });
});

describe('a date after the submission', () => {
  it('gets that finding only: it is not compared with other fields', () => {
    // One wrong date used to give three findings: its own, and each comparison it then "failed".
    expect(rules(check({ vaccinationDateTime: '2027-03-01T10:00:00Z', expiryDate: '2026-12-31' }))).toEqual(['/vaccinationDateTime vaccination-not-in-future']);
    expect(rules(check({ dateOfBirth: '2027-03-01', eventStartDate: '2026-01-01', admitted: '2026-01-02T10:00:00Z' }))).toEqual([
      '/dateOfBirth birth-not-in-future',
    ]);
    // the same comparisons, the dates in the past: both reported
    expect(rules(check({ dateOfBirth: '2025-03-01', eventStartDate: '2025-01-01', admitted: '2025-01-02T10:00:00Z' }))).toEqual([
      '/dateOfBirth birth-not-after-event',
      '/admitted admitted-not-before-birth',
    ]);
  });

  it('is not placed in the reporting period either, while the other fields are still compared', () => {
    const events = compile({
      ...schema,
      'x-consistency': [
        { id: 'event-not-in-future', field: '/eventStartDate', notAfter: '$submission' },
        { id: 'event-in-period', field: '/eventStartDate', within: '$period', severity: 'warning' },
        { id: 'event-not-after-death', field: '/eventStartDate', notAfter: '/dateOfDeath' },
        { id: 'birth-not-after-death', field: '/dateOfBirth', notAfter: '/dateOfDeath' },
      ],
    });
    const sent = { submittedAt: '2026-04-10T09:00:00+01:00', period: { start: '2026-01-01', end: '2026-03-31' } };
    const findings = validateValue(events, { eventStartDate: '2026-06-01', dateOfDeath: '2026-04-01', dateOfBirth: '2026-04-02' }, sent);
    expect(rules(findings)).toEqual(['/eventStartDate event-not-in-future', '/dateOfBirth birth-not-after-death']);
    // in the past, the same event is outside the period and after the death
    const past = validateValue(events, { eventStartDate: '2026-04-05', dateOfDeath: '2026-04-01' }, sent);
    expect(rules(past).sort()).toEqual(['/eventStartDate event-in-period', '/eventStartDate event-not-after-death']);
  });

  it('is still compared when the rule finding it is a warning (its record may be valid)', () => {
    const warned = compile({
      ...schema,
      'x-consistency': [
        { id: 'vaccination-not-in-future', field: '/vaccinationDateTime', notAfter: '$submission', severity: 'warning' },
        { id: 'vaccination-not-after-expiry', field: '/vaccinationDateTime', notAfter: '/expiryDate' },
      ],
    });
    const findings = validateValue(warned, { vaccinationDateTime: '2027-03-01T10:00:00Z', expiryDate: '2026-12-31' }, WINTER);
    expect(findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(['vaccination-not-after-expiry error', 'vaccination-not-in-future warning']);
  });
});

describe('messages', () => {
  it('never hold a value from the data', async () => {
    const SENTINEL = '2091-11-29';
    const PAST = '1891-11-29'; // in the comparisons between fields (a date in the future is not compared)
    const records = [
      { dateOfBirth: SENTINEL, eventStartDate: '2026-05-01', dateOfDeath: '2026-04-01' },
      { vaccinationDateTime: `${SENTINEL}T10:00:00Z`, expiryDate: '2026-01-01' },
      { eventStartDate: SENTINEL, recordedAt: `${SENTINEL}T10:00:00+01:00` },
      { dateOfBirth: `${SENTINEL}T00:00:00Z` },
      { eventStartDate: '2026-05-01', dateOfDeath: PAST },
      { dateOfBirth: '2026-05-02', admitted: `${PAST}T10:00:00Z` },
      { vaccinationDateTime: '2026-03-01T10:00:00Z', expiryDate: PAST },
    ];
    const report = await validateStream(Readable.from([records.map((r) => JSON.stringify(r)).join('\n')]), version, { format: 'ndjson', context: QUARTER });
    expect(new Set(report.findings.map((f) => f.rule))).toEqual(
      new Set([
        'birth-not-in-future',
        'event-not-after-death',
        'vaccination-not-in-future',
        'event-in-period',
        'recorded-in-period',
        'format',
        'admitted-not-before-birth',
        'vaccination-not-after-expiry',
      ]),
    );
    expect(JSON.stringify(report)).not.toContain('2091');
    expect(JSON.stringify(report)).not.toContain('1891');
    expect(JSON.stringify(report)).not.toContain('2026-05-01');
  });
});
