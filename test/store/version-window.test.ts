/**
 * Version windows (migration 0016-version-keys): one standard's or artefact's versions read by the
 * indexed semver sort key, a bounded number at a time, agreeing with the registry's one rule for a version
 * spec (pickVersion over every version) on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL. And the
 * migration backfills the keys of versions stored before it.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import semver from 'semver';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import type { Store, StoredArtefact, VersionStatus } from '../../src/store/types.js';
import type { Database } from '../../src/store/database.js';
import { migrationProvider } from '../../src/store/migrations.js';
import { KyselyStore } from '../../src/store/kysely-store.js';
import { keyRange, versionKey } from '../../src/store/version-key.js';
import { pickVersion } from '../../src/registry/resolve.js';

/** 3 majors x 12 minors x 3 patches (108 versions, inserted out of order), statuses varied by position. */
const VERSIONS = [2, 0, 10, 1]
  .flatMap((major) => Array.from({ length: 12 }, (_, minor) => [0, 2, 10].map((patch) => `${major}.${minor}.${patch}`)).flat())
  .reverse();
const STATUSES: VersionStatus[] = ['published', 'published', 'deprecated', 'retired', 'draft'];
const statusOf = (version: string): VersionStatus => STATUSES[Number(semver.minor(version) + semver.patch(version)) % STATUSES.length]!;
const ordered = [...VERSIONS].sort(semver.compare);

describe('version keys', () => {
  it('sort as semver does, and bound a major or minor', () => {
    const keys = ordered.map(versionKey);
    expect([...keys].sort()).toEqual(keys);
    expect(versionKey('1.10.0') > versionKey('1.9.99')).toBe(true);
    const { from, to } = keyRange({ major: 1, minor: 10 });
    expect(ordered.filter((v) => versionKey(v) >= from && versionKey(v) < to!)).toEqual(['1.10.0', '1.10.2', '1.10.10']);
    // The same under a collation that ignores punctuation at first (a locale's, as a PostgreSQL database made
    // with one compares text): the bounds are digits and dots where every key has them.
    const locale = new Intl.Collator('en', { ignorePunctuation: true }).compare;
    for (const within of [{ major: 1, minor: 10 }, { major: 2 }, { major: 0, minor: 0 }]) {
      const range = keyRange(within);
      const inside = (v: string): boolean => locale(versionKey(v), range.from) >= 0 && locale(versionKey(v), range.to!) < 0;
      const expected = ordered.filter((v) => semver.major(v) === within.major && (within.minor === undefined || semver.minor(v) === within.minor));
      expect(ordered.filter(inside)).toEqual(expected);
      expect([...ordered].map(versionKey).sort(locale)).toEqual(ordered.map(versionKey));
    }
    expect(() => versionKey('1.0.0-beta')).toThrow(/not a MAJOR.MINOR.PATCH/);
  });
});

