import { describe, it, expect } from 'vitest';
import { compactToIso, parseTime } from '../../src/validation/date-time.js';
import { isActionFlag, isCompactDate, isCompactDateTime, isNonBlank } from '../../src/validation/wire-formats.js';
import { validateValue } from '../../src/validation/validate.js';
import { compile } from './helpers.js';

describe('wire formats', () => {
  it('compact-date: real dates written YYYYMMDD (or YYYY-MM-DD)', () => {
    for (const ok of ['20240131', '20240229', '2024-01-31']) expect(isCompactDate(ok), ok).toBe(true);
    for (const bad of ['20240230', '20230229', '20241301', '2024013', '202401311', '2024-02-30', '20240131T000000', 'abcdefgh'])
      expect(isCompactDate(bad), bad).toBe(false);
  });

  it('compact-date-time: YYYYMMDDThhmmss with no suffix, 00 or 01; or RFC 3339 with a UK offset', () => {
    for (const ok of ['20240610T183325', '20240610T18332500', '20240610T18332501', '2024-06-10T18:33:25+01:00', '2024-06-10T18:33:25Z'])
      expect(isCompactDateTime(ok), ok).toBe(true);
    for (const bad of [
      '20240610T18332509',
      '20240610183325',
      '20240610T1833',
      '20240610T246000',
      '20240230T100000',
      '20240610T183325+00',
      '2024-06-10T18:33:25-05:00',
      '20240610',
    ])
      expect(isCompactDateTime(bad), bad).toBe(false);
  });

  it('converts compact values once to RFC 3339, with the offset the suffix names', () => {
    expect(compactToIso('20240131')).toBe('2024-01-31');
    expect(compactToIso('20240610T183325')).toBe('2024-06-10T18:33:25Z');
    expect(compactToIso('20240610T18332500')).toBe('2024-06-10T18:33:25+00:00');
    expect(compactToIso('20240610T18332501')).toBe('2024-06-10T18:33:25+01:00');
    expect(compactToIso('20240610T18332509')).toBe('20240610T18332509');
    expect(compactToIso('2024-01-31')).toBe('2024-01-31');
    expect(parseTime('20240610T18332501')).toBe(Date.parse('2024-06-10T17:33:25Z'));
    expect(parseTime('20240131')).toBe(Date.parse('2024-01-31T00:00:00Z'));
  });

  it('non-blank and action-flag', () => {
    expect([isNonBlank('a'), isNonBlank(' '), isNonBlank('')]).toEqual([true, false, false]);
    expect(['NEW', 'nEw', 'update', 'DELETE'].every(isActionFlag)).toBe(true);
    expect(['NEW ', 'CREATE', ''].some(isActionFlag)).toBe(false);
  });
});

describe('cross-field rules read compact dates as the dates they are', () => {
  const version = compile({
    type: 'object',
    properties: {
      given: { type: 'string', format: 'compact-date-time' },
      expiry: { type: 'string', format: 'compact-date' },
      born: { type: 'string', format: 'compact-date' },
    },
    'x-consistency': [
      { id: 'expiry-not-before-vaccination', field: '/expiry', notBefore: '/given', severity: 'warning' },
      { id: 'given-not-in-future', field: '/given', notAfter: '$submission' },
      { id: 'born-not-in-future', field: '/born', notAfter: '$submission' },
    ],
  });
  const context = { submittedAt: '2024-07-01T12:00:00Z' };
  const rules = (record: unknown) => validateValue(version, record, context).map((f) => `${f.rule}:${f.severity}`);

  it('an expiry on the day of the vaccination is fine; the day before is a warning', () => {
    expect(rules({ given: '20240610T18332501', expiry: '20240610' })).toEqual([]);
    expect(rules({ given: '20240610T18332501', expiry: '20240609' })).toEqual(['expiry-not-before-vaccination:warning']);
  });

  it('future dates are errors, judged against the time the file was received', () => {
    expect(rules({ given: '20240701T11000000', born: '20240701' })).toEqual([]);
    expect(rules({ given: '20240702T10000000', born: '20240702' })).toEqual(['given-not-in-future:error', 'born-not-in-future:error']);
  });

  it('an impossible date is a format finding, and no cross-field finding is made from it', () => {
    expect(rules({ given: '20240230T100000', expiry: '20240101' })).toEqual(['format:error']);
  });
});
