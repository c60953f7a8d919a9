/**
 * Every 4xx problem says what is wrong and where in `errors`, and so do the ones about the address and
 * the service's limits: a 404 names the path (and, for a standard, version or submission that does not
 * exist, which parameter), a 405 the method and the methods the path answers, a 429 or 503 the limit
 * reached (never the organisation or its token), keeping Retry-After. Each body is checked whole, and
 * against the OpenAPI document where the operation declares the status.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { assertMatchesContract } from '../support/openapi.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    CONFORM_MAX_VALIDATIONS: '2',
    CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '1',
    CONFORM_RETRY_AFTER_SECONDS: '7',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  await t.server.start();
});
afterAll(async () => t.stop());

const body = (payload: string) => JSON.parse(payload) as Record<string, unknown>;

describe('a 404', () => {
  it('for a path no route serves names the path, and the nearest address above it', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/standards/patient-demographics/versions/2.0.1/nothing',
      headers: bearer(t.tokens.admin),
    });
    const detail =
      'the API has no address /v1/standards/patient-demographics/versions/2.0.1/nothing; the nearest address above it is /v1/standards/patient-demographics/versions/2.0.1';
    expect(response.statusCode).toBe(404);
    expect(body(response.payload)).toEqual({
      type: 'https://conform.invalid/problems/http-404',
      title: 'Not found',
      status: 404,
      detail,
      errors: [{ in: 'path', pointer: '', detail }],
      instance: '/v1/standards/patient-demographics/versions/2.0.1/nothing',
    });
    const bare = body((await t.server.inject({ method: 'DELETE', url: '/v1/nothing' })).payload);
    expect(bare.errors).toEqual([{ in: 'path', pointer: '', detail: 'the API has no address /v1/nothing' }]);
    // The API's root, with or without its slash (which the router strips), is the API's too: it was an HTML page.
    for (const url of ['/v1', '/v1/', '/v1/standards/..']) {
      const root = await t.server.inject({ method: 'GET', url });
      expect([root.statusCode, root.headers['content-type']], url).toEqual([404, 'application/problem+json']);
      expect(body(root.payload)).toMatchObject({
        detail: 'the API has no address /v1',
        errors: [{ in: 'path', pointer: '', detail: 'the API has no address /v1' }],
      });
    }
  });

  it('for a standard, a version or a submission that does not exist names that parameter', async () => {
    const version = await t.call({ method: 'GET', url: '/v1/standards/patient-demographics/versions/9' });
    expect(version.statusCode).toBe(404);
    const versionBody = body(version.payload);
    expect(versionBody.errors).toEqual([{ in: 'path', name: 'version', pointer: '/version', detail: versionBody.detail }]);
    const standard = await t.call({ method: 'GET', url: '/v1/standards/no-such-standard/versions/1' });
    expect(standard.statusCode).toBe(404);
    const standardBody = body(standard.payload);
    expect(standardBody.detail).toBe('unknown standard "no-such-standard"; no standard has an id near it');
    expect(standardBody.errors).toEqual([{ in: 'path', name: 'id', pointer: '/id', detail: standardBody.detail }]);
    const submission = await t.call({ method: 'GET', url: '/v1/submissions/00000000-0000-4000-8000-000000000000', headers: bearer(t.tokens.admin) });
    expect(submission.statusCode).toBe(404);
    expect(body(submission.payload).errors).toEqual([
      { in: 'path', name: 'id', pointer: '/id', detail: 'no submission has id 00000000-0000-4000-8000-000000000000' },
    ]);
  });

  it('that names no parameter (no column mapping saved) names the path as a whole', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/patient-demographics/column-mappings', headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(404);
    expect(body(response.payload)).toMatchObject({
      detail: '8KR01 has no column mapping for patient-demographics',
      errors: [{ in: 'path', pointer: '', detail: '8KR01 has no column mapping for patient-demographics' }],
    });
  });
});

describe('a 405', () => {
  it('names the method and the methods the path answers, as Allow does', async () => {
    const response = await t.server.inject({ method: 'DELETE', url: '/v1/standards', headers: bearer(t.tokens.admin) });
    expect([response.statusCode, response.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect(body(response.payload)).toEqual({
      type: 'https://conform.invalid/problems/http-405',
      title: 'Method not allowed',
      status: 405,
      detail: 'DELETE is not a method of this address; it answers GET, HEAD',
      errors: [{ in: 'method', name: 'DELETE', allow: ['GET', 'HEAD'], detail: 'DELETE is not a method of this address; it answers GET, HEAD' }],
      instance: '/v1/standards',
    });
  });
});

describe('a 429 and a 503', () => {
  const VALIDATE = '/v1/standards/patient-demographics/versions/2.0.1/validate';
  const supplierOf = async (organisation: string) =>
    (await t.app.services.access.issue({ name: `supplier ${organisation}`, role: 'supplier', organisation }, 'test')).token;
  /** A validation that holds its slot: its body (sent over HTTP, chunked) never ends until `end` is called. */
  function hold(token: string): { end: () => void; answer: Promise<number> } {
    const upload = request({
      host: '127.0.0.1',
      port: t.server.info.port,
      method: 'POST',
      path: VALIDATE,
      headers: { 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked', ...bearer(token) },
    });
    const answer = new Promise<number>((resolve, reject) => {
      upload.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      upload.on('error', reject);
    });
    upload.write('{"localPatientId":"a"}\n');
    return { end: () => upload.end(), answer };
  }
  const validate = (token: string) =>
    t.server.inject({
      method: 'POST',
      url: VALIDATE,
      payload: '{"localPatientId":"b"}\n',
      headers: { 'content-type': 'application/x-ndjson', ...bearer(token) },
    });

  it('name the limit reached and its most, keep Retry-After, and never name the organisation or its token', async () => {
    const [first, second, third] = [await supplierOf('RA101'), await supplierOf('RA102'), await supplierOf('RA103')];
    const held = [hold(first)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const over = await validate(first);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('7');
    const overBody = body(over.payload);
    expect(overBody).toEqual({
      type: 'https://conform.invalid/problems/over-limit',
      title: 'Too many requests',
      status: 429,
      detail: 'this organisation already has 1 validations running (at most 1 at once); try again later',
      errors: [{ limit: 'validations-per-organisation', max: 1, detail: 'at most 1 validations may run at once for one organisation' }],
      instance: VALIDATE,
    });
    assertMatchesContract('POST', VALIDATE, 429, over.headers['content-type'] as string, overBody);

    held.push(hold(second));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = await validate(third);
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('7');
    const busyBody = body(busy.payload);
    expect(busyBody).toEqual({
      type: 'https://conform.invalid/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'the service is validating as many submissions as it can (2); try again later',
      errors: [{ limit: 'validations-per-process', max: 2, detail: 'at most 2 validations may run at once in this server process' }],
      instance: VALIDATE,
    });
    assertMatchesContract('POST', VALIDATE, 503, busy.headers['content-type'] as string, busyBody);
    for (const text of [over.payload, busy.payload]) {
      for (const secret of [first, second, third, 'RA101', 'RA102', 'RA103']) expect(text).not.toContain(secret);
    }
    for (const h of held) h.end();
    expect(await Promise.all(held.map((h) => h.answer))).toEqual([201, 201]);
  });
});
