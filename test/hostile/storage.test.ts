/**
 * Hostile: sizes and storage. Ids over 64 characters at every entry point; a full disk (SQLite's
 * max_page_count makes writes fail with SQLITE_FULL) answers 507 with a problem and takes /ready down
 * until writes succeed again; SQLite commits with synchronous = FULL; quality trends over thousands of
 * submissions never read a report; list endpoints walk every row exactly once by cursor, with inserts
 * between pages; retention prunes only old reports.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { sqliteStore } from '../../src/store/sqlite.js';
import type { Store, StoredSubmission } from '../../src/store/types.js';
import { loadLibrary, LibraryError } from '../../src/registry/library.js';
import { isStorageFull } from '../../src/store/errors.js';
import { guardStorage } from '../../src/services/storage-guard.js';
import { DomainError } from '../../src/services/errors.js';
import { loadConfig, ConfigError } from '../../src/config.js';

const LONG = `a${'b'.repeat(64)}`; // 65 characters, otherwise a well-formed id
const problemOf = (response: { payload: string }) => JSON.parse(response.payload) as { status: number; detail: string; type: string };

describe('standard ids of more than 64 characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.stop());

  it('are refused with 400 by every API route that takes one, and nothing is stored', async () => {
    const nd = { 'content-type': 'application/x-ndjson' };
    const calls = [
      { method: 'GET', url: `/v1/standards/${LONG}` },
      { method: 'PUT', url: `/v1/standards/${LONG}`, payload: { title: 'x', owner: 'x', description: 'x' }, headers: bearer(t.tokens.author) },
      {
        method: 'PUT',
        url: `/v1/standards/${LONG}/versions/1.0.0`,
        payload: '{"type":"object"}',
        headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
      },
      { method: 'GET', url: `/v1/standards/${LONG}/versions/latest` },
      { method: 'POST', url: `/v1/standards/${LONG}/versions/1.0.0/deprecate`, headers: bearer(t.tokens.admin) },
      { method: 'POST', url: `/v1/standards/${LONG}/versions/1.0.0/retire`, headers: bearer(t.tokens.admin) },
      { method: 'POST', url: `/v1/standards/${LONG}/versions/1.0.0/validate`, payload: '{}\n', headers: { ...nd, ...bearer(t.tokens.supplier) } },
      { method: 'GET', url: `/v1/standards/${LONG}/changes` },
      { method: 'GET', url: `/v1/quality?standard=${LONG}`, headers: bearer(t.tokens.author) },
      { method: 'GET', url: `/v1/submissions?standard=${LONG}`, headers: bearer(t.tokens.author) },
    ];
    for (const call of calls) {
      const response = await t.call(call);
      expect(response.statusCode, `${call.method} ${call.url.slice(0, 40)}`).toBe(400);
      expect(problemOf(response).detail).toContain('at most 64 characters');
    }
    expect(await t.app.store.getStandard(LONG)).toBeUndefined();
  });

  it('a 10,000-character id is refused without being echoed, on the API and the pages', async () => {
    const huge = 'a'.repeat(10_000);
    const api = await t.call({ method: 'GET', url: `/v1/standards/${huge}` });
    expect(api.statusCode).toBe(400);
    expect(problemOf(api).detail).toBe('id must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics');
    const page = await t.server.inject({ method: 'GET', url: `/standards/${huge}` });
    expect(page.statusCode).toBe(400);
    expect(page.payload).toContain('the id given (10000 characters) is not a standard id');
    expect(page.payload).not.toContain(huge.slice(0, 100));
  });

  it('are refused by the services themselves (every face), and by the library loader', async () => {
    const author = (await t.app.services.access.authenticate(t.tokens.author))!;
    const refusals = [
      t.app.services.standards.publish({ standardId: LONG, version: '1.0.0', body: '{"type":"object"}' }, author),
      t.app.services.standards.saveMetadata(LONG, { title: 'x', owner: 'x', description: 'x' }, author),
      t.app.services.standards.releasedMajors(LONG),
      t.app.services.submissions.version(LONG, 'latest'),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('at most 64 characters') });

    const dir = await mkdtemp(join(tmpdir(), 'conform-long-id-'));
    try {
      await mkdir(join(dir, LONG));
      await writeFile(
        join(dir, LONG, 'standard.yaml'),
        `id: ${LONG}\ntitle: x\nowner: x\ndescription: x\nrecordKey: [/a]\neventDate: /a\nsubmissionDeadline: P1D\ncompatibility: BACKWARD\nsensitiveFields: []\nversions:\n  - { version: 1.0.0, status: published, changelog: x }\n`,
      );
      await writeFile(join(dir, LONG, '1.0.0.yaml'), 'type: object\n');
      await expect(loadLibrary(dir)).rejects.toThrow(LibraryError);
      await expect(loadLibrary(dir)).rejects.toThrow(/\/id must have at most 64 characters/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A store over a SQLite handle the test keeps, so it can fill the database (max_page_count). */