describe.each(storeFactories)('version windows on $name', (factory) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  async function open(): Promise<Store> {
    const opened = await factory.open();
    dispose = opened.dispose;
    return opened.store;
  }

  it("a standard's windows agree with pickVersion over every version, and page through each version once", async () => {
    const store = await open();
    await store.createStandard({ id: 'many', title: 'Many', owner: 'x', description: '', metadata: {} }, 'token:x', 'test');
    for (const version of VERSIONS) {
      await store.publishVersion({
        standardId: 'many',
        version,
        status: 'published',
        schema: '{}',
        contentHash: `sha256:${version}`,
        changelog: '',
        publishedBy: 'test',
      });
      if (statusOf(version) !== 'published') await store.setVersionStatus('many', version, statusOf(version), 'test');
    }
    expect(await store.countVersions('many')).toBe(VERSIONS.length);
    const all = (await store.listVersionWindow('many', { limit: VERSIONS.length + 1 })).map((v) => ({ version: v.version, status: v.status }));
    expect(all.map((v) => v.version)).toEqual(ordered);
    const live = ['published', 'deprecated'];
    for (const spec of ['latest', '0', '1', '2', '3', '10', '1.0', '1.3', '2.11', '10.4', '10.12']) {
      const expected = pickVersion(all, (v) => v.status, spec)?.version;
      const within =
        spec === 'latest' ? {} : { within: { major: Number(spec.split('.')[0]), ...(spec.includes('.') ? { minor: Number(spec.split('.')[1]) } : {}) } };
      const [found] = await store.listVersionWindow('many', { statuses: live, newestFirst: true, limit: 1, ...within });
      expect(found?.version, spec).toBe(expected);
    }
    // Pages of 7 either way, by after / before, see every version once, in order.
    const walk = async (newestFirst: boolean) => {
      const seen: string[] = [];
      for (;;) {
        const last = seen.at(-1);
        const page = await store.listVersionWindow('many', {
          newestFirst,
          limit: 7,
          ...(last === undefined ? {} : newestFirst ? { before: last } : { after: last }),
        });
        expect(page.length).toBeLessThanOrEqual(7);
        seen.push(...page.map((v) => v.version));
        if (page.length < 7) return seen;
      }
    };
    expect(await walk(false)).toEqual(ordered);
    expect(await walk(true)).toEqual([...ordered].reverse());
    const earlier = await store.listVersionWindow('many', { before: '2.0.0', statuses: ['published'], newestFirst: true, limit: 3 });
    expect(earlier.map((v) => v.version)).toEqual(
      ordered
        .filter((v) => semver.lt(v, '2.0.0') && statusOf(v) === 'published')
        .reverse()
        .slice(0, 3),
    );
    expect(earlier[0]).toMatchObject({ standardId: 'many', status: 'published', contentHash: expect.stringMatching(/^sha256:/) });
    expect(earlier[0]).not.toHaveProperty('schema');
    // A catalogue page's latest versions: one row per standard that has a live one.
    await store.createStandard({ id: 'none-live', title: 'None', owner: 'x', description: '', metadata: {} }, 'token:x', 'test');
    await store.publishVersion({
      standardId: 'none-live',
      version: '1.0.0',
      status: 'published',
      schema: '{}',
      contentHash: 'h',
      changelog: '',
      publishedBy: 'test',
    });
    await store.setVersionStatus('none-live', '1.0.0', 'retired', 'test');
    const latest = await store.listLatestVersions(['many', 'none-live', 'absent'], live);
    expect(latest.map((v) => [v.standardId, v.version])).toEqual([['many', pickVersion(all, (v) => v.status, 'latest')!.version]]);
    expect((await store.listLatestVersions(['many', 'none-live'], ['retired'])).map((v) => v.standardId)).toEqual(['many', 'none-live']);
    // Each major's latest, of every standard or of the ones named (a column mapping's fields read one standard's).
    const released = ['published', 'deprecated', 'retired'];
    const perMajor = [0, 1, 2, 10].map((major) => ordered.filter((v) => semver.major(v) === major && released.includes(statusOf(v))).at(-1));
    expect((await store.listLatestPerMajor(released, { standardIds: ['many'] })).map((v) => [v.standardId, v.version])).toEqual(
      perMajor.map((v) => ['many', v]),
    );
    expect((await store.listLatestPerMajor(released)).map((v) => [v.standardId, v.version])).toEqual([
      ...perMajor.map((v) => ['many', v]),
      ['none-live', '1.0.0'],
    ]);
    expect((await store.listLatestPerMajor(released, { standardIds: ['none-live', 'absent'] })).map((v) => v.version)).toEqual(['1.0.0']);
    expect(await store.listLatestPerMajor(released, { standardIds: [] })).toEqual([]);
    // The first of them, in the same order: a ranking's bound.
    expect((await store.listLatestPerMajor(released, { limit: 3 })).map((v) => v.version)).toEqual(perMajor.slice(0, 3));
  }, 120_000);

  it("an artefact's windows, and a page of artefact entries with each one's count and latest live version", async () => {
    const store = await open();
    const artefact = (id: string, version: string): Omit<StoredArtefact, 'publishedAt'> => ({
      kind: 'code-list',
      id,
      version,
      status: 'published',
      title: `${id} ${version}`,
      document: '{}',
      schema: '{}',
      contentHash: `sha256:${id}${version}`,
      changelog: '',
      owner: 'token:x',
      publishedBy: 'test',
    });
    const counts = { delta: 23, alpha: 20, charlie: 22, bravo: 21 };
    for (const [id, n] of Object.entries(counts)) for (const version of ordered.slice(0, n)) await store.publishArtefact(artefact(id, version));
    // alpha's newest is retired, so its latest is the live one before it; every one of bravo's is retired.
    await store.setArtefactStatus('code-list', 'alpha', ordered[19]!, 'retired', 'test');
    for (const version of ordered.slice(0, 21)) await store.setArtefactStatus('code-list', 'bravo', version, 'retired', 'test');
    expect(await store.countArtefactVersions('code-list', 'charlie')).toBe(22);
    const window = await store.listArtefactWindow('code-list', 'charlie', { newestFirst: true, limit: 3, within: { major: 0 } });
    expect(window.map((a) => a.version)).toEqual(
      ordered
        .filter((v) => v.startsWith('0.'))
        .slice(0, 22)
        .reverse()
        .slice(0, 3),
    );
    expect(window[0]).not.toHaveProperty('document');

    const first = await store.listArtefactEntries('code-list', { limit: 3 });
    expect(first.map((e) => [e.id, e.versions, e.latest.version])).toEqual([
      ['alpha', 20, ordered[18]],
      ['bravo', 21, ordered[20]], // every version retired: the latest of them
      ['charlie', 22, ordered[21]],
    ]);
    expect(first[2]!.latest.title).toBe(`charlie ${ordered[21]}`);
    const rest = await store.listArtefactEntries('code-list', { after: 'charlie', limit: 3 });
    expect(rest.map((e) => e.id)).toEqual(['delta']);
    expect(await store.listArtefactEntries('definitions', { limit: 3 })).toEqual([]);

    // The API's keyset pages by (kind, id, version key): every version once, in semver order within an id.
    const walked: string[] = [];
    let after: { kind: StoredArtefact['kind']; id: string; version: string } | undefined;
    for (;;) {
      const page = await store.listArtefactsPage({ limit: 9, ...(after ? { after } : {}) });
      walked.push(...page.map((a) => `${a.id}/${a.version}`));
      if (page.length < 9) break;
      after = page.at(-1)!;
    }
    expect(walked).toEqual(
      Object.keys(counts)
        .sort()
        .flatMap((id) => ordered.slice(0, counts[id as keyof typeof counts]).map((v) => `${id}/${v}`)),
    );
  }, 120_000);
});

