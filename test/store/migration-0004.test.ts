/**
 * The ownership and storage migrations over a store that already holds data: standards get the owner
 * that created them (the token, its organisation, or the library), and stored submissions their score
 * columns, backfilled from the `quality` JSON.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { migrationProvider } from '../../src/store/migrations.js';
import { KyselyStore } from '../../src/store/kysely-store.js';

const TOKEN = '11111111-2222-4333-8444-555555555555';
const ORG_TOKEN = '66666666-7777-4888-8999-000000000000';

describe('migrations 0004-ownership and 0008-storage over existing data (SQLite)', () => {
  it('backfills owners from who created each standard, and score columns from the quality JSON', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    expect((await migrator.migrateTo('0003-submission-quality')).error).toBeUndefined();
    const now = new Date().toISOString();
    for (const id of ['from-library', 'by-token', 'by-org', 'unknown']) {
      await sql`insert into standards values (${id}, ${id}, 'x', 'x', '{}', ${now}, ${now})`.execute(db);
    }
    await sql`insert into tokens values (${TOKEN}, 'a', 'author', null, 'h1', ${now}, null), (${ORG_TOKEN}, 'b', 'author', 'RWE01', 'h2', ${now}, null)`.execute(
      db,
    );
    const audit = [
      ['from-library', 'standards library'],
      ['by-token', `author:a (${TOKEN})`],
      ['by-token', `admin:z (${ORG_TOKEN})`], // a later entry does not make an owner
      ['by-org', `author:b (${ORG_TOKEN})`],
      ['unknown', 'conform serve'],
    ];
    for (const [id, actor] of audit)
      await sql`insert into audit_log (at, actor, action, standard_id) values (${now}, ${actor}, 'standard-update', ${id})`.execute(db);
    const quality = JSON.stringify({
      overall: 87.5,
      dimensions: { validity: 90, completeness: null, uniqueness: 100, consistency: 75.5, timeliness: 0, defaults: 60 },
    });
    await sql`insert into submissions values ('s1', '8KR01', 'x', 'by-token', '1.0.0', ${now}, 1, 3, '{}', ${quality}), ('s2', null, 'x', 'by-token', '1.0.0', ${now}, 1, 3, '{}', null)`.execute(
      db,
    );

    const store = new KyselyStore('sqlite', db);
    await store.migrate();
    expect((await store.listOwners('from-library')).map((o) => o.owner)).toEqual(['library']);
    expect((await store.listOwners('by-token')).map((o) => o.owner)).toEqual([`token:${TOKEN}`]);
    expect((await store.listOwners('by-org')).map((o) => o.owner)).toEqual(['org:RWE01']);
    expect(await store.listOwners('unknown')).toEqual([]);
    const [point] = await store.qualityPoints({ standardId: 'by-token', limit: 10 });
    expect(point).toMatchObject({
      id: 's1',
      overall: 87.5,
      dimensions: { validity: 90, completeness: null, uniqueness: 100, consistency: 75.5, timeliness: 0, defaults: 60 },
    });
    expect(await store.qualityPoints({ standardId: 'by-token', limit: 10 })).toHaveLength(1);
    await store.close();
  });
});