async function sqliteWithHandle(): Promise<{ store: Store; db: BetterSqlite3.Database }> {
  const db = new BetterSqlite3(':memory:');
  return { store: await sqliteStore(db), db };
}

const invalidRecords = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ localPatientId: i, extra: 'x' })).join('\n') + '\n';

describe('a full disk', () => {
  let t: TestApp;
  let db: BetterSqlite3.Database;
  beforeAll(async () => {
    const opened = await sqliteWithHandle();
    db = opened.db;
    t = await startTestApp({}, opened.store);
  });
  afterAll(async () => t.stop());

  const submit = () =>
    t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/latest/validate',
      payload: invalidRecords(2000),
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });

  it('answers 507 with a problem and Retry-After, takes /ready down while writes fail, and recovers', async () => {
    expect((await t.call({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    try {
      const full = await submit();
      expect(full.statusCode).toBe(507);
      expect(full.headers['content-type']).toContain('application/problem+json');
      expect(full.headers['retry-after']).toBe('60');
      expect(problemOf(full)).toMatchObject({ status: 507, title: 'Insufficient storage', type: 'https://conform.invalid/problems/storage-full' });
      expect(problemOf(full).detail).toContain("the registry's storage is full, so nothing was stored");

      const publish = await t.call({
        method: 'PUT',
        url: '/v1/standards/full-disk/versions/1.0.0',
        payload: JSON.stringify({ type: 'object', description: 'x'.repeat(200_000) }),
        headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
      });
      expect(publish.statusCode).toBe(507);

      const ready = await t.call({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.result).toEqual({ status: 'unavailable', store: 'sqlite', detail: 'the storage is full: writes fail' });
      const started = Date.now();
      expect((await t.call({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect((await t.call({ method: 'GET', url: '/v1/standards' })).statusCode).toBe(200); // reads still serve
      expect(Date.now() - started).toBeLessThan(5000); // promptly, not after a storage timeout
      expect(t.logs()).not.toContain('request failed');
    } finally {
      db.pragma('max_page_count = 1073741823');
    }
    const ready = await t.call({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect((await submit()).statusCode).toBe(201);
  });

  it('knows PostgreSQL disk_full and ENOSPC as well, and the guard answers them as storage-full', async () => {
    expect(isStorageFull({ code: '53100' })).toBe(true);
    expect(isStorageFull(new Error('write failed', { cause: { code: 'ENOSPC' } }))).toBe(true);
    expect(isStorageFull({ code: 'SQLITE_BUSY' })).toBe(false);
    const noted: string[] = [];
    const failing = { saveSubmission: () => Promise.reject(Object.assign(new Error('could not extend file'), { code: '53100' })) } as unknown as Store;
    const guarded = guardStorage(failing, { storageFull: () => noted.push('full'), storageWritten: () => noted.push('written') });
    const error: unknown = await guarded.saveSubmission({} as StoredSubmission).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'storage-full' });
    expect(noted).toEqual(['full']);
  });

  it('SQLite commits with synchronous = FULL (on a file in WAL mode, where better-sqlite3 defaults to NORMAL)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-sync-'));
    const file = new BetterSqlite3(join(dir, 'conform.sqlite'));
    try {
      const store = await sqliteStore(file);
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(file.pragma('synchronous', { simple: true })).toBe(2);
      await store.close();
    } finally {
      if (file.open) file.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;

describe('quality trends over thousands of submissions', () => {
  const SUBMISSIONS = 3000;
  let t: TestApp;
  const calls = new Map<string, number>();
  const rows: StoredSubmission[] = [];
  beforeAll(async () => {
    const { store } = await sqliteWithHandle();
    const base = Date.now() - SUBMISSIONS * 60_000; // recent: inside the retention period
    for (let i = 0; i < SUBMISSIONS; i++) {
      const overall = i % 97 === 0 ? null : (i * 7) % 100;
      const row: StoredSubmission = {
        id: randomUUID(),
        organisation: ['8KR01', 'RWE01', 'RX101'][i % 3]!,
        submittedBy: 'supplier:seed',
        standardId: 'patient-demographics',
        version: '1.1.0',
        createdAt: new Date(base + i * 60_000).toISOString(),
        valid: true,
        records: i,
        report: 'not JSON: a report read by the trends would fail to parse',
        quality: JSON.stringify({ overall, dimensions: Object.fromEntries(DIMENSIONS.map((d, k) => [d, (i + k) % 101])) }),
      };
      rows.push(row);
      await store.saveSubmission(row);
    }
    // Count what the services ask of the store.
    const spied = new Proxy(store, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' }, spied);
    await t.server.start();
  }, 60_000);
  afterAll(async () => t.stop());

  it('are aggregated by the database from score columns, never reading a report, and stay correct', async () => {
    calls.clear();
    const started = Date.now();
    const response = await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics', headers: bearer(t.tokens.author) });
    const ms = Date.now() - started;
    expect(response.statusCode).toBe(200);
    expect(calls.get('getSubmission')).toBeUndefined();
    expect(calls.get('listSubmissions')).toBeUndefined();
    expect(calls.get('qualityPoints')).toBe(1);
    expect(calls.get('qualityAggregates')).toBe(1);
    console.log(`GET /v1/quality over ${SUBMISSIONS} submissions: ${ms} ms`);

    const body = response.result as { points: { submission: string; overall: number | null }[]; suppliers: Record<string, unknown>[] };
    expect(body.points).toHaveLength(1000); // the newest thousand, oldest first; the supplier figures cover all
    expect(body.points.map((p) => p.submission)).toEqual(rows.slice(-1000).map((r) => r.id));
    const expected = ['8KR01', 'RWE01', 'RX101'].map((supplier) => {
      const mine = rows.filter((r) => r.organisation === supplier).map((r) => (JSON.parse(r.quality!) as { overall: number | null }).overall);
      const scored = mine.filter((o): o is number => o !== null);
      return {
        supplier,
        submissions: mine.length,
        latestOverall: mine.at(-1),
        meanOverall: Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 10) / 10,
        latestAt: rows.filter((r) => r.organisation === supplier).at(-1)!.createdAt,
      };
    });
    expect(body.suppliers.map(({ rank: _rank, ...s }) => s).sort((a, b) => String(a.supplier).localeCompare(String(b.supplier)))).toEqual(expected);
    expect(body.suppliers.map((s) => s.rank)).toEqual([1, 2, 3]);
  });

  // A guard against /health queuing behind the trends, not a speed target (those live in the bench): the
  // bound is generous because CI machines are loaded.
  it('many concurrent trend requests over real sockets leave /health answering within seconds', async () => {
    const base = `http://127.0.0.1:${t.server.info.port}`;
    const trends = Array.from({ length: 8 }, () => fetch(`${base}/v1/quality?standard=patient-demographics`, { headers: bearer(t.tokens.author) }));
    const started = Date.now();
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const r of await Promise.all(trends)) expect(r.status).toBe(200);
  });
});

describe('paginated lists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (let i = 0; i < 11; i++) {
      await t.app.store.saveSubmission({
        id: randomUUID(),
        organisation: '8KR01',
        submittedBy: 'supplier:seed',
        standardId: 'patient-demographics',
        version: '1.1.0',
        createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, Math.floor(i / 2))).toISOString(), // pairs share a time
        valid: true,
        records: 1,
        report: '{}',
        quality: null,
      });
    }
  });
  afterAll(async () => t.stop());

  /** Follows `next` links from `url`, calling `between` after each page; every item once. */
  async function walk(url: string, key: string, token: string | undefined, between: (page: number) => Promise<void>) {
    const seen: string[] = [];
    let next: string | null = url;
    for (let page = 0; next && page < 50; page++) {
      const response = await t.call({ method: 'GET', url: next, ...(token ? { headers: bearer(token) } : {}) });
      expect(response.statusCode).toBe(200);
      const body = response.result as Record<string, unknown> & { next: string | null };
      seen.push(...(body[key] as { id: string | number }[]).map((item) => String(item.id)));
      if (body.next) expect(response.headers.link).toBe(`<${body.next}>; rel="next"`);
      else expect(response.headers.link).toBeUndefined();
      next = body.next;
      await between(page);
    }
    return seen;
  }

  it('standards: every standard once, by id, with new standards created between pages', async () => {
    const before = (await t.app.store.listStandards()).map((s) => s.id);
    const seen = await walk('/v1/standards?limit=2', 'standards', undefined, async (page) => {
      await t.call({
        method: 'PUT',
        url: `/v1/standards/${page % 2 === 0 ? 'a' : 'zz'}-new-${page}`,
        payload: { title: 'x', owner: 'x', description: 'x' },
        headers: bearer(t.tokens.author),
      });
    });
    for (const id of before) expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('submissions: every stored submission once, newest first, with submissions between pages', async () => {
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).map((s) => s.id);
    const seen = await walk('/v1/submissions?limit=3', 'submissions', t.tokens.author, async () => {
      const r = await t.call({
        method: 'POST',
        url: '/v1/standards/patient-demographics/versions/latest/validate',
        payload: '{}\n',
        headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
      });
      expect(r.statusCode).toBe(201);
    });
    expect(seen.sort()).toEqual([...before].sort());
  });

  it('the audit log: every entry once, newest first', async () => {
    const before = (await t.app.store.listAudit(1000)).map((a) => String(a.id));
    const seen = await walk('/v1/audit?limit=4', 'entries', t.tokens.admin, async () => {
      await t.app.services.access.issue({ name: 'between pages', role: 'author', organisation: null }, 'test');
    });
    expect(seen).toEqual(before);
  });

  it('a cursor that this service did not give, or for another list, is a 400 problem', async () => {
    const forged = await t.call({ method: 'GET', url: '/v1/standards?cursor=bm90LWEtY3Vyc29y' });
    expect(forged.statusCode).toBe(400);
    expect(problemOf(forged).detail).toBe('the cursor is not one this service gave for standards; start again without it');
    const page = await t.call({ method: 'GET', url: '/v1/audit?limit=1', headers: bearer(t.tokens.admin) });
    const cursor = new URL(`http://x${(page.result as { next: string }).next}`).searchParams.get('cursor')!;
    const crossed = await t.call({ method: 'GET', url: `/v1/submissions?cursor=${cursor}`, headers: bearer(t.tokens.author) });
    expect(crossed.statusCode).toBe(400);
    expect((await t.call({ method: 'GET', url: `/v1/standards?cursor=${'a'.repeat(600)}` })).statusCode).toBe(400);
  });
});

describe('report retention', () => {
  it('prunes only reports older than CONFORM_REPORT_RETENTION_DAYS, audited as a count', async () => {
    const t = await startTestApp({ CONFORM_REPORT_RETENTION_DAYS: '30' });
    try {
      const day = 86_400_000;
      const make = (ageDays: number): StoredSubmission => ({
        id: randomUUID(),
        organisation: '8KR01',
        submittedBy: 'supplier:seed',
        standardId: 'patient-demographics',
        version: '1.1.0',
        createdAt: new Date(Date.now() - ageDays * day).toISOString(),
        valid: true,
        records: 1,
        report: '{}',
        quality: null,
      });
      const old = [make(31), make(400), make(1000)];
      const kept = [make(29), make(1), make(0)];
      for (const s of [...old, ...kept]) await t.app.store.saveSubmission(s);
      expect(await t.app.retention.runOnce()).toBe(3);
      for (const s of old) expect(await t.app.store.getSubmission(s.id)).toBeUndefined();
      for (const s of kept) expect(await t.app.store.getSubmission(s.id)).toBeDefined();
      const audit = await t.call({ method: 'GET', url: '/v1/audit?limit=5', headers: bearer(t.tokens.admin) });
      expect((audit.result as { entries: { action: string; actor: string; detail: string }[] }).entries[0]).toMatchObject({
        action: 'reports-prune',
        actor: 'retention (30 days)',
        detail: expect.stringMatching(/^3 reports created before /),
      });
      expect(await t.app.retention.runOnce()).toBe(0);
    } finally {
      await t.stop();
    }
  });

  it('a bad retention setting is a ConfigError naming the variable', () => {
    expect(() => loadConfig({ CONFORM_REPORT_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONFORM_REPORT_RETENTION_DAYS: 'forever' })).toThrow('CONFORM_REPORT_RETENTION_DAYS must be a whole number from 1 to 36500');
    expect(() => loadConfig({ CONFORM_REPORT_PRUNE_MINUTES: '0' })).toThrow('CONFORM_REPORT_PRUNE_MINUTES');
    expect(loadConfig({}).reportRetentionDays).toBe(400);
  });
});
