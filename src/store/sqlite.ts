/** The embedded default store: a SQLite file under the data folder (better-sqlite3). */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyStore, queryLog, type StoreHooks } from './kysely-store.js';

/** Opens (creating if needed) `<dataDir>/conform.sqlite`, or an in-memory database for ':memory:'. */
export async function openSqliteStore(dataDir: string, hooks?: StoreHooks): Promise<KyselyStore> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'conform.sqlite');
  }
  return sqliteStore(new BetterSqlite3(file), hooks);
}

/**
 * The store over an open better-sqlite3 database: WAL, `synchronous = FULL` (a committed publish or
 * report survives a power cut, not only a crash of the process; better-sqlite3 defaults to NORMAL in
 * WAL mode), foreign keys on, a 5 s busy timeout. Its backup is SQLite's online backup API: the copy is
 * consistent, and the store keeps serving (and writing) while the pages are copied.
 */
export async function sqliteStore(sqlite: BetterSqlite3.Database, hooks?: StoreHooks): Promise<KyselyStore> {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const log = queryLog(hooks);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), ...(log ? { log } : {}) });
  const store = new KyselyStore('sqlite', db, {
    backup: async (destination) => {
      await sqlite.backup(destination);
      return { bytes: statSync(destination).size };
    },
  });
  await store.migrate();
  return store;
}
