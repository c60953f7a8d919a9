/**
 * GET .../types.ts when the generator fails on a version's schema: that failure recurs for the same content,
 * so it is a 422 problem without Retry-After (a 503 would tell clients to retry for ever), kept by content
 * hash so the types are not generated again on each request; a refusal by a bound (busy, past the time)
 * stays a 503 with Retry-After and is forgotten, so a later request generates.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TypesJobs, type TypesResult } from '../../src/codegen/types-job.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const version of ['1.0.0', '1.1.0']) {
    const put = await t.server.inject({
      method: 'PUT',
      url: `/v1/standards/types-failure/versions/${version}`,
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'object', properties: { a: { type: 'string', ...(version === '1.1.0' ? { title: 'A' } : {}) } } }),
    });
    expect(put.statusCode, put.payload).toBe(201);
  }
});
afterAll(() => t.stop());
afterEach(() => vi.restoreAllMocks());

/** Makes the type generator answer `result` (a stand-in for a schema it fails on), counting its calls. */
const generatorAnswers = (result: TypesResult) => vi.spyOn(TypesJobs.prototype, 'generate').mockResolvedValue(result);

describe('types that cannot be generated', () => {
  it('answers a deterministic failure 422 without Retry-After, and remembers it', async () => {
    const generate = generatorAnswers({ kind: 'failed', message: 'Refs should have been resolved by the resolver! \ud800\u202e' });
    for (let i = 0; i < 3; i++) {
      const response = await t.call({ method: 'GET', url: '/v1/standards/types-failure/versions/1.0.0/types.ts' });
      expect(response.statusCode).toBe(422);
      expect(response.headers['retry-after']).toBeUndefined();
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = JSON.parse(response.payload) as { type: string; detail: string; errors: { detail: string }[] };
      expect(body.type).toBe('https://conform.invalid/problems/rejected');
      expect(body.detail).toMatch(/^the version's types cannot be generated: the type generator fails on this version's schema \(Refs should have been/);
      expect(body.detail).toMatch(/will on every try, so retrying does not help/);
      // The generator's own words, with a lone surrogate and a bidirectional override escaped.
      expect(body.errors).toEqual([
        { detail: "the type generator fails on this version's schema: Refs should have been resolved by the resolver! \\ud800\\u202e" },
      ]);
      expect(body.detail).not.toMatch(/try again later/);
    }
    expect(generate).toHaveBeenCalledTimes(1);
  });

  it('keeps 503 with Retry-After for a bound, and tries again on the next request', async () => {
    const generate = generatorAnswers({ kind: 'busy', max: 5 });
    const url = '/v1/standards/types-failure/versions/1.1.0/types.ts';
    const refused = await t.call({ method: 'GET', url });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    const body = JSON.parse(refused.payload) as { detail: string; errors: { limit: string }[] };
    expect(body.detail).toMatch(/cannot be generated now: the server is already generating 5 versions' types.*try again later/);
    expect(body.errors[0]!.limit).toBe('types-generation');
    generate.mockResolvedValue({ kind: 'stopped' });
    const stopped = await t.call({ method: 'GET', url });
    expect(stopped.statusCode).toBe(503);
    expect(stopped.headers['retry-after']).toBe('5');
    generate.mockRestore();
    const served = await t.server.inject({ method: 'GET', url });
    expect(served.statusCode).toBe(200);
    expect(served.payload).toMatch(/export interface TypesFailure/);
  });
});
