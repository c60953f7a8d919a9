/**
 * Trial and submission are different acts: a trial run returns the full report and stores nothing (no
 * submission row, no audit entry, no quality point); a submission for a reporting period is stored.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let sample: string;
beforeAll(async () => {
  t = await startTestApp();
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

const BASE = '/v1/standards/emergency-care-attendance/versions/3.0.0';
const post = (act: 'trial' | 'validate', query = '', token = t.tokens.supplier) =>
  t.call({ method: 'POST', url: `${BASE}/${act}${query}`, payload: sample, headers: { 'content-type': 'text/csv', ...bearer(token) } });

/** Everything a submission leaves behind: rows, audit entries and quality points. */
async function traces() {
  const store = t.app.store;
  return {
    submissions: (await store.listSubmissions({ limit: 1000 })).length,
    audit: (await store.listAudit(1000)).length,
    points: (await store.qualityPoints({ standardId: 'emergency-care-attendance', limit: 1000 })).length,
  };
}

describe('a trial run', () => {
  it('returns the same report as a submission, without a submission id, and stores nothing', async () => {
    const before = await traces();
    const trial = await post('trial', '?period=2024-07');
    expect(trial.statusCode).toBe(200);
    expect(trial.headers.location).toBeUndefined();
    const report = trial.result as Record<string, any>;
    expect(report.submission).toBeUndefined();
    expect(report).toMatchObject({ standard: { id: 'emergency-care-attendance', version: '3.0.0' }, format: 'csv', stats: { records: 10 } });
    expect(report.period).toMatchObject({ id: '2024-07', kind: 'month' });
    expect(report.scorecard).toBeDefined();
    expect(await traces()).toEqual(before);

    const submitted = await post('validate', '?period=2024-07');
    expect(submitted.statusCode).toBe(201);
    const stored = submitted.result as Record<string, any>;
    const same = (r: Record<string, any>) => ({
      findings: r.findings,
      summary: r.summary,
      valid: r.valid,
      records: r.stats.records,
      overall: r.scorecard.overall,
    });
    expect(same(report)).toEqual(same(stored));
    expect(await traces()).toEqual({ ...before, submissions: before.submissions + 1, points: before.points + 1 });
  });

  it('a submission names its standard, version and period in the stored list', async () => {
    const submitted = (await post('validate', '?period=2024-11')).result as { submission: { id: string } };
    const list = (await t.call({ method: 'GET', url: '/v1/submissions?standard=emergency-care-attendance', headers: bearer(t.tokens.supplier) })).result as {
      submissions: { id: string; standard: string; version: string; period: string }[];
    };
    expect(list.submissions.find((s) => s.id === submitted.submission.id)).toMatchObject({
      standard: 'emergency-care-attendance',
      version: '3.0.0',
      period: '2024-11',
    });
  });

  it('is refused to authors (403) and checks the period like a submission (400)', async () => {
    const author = await post('trial', '', t.tokens.author);
    expect(author.statusCode).toBe(403);
    const bad = await post('trial', '?period=2024-13');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.payload)).toMatchObject({ status: 400, detail: expect.stringContaining('2024-13') });
  });

  it('answers with a FHIR OperationOutcome when asked', async () => {
    const response = await t.call({
      method: 'POST',
      url: `${BASE}/trial`,
      payload: sample,
      headers: { 'content-type': 'text/csv', accept: 'application/fhir+json', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(200);
    expect((response.result as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});
