/**
 * The compile gate over HTTP (services/compile-gate.ts): with no pool (CONFORM_WORKERS=0) the main thread
 * compiles each version's validator itself, one at a time, at most CONFORM_MAX_WAITING_COMPILES waiting.
 * First submissions to versions never compiled, sent at once past that bound, are answered 503 with
 * Retry-After and a problem naming what is busy, before their bodies are read: nothing is stored for them,
 * and the others get their reports (201).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/services/access.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const VERSIONS = 6;
const MAX_WAITING = 1;
const author: Principal = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' };

/** Version `n`: a pattern of its own, so each one's content (and compile) is its own. */
const schema = (n: number) => ({
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: `^G${n}[0-9]{3}$` }, count: { type: 'integer', minimum: 0 } },
});
const ndjson = (n: number) => `${JSON.stringify({ id: `G${n}123`, count: 1 })}\n${JSON.stringify({ id: 'x', count: -1 })}\n`;

let t: TestApp;
const hashes: string[] = [];
beforeAll(async () => {
  t = await startTestApp({
    CONFORM_WORKERS: '0',
    CONFORM_MAX_WAITING_COMPILES: String(MAX_WAITING),
    CONFORM_RETRY_AFTER_SECONDS: '7',
    CONFORM_MAX_VALIDATIONS: '100',
    CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '100',
  });
  for (let n = 0; n < VERSIONS; n++) {
    const published = await t.app.services.standards.publish({ standardId: `gate-${n}`, version: '1.0.0', body: JSON.stringify(schema(n)) }, author);
    hashes.push(published.version.contentHash);
  }
}, 60_000);
afterAll(async () => t.stop());

const submit = (n: number) =>
  t.call({
    method: 'POST',
    url: `/v1/standards/gate-${n}/versions/1.0.0/validate`,
    payload: ndjson(n),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
  });
const stored = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

describe('first submissions to versions never compiled, at once, with no pool', () => {
  it('past CONFORM_MAX_WAITING_COMPILES are refused 503 with Retry-After, storing nothing; the rest get their reports', async () => {
    expect(t.app.pool.available).toBe(false); // CONFORM_WORKERS=0: the main thread validates and compiles
    expect(hashes.filter((h) => t.app.services.standards.isCompiled(h))).toEqual([]);
    const before = await stored();
    const answers = await Promise.all(Array.from({ length: VERSIONS }, (_, n) => submit(n)));
    const bound = 1 + MAX_WAITING;
    const accepted = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(accepted.length).toBe(bound);
    expect(refused.length).toBe(VERSIONS - bound);
    for (const answer of accepted) {
      expect(answer.result).toMatchObject({ valid: false, stats: { records: 2 }, submission: { id: expect.any(String) } });
    }
    for (const answer of refused) {
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('7');
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.payload)).toMatchObject({
        status: 503,
        detail: `the service is preparing as many standard versions for validation as it can (${bound}); try again later`,
        errors: [{ limit: 'version-compiles', max: bound, detail: expect.stringContaining(`at most ${bound} versions`) }],
      });
    }
    expect(await stored()).toBe(before + bound);
    expect(hashes.filter((h) => t.app.services.standards.isCompiled(h)).length).toBe(bound);
    // Sent again one at a time, each refused one is validated and stored.
    for (let n = 0; n < VERSIONS; n++) if (answers[n]!.statusCode === 503) expect((await submit(n)).statusCode).toBe(201);
    expect(await stored()).toBe(before + VERSIONS);
  }, 60_000);

  it('takes CONFORM_MAX_WAITING_COMPILES from 0 to 1000 (4 when unset); another value is a setup error naming it', () => {
    expect(loadConfig({}).maxWaitingCompiles).toBe(4);
    expect(loadConfig({ CONFORM_MAX_WAITING_COMPILES: '0' }).maxWaitingCompiles).toBe(0);
    for (const bad of ['-1', '1001', 'many', '2.5'])
      expect(() => loadConfig({ CONFORM_MAX_WAITING_COMPILES: bad })).toThrow(
        new ConfigError('CONFORM_MAX_WAITING_COMPILES must be a whole number from 0 to 1000'),
      );
  });
});
