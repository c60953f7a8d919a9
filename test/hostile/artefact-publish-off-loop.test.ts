/**
 * An artefact publish off the event loop. A new code-list version answers with the standards that could
 * adopt it, each judged by diffing the standard's whole latest version against itself with its references
 * moved to the new version: with four standards of 900 fields (300 of them using a 1,990-code list) that
 * held the event loop 8.5 s in one stretch, /health and every request with it. The diffs now run on the
 * compare worker in the publish lane (services/artefact-adoption.ts), before anything is stored, and the
 * body's parse and reading as an artefact on the publish preflight worker (services/artefact-preflight.ts).
 * Uses the build (the workers are compiled code); the in-thread answers come from the sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { startLiveApp, watchHealth, type LiveApp } from './support.js';
import { heldWhile } from '../support/loop-hold.js';

const dist = '../../dist/src';
const { loadLibrary } = (await import(`${dist}/registry/library.js`)) as typeof import('../../src/registry/library.js');
const { bundledStandardsDir } = (await import(`${dist}/registry/bundled.js`)) as typeof import('../../src/registry/bundled.js');
const { artefactPreflight } = (await import(`${dist}/services/artefact-preflight.js`)) as typeof import('../../src/services/artefact-preflight.js');
const { DEFAULT_SCHEMA_GUARD } = (await import(`${dist}/services/schema-guard.js`)) as typeof import('../../src/services/schema-guard.js');
const { runArtefactPreflight } = await import('../../src/services/artefact-preflight.js');

const codes = (count: number) => Array.from({ length: count }, (_, i) => ({ code: `C${i}`, label: `Code number ${i}` }));
const list = (id: string, version: string, count: number) => ({ kind: 'code-list', id, version, title: 'A long list', codes: codes(count) });
/** 900 fields, every `every`th of them the code list's, the rest 60 codes of their own. */
const user = (listUri: string, every: number) => ({
  type: 'object',
  properties: Object.fromEntries(
    Array.from({ length: 900 }, (_, f) => [
      `f${f}`,
      f % every === 0 ? { $ref: listUri } : { type: 'string', enum: Array.from({ length: 60 }, (_, i) => `c${i}`) },
    ]),
  ),
});

async function put(live: LiveApp, token: string, path: string, body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(`http://127.0.0.1:${live.port}${path}`, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function author(live: LiveApp): Promise<string> {
  return (await live.app.services.access.issue({ name: 'artefact author', role: 'author', organisation: null }, 'test')).token;
}

describe('a new code-list version with standards that could adopt it', () => {
  let live: LiveApp;
  let token: string;
  beforeAll(async () => {
    live = await startLiveApp({});
    token = await author(live);
    expect((await put(live, token, '/v1/artefacts/code-lists/long-list/versions/1.0.0', list('long-list', '1.0.0', 1_990))).status).toBe(201);
    for (const s of [0, 1]) {
      const response = await put(live, token, `/v1/standards/long-list-user-${s}/versions/1.0.0`, user('conform:code-lists/long-list/1.0.0', 3));
      expect(response.status, await response.text()).toBe(201);
    }
  }, 120_000);
  afterAll(() => live.stop());

  it('judges the adoptions off the event loop while /health answers', async () => {
    const health = watchHealth(live.port, 20);
    const {
      value,
      held: longest,
      ms,
    } = await heldWhile(async () => {
      const response = await put(live, token, '/v1/artefacts/code-lists/long-list/versions/1.1.0', list('long-list', '1.1.0', 1_995));
      return {
        status: response.status,
        body: (await response.json()) as { adoptions: { standardId: string; bump: string; changes: { path: string }[]; changesTotal: number }[] },
      };
    });
    const { slowest, count } = await health.stop();
    const figures = `event loop held at most ${Math.round(longest)} ms, slowest /health ${slowest} ms of ${count}, while publishing for ${ms} ms`;
    console.log(figures);
    expect(value.status).toBe(201);
    expect(value.body.adoptions.map((a) => [a.standardId, a.bump])).toEqual([
      ['long-list-user-0', 'minor'],
      ['long-list-user-1', 'minor'],
    ]);
    // The 300 fields using the list each gain its 5 codes and their labels (1,800 changes, all listed before); the first 50 are listed.
    for (const adoption of value.body.adoptions) {
      expect(adoption.changesTotal).toBe(1_800);
      expect(adoption.changes).toHaveLength(50);
    }
    // On the event loop the two diffs held it for one stretch of some 4 s.
    expect(longest, figures).toBeLessThan(Math.min(1_000, ms / 3));
    expect(count).toBeGreaterThan(3);
    expect(slowest, figures).toBeLessThan(1_000);
  }, 120_000);
});

describe('an adoption past the comparison time budget', () => {
  let live: LiveApp;
  let token: string;
  beforeAll(async () => {
    live = await startLiveApp({ CONFORM_COMPARE_TIMEOUT_MS: '1000' });
    token = await author(live);
    for (const version of ['1.0.0', '1.0.1']) {
      // 1.0.1 is compared with 1.0.0 (no standard uses either yet), which starts the publish lane's worker.
      expect((await put(live, token, `/v1/artefacts/code-lists/slow-list/versions/${version}`, list('slow-list', version, 1_990))).status).toBe(201);
    }
    const response = await put(live, token, '/v1/standards/slow-list-user/versions/1.0.0', user('conform:code-lists/slow-list/1.0.1', 1));
    expect(response.status, await response.text()).toBe(201);
  }, 120_000);
  afterAll(() => live.stop());

  it('does not refuse the publish: that adoption is listed not judged, naming the budget', async () => {
    const response = await put(live, token, '/v1/artefacts/code-lists/slow-list/versions/1.1.0', list('slow-list', '1.1.0', 1_995));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { adoptions: unknown[] }).adoptions).toEqual([
      {
        standardId: 'slow-list-user',
        version: '1.0.0',
        uses: ['code-lists/slow-list/1.0.1'],
        bump: null,
        suggestedVersion: null,
        changes: [],
        changesTotal: null,
        notJudged:
          'comparing the versions took longer than the comparison time budget of 1000 ms; they differ too much to compare; a version of the standard that adopts this one is judged when it is published',
      },
    ]);
    expect((await fetch(`http://127.0.0.1:${live.port}/v1/artefacts/code-lists/slow-list/versions/1.1.0`)).status).toBe(200);
  }, 60_000);
});

