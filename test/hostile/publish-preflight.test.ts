/**
 * A publish's first checks (parse, texts and titles, size, loops, names, references, content hash) run on
 * a worker thread from the build (services/publish-preflight.ts): a 857 KiB body with a 60,000-key
 * `default` held the event loop 0.3 to 0.4 s. The refusals are those the checks made on the event loop:
 * each bad body is answered alike by the built server (worker) and the sources (this thread).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { startLiveApp, watchHealth, type LiveApp } from './support.js';

let live: LiveApp;
let liveAuthor: string;
let local: TestApp;
beforeAll(async () => {
  live = await startLiveApp({});
  liveAuthor = (await live.app.services.access.issue({ name: 'preflight author', role: 'author', organisation: null }, 'test')).token;
  local = await startTestApp();
}, 60_000);
afterAll(async () => {
  await live.stop();
  await local.stop();
});

const publishLive = async (id: string, version: string, body: string, type = 'application/json') => {
  const response = await fetch(`http://127.0.0.1:${live.port}/v1/standards/${id}/versions/${version}`, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${liveAuthor}` },
    body,
  });
  return { status: response.status, body: await response.text() };
};
const publishLocal = async (id: string, version: string, body: string, type = 'application/json') => {
  const response = await local.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/${version}`,
    payload: body,
    headers: { 'content-type': type, ...bearer(local.tokens.author) },
  });
  return { status: response.statusCode, body: response.payload };
};

const bad: [string, string, string?][] = [
  ['declares $id', JSON.stringify({ $id: 'https://example.org/x', type: 'object' })],
  ['a control character in the title', JSON.stringify({ type: 'object', title: 'Bad \u202e title' })],
  ['a field title too long', JSON.stringify({ type: 'object', properties: { a: { type: 'string', title: 'x'.repeat(300) } } })],
  ['an enum over the limit', JSON.stringify({ type: 'object', properties: { a: { enum: Array.from({ length: 2_001 }, (_, i) => i) } } })],
  ['a loop of $refs', JSON.stringify({ $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' })],
  ['a reference elsewhere', JSON.stringify({ type: 'object', properties: { a: { $ref: 'https://example.org/other#/x' } } })],
  ['an unknown artefact', JSON.stringify({ type: 'object', properties: { a: { $ref: 'conform:code-lists/nowhere/1.0.0#/$defs/code' } } })],
  ['a lone surrogate in a name', '{"type":"object","properties":{"\\ud800":{"type":"string"}}}'],
  ['a key given twice', '{"type":"object","type":"string"}'],
  ['nested too deeply', `{"type":"object","default":${'['.repeat(300)}${']'.repeat(300)}}`],
  ['not YAML', 'type: object\nproperties: [\n', 'application/yaml'],
  ['not an object', '[1, 2]'],
];

describe('a publish refused by its first checks', () => {
  it.each(bad)('%s: the worker answers as this thread does', async (_what, body, type) => {
    const [worker, thread] = [await publishLive('preflight', '1.0.0', body, type), await publishLocal('preflight', '1.0.0', body, type)];
    expect(worker.status).toBeGreaterThanOrEqual(400);
    expect(worker.status).toBeLessThan(500);
    expect([worker.status, JSON.parse(worker.body)]).toEqual([thread.status, JSON.parse(thread.body)]);
  });

  it('stores the same content hash either way', async () => {
    const body = JSON.stringify({ type: 'object', properties: { nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber' } } });
    const [worker, thread] = [await publishLive('same-hash', '1.0.0', body), await publishLocal('same-hash', '1.0.0', body)];
    expect([worker.status, thread.status]).toEqual([201, 201]);
    const hash = (answer: { body: string }) => (JSON.parse(answer.body) as { contentHash: string }).contentHash;
    expect(hash(worker)).toBe(hash(thread));
  });
});

describe('a publish at the size limit', () => {
  it('leaves the event loop free while its body is read and checked', async () => {
    const big = (n: number) =>
      JSON.stringify({ type: 'object', description: `v${n}`, default: Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i + n])) });
    // Made before the watch starts: the test shares the server's event loop.
    const bodies = [big(1), big(2)];
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const health = watchHealth(live.port, 20);
    let watched = { slowest: Infinity, count: 0 };
    try {
      expect((await publishLive('large-default', '1.0.0', bodies[0]!)).status).toBe(201);
      expect((await publishLive('large-default', '2.0.0', bodies[1]!)).status).toBe(201);
    } finally {
      watched = await health.stop();
      delay.disable();
    }
    console.log(`event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms; /health slowest ${watched.slowest} ms of ${watched.count}`);
    expect(watched.count).toBeGreaterThan(5);
    expect(delay.max / 1e6).toBeLessThan(300);
  }, 60_000);
});
