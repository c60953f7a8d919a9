/**
 * Migration 0020-organisations-upper-case over a store that already holds an organisation in lower case
 * (tokens issued before organisations were upper-cased): its tokens, submissions, column mappings and
 * owned standards and artefacts move to the upper-case ODS code, so the supplier still sees its own
 * submissions and the quality filters can name it. Where the upper-case code already has a row of the
 * same key, that row is kept. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (as in CI).
 */
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { migrationProvider } from '../../src/store/migrations.js';
import { KyselyStore } from '../../src/store/kysely-store.js';

const url = process.env.TEST_DATABASE_URL;
const schema = `migration_0020_${randomBytes(4).toString('hex')}`;

async function before(db: Kysely<Database>, kind: 'sqlite' | 'postgres'): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(kind), ...(kind === 'postgres' ? { migrationTableSchema: schema } : {}) });
  expect((await migrator.migrateTo('0019-tokens-organisation')).error).toBeUndefined();
  const at = '2025-03-20T10:00:00.000Z';
  for (const [id, organisation] of [
    ['t-lower', 'b86001'],
    ['t-upper', '8KR01'],
    ['t-admin', null],
  ] as const) {
    await sql`insert into tokens (id, name, role, organisation, token_hash, created_at) values (${id}, ${id}, ${organisation ? 'supplier' : 'admin'}, ${organisation}, ${`hash-${id}`}, ${at})`.execute(
      db,
    );
  }
  await sql`insert into submissions (id, organisation, submitted_by, standard_id, version, created_at, valid, records, report, trend_key)
    values ('s1', 'b86001', 'x', 's', '1.0.0', ${at}, 1, 3, '{}', ${at})`.execute(db);
  // b86001 has mappings for two standards; for one of them B86001 has its own, which is kept
  for (const [organisation, standard, columns] of [
    ['b86001', 's', '{"old":"a"}'],
    ['B86001', 's', '{"new":"a"}'],
    ['b86001', 't', '{"only":"a"}'],
    // two cases of one code, neither upper: upper-casing both would make two rows of one key
    ['rx1', 'u', '{"one":"a"}'],
    ['Rx1', 'u', '{"two":"a"}'],
  ]) {
    await sql`insert into column_mappings (organisation, standard_id, columns, updated_at, updated_by) values (${organisation}, ${standard}, ${columns}, ${at}, 'x')`.execute(
      db,
    );
  }
  for (const id of ['s', 't', 'u']) {
    await sql`insert into standards (id, title, owner, description, metadata, created_at, updated_at) values (${id}, ${id}, 'x', '', '{}', ${at}, ${at})`.execute(
      db,
    );
  }
  for (const [standard, owner] of [
    ['s', 'org:b86001'],
    ['s', 'org:B86001'],
    ['t', 'org:b86001'],
    ['t', 'token:t-admin'],
    ['u', 'org:rx1'],
    ['u', 'org:Rx1'],
  ]) {
    await sql`insert into standard_owners (standard_id, owner, granted_at, granted_by) values (${standard}, ${owner}, ${at}, 'x')`.execute(db);
  }
}

async function after(db: Kysely<Database>, store: KyselyStore): Promise<void> {
  await store.migrate();
  const tokens = await sql<{ id: string; organisation: string | null }>`select id, organisation from tokens order by id`.execute(db);
  expect(tokens.rows).toEqual([
    { id: 't-admin', organisation: null },
    { id: 't-lower', organisation: 'B86001' },
    { id: 't-upper', organisation: '8KR01' },
  ]);
  // the supplier's own submissions are found under the code its token now has
  expect((await store.listSubmissions({ organisation: 'B86001', limit: 10 })).map((s) => s.id)).toEqual(['s1']);
  const mappings = await sql<{
    organisation: string;
    standard_id: string;
    columns: string;
  }>`select organisation, standard_id, columns from column_mappings order by standard_id`.execute(db);
  expect(mappings.rows.slice(0, 2)).toEqual([
    { organisation: 'B86001', standard_id: 's', columns: '{"new":"a"}' },
    { organisation: 'B86001', standard_id: 't', columns: '{"only":"a"}' },
  ]);
  // one of the two (which is first depends on the store's collation), under the upper-case code
  expect(mappings.rows.slice(2).map((m) => [m.organisation, m.standard_id])).toEqual([['RX1', 'u']]);
  expect(['{"one":"a"}', '{"two":"a"}']).toContain(mappings.rows[2]!.columns);
  const owners = await sql<{ standard_id: string; owner: string }>`select standard_id, owner from standard_owners order by standard_id, owner`.execute(db);
  expect(owners.rows).toEqual([
    { standard_id: 's', owner: 'org:B86001' },
    { standard_id: 't', owner: 'org:B86001' },
    { standard_id: 't', owner: 'token:t-admin' },
    { standard_id: 'u', owner: 'org:RX1' },
  ]);
}

describe('migration 0020-organisations-upper-case over existing data', () => {
  it('upper-cases a lower-case organisation everywhere it is kept (SQLite)', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    await before(db, 'sqlite');
    const store = new KyselyStore('sqlite', db);
    try {
      await after(db, store);
    } finally {
      await store.close();
    }
  });

  describe.skipIf(!url)('on PostgreSQL', () => {
    const admin = url ? new pg.Client({ connectionString: url }) : undefined;
    afterAll(async () => {
      if (!admin) return;
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    });

    it('upper-cases a lower-case organisation everywhere it is kept (PostgreSQL)', async () => {
      await admin!.connect();
      await admin!.query(`create schema ${schema}`);
      const scoped = new URL(url!);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scoped.toString(), max: 2 }) }) });
      await before(db, 'postgres');
      const store = new KyselyStore('postgres', db);
      try {
        await after(db, store);
      } finally {
        await store.close();
      }
    });
  });
});
