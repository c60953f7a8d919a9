import { describe, expect, it } from 'vitest';
import { healthFormats, isBstOffsetInBst, isGmtOffsetInGmt, isUkDateTime } from '../../src/validation/health-formats.js';
import { ukOffset } from '../../src/validation/date-time.js';

// 2025: BST from 01:00 UTC on Sunday 30 March to 01:00 UTC on Sunday 26 October.
// 2024: from Sunday 31 March to Sunday 27 October.
describe('the UK offset of a uk-date-time against the UK season at its instant', () => {
  it('bst-offset-in-bst: +01:00 is out in GMT (an event at 00:30+01:00 on 1 March is 23:30 UTC on 28 February)', () => {
    expect(isBstOffsetInBst('2025-03-01T00:30:00+01:00')).toBe(false);
    expect(isBstOffsetInBst('2025-01-15T12:00:00+01:00')).toBe(false);
    expect(isBstOffsetInBst('2025-12-25T23:30:00.5+01:00')).toBe(false);
    expect(isBstOffsetInBst('2025-07-01T10:00:00+01:00')).toBe(true);
  });

  it('gmt-offset-in-gmt: Z, +00:00 and -00:00 are out in BST', () => {
    for (const offset of ['Z', 'z', '+00:00', '-00:00']) {
      expect(isGmtOffsetInGmt(`2025-07-01T10:00:00${offset}`), offset).toBe(false);
      expect(isGmtOffsetInGmt(`2025-01-15T10:00:00${offset}`), offset).toBe(true);
    }
  });

  it('each checks only its own offset: other values, and values that are not uk-date-times, pass', () => {
    for (const value of ['2025-07-01T10:00:00+01:00', '2025-07-01T10:00:00-05:00', '2025-07-01', 'not a date', '2025-02-30T10:00:00Z', ''])
      expect(isGmtOffsetInGmt(value), value).toBe(true);
    for (const value of ['2025-01-15T10:00:00Z', '2025-01-15T10:00:00+00:00', '2025-01-15T10:00:00+02:00', '2025-01-15', 'x'])
      expect(isBstOffsetInBst(value), value).toBe(true);
  });

  it('the spring change (last Sunday of March, 01:00 UTC): no UK clock showed 01:00 to 01:59, so either offset is out', () => {
    expect(isGmtOffsetInGmt('2025-03-30T00:59:59+00:00')).toBe(true); // 00:59:59 UTC, still GMT
    expect(isGmtOffsetInGmt('2025-03-30T01:00:00+00:00')).toBe(false); // 01:00 UTC, clocks showed 02:00 BST
    expect(isGmtOffsetInGmt('2025-03-30T01:30:00Z')).toBe(false);
    expect(isBstOffsetInBst('2025-03-30T01:30:00+01:00')).toBe(false); // 00:30 UTC, still GMT
    expect(isBstOffsetInBst('2025-03-30T01:59:59+01:00')).toBe(false);
    expect(isBstOffsetInBst('2025-03-30T02:00:00+01:00')).toBe(true); // 01:00 UTC, BST
    expect(isBstOffsetInBst('2025-03-30T00:30:00+01:00')).toBe(false); // 23:30 UTC on the Saturday
    expect(isBstOffsetInBst('2024-03-31T02:00:00+01:00')).toBe(true);
    expect(isBstOffsetInBst('2024-03-30T12:00:00+01:00')).toBe(false); // the day before, GMT
  });

  it('the autumn change (last Sunday of October, 01:00 UTC): 01:00 to 01:59 came twice, so either offset fits then', () => {
    expect(isBstOffsetInBst('2025-10-26T01:30:00+01:00')).toBe(true); // 00:30 UTC, BST
    expect(isGmtOffsetInGmt('2025-10-26T01:30:00+00:00')).toBe(true); // 01:30 UTC, GMT
    expect(isGmtOffsetInGmt('2025-10-26T01:00:00Z')).toBe(true); // the change itself is GMT
    expect(isBstOffsetInBst('2025-10-26T02:00:00+01:00')).toBe(false); // 01:00 UTC, GMT
    expect(isGmtOffsetInGmt('2025-10-26T00:59:59+00:00')).toBe(false); // 00:59:59 UTC, still BST
    expect(isGmtOffsetInGmt('2025-10-25T23:30:00Z')).toBe(false); // Saturday night, BST
    expect(isGmtOffsetInGmt('2024-10-27T01:00:00Z')).toBe(true);
    expect(isGmtOffsetInGmt('2024-10-27T00:59:59.999Z')).toBe(false);
  });

  it('leaves the uk-date-time format as it was: a wrong-season offset is still a valid uk-date-time', () => {
    expect(isUkDateTime('2025-03-01T00:30:00+01:00')).toBe(true);
    expect(isUkDateTime('2025-07-01T10:00:00+00:00')).toBe(true);
  });

  it('are registered as formats, so x-advice can name them', () => {
    expect(healthFormats['gmt-offset-in-gmt'].validate).toBe(isGmtOffsetInGmt);
    expect(healthFormats['bst-offset-in-bst'].validate).toBe(isBstOffsetInBst);
  });

  it('ukOffset gives the same answer across years in any order (its cached year is replaced, never reused wrongly)', () => {
    const summer = [Date.UTC(2025, 6, 1), Date.UTC(1999, 6, 1), Date.UTC(2025, 6, 2), Date.UTC(2040, 5, 30)];
    const winter = [Date.UTC(2025, 0, 1), Date.UTC(1999, 11, 31, 23), Date.UTC(2026, 0, 1), Date.UTC(2040, 11, 1)];
    for (const ms of [...summer, ...winter, ...summer.reverse()]) expect(ukOffset(ms), new Date(ms).toISOString()).toBe(summer.includes(ms) ? 3_600_000 : 0);
  });
});
