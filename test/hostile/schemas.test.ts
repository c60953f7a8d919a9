/**
 * Hostile schemas at publish: a pattern that backtracks without bound, schemas built to make the compiler
 * work for seconds (nested anyOf, a huge enum, ten thousand properties), a schema that is slow to compile
 * but under every static limit, and a `$ref` to another standard's version. Each is refused with a 422
 * naming what and where, quickly, while GET /health keeps answering over real sockets, and the store is
 * unchanged. The compile worker runs compiled code, so this test uses the build (npm test builds first).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { createLogger } = (await import(`${dist}/log.js`)) as typeof import('../../src/log.js');
const { openSqliteStore } = (await import(`${dist}/store/sqlite.js`)) as typeof import('../../src/store/sqlite.js');
const { candidateRunsInWorker } = (await import(`${dist}/validation/candidate.js`)) as typeof import('../../src/validation/candidate.js');
const { bundledStandardsDir } = (await import(`${dist}/registry/bundled.js`)) as typeof import('../../src/registry/bundled.js');
const { loadLibrary } = (await import(`${dist}/registry/library.js`)) as typeof import('../../src/registry/library.js');

interface Server {
  app: App;
  base: string;
  author: string;
  /** Admins manage the bundled library's standards (the library owns them). */
  admin: string;
  logs: () => string;
}

async function start(env: Record<string, string> = {}, store?: Awaited<ReturnType<typeof openSqliteStore>>): Promise<Server> {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const config = loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env });
  const app = await buildApp(config, { logger: createLogger('info', sink), ...(store ? { store } : {}) });
  const author = (await app.services.access.issue({ name: 'hostile author', role: 'author', organisation: null }, 'test')).token;
  await app.server.start();
  const admin = (await app.services.access.issue({ name: 'hostile admin', role: 'admin', organisation: null }, 'test')).token;
  return { app, base: app.server.info.uri, author, admin, logs: () => text };
}

let s: Server;
beforeAll(async () => {
  s = await start();
});
afterAll(async () => s.app.stop());

interface Problem {
  status: number;
  detail: string;
  errors?: { pointer?: string; detail: string; limit?: string; max?: number; value?: number }[];
}

/**
 * Publishes over a real socket while GET /health is asked every 25 ms (at most 400 times); returns the
 * answer, how long it took and the slowest /health answer seen meanwhile.
 */
async function publishWatchingHealth(server: Server, id: string, version: string, schema: unknown) {
  const started = performance.now();
  let done = false;
  const publish = fetch(`${server.base}/v1/standards/${id}/versions/${version}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.author}`, 'content-type': 'application/json' },
    body: JSON.stringify(schema),
  }).then(async (response) => {
    const ms = performance.now() - started;
    done = true;
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Problem, ms };
  });
  let worstHealthMs = 0;
  let healthChecks = 0;
  for (let i = 0; i < 400 && !done; i++) {
    const t0 = performance.now();
    const health = await fetch(`${server.base}/health`);
    await health.arrayBuffer();
    worstHealthMs = Math.max(worstHealthMs, performance.now() - t0);
    healthChecks++;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { ...(await publish), worstHealthMs, healthChecks };
}

/** What the store holds, to show a refusal changed nothing. */
async function storeSnapshot(app: App): Promise<string> {
  const standards = await app.store.listStandards();
  const versions = await Promise.all(
    standards.map(async (st) => (await app.store.listVersions(st.id)).map((v) => `${v.standardId}@${v.version}:${v.contentHash}`)),
  );
  return JSON.stringify({ standards: standards.map((st) => st.id), versions });
}

const record = (properties: Record<string, unknown>) => ({ title: 'Hostile', type: 'object', properties });

