/**
 * Hostile: a loop guessing API tokens. Every request with a bearer token that is not valid was looked up
 * and answered 401, as fast as the client sent them (500 in 3 s from one address, without end). Now such
 * requests are counted per client address and overall in one-minute windows: from the
 * CONFORM_TOKEN_FAILURES_PER_ADDRESS-th, a token that is not valid from that address gets 429 with
 * Retry-After and a problem naming the limit (not 401), until its minute is over; past
 * CONFORM_TOKEN_FAILURES_TOTAL, one from any address does. A valid token is always served, from the same
 * address too: behind a proxy every client shares one address, and one supplier's script with a revoked
 * token must not lock the others out. Requests with no token are not counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => t?.stop());

const ask = (token: string | undefined, address: string) =>
  t!.call({ method: 'GET', url: '/v1/submissions', headers: token === undefined ? {} : bearer(token), remoteAddress: address });

type Problem = { status: number; detail: string; errors: { limit: string; max: number }[] };

describe('tokens that are not valid', () => {
  it('from one address are answered 401 up to the limit, then 429 with Retry-After, while a valid token from it is served', async () => {
    t = await startTestApp({ CONFORM_TOKEN_FAILURES_PER_ADDRESS: '5', CONFORM_TOKEN_FAILURES_TOTAL: '1000' });
    // Requests with no token are not counted.
    for (let i = 0; i < 10; i++) expect((await ask(undefined, '10.0.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await ask(`cfm_guess${i}`, '10.0.0.1')).statusCode).toBe(401);
    for (const token of ['cfm_guess5', 'cfm_guess0']) {
      const refused = await ask(token, '10.0.0.1');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const problem = JSON.parse(refused.payload) as Problem;
      expect(problem.detail).toMatch(
        /^this address has sent too many tokens that are not valid \(at most 5 failures a minute\); check the token, and try again in \d+ seconds?/,
      );
      expect(problem.errors).toEqual([expect.objectContaining({ limit: 'token-failures-per-address', max: 5 })]);
      expect(refused.payload).not.toContain(token);
    }
    // The same address (a proxy's, shared by every client behind it) with a valid token, and another address.
    const served = await ask(t.tokens.supplier, '10.0.0.1');
    expect(served.statusCode).toBe(200);
    expect(JSON.parse(served.payload)).toHaveProperty('submissions');
    expect((await ask(t.tokens.supplier, '10.0.0.2')).statusCode).toBe(200);
    expect((await ask('cfm_guess6', '10.0.0.2')).statusCode).toBe(401);
  });

  it('from all addresses together past the overall limit make any token that is not valid a 429 until the minute is over, and valid ones are served', async () => {
    t = await startTestApp({ CONFORM_TOKEN_FAILURES_PER_ADDRESS: '100', CONFORM_TOKEN_FAILURES_TOTAL: '6' });
    for (let i = 0; i < 6; i++) expect((await ask(`cfm_guess${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    const refused = await ask('cfm_guess9', '10.0.2.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((JSON.parse(refused.payload) as Problem).errors).toEqual([expect.objectContaining({ limit: 'token-failures-total', max: 6 })]);
    expect((await ask(t.tokens.supplier, '10.0.2.1')).statusCode).toBe(200);
  });
});
