/** The embedded default store: a SQLite file under the data folder (better-sqlite3). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyStore } from './kysely-store.js';

/** Opens (creating if needed) `<dataDir>/conform.sqlite`, or an in-memory database for ':memory:'. */
export async function openSqliteStore(dataDir: string): Promise<KyselyStore> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'conform.sqlite');
  }
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const store = new KyselyStore('sqlite', new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }));
  await store.migrate();
  return store;
}
