/**
 * One version's routes read one version's schema text, however many versions the standard has: the
 * single-version route, resolving a version for a submission, the changes between two versions and the
 * version's web page pick the version(s) by index (the store's version windows: a row or a few, never
 * every version's summary) and then read only the version(s) they answer about, never every version
 * with its schema. On each store (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { Store } from '../../src/store/types.js';

const COUNT = 30;
const VERSIONS = Array.from({ length: COUNT }, (_, minor) => `1.${minor}.0`);

/** `store`, counting each call by method name. */
function counted(store: Store): { store: Store; calls: Map<string, string[]> } {
  const calls = new Map<string, string[]>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(name, [...(calls.get(name) ?? []), args.map(String).join(' ')]);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe.each(storeFactories)('reads of one version on $name', (factory) => {
  let t: TestApp;
  let calls: Map<string, string[]>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const opened = await factory.open();
    dispose = opened.dispose;
    const wrapped = counted(opened.store);
    calls = wrapped.calls;
    t = await startTestApp({}, wrapped.store);
    const author = (await t.app.services.access.authenticate(t.tokens.author))!;
    for (const [minor, version] of VERSIONS.entries()) {
      const schema = {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(Array.from({ length: minor + 1 }, (_, i) => [`f${i}`, { type: 'string' }])),
      };
      await t.app.services.standards.publish({ standardId: 'many-versions', version, body: JSON.stringify(schema) }, author);
    }
  }, 120_000);
  afterAll(async () => {
    await t.stop();
    await dispose();
  });

  /** The version reads `run` makes: whole-version lists, lists of every version's summary, and single versions read. */
  async function reads(run: () => Promise<unknown>): Promise<{ listVersions: number; getVersion: string[] }> {
    calls.clear();
    await run();
    return {
      listVersions: calls.get('listVersions')?.length ?? 0,
      getVersion: calls.get('getVersion') ?? [],
    };
  }

  it('GET a version reads that version alone', async () => {
    let body: Record<string, unknown> = {};
    const counts = await reads(async () => {
      const response = await t.call({ method: 'GET', url: '/v1/standards/many-versions/versions/1.3' });
      expect(response.statusCode).toBe(200);
      body = JSON.parse(response.payload) as Record<string, unknown>;
    });
    expect(body).toMatchObject({ standard: 'many-versions', version: '1.3.0' });
    expect(JSON.stringify(body.schema)).toContain('"f3"');
    expect(counts).toEqual({ listVersions: 0, getVersion: ['many-versions 1.3.0'] });
  });

  it('resolving a version for a submission reads that version alone, and knows its newest published siblings', async () => {
    let siblings = 0;
    const counts = await reads(async () => {
      const resolved = await t.app.services.standards.resolve('many-versions', 'latest');
      expect(resolved.version).toBe(`1.${COUNT - 1}.0`);
      siblings = resolved.siblings.length;
    });
    // The newest published versions, a bounded few (what a retired or deprecated version's answer names).
    expect(siblings).toBe(10);
    expect(counts).toEqual({ listVersions: 0, getVersion: [`many-versions 1.${COUNT - 1}.0`] });
  });

  it('the changes between two versions read those two alone', async () => {
    let changes: unknown[] = [];
    const counts = await reads(async () => {
      const response = await t.call({ method: 'GET', url: '/v1/standards/many-versions/changes?from=1.2.0&to=1.4.0' });
      expect(response.statusCode).toBe(200);
      changes = (JSON.parse(response.payload) as { changes: unknown[] }).changes;
    });
    expect(changes).toHaveLength(2);
    expect(counts).toEqual({ listVersions: 0, getVersion: ['many-versions 1.4.0', 'many-versions 1.2.0'] });
    // By default the latest against the one before it.
    const latest = await reads(() => t.app.services.standards.changes('many-versions', undefined, undefined));
    expect(latest).toEqual({ listVersions: 0, getVersion: [`many-versions 1.${COUNT - 1}.0`, `many-versions 1.${COUNT - 2}.0`] });
  });

  it("a version's web page reads that version alone", async () => {
    let page = '';
    const counts = await reads(async () => {
      const response = await t.server.inject({ method: 'GET', url: '/standards/many-versions/1.5.0' });
      expect(response.statusCode).toBe(200);
      page = response.payload;
    });
    expect(page).toContain('1.5.0');
    expect(counts).toEqual({ listVersions: 0, getVersion: ['many-versions 1.5.0'] });
  });

  it('the suggestions rank the latest version of each major, reading its schema once, then its summary alone', async () => {
    const names = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'];
    let first: Awaited<ReturnType<typeof t.app.services.suggestions.rank>> | undefined;
    const firstCounts = await reads(async () => {
      first = await t.app.services.suggestions.rank(names);
    });
    // One version of the one major is ranked (the latest: it has every earlier minor's fields), not thirty.
    expect(first!.suggestions.filter((s) => s.standard === 'many-versions')).toEqual([
      expect.objectContaining({ version: `1.${COUNT - 1}.0`, matched: 6, unknown: 0 }),
    ]);
    expect(first!.suggestions[0]).toMatchObject({ standard: 'many-versions' });
    expect(calls.get('listLatestPerMajor')).toHaveLength(1);
    expect(firstCounts).toMatchObject({ listVersions: 0 });
    expect(firstCounts.getVersion.filter((v) => v.startsWith('many-versions'))).toEqual([`many-versions 1.${COUNT - 1}.0`]);
    let again: Awaited<ReturnType<typeof t.app.services.suggestions.rank>> | undefined;
    const counts = await reads(async () => {
      again = await t.app.services.suggestions.rank(names);
    });
    expect(again).toEqual(first);
    expect(counts).toMatchObject({ listVersions: 0, getVersion: [] });
    // The fields of one standard (for column mappings): its major's latest alone, which has every earlier
    // minor's fields, one summary row and its schema from the ranking's cache (it read all thirty before).
    const fields = await reads(async () => expect((await t.app.services.suggestions.standardFields('many-versions')).size).toBe(COUNT));
    expect(fields).toMatchObject({ listVersions: 0, getVersion: [] });
    expect(calls.get('listLatestPerMajor')).toHaveLength(1);
    const cached = await reads(async () => expect((await t.app.services.suggestions.standardFields('many-versions')).size).toBe(COUNT));
    expect(cached).toMatchObject({ listVersions: 0, getVersion: [] });
  });

  it('an unknown version is still a 404 listing the versions there are', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/many-versions/versions/9.0.0' });
    expect(response.statusCode).toBe(404);
    expect((JSON.parse(response.payload) as { detail: string }).detail).toMatch(/^many-versions has no version matching "9\.0\.0"; its versions are: /);
  });
});
