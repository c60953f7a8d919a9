/**
 * Two stores in two schemas of one PostgreSQL database (a search_path each, as the cluster test and
 * shared hosting use) each migrate into their own schema: the migrator does not take the other schema's
 * migration tables for its own. Runs when TEST_DATABASE_URL is set (as in CI).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';

const url = process.env.TEST_DATABASE_URL;
const schemas = [0, 1].map(() => `schemas_test_${randomBytes(4).toString('hex')}`);
const inSchema = (schema: string) => {
  const scoped = new URL(url!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return scoped.toString();
};

describe.skipIf(!url)('stores in separate PostgreSQL schemas', () => {
  const admin = url ? new pg.Client({ connectionString: url }) : undefined;
  afterAll(async () => {
    if (!admin) return;
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('migrate each into their own schema, and each works', async () => {
    await admin!.connect();
    for (const schema of schemas) await admin!.query(`create schema ${schema}`);
    for (const schema of schemas) {
      const store = await openPostgresStore(inSchema(schema));
      try {
        expect(await store.ping()).toBe(true);
        expect(await store.listStandards()).toEqual([]);
      } finally {
        await store.close();
      }
      const tables = await admin!.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and tablename like 'kysely_%' order by 1`,
        [schema],
      );
      expect(tables.rows.map((r) => r.tablename)).toEqual(['kysely_migration', 'kysely_migration_lock']);
    }
  });
});
