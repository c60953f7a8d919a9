/**
 * The reporting period over HTTP: `?period=` on the validate operation (declared, so OpenAPI shows it),
 * carried by the report and the stored submission, trends by period, and the refusals as problem details.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { openApiDocument } from '../../src/http/openapi.js';

let t: TestApp;
let sample: string;
beforeAll(async () => {
  t = await startTestApp();
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

const submit = (period: string | undefined, payload = sample) =>
  t.call({
    method: 'POST',
    url: `/v1/standards/emergency-care-attendance/versions/2.0.0/validate${period === undefined ? '' : `?period=${encodeURIComponent(period)}`}`,
    payload,
    headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
  });

interface Point {
  submission: string;
  period: { id: string; start: string; end: string } | null;
  validity: number | null;
  failsValidity: boolean | null;
  overall: number | null;
}

describe('a submission for a reporting period', () => {
  it('is declared in the OpenAPI document', () => {
    const operation = (openApiDocument as unknown as { paths: Record<string, { post: { parameters: { name: string; in: string }[]; responses: object } }> })
      .paths['/v1/standards/{id}/versions/{version}/validate']!.post;
    expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'period', in: 'query' }));
    expect(Object.keys(operation.responses)).toContain('422');
  });

  it('carries the period in the report and the stored submission, and trends go by period', async () => {
    const february = await submit('2025-02');
    expect(february.statusCode).toBe(201);
    const report = february.result as {
      period: object;
      scorecard: { validity: number; failsValidity: boolean; dimensions: { timeliness: { score: number } } };
    };
    expect(report.period).toMatchObject({ id: '2025-02', kind: 'month', start: '2025-02-01', end: '2025-02-28', deadline: '2025-03-31', afterDeadline: true });
    expect(report.scorecard).toMatchObject({ validity: 40, failsValidity: true, dimensions: { timeliness: { score: 60 } } });
    const stored = await t.call({ method: 'GET', url: february.headers.location as string, headers: bearer(t.tokens.supplier) });
    expect((stored.result as { period: object }).period).toEqual(report.period);

    // January's file, sent after February's, comes before it in the trend; one without a period stands at the day it was made.
    const january = await submit('2025-01');
    const undated = await submit(undefined);
    expect((undated.result as { period?: object }).period).toBeUndefined();
    const trend = (await t.call({ method: 'GET', url: '/v1/quality?standard=emergency-care-attendance', headers: bearer(t.tokens.author) })).result as {
      points: Point[];
    };
    const ids = (r: { headers: Record<string, unknown> }) => String(r.headers.location).split('/').at(-1);
    expect(trend.points.map((p) => [p.submission, p.period?.id ?? null])).toEqual([
      [ids(january), '2025-01'],
      [ids(february), '2025-02'],
      [ids(undated), null],
    ]);
    // Its deadline (a month after the period, P1M) and that it arrived after it, as the report says.
    expect(trend.points[0]).toMatchObject({
      period: { id: '2025-01', start: '2025-01-01', end: '2025-01-31', deadline: '2025-02-28', afterDeadline: true },
      validity: 40,
      failsValidity: true,
      overall: 40,
    });

    const list = (await t.call({ method: 'GET', url: '/v1/submissions?standard=emergency-care-attendance', headers: bearer(t.tokens.supplier) })).result as {
      submissions: { period: string | null }[];
    };
    expect(list.submissions.map((s) => s.period)).toEqual([null, '2025-01', '2025-02']);
  });

  it('refuses a period of the wrong kind with 422 problem details naming the kind expected', async () => {
    const response = await submit('2024-25-Q4');
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.payload)).toMatchObject({
      status: 422,
      type: 'https://conform.invalid/problems/rejected',
      detail: 'the reporting period must be a month, e.g. 2026-11, as emergency-care-attendance is reported by month; "2024-25-Q4" is a quarter',
      errors: [{ name: 'period', expected: 'month', example: '2026-11' }],
    });
  });

  it('refuses a period it cannot read with 400 saying why, and stores nothing', async () => {
    const before = ((await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.admin) })).result as { submissions: unknown[] }).submissions
      .length;
    const bad = await submit('2025-13');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.payload).detail).toContain('reporting period "2025-13": month 13 does not exist');
    const long = await submit('2025-'.repeat(10));
    expect(long.statusCode).toBe(400);
    expect(JSON.parse(long.payload).errors).toEqual([expect.objectContaining({ in: 'query', name: 'period' })]);
    const after = ((await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.admin) })).result as { submissions: unknown[] }).submissions
      .length;
    expect(after).toBe(before);
  });
});
