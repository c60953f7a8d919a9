/**
 * Trial and submission are different acts: a trial run returns the full report and stores nothing (no
 * submission row, no audit entry, no quality point); a submission for a reporting period is stored. The
 * trial's report is held in memory for a while at its own address, for the caller's organisation only.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    const report = trial.result as Record<string, any>;
    expect(trial.headers.location).toBe(`/v1/trials/${report.trial.id}`);
    // A standard without a file-name convention: the findings download, no acknowledgement files.
    expect(report.trial).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: expect.any(String),
      fileName: null,
      url: trial.headers.location,
      findingsUrl: `${trial.headers.location}/findings.csv`,
    });
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
    expect(stored.trial).toBeUndefined();
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

/** A supplier token of another organisation, and another token of the test supplier's own (8KR01). */
async function tokens() {
  const issue = async (name: string, role: 'supplier' | 'admin', organisation: string | null) =>
    (await t.app.services.access.issue({ name, role, organisation }, 'test')).token;
  return { york: await issue('york', 'supplier', 'RCB'), colleague: await issue('colleague', 'supplier', '8KR01'), admin: await issue('admin', 'admin', null) };
}

const get = (url: string, token = t.tokens.supplier) => t.call({ method: 'GET', url, headers: bearer(token) });

describe("a trial run's address", () => {
  it('answers the same report at its Location, to its organisation only; another organisation or an admin gets 404', async () => {
    const { york, colleague, admin } = await tokens();
    const before = await traces();
    const trial = await post('trial', '?period=2024-07&filename=attendances.csv');
    const report = trial.result as Record<string, any>;
    expect(report.trial.fileName).toBe('attendances.csv');
    const held = await get(String(trial.headers.location));
    expect(held.statusCode).toBe(200);
    expect(held.result).toEqual(report);
    expect((await get(String(trial.headers.location), colleague)).result).toEqual(report);
    for (const token of [york, admin]) {
      const refused = await get(String(trial.headers.location), token);
      expect(refused.statusCode).toBe(404);
      expect(JSON.parse(refused.payload)).toMatchObject({
        status: 404,
        detail: 'no trial report has this id: trial reports are held for 60 minutes, only on the server that ran them, and never stored; run the trial again',
      });
    }
    const unknown = await get('/v1/trials/00000000-0000-4000-8000-000000000000');
    expect(JSON.parse(unknown.payload).detail).toBe(JSON.parse((await get(String(trial.headers.location), york)).payload).detail);
    expect((await get('/v1/trials/not-an-id')).statusCode).toBe(400);
    expect((await get(String(trial.headers.location), t.tokens.author)).statusCode).toBe(403);
    // Holding it left no trace either: no row, no audit entry, no line in the log naming it.
    expect(await traces()).toEqual(before);
    expect(t.logs()).toContain('"route":"/v1/trials/{id}"');
    expect(t.logs()).not.toContain(report.trial.id);
  });

  it('gives the findings as CSV, without a value from the file', async () => {
    const trial = await post('trial');
    const csv = await t.server.inject({ method: 'GET', url: `${trial.headers.location}/findings.csv`, headers: bearer(t.tokens.supplier) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="trial-findings-${(trial.result as { trial: { id: string } }).trial.id}.csv"`);
    const lines = csv.payload.trim().split('\n');
    expect(lines[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(lines.length).toBe((trial.result as { findings: unknown[] }).findings.length + 1);
    // The values that identify a patient or an attendance never appear.
    const [header, ...rows] = sample
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const columns = ['attendanceId', 'nhsNumber', 'dateOfBirth', 'postcode'].map((name) => header!.indexOf(name));
    const values = rows.flatMap((row) => columns.map((i) => row[i] ?? '')).filter((value) => value.length >= 5);
    expect(values.length).toBeGreaterThan(10);
    for (const value of values) expect(csv.payload).not.toContain(value);
    const { york } = await tokens();
    expect((await t.server.inject({ method: 'GET', url: `${trial.headers.location}/findings.csv`, headers: bearer(york) })).statusCode).toBe(404);
  });

  it('is gone after the time it is held (404 saying so)', async () => {
    const trial = await post('trial');
    const location = String(trial.headers.location);
    expect((await get(location)).statusCode).toBe(200);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now + 60 * 60_000 + 1000);
    try {
      const gone = await get(location);
      expect(gone.statusCode).toBe(404);
      expect(JSON.parse(gone.payload).detail).toContain('held for 60 minutes');
    } finally {
      clock.mockRestore();
    }
    expect((await get(location)).statusCode).toBe(404);
  });
});

describe('trial reports beyond the bounds', () => {
  it("drop the organisation's oldest first; a report too large to hold is answered without an address", async () => {
    const small = await startTestApp({ CONFORM_TRIAL_REPORTS_PER_SUPPLIER: '2', CONFORM_TRIAL_REPORT_MIB: '1' });
    try {
      const trial = async (query = '') =>
        small.call({
          method: 'POST',
          url: `${BASE}/trial${query}`,
          payload: sample,
          headers: { 'content-type': 'text/csv', ...bearer(small.tokens.supplier) },
        });
      const locations = [];
      for (let i = 0; i < 3; i++) locations.push(String((await trial()).headers.location));
      const status = async (url: string) => (await small.call({ method: 'GET', url, headers: bearer(small.tokens.supplier) })).statusCode;
      expect(await Promise.all(locations.map(status))).toEqual([404, 200, 200]);
      // 1 MiB in all, a quarter for one organisation: twenty thousand findings do not fit.
      const big = Buffer.from(`nhsNumber\n${'x\n'.repeat(20_000)}`);
      const large = await small.call({
        method: 'POST',
        url: `/v1/standards/patient-demographics/versions/latest/trial?maxFindings=100000`,
        payload: big,
        headers: { 'content-type': 'text/csv', ...bearer(small.tokens.supplier) },
      });
      expect(large.statusCode).toBe(200);
      expect(large.headers.location).toBeUndefined();
      const report = JSON.parse(large.payload) as { trial?: unknown; findings: unknown[] };
      expect(report.trial).toBeUndefined();
      expect(report.findings.length).toBeGreaterThan(20_000);
      expect(await Promise.all(locations.slice(1).map(status))).toEqual([200, 200]);
    } finally {
      await small.stop();
    }
  });
});
