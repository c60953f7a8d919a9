/**
 * Dates, times and durations in the scorecard's notes as a person reads them (src/quality/human-time.ts):
 * UK time with GMT or BST as the clocks were, no milliseconds, seconds only when there are any; ISO 8601
 * durations in words. What cannot be read is given back as it is.
 */
import { describe, expect, it } from 'vitest';
import { humanDay, humanDuration, humanInstant } from '../../src/quality/human-time.js';

describe('human-time', () => {
  it('an instant in UK time, GMT or BST as the clocks were, at the edges of the changes', () => {
    expect(humanInstant('2024-06-12T11:00:00.000Z')).toBe('12 June 2024 at 12:00 BST');
    expect(humanInstant('2026-11-12T09:00:00Z')).toBe('12 November 2026 at 09:00 GMT');
    expect(humanInstant(Date.parse('2026-03-29T00:59:59Z'))).toBe('29 March 2026 at 00:59:59 GMT');
    expect(humanInstant(Date.parse('2026-03-29T01:00:00Z'))).toBe('29 March 2026 at 02:00 BST');
    expect(humanInstant('2026-10-25T00:30:00Z')).toBe('25 October 2026 at 01:30 BST');
    expect(humanInstant('2026-10-25T01:30:00Z')).toBe('25 October 2026 at 01:30 GMT');
    // The UK day, not the UTC one: 23:30 UTC on 15 July is 00:30 BST on 16 July.
    expect(humanInstant('2027-07-15T23:30:00.000Z')).toBe('16 July 2027 at 00:30 BST');
    expect(humanInstant('2026-01-01T00:00:00.123Z')).toBe('1 January 2026 at 00:00 GMT');
    expect(humanInstant('not a time')).toBe('not a time');
  });

  it('a day and a duration in words', () => {
    expect(humanDay('2026-05-31')).toBe('31 May 2026');
    expect(humanDay('2026-13-01')).toBe('2026-13-01');
    expect(humanDuration('P7D')).toBe('7 days');
    expect(humanDuration('P1M')).toBe('1 month');
    expect(humanDuration('P1Y2M')).toBe('1 year and 2 months');
    expect(humanDuration('P2W')).toBe('2 weeks');
    expect(humanDuration('PT5M')).toBe('5 minutes');
    expect(humanDuration('PT1H30M')).toBe('1 hour and 30 minutes');
    expect(humanDuration('P1DT1H')).toBe('1 day and 1 hour');
    expect(humanDuration('P')).toBe('P');
    expect(humanDuration('PT')).toBe('PT');
    expect(humanDuration('7 days')).toBe('7 days');
  });
});
