/** Reporting period ids: each syntax read into inclusive dates, bad ids refused with a reason, and the deadline. */
import { describe, expect, it } from 'vitest';
import { dueByOf, parsePeriod, periodDeadline, PeriodError } from '../../src/quality/period.js';

describe('reading a reporting period id', () => {
  it.each([
    ['2026-11', { id: '2026-11', kind: 'month', start: '2026-11-01', end: '2026-11-30' }],
    ['2028-02', { id: '2028-02', kind: 'month', start: '2028-02-01', end: '2028-02-29' }],
    ['2026-Q3', { id: '2026-Q3', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' }],
    ['2026-q1', { id: '2026-Q1', kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }],
    ['2026-27-Q1', { id: '2026-27-Q1', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' }],
    ['2026/27-Q4', { id: '2026-27-Q4', kind: 'quarter', start: '2027-01-01', end: '2027-03-31' }],
    ['FY2026-27-Q2', { id: '2026-27-Q2', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' }],
    ['2026-27', { id: '2026-27', kind: 'financial-year', start: '2026-04-01', end: '2027-03-31' }],
    ['2026/27', { id: '2026-27', kind: 'financial-year', start: '2026-04-01', end: '2027-03-31' }],
    ['1999-00', { id: '1999-00', kind: 'financial-year', start: '1999-04-01', end: '2000-03-31' }],
    ['FY2011-12', { id: '2011-12', kind: 'financial-year', start: '2011-04-01', end: '2012-03-31' }],
    ['2011-12', { id: '2011-12', kind: 'month', start: '2011-12-01', end: '2011-12-31' }],
    ['2026-04-01/2026-06-30', { id: '2026-04-01/2026-06-30', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' }],
    ['2026-02-01/2026-02-28', { id: '2026-02-01/2026-02-28', kind: 'month', start: '2026-02-01', end: '2026-02-28' }],
    ['2026-04-01/2027-03-31', { id: '2026-04-01/2027-03-31', kind: 'financial-year', start: '2026-04-01', end: '2027-03-31' }],
    ['2026-04-03/2026-04-09', { id: '2026-04-03/2026-04-09', kind: 'range', start: '2026-04-03', end: '2026-04-09' }],
    [' 2026-11 ', { id: '2026-11', kind: 'month', start: '2026-11-01', end: '2026-11-30' }],
  ])('%s', (id, expected) => {
    expect(parsePeriod(id)).toEqual(expected);
  });

  it.each([
    ['', 'the reporting period is empty; write a month as 2026-11'],
    ['2026-13', 'reporting period "2026-13": month 13 does not exist (months are 01 to 12), nor does it start a financial year'],
    ['2026-28', 'reporting period "2026-28": month 28 does not exist'],
    ['2026/28', 'reporting period "2026/28": a financial year runs from April to March, so 2026 is followed by 27'],
    ['2026-Q5', 'reporting period "2026-Q5": there is no quarter Q5; quarters are Q1 to Q4'],
    ['2026-27-Q0', 'there is no quarter Q0'],
    ['2026-02-30/2026-03-31', 'reporting period "2026-02-30/2026-03-31": 2026-02-30 is not a calendar date'],
    ['2026-06-30/2026-04-01', 'the end 2026-04-01 is before the start 2026-06-30'],
    ['0026-11', 'the year 26 is out of range (1900 to 2999)'],
    ['last quarter', '"last quarter" is not a reporting period; write a month as 2026-11, a calendar quarter as 2026-Q3'],
    ['x'.repeat(41), 'the reporting period is longer than 40 characters'],
  ])('refuses %j, saying why', (id, message) => {
    expect(() => parsePeriod(id)).toThrow(PeriodError);
    expect(() => parsePeriod(id)).toThrow(message);
  });
});

describe("a period's deadline", () => {
  it('is the duration after the day the period ends, at midnight UK time (GMT in winter)', () => {
    expect(periodDeadline(parsePeriod('2026-Q4'), 'P1M')).toEqual({ dueBy: '2027-02-01T00:00:00.000Z', lastDay: '2027-01-31' });
    expect(periodDeadline(parsePeriod('2026-02'), 'P10D')).toEqual({ dueBy: '2026-03-11T00:00:00.000Z', lastDay: '2026-03-10' });
  });

  it('falls at midnight UK time: 23:00 UTC while British Summer Time is in force', () => {
    // A quarter ending 30 June, due a month later: by the end of 31 July in the UK, 00:00 BST on
    // 1 August, which is 23:00 UTC on 31 July. A file sent at 00:30 BST on 1 August is late.
    expect(periodDeadline(parsePeriod('2026-27-Q1'), 'P1M')).toEqual({ dueBy: '2026-07-31T23:00:00.000Z', lastDay: '2026-07-31' });
    // Across the clock changes: due on the day BST starts (29 March 2026, midnight still GMT) and on
    // the day it ends (25 October 2026, midnight still BST).
    expect(periodDeadline(parsePeriod('2026-02'), 'P28D')).toEqual({ dueBy: '2026-03-29T00:00:00.000Z', lastDay: '2026-03-28' });
    expect(periodDeadline(parsePeriod('2026-09'), 'P24D')).toEqual({ dueBy: '2026-10-24T23:00:00.000Z', lastDay: '2026-10-24' });
    expect(periodDeadline(parsePeriod('2026-09'), 'P25D')).toEqual({ dueBy: '2026-10-26T00:00:00.000Z', lastDay: '2026-10-25' });
  });

  it("is the period's last day without a duration, and refuses one it cannot read", () => {
    expect(periodDeadline(parsePeriod('2026-11'))).toEqual({ dueBy: '2026-12-01T00:00:00.000Z', lastDay: '2026-11-30' });
    expect(() => periodDeadline(parsePeriod('2026-11'), 'PT1H')).toThrow(PeriodError);
  });

  it('is the same instant again from its last day alone (a stored deadline), across the clock changes', () => {
    const cases: [string, string][] = [
      ['2026-27-Q1', 'P1M'],
      ['2026-02', 'P28D'],
      ['2026-09', 'P24D'],
      ['2026-09', 'P25D'],
      ['2026-Q4', 'P1M'],
    ];
    for (const [period, duration] of cases) {
      const { dueBy, lastDay } = periodDeadline(parsePeriod(period), duration);
      expect(dueByOf(lastDay)).toBe(dueBy);
    }
  });
});
