/**
 * Hostile: anonymous comparisons must not refuse a publish. Every comparison once waited in ONE queue, so
 * a client asking for a handful of distinct pairs of versions at once (no token needed) kept it full and
 * every author's publish that needed a comparison was a 503. Publishes' comparisons now wait in a lane of
 * their own (CONFORM_MAX_WAITING_PUBLISH_COMPARISONS) that public requests cannot fill; the public lane
 * keeps its bound (CONFORM_MAX_WAITING_COMPARISONS). Each lane runs on a long-lived worker, so a
 * comparison no longer costs a thread's start. Uses the build (the workers are compiled code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startLiveApp, type LiveApp } from './support.js';

const dist = '../../dist/src';
const { compareOffThread, compareWorkerStarts } = (await import(
  `${dist}/registry/diff/compare-off-thread.js`
)) as typeof import('../../src/registry/diff/compare-off-thread.js');
const { preflightWorkerStarts } = (await import(`${dist}/services/publish-preflight.js`)) as typeof import('../../src/services/publish-preflight.js');

/** 900 fields of 60 codes each, the codes spelt with `suffix`: two suffixes differ by 108,000 changes. */
const large = (suffix: string) => ({
  type: 'object',
  properties: Object.fromEntries(
    Array.from({ length: 900 }, (_, f) => [`f${f}`, { type: 'string', enum: Array.from({ length: 60 }, (_, i) => `c${i}${suffix}`) }]),
  ),
});
/** A small closed schema of `n` optional fields: each field more is a MINOR change. */
const small = (n: number) => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { type: 'string' }])),
});
const VERSIONS = ['1.0.0', '2.0.0', '3.0.0', '4.0.0'];
/** Every ordered pair of VERSIONS: six comparisons a standard's changes endpoint has not answered yet. */
const PAIRS = VERSIONS.flatMap((from, i) => VERSIONS.slice(i + 1).map((to) => [from, to] as const));

let live: LiveApp;
let author: string;
const url = (path: string) => `http://127.0.0.1:${live.port}${path}`;
const put = async (id: string, version: string, schema: object) => {
  const response = await fetch(url(`/v1/standards/${id}/versions/${version}`), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${author}` },
    body: JSON.stringify(schema),
  });
  return { status: response.status, body: await response.text() };
};

beforeAll(async () => {
  live = await startLiveApp({ CONFORM_MAX_WAITING_COMPARISONS: '1', CONFORM_MAX_WAITING_PUBLISH_COMPARISONS: '1' });
  author = (await live.app.services.access.issue({ name: 'lanes author', role: 'author', organisation: null }, 'test')).token;
  for (const id of ['flood-a', 'flood-b']) for (const [i, version] of VERSIONS.entries()) expect((await put(id, version, large(`v${i}`))).status).toBe(201);
  expect((await put('small-lanes', '1.0.0', small(3))).status).toBe(201);
}, 180_000);
afterAll(() => live.stop());

describe('comparison lanes', () => {
  it('publishes (201) while anonymous callers hold the public comparisons at their bound, and refuses them past it', async () => {
    // Anonymous callers, no token, ask for twelve distinct pairs at once, each a comparison of 108,000 changes,
    // and ask again 50 ms after each refusal until answered: the public lane (one running, one waiting) stays
    // full for as long as the twelve take, while the author publishes.
    const refused: { retryAfter: string | null; type: string | null; body: unknown }[] = [];
    const ask = async (id: string, from: string, to: string): Promise<void> => {
      for (;;) {
        const response = await fetch(url(`/v1/standards/${id}/changes?from=${from}&to=${to}`));
        if (response.status !== 503) {
          expect(response.status).toBe(200);
          await response.text();
          return;
        }
        refused.push({ retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), body: await response.json() });
        await sleep(50);
      }
    };
    let floodDone = 0;
    const flood = Promise.all(['flood-a', 'flood-b'].flatMap((id) => PAIRS.map(([from, to]) => ask(id, from, to)))).then(() => (floodDone = Date.now()));
    await sleep(100);
    const started = Date.now();
    const publish = await put('small-lanes', '1.1.0', small(4)); // compared with 1.0.0: a MINOR release
    const published = Date.now();
    await flood;
    console.log(
      `publish during the flood: ${publish.status} in ${published - started} ms; the flood went on ${floodDone - published} ms more; public refusals ${refused.length}`,
    );
    expect(publish.status, publish.body).toBe(201);
    expect(JSON.parse(publish.body)).toMatchObject({ version: '1.1.0' });
    // The publish did not wait for the public comparisons: the flood went on well after it.
    expect(floodDone - published).toBeGreaterThan(1_000);
    // The public lane still refuses past its bound: a 503 with Retry-After and a problem body.
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const response of refused) {
      expect(response.retryAfter).toBe('5');
      expect(response.type).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 503,
        detail: 'the registry is already comparing 2 pairs of versions, one at a time, as many as it queues; nothing was done: try again shortly',
      });
    }
  }, 120_000);

  it('bounds each lane on its own: a full publish lane refuses a publish, never a public comparison, and the reverse', async () => {
    const job = {
      kind: 'versions' as const,
      from: { version: '1.0.0', schema: large('a'), schemaId: 'https://conform.invalid/standards/x/1.0.0' },
      to: { version: '2.0.0', schema: large('b'), schemaId: 'https://conform.invalid/standards/x/2.0.0' },
      policy: 'BACKWARD' as const,
      listed: 1,
      shared: [],
      safePatterns: [],
    };
    const limits = { timeoutMs: 30_000, maxWaiting: 0 };
    const [publishRuns, publishRefused, publicRuns, publicRefused] = await Promise.all([
      compareOffThread(job, limits, 'publish'),
      compareOffThread(job, limits, 'publish'),
      compareOffThread(job, limits, 'public'),
      compareOffThread(job, limits, 'public'),
    ]);
    expect([publishRuns.kind, publishRefused, publicRuns.kind, publicRefused]).toEqual(['ok', { kind: 'busy', max: 1 }, 'ok', { kind: 'busy', max: 1 }]);
  }, 60_000);

  it('runs comparisons and first checks on long-lived workers, not a thread each', async () => {
    const before = { public: compareWorkerStarts('public'), publish: compareWorkerStarts('publish'), preflight: preflightWorkerStarts() };
    expect(before.public).toBeGreaterThanOrEqual(1);
    expect(before.publish).toBeGreaterThanOrEqual(1);
    for (const [i, version] of ['1.2.0', '1.3.0', '1.4.0'].entries()) expect((await put('small-lanes', version, small(5 + i))).status).toBe(201);
    for (const [from, to] of [
      ['1.0.0', '1.2.0'],
      ['1.1.0', '1.3.0'],
      ['1.0.0', '1.4.0'],
    ])
      expect((await fetch(url(`/v1/standards/small-lanes/changes?from=${from}&to=${to}`))).status).toBe(200);
    expect({ public: compareWorkerStarts('public'), publish: compareWorkerStarts('publish'), preflight: preflightWorkerStarts() }).toEqual(before);
  }, 60_000);
});