describe('patterns that could stall validation', () => {
  it('refuses a super-linear pattern at publish, naming each pointer, and keeps safe ones', async () => {
    const before = await storeSnapshot(s.app);
    const schema = {
      ...record({
        code: { type: 'string', pattern: '^(a+)+$' },
        note: { type: 'string', pattern: '\\s+$' },
        ward: { type: 'string', pattern: '^[A-Z]{3}[0-9]{1,100}$' },
      }),
      patternProperties: { '^(x|x)*y$': { type: 'string' } },
    };
    const answer = await publishWatchingHealth(s, 'redos', '1.0.0', schema);
    expect(answer.status).toBe(422);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body.detail).toMatch(/patterns that could stall validation/);
    const errors = answer.body.errors ?? [];
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/patternProperties/^(x|x)*y$', '/properties/code/pattern', '/properties/note/pattern']);
    expect(errors.find((e) => e.pointer === '/properties/code/pattern')?.detail).toMatch(/"\^\(a\+\)\+\$" can take exponential time/);
    expect(errors.find((e) => e.pointer === '/properties/note/pattern')?.detail).toMatch(/polynomial \(degree 2\)/);
    expect(answer.worstHealthMs).toBeLessThan(1000);
    expect(await storeSnapshot(s.app)).toBe(before);

    // The record that would have stalled validation for seconds has no version to be checked against.
    await expect(s.app.services.standards.version('redos', '1.0.0')).rejects.toMatchObject({ kind: 'not-found' });
  }, 20_000);

  it('logs stored versions from before the analyser whose patterns it now refuses', async () => {
    const store = await openSqliteStore(':memory:');
    await store.saveStandard({ id: 'legacy', title: 'Legacy', owner: 'x', description: '', metadata: { compatibility: 'BACKWARD' } }, 'test');
    await store.publishVersion({
      standardId: 'legacy',
      version: '1.0.0',
      status: 'published',
      schema: JSON.stringify(record({ code: { type: 'string', pattern: '^(a+)+$' }, ok: { type: 'string', pattern: '^[A-Z]+$' } })),
      contentHash: 'sha256:legacy',
      changelog: '',
      publishedBy: 'test',
    });
    const legacy = await start({}, store);
    try {
      for (let i = 0; i < 200 && !legacy.logs().includes('publishing would now refuse'); i++) await new Promise((r) => setTimeout(r, 50));
      const line = legacy
        .logs()
        .split('\n')
        .find((l) => l.includes('publishing would now refuse'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ level: 40, standardId: 'legacy', version: '1.0.0', pointer: '/properties/code/pattern' });
      expect(legacy.logs()).not.toContain('/properties/ok/pattern');
    } finally {
      await legacy.app.stop();
    }
  }, 20_000);
});

