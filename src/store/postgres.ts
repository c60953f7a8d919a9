/**
 * The shared store for several replicas: PostgreSQL (DATABASE_URL). Kysely's migrator takes a
 * PostgreSQL advisory lock, so replicas that start together migrate once.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyStore } from './kysely-store.js';

export async function openPostgresStore(url: string): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const store = new KyselyStore('postgres', new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
