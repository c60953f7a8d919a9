/**
 * What caches may keep: a page or download shown to a signed-in person is `private, no-store` (a session
 * cookie does not stop a shared cache as an Authorization header does); public pages and assets keep theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';

let t: TestApp;
let cookie: string;
let submissionId: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
  const record = { localPatientId: 'X1' };
  const submitted = await t.server.inject({
    method: 'POST',
    url: '/v1/standards/patient-demographics/versions/2.0.3/validate',
    headers: { authorization: `Bearer ${t.tokens.supplier}`, 'content-type': 'application/x-ndjson' },
    payload: `${JSON.stringify(record)}\n`,
  });
  expect(submitted.statusCode).toBe(201);
  submissionId = (JSON.parse(submitted.payload) as { submission: { id: string } }).submission.id;
});
afterAll(async () => t.stop());

const get = (url: string, signedIn: boolean) => t.server.inject({ method: 'GET', url, headers: signedIn ? { cookie } : {} });

describe('Cache-Control of the web pages', () => {
  it('a signed-in page, and an error page answered to a signed-in person, are private, no-store', async () => {
    const missing = '/submissions/00000000-0000-4000-8000-000000000000';
    for (const url of ['/validate', `/submissions/${submissionId}`, '/quality', missing]) {
      const response = await get(url, true);
      expect(response.statusCode, url).toBe(url === missing ? 404 : 200);
      expect(response.headers['cache-control'], url).toBe('private, no-store');
    }
  });

  it('a signed-in download (findings.csv, the quality export) is private, no-store', async () => {
    const findings = await get(`/submissions/${submissionId}/findings.csv`, true);
    expect(findings.statusCode).toBe(200);
    expect(findings.payload.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(findings.headers['cache-control']).toBe('private, no-store');
    const quality = await get('/quality.csv?standard=patient-demographics', true);
    expect(quality.statusCode).toBe(200);
    expect(quality.headers['cache-control']).toBe('private, no-store');
  });

  it('a public page (which reads no session, signed in or not), and the assets, keep their caching', async () => {
    for (const signedIn of [false, true]) {
      const standards = await get('/standards/patient-demographics', signedIn);
      expect(standards.statusCode).toBe(200);
      expect(standards.payload).toContain('Patient demographics');
      expect(standards.headers['cache-control']).toBe('no-cache');
    }
    const css = await get('/web/conform.css', true);
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).not.toContain('no-store');
  });
});
