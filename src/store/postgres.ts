/**
 * The shared store for several replicas: PostgreSQL (DATABASE_URL). Kysely's migrator takes a
 * PostgreSQL advisory lock, so replicas that start together migrate once.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyStore, queryLog, type StoreHooks } from './kysely-store.js';

export async function openPostgresStore(url: string, hooks?: StoreHooks): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const log = queryLog(hooks);
  const store = new KyselyStore('postgres', new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) }));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