describe('an artefact body read on the preflight worker', () => {
  let live: LiveApp;
  let token: string;
  let local: TestApp;
  beforeAll(async () => {
    live = await startLiveApp({});
    token = await author(live);
    local = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await live.stop();
    await local.stop();
  });

  it('reads every bundled artefact as this thread does, from JSON and from YAML', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    const shared = new Map([...library.shared].map(([id, entry]) => [id, entry.schema as unknown]));
    expect(library.artefacts.size).toBeGreaterThan(3);
    for (const { artefact } of library.artefacts.values()) {
      for (const body of [JSON.stringify(artefact.document), stringify(artefact.document)]) {
        const thread = runArtefactPreflight({ artefact: true, body, shared: [...shared], guard: DEFAULT_SCHEMA_GUARD });
        expect(thread.kind, artefact.uri).toBe('ok');
        const worker = await artefactPreflight(body, shared, DEFAULT_SCHEMA_GUARD);
        expect(JSON.stringify(worker), artefact.uri).toBe(JSON.stringify(thread.kind === 'ok' ? thread.artefact : undefined));
        expect(JSON.stringify(worker), artefact.uri).toBe(JSON.stringify(artefact));
      }
    }
  }, 120_000);

  const bad: [string, string, string?][] = [
    ['not JSON', '{"kind": "code-list",'],
    ['not YAML', 'kind: code-list\ncodes: [\n', 'application/yaml'],
    ['not an object', '[1, 2]'],
    ['no kind', JSON.stringify({ id: 'x', version: '1.0.0' })],
    ['a code twice', JSON.stringify({ ...list('twice', '1.0.0', 2), codes: [...codes(2), { code: 'C1', label: 'Again' }] })],
    ['too many codes', JSON.stringify(list('too-many', '1.0.0', 2_001))],
    ['a key given twice', '{"kind":"code-list","kind":"definitions"}'],
    [
      'a definitions schema past the enum limit',
      JSON.stringify({
        kind: 'definitions',
        id: 'big-enum',
        version: '1.0.0',
        title: 'Big',
        schema: { $defs: { a: { enum: Array.from({ length: 2_001 }, (_, i) => i) } } },
      }),
    ],
    [
      'a loop of $refs in a definitions schema',
      JSON.stringify({
        kind: 'definitions',
        id: 'loop',
        version: '1.0.0',
        title: 'Loop',
        schema: { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } },
      }),
    ],
  ];

  it.each(bad)('%s: the worker refuses it as this thread does', async (_what, body, type = 'application/json') => {
    const path = '/v1/artefacts/code-lists/refused/versions/1.0.0';
    const worker = await put(live, token, path, body, type);
    const thread = await local.call({ method: 'PUT', url: path, payload: body, headers: { 'content-type': type, ...bearer(local.tokens.author) } });
    expect(worker.status).toBeGreaterThanOrEqual(400);
    expect(worker.status).toBeLessThan(500);
    expect([worker.status, await worker.json()]).toEqual([thread.statusCode, JSON.parse(thread.payload)]);
  });
});

describe('artefact publishes past the preflight queue (CONFORM_MAX_WAITING_SCHEMA_CHECKS=0)', () => {
  let live: LiveApp;
  let token: string;
  beforeAll(async () => {
    live = await startLiveApp({ CONFORM_MAX_WAITING_SCHEMA_CHECKS: '0' });
    token = await author(live);
  }, 60_000);
  afterAll(() => live.stop());

  it('are answered 503 with Retry-After and nothing stored, while one at a time is read', async () => {
    // Large bodies (some 0.7 MB each), sent at once: one is read (the first on a worker it starts), the others find the queue full.
    const bodies = Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({ ...list(`flood-${i}`, '1.0.0', 2_000), codes: codes(2_000).map((c) => ({ ...c, label: `${c.label} ${'y'.repeat(300)}` })) }),
    );
    const answers = await Promise.all(bodies.map((body, i) => put(live, token, `/v1/artefacts/code-lists/flood-${i}/versions/1.0.0`, body)));
    const statuses = answers.map((a) => a.status);
    expect(statuses).toContain(201);
    expect(statuses).toContain(503);
    for (const [i, response] of answers.entries()) {
      if (response.status !== 503) continue;
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        status: 503,
        detail: 'the registry is already checking 1 schemas, one at a time, as many as it queues; nothing was done: try again shortly',
      });
      expect((await fetch(`http://127.0.0.1:${live.port}/v1/artefacts/code-lists/flood-${i}/versions/1.0.0`)).status).toBe(404);
    }
  }, 60_000);
});
