/**
 * `GET /v1/submissions` takes the /submissions page's filters (standard, reporting period, outcome) by the
 * service's one rule: each narrows the list, together they combine, and a bad value is a 400 naming the
 * parameter (never echoing it), as on the page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { submissionFilters } from '../../src/services/submission-filters.js';

let t: TestApp;
const VALID = JSON.stringify({
  localPatientId: 'RH8-0012345',
  nhsNumber: '9434765919',
  givenName: 'Amira',
  familyName: 'Hussain',
  dateOfBirth: '1984-07-12',
  personStatedGender: '2',
  ethnicCategory: 'J',
  address: { line1: '14 Park Row', town: 'Leeds', postcode: 'LS1 4AP' },
  gpPracticeCode: 'B86001',
  lastUpdated: '2025-03-04T09:30:00Z',
});

beforeAll(async () => {
  t = await startTestApp();
  const sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
  const submit = async (url: string, payload: string, type: string) => {
    const response = await t.call({ method: 'POST', url, payload, headers: { 'content-type': type, ...bearer(t.tokens.supplier) } });
    expect(response.statusCode).toBe(201);
  };
  await submit('/v1/standards/emergency-care-attendance/versions/3.0.0/validate?period=2024-07', sample, 'text/csv');
  await submit('/v1/standards/emergency-care-attendance/versions/3.0.0/validate?period=2024-08', sample, 'text/csv');
  await submit('/v1/standards/patient-demographics/versions/2.0.1/validate?period=2024-07', `${VALID}\n`, 'application/x-ndjson');
});
afterAll(async () => t.stop());

const list = async (query: string) => {
  const response = await t.call({ method: 'GET', url: `/v1/submissions${query}`, headers: bearer(t.tokens.supplier) });
  expect(response.statusCode).toBe(200);
  return (response.result as { submissions: { standard: string; period: string | null; valid: boolean }[] }).submissions.map(
    (s) => `${s.standard} ${s.period} ${s.valid ? 'valid' : 'invalid'}`,
  );
};

describe('the submissions list filters', () => {
  it('each filter narrows the list, and they combine', async () => {
    expect((await list('')).sort()).toEqual([
      'emergency-care-attendance 2024-07 invalid',
      'emergency-care-attendance 2024-08 invalid',
      'patient-demographics 2024-07 valid',
    ]);
    expect(await list('?standard=patient-demographics')).toEqual(['patient-demographics 2024-07 valid']);
    expect((await list('?period=2024-07')).sort()).toEqual(['emergency-care-attendance 2024-07 invalid', 'patient-demographics 2024-07 valid']);
    expect(await list('?outcome=valid')).toEqual(['patient-demographics 2024-07 valid']);
    expect((await list('?outcome=invalid')).sort()).toEqual(['emergency-care-attendance 2024-07 invalid', 'emergency-care-attendance 2024-08 invalid']);
    expect(await list('?outcome=invalid&period=2024-08&standard=emergency-care-attendance')).toEqual(['emergency-care-attendance 2024-08 invalid']);
    expect(await list('?outcome=valid&period=2024-08')).toEqual([]);
  });

  it('keeps the filters in the next link', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/submissions?outcome=invalid&limit=1', headers: bearer(t.tokens.supplier) });
    const page = response.result as { submissions: unknown[]; next: string };
    expect(page.submissions.length).toBe(1);
    expect(page.next).toMatch(/^\/v1\/submissions\?outcome=invalid&limit=1&cursor=[A-Za-z0-9_-]+$/);
    expect(await list(page.next.replace('/v1/submissions', '').replace('limit=1&', ''))).toEqual([expect.stringMatching(/ invalid$/)]);
  });

  it.each([
    ['outcome', 'maybe', 'must be valid or invalid'],
    ['outcome', '', 'must be valid or invalid'],
    [
      'period',
      '2024 07',
      'must be a reporting period: a month 2026-11, a quarter 2026-Q3 or 2026-27-Q1, a financial year 2026-27, or dates 2026-04-01/2026-06-30 (real months, quarters Q1 to Q4, real dates, the start not after the end)',
    ],
    [
      'period',
      'x'.repeat(41),
      'must be a reporting period: a month 2026-11, a quarter 2026-Q3 or 2026-27-Q1, a financial year 2026-27, or dates 2026-04-01/2026-06-30 (real months, quarters Q1 to Q4, real dates, the start not after the end)',
    ],
    [
      'period',
      '2026-99',
      'must be a reporting period: a month 2026-11, a quarter 2026-Q3 or 2026-27-Q1, a financial year 2026-27, or dates 2026-04-01/2026-06-30 (real months, quarters Q1 to Q4, real dates, the start not after the end)',
    ],
    ['standard', 'Not_An_Id', 'must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics'],
  ])('?%s=%s is a 400 naming the parameter', async (name, value, detail) => {
    const response = await t.call({ method: 'GET', url: `/v1/submissions?${name}=${encodeURIComponent(value)}`, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.payload) as { detail: string; errors: unknown[] };
    expect(body.errors).toEqual([{ in: 'query', name, pointer: `/${name}`, detail }]);
    if (value.length > 3) expect(body.detail).not.toContain(value);
  });

  it('is one rule: the service reads what the contract accepts, and refuses what it refuses, alike', () => {
    expect(submissionFilters({ standard: 'patient-demographics', period: '2026-04-01/2026-06-30', outcome: 'invalid' })).toEqual({
      standardId: 'patient-demographics',
      period: '2026-04-01/2026-06-30',
      valid: false,
      given: { standard: 'patient-demographics', period: '2026-04-01/2026-06-30', outcome: 'invalid' },
    });
    expect(() => submissionFilters({ outcome: 'maybe', period: ['a', 'b'] })).toThrow('period must be a single value; outcome must be valid or invalid');
  });
});
