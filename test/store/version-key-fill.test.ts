/**
 * A rolling upgrade: rows a replica running code from before migration 0016 inserts have no version key,
 * and version windows (by key) would never see them. A start of the store fills them (version-key-fill.ts),
 * so after a restart such a version is the latest, and a store with none to fill fills none. On SQLite (a
 * file, reopened) and PostgreSQL (a schema, reopened) when TEST_DATABASE_URL is set.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteFile } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { startTestApp } from '../support/test-app.js';

/** A store that can be closed and opened again over the same data, and raw SQL run against that data while it is closed. */
interface Reopenable {
  name: string;
  open(): Promise<KyselyStore>;
  /** Runs the statements against the data, as another replica would. */
  raw(statements: string[]): Promise<void>;
  dispose(): Promise<void>;
}

const url = process.env.TEST_DATABASE_URL;

function sqlite(): Reopenable {
  const dir = mkdtempSync(join(tmpdir(), 'conform-keys-'));
  return {
    name: 'sqlite',
    open: () => openSqliteStore(dir),
    async raw(statements) {
      const db = new BetterSqlite3(sqliteFile(dir));
      for (const statement of statements) db.exec(statement);
      db.close();
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgres(base: string): Reopenable {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const client = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    return c;
  };
  let created = false;
  return {
    name: 'postgres',
    async open() {
      if (!created) {
        const c = await client();
        await c.query(`create schema ${schema}`);
        await c.end();
        created = true;
      }
      const scoped = new URL(base);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return openPostgresStore(scoped.toString());
    },
    async raw(statements) {
      const c = await client();
      await c.query(`set search_path to ${schema}`);
      for (const statement of statements) await c.query(statement);
      await c.end();
    },
    async dispose() {
      const c = await client();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** What a replica from before 0016 inserts: a version and a code-list version, with no version_key. */
const OLD_REPLICA_INSERTS = [
  `insert into versions (standard_id, version, status, schema_json, content_hash, changelog, published_at, published_by)
     select standard_id, '1.10.0', status, schema_json, 'sha256:old-replica', changelog, published_at, published_by from versions where version = '1.2.0'`,
  `insert into artefact_versions (kind, id, version, status, title, document, schema_json, content_hash, changelog, owner, published_at, published_by)
     select kind, id, '3.0.0', status, title, document, schema_json, 'sha256:old-replica', changelog, owner, published_at, published_by
     from artefact_versions where version = '2.0.0'`,
];

const stores = [sqlite, ...(url ? [() => postgres(url)] : [])];

describe.each(stores.map((make) => ({ make, name: make === sqlite ? 'sqlite' : 'postgres' })))('version keys filled at start on $name', ({ make }) => {
  const target = make();
  afterAll(() => target.dispose());

  it('a version an old replica inserted is invisible to windows until a start fills its key, then the latest', async () => {
    let store = await target.open();
    expect(store.keysFilled).toEqual({ versions: 0, artefacts: 0 });
    await store.createStandard({ id: 'keyed', title: 'Keyed', owner: 'Test', description: 'x', metadata: {} }, 'token:test', 'test');
    for (const version of ['1.0.0', '1.2.0']) {
      await store.publishVersion({
        standardId: 'keyed',
        version,
        status: 'published',
        schema: '{"type":"object"}',
        contentHash: hash(version),
        changelog: '',
        publishedBy: 'test',
      });
    }
    for (const version of ['1.0.0', '2.0.0']) {
      await store.publishArtefact({
        kind: 'code-list',
        id: 'keyed-list',
        version,
        status: 'published',
        title: 'Keyed list',
        document: '{}',
        schema: '{"enum":["A"]}',
        contentHash: hash(`list-${version}`),
        changelog: '',
        owner: 'token:test',
        publishedBy: 'test',
      });
    }
    await target.raw(OLD_REPLICA_INSERTS);
    const latest = async () => (await store.listVersionWindow('keyed', { statuses: ['published'], newestFirst: true, limit: 1 }))[0]?.version;
    const latestList = async () => (await store.listArtefactWindow('code-list', 'keyed-list', { newestFirst: true, limit: 1 }))[0]?.version;
    const minor = async () => (await store.listVersionWindow('keyed', { within: { major: 1, minor: 10 }, newestFirst: true, limit: 1 })).map((v) => v.version);
    const major = async () =>
      (await store.listArtefactWindow('code-list', 'keyed-list', { within: { major: 3 }, newestFirst: true, limit: 1 })).map((v) => v.version);
    // The rows are there, but a window by key does not see them (and the order of a null key is the
    // database's: PostgreSQL sorts it first newest-first, so there a null key would be "latest" whatever its version).
    expect((await store.getVersion('keyed', '1.10.0'))?.contentHash).toBe('sha256:old-replica');
    expect(await minor()).toEqual([]);
    expect(await major()).toEqual([]);
    await store.close();

    store = await target.open();
    expect(store.keysFilled).toEqual({ versions: 1, artefacts: 1 });
    expect(await latest()).toBe('1.10.0');
    expect(await latestList()).toBe('3.0.0');
    expect(await minor()).toEqual(['1.10.0']);
    expect(await major()).toEqual(['3.0.0']);
    expect((await store.listVersionWindow('keyed', { newestFirst: false, limit: 10 })).map((v) => v.version)).toEqual(['1.0.0', '1.2.0', '1.10.0']);
    expect((await store.listLatestPerMajor(['published'])).map((v) => v.version)).toEqual(['1.10.0']);
    // The service says so at start (a warning: pino's level 40), with the counts alone (the app closes the store when it stops).
    const app = await startTestApp({}, store);
    const line = app
      .logs()
      .split('\n')
      .find((l) => l.includes('version keys filled'));
    expect(line && (JSON.parse(line) as Record<string, unknown>)).toMatchObject({ level: 40, versions: 1, artefacts: 1 });
    await app.stop();

    // Nothing left to fill: the next start fills none.
    store = await target.open();
    expect(store.keysFilled).toEqual({ versions: 0, artefacts: 0 });
    await store.close();
  }, 60_000);
});
