/**
 * Withdrawing a submission over the API: its organisation (or an admin) withdraws it with a reason; it
 * leaves the quality trend, stays readable with its withdrawal, and is audited; another supplier gets 404
 * and a second withdrawal 409; the reason is checked.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let sample: string;
let other: string;
beforeAll(async () => {
  t = await startTestApp();
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url), 'utf8');
  other = (await t.app.services.access.issue({ name: 'other supplier', role: 'supplier', organisation: 'RR8' }, 'test')).token;
});
afterAll(async () => t.stop());

async function submit(period: string): Promise<string> {
  const response = await t.call({
    method: 'POST',
    url: `/v1/standards/emergency-care-attendance/versions/3.0.0/validate?period=${period}`,
    payload: sample,
    headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
  });
  expect(response.statusCode).toBe(201);
  return (response.result as { submission: { id: string } }).submission.id;
}

const withdraw = (id: string, body: unknown, token = t.tokens.supplier) =>
  t.call({
    method: 'POST',
    url: `/v1/submissions/${id}/withdrawal`,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...bearer(token) },
  });

const trendIds = async () =>
  (
    (await t.call({ method: 'GET', url: '/v1/quality?standard=emergency-care-attendance', headers: bearer(t.tokens.supplier) })).result as {
      points: { submission: string }[];
    }
  ).points.map((p) => p.submission);

describe('withdrawing a submission', () => {
  it('by its own organisation: it leaves the trend, stays readable with its withdrawal, and is audited', async () => {
    const keep = await submit('2024-07');
    const id = await submit('2024-08');
    expect(await trendIds()).toEqual(expect.arrayContaining([keep, id]));

    const response = await withdraw(id, { reason: 'Sent against the wrong month' });
    expect(response.statusCode).toBe(200);
    const report = response.result as { withdrawn: { at: string; by: string; reason: string }; submission: { id: string } };
    expect(report.submission.id).toBe(id);
    expect(report.withdrawn).toEqual({
      at: expect.any(String),
      by: expect.stringMatching(/^supplier:test supplier \(/),
      reason: 'Sent against the wrong month',
    });

    const stored = await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) });
    expect((stored.result as { withdrawn: object }).withdrawn).toEqual(report.withdrawn);
    const list = (await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.supplier) })).result as {
      submissions: { id: string; withdrawn: object | null }[];
    };
    expect(list.submissions.find((s) => s.id === id)!.withdrawn).toEqual(report.withdrawn);
    expect(list.submissions.find((s) => s.id === keep)!.withdrawn).toBeNull();

    const trend = await trendIds();
    expect(trend).toContain(keep);
    expect(trend).not.toContain(id);

    const audit = (await t.call({ method: 'GET', url: '/v1/audit', headers: bearer(t.tokens.admin) })).result as {
      entries: { action: string; detail: string | null; standardId: string | null }[];
    };
    expect(audit.entries[0]).toMatchObject({
      action: 'submission-withdraw',
      standardId: 'emergency-care-attendance',
      detail: `submission ${id}: Sent against the wrong month`,
    });
    // The reason is the supplier's own words: kept in the audit log, never written to the service's logs.
    expect(t.logs()).not.toContain('Sent against the wrong month');
  });

  it('twice is a conflict (409); another supplier gets 404; an author 403', async () => {
    const id = await submit('2024-09');
    expect((await withdraw(id, { reason: 'test file' }, other)).statusCode).toBe(404);
    expect(JSON.parse((await withdraw(id, { reason: 'test file' }, other)).payload).detail).toBe(`no submission has id ${id}`);
    expect((await withdraw(id, { reason: 'test file' }, t.tokens.author)).statusCode).toBe(403);
    expect((await withdraw(id, { reason: 'test file' })).statusCode).toBe(200);
    const again = await withdraw(id, { reason: 'test file' });
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.payload)).toMatchObject({ status: 409, detail: expect.stringContaining(`submission ${id} was withdrawn on`) });
    expect((await withdraw('00000000-0000-4000-8000-000000000000', { reason: 'x' })).statusCode).toBe(404);
  });

  it('by an admin, for any organisation', async () => {
    const id = await submit('2024-10');
    const response = await withdraw(id, { reason: 'withdrawn at the supplier’s request' }, t.tokens.admin);
    expect(response.statusCode).toBe(200);
    expect((response.result as { withdrawn: { by: string } }).withdrawn.by).toMatch(/^admin:/);
  });

  it.each([
    ['no reason', {}, 422],
    ['an empty reason', { reason: '' }, 422],
    ['a reason of spaces', { reason: '   ' }, 422],
    ['a reason over 500 characters', { reason: 'x'.repeat(501) }, 422],
    ['another field', { reason: 'ok', extra: 1 }, 422],
    ['not JSON', '{"reason":', 400],
  ])('refuses %s with problem details', async (_name, body, status) => {
    const id = await submit('2024-11');
    const response = await withdraw(id, body);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.payload)).toMatchObject({ status, detail: expect.any(String) });
    const stored = await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) });
    expect((stored.result as { withdrawn?: object }).withdrawn).toBeUndefined();
  });
});