describe('schemas that would make the compiler work for seconds', () => {
  const leaves = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'string', maxLength: i + 1 }));
  const nested = { anyOf: Array.from({ length: 20 }, () => ({ anyOf: Array.from({ length: 20 }, () => ({ anyOf: leaves(20) })) })) };
  const cases = [
    { name: 'nested anyOf 20×20×20', schema: record({ value: nested }), limit: 'anyOf/oneOf/allOf branches', pointer: '/properties/value', value: 8420 },
    {
      name: 'a 90,000-value enum',
      schema: record({ code: { type: 'string', enum: Array.from({ length: 90_000 }, (_, i) => `C${i}`) } }),
      limit: 'enum values',
      pointer: '/properties/code/enum',
      value: 90_000,
    },
    {
      name: '10,000 properties',
      schema: record(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, { type: 'string' }]))),
      limit: 'properties per object',
      pointer: '/properties',
      value: 10_000,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} quickly, naming the limit and where, with /health answering`, async () => {
      const before = await storeSnapshot(s.app);
      const answer = await publishWatchingHealth(s, 'heavy', '1.0.0', c.schema);
      expect(answer.status).toBe(422);
      const hit = (answer.body.errors ?? []).find((e) => e.limit === c.limit);
      expect(hit).toMatchObject({ pointer: c.pointer, value: c.value });
      expect(hit?.detail).toMatch(new RegExp(`the limit is ${hit?.max} \\(`));
      expect(answer.body.detail).toContain(c.limit);
      expect(answer.ms).toBeLessThan(2000);
      expect(answer.worstHealthMs).toBeLessThan(1000);
      expect(await storeSnapshot(s.app)).toBe(before);
    }, 20_000);
  }

  it('counts a definition at each use: anyOf fan-out through $refs is refused too', async () => {
    const fan = (ref: string) => ({ anyOf: Array.from({ length: 20 }, () => ({ $ref: ref })) });
    const schema = { ...record({ value: { $ref: '#/$defs/a' } }), $defs: { a: fan('#/$defs/b'), b: fan('#/$defs/c'), c: { anyOf: leaves(20) } } };
    const answer = await publishWatchingHealth(s, 'heavy', '1.0.0', schema);
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ limit: 'anyOf/oneOf/allOf branches', value: 8420, pointer: '/$defs/a' }));
  }, 20_000);
});

describe('the compile time budget', () => {
  it('terminates a compile that runs past the budget and refuses the schema, with /health answering', async () => {
    expect(candidateRunsInWorker()).toBe(true);
    // Every bound here is relative to what this machine does now, measured in this run, so a loaded machine
    // (a 2-core box running other suites) moves the bounds with the work. First, how long checking a tiny
    // schema takes end to end (a fresh worker, Ajv with the shared definitions, a compile): the budget is at
    // least four times that, so a schema within it publishes however busy the machine (with a fixed 1 s
    // budget, a tiny schema once ran out of it on a busy machine), and well under the slow compile below
    // (2 to 5 s on a quiet machine, and longer, not shorter, on a busy one).
    const probes = [];
    for (const version of ['1.0.0', '1.1.0'])
      probes.push(await publishWatchingHealth(s, 'budget-probe', version, record({ id: { type: 'string', maxLength: 3 } })));
    expect(probes.map((p) => p.status)).toEqual([201, 201]);
    const probe = { ms: Math.min(...probes.map((p) => p.ms)) };
    const BUDGET = Math.min(8000, Math.max(1000, Math.ceil((3 * probe.ms) / 100) * 100));
    const slow = await start({ CONFORM_COMPILE_TIMEOUT_MS: String(BUDGET) });
    try {
      // About 4,000 nodes (under every static limit) that Ajv takes 2 to 5 s to compile.
      const object = (k: number) => ({
        type: 'object',
        properties: Object.fromEntries(
          Array.from({ length: 1000 }, (_, i) => [
            `f${k}_${i}`,
            { type: 'string', minLength: 1, maxLength: 10, format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
          ]),
        ),
      });
      const schema = record(Object.fromEntries(Array.from({ length: 4 }, (_, k) => [`o${k}`, object(k)])));
      const before = await storeSnapshot(slow.app);
      // The baseline: the same body with one remote $ref, refused after it is read, parsed and walked by the
      // static limits, before any compile: what this request costs this machine now, outside the compile.
      const remote = { ...schema, properties: { ...schema.properties, remote: { $ref: 'https://example.org/schema.json' } } };
      const baseline = await publishWatchingHealth(slow, 'slow', '1.0.0', remote);
      expect(baseline.status).toBe(422);
      expect(baseline.body.detail).toMatch(/refers to something other than itself/);

      const answer = await publishWatchingHealth(slow, 'slow', '1.0.0', schema);
      // The work done: the compile was cut at the budget (a compile run to its end would publish, 201).
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toMatch(
        new RegExp(`^checking the schema took longer than the compile time budget of ${BUDGET} ms \\(it was [a-z ]+\\); simplify it$`),
      );
      expect(answer.body.errors).toEqual([expect.objectContaining({ limit: 'compile time budget', max: BUDGET })]);
      // It waited out the budget, and not much more: the budget plus a few times the request's own cost
      // (the baseline) plus a second of scheduling, however busy the machine.
      expect(answer.ms).toBeGreaterThanOrEqual(BUDGET);
      expect(answer.ms).toBeLessThan(BUDGET + 3 * baseline.ms + 1000);
      // /health answered while the worker compiled: no slower than while the body was parsed in the baseline,
      // plus less than the budget (a compile on the event loop would hold it for the whole compile).
      expect(answer.healthChecks).toBeGreaterThan(0);
      expect(answer.worstHealthMs).toBeLessThan(Math.max(baseline.worstHealthMs, 100) + BUDGET);
      expect(await storeSnapshot(slow.app)).toBe(before);
      // A schema within the budget publishes as before.
      const ok = await publishWatchingHealth(slow, 'slow', '1.0.0', record({ id: { type: 'string', maxLength: 3 } }));
      expect(ok.status).toBe(201);
    } finally {
      await slow.app.stop();
    }
  }, 60_000);
});

describe('references', () => {
  it("refuses a $ref to another standard's version, an unknown host and a $dynamicRef elsewhere, naming each", async () => {
    const before = await storeSnapshot(s.app);
    const schema = record({
      attendance: { $ref: 'https://conform.invalid/standards/emergency-care-attendance/2.0.0' },
      site: { $ref: '../emergency-care-attendance/2.0.0#/properties/siteCode' },
      remote: { $ref: 'https://example.org/schema.json' },
      dynamic: { $dynamicRef: 'https://conform.invalid/standards/_common/dates#meta' },
      nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber' },
    });
    const answer = await publishWatchingHealth(s, 'borrower', '1.0.0', schema);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toBe(
      'the schema refers to something other than itself and the shared definitions: https://conform.invalid/standards/emergency-care-attendance/2.0.0 at /properties/attendance/$ref, ../emergency-care-attendance/2.0.0#/properties/siteCode at /properties/site/$ref, https://example.org/schema.json at /properties/remote/$ref and 1 more',
    );
    const errors = answer.body.errors ?? [];
    expect(errors.map((e) => e.pointer).sort()).toEqual([
      '/properties/attendance/$ref',
      '/properties/dynamic/$dynamicRef',
      '/properties/remote/$ref',
      '/properties/site/$ref',
    ]);
    expect(errors.find((e) => e.pointer === '/properties/site/$ref')?.detail).toMatch(
      /refers to https:\/\/conform\.invalid\/standards\/emergency-care-attendance\/2\.0\.0: .*not to another standard's version/,
    );
    expect(errors.find((e) => e.pointer === '/properties/remote/$ref')?.detail).toMatch(/nothing is ever fetched/);
    expect(await storeSnapshot(s.app)).toBe(before);
  }, 20_000);

  it('publishes a schema referring to itself and to the shared definitions', async () => {
    const schema = {
      ...record({ start: { $ref: '../_common/dates#/$defs/date' }, parent: { $ref: '#' }, local: { $ref: '#/$defs/code' } }),
      $defs: { code: { type: 'string', pattern: '^[A-Z]{2}[0-9]{4}$' } },
    };
    const answer = await publishWatchingHealth(s, 'self-contained', '1.0.0', schema);
    expect(answer.status).toBe(201);
  }, 20_000);
});

describe('the bundled library', () => {
  it('publishes again unchanged: every bundled version passes the limits, the reference rule and the patterns', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    for (const standard of library.standards.values()) {
      for (const version of standard.versions) {
        const response = await fetch(`${s.base}/v1/standards/${version.standardId}/versions/${version.version}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${s.admin}`, 'content-type': 'application/json' },
          body: JSON.stringify(version.schema),
        });
        expect(`${version.standardId}@${version.version} ${response.status}`).toBe(`${version.standardId}@${version.version} 200`);
      }
    }
  }, 20_000);
});