describe('migration 0016-version-keys over existing data (SQLite)', () => {
  it('backfills the keys of the versions and artefact versions stored before it', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    expect((await migrator.migrateTo('0015-sessions-by-token')).error).toBeUndefined();
    const now = new Date().toISOString();
    await sql`insert into standards values ('old', 'Old', 'x', 'x', '{}', ${now}, ${now})`.execute(db);
    for (const version of ['1.10.0', '1.9.0', '2.0.0']) {
      await sql`insert into versions (standard_id, version, status, schema_json, content_hash, changelog, published_at, published_by) values ('old', ${version}, 'published', '{}', 'h', '', ${now}, 'x')`.execute(
        db,
      );
      await sql`insert into artefact_versions values ('code-list', 'old', ${version}, 'published', 'Old', '{}', '{}', 'h', '', 'x', ${now}, 'x')`.execute(db);
    }
    const store = new KyselyStore('sqlite', db);
    await store.migrate();
    expect((await store.listVersionWindow('old', { within: { major: 1 }, newestFirst: true, limit: 5 })).map((v) => v.version)).toEqual(['1.10.0', '1.9.0']);
    expect((await store.listArtefactWindow('code-list', 'old', { limit: 5 })).map((v) => v.version)).toEqual(['1.9.0', '1.10.0', '2.0.0']);
    await store.close();
  });
});
