/** The embedded default store: a SQLite file under the data folder (better-sqlite3). */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyStore, queryLog, type StoreHooks } from './kysely-store.js';

/** The database file of the store in `dataDir`. */
export const sqliteFile = (dataDir: string): string => join(dataDir, 'conform.sqlite');

const DRIVER_MISSING =
  'the embedded SQLite store needs the better-sqlite3 package built for this Node.js (its install script was skipped or failed): ' +
  'run "npm rebuild better-sqlite3" in the folder Conform is installed in (for a global install: cd "$(npm root -g)/@conform-health/cli"), ' +
  'or use PostgreSQL with DATABASE_URL';

/**
 * better-sqlite3 is loaded only here, when a SQLite store is opened, so commands that need no store run
 * where its native build is missing (an install with scripts blocked); then this says what to do.
 */
async function openDatabase(file: string): Promise<BetterSqlite3.Database> {
  let Driver: typeof BetterSqlite3;
  try {
    Driver = (await import('better-sqlite3')).default;
  } catch (error) {
    throw new Error(DRIVER_MISSING, { cause: error });
  }
  try {
    return new Driver(file);
  } catch (error) {
    // SQLite's own errors (a file that cannot be opened) have SQLITE_ codes; others are the native addon missing or built for another Node.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw error;
    throw new Error(DRIVER_MISSING, { cause: error });
  }
}

/** Opens (creating if needed) `<dataDir>/conform.sqlite`, or an in-memory database for ':memory:'. */
export async function openSqliteStore(dataDir: string, hooks?: StoreHooks): Promise<KyselyStore> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = sqliteFile(dataDir);
  }
  return sqliteStore(await openDatabase(file), hooks);
}

/**
 * The store over an open better-sqlite3 database: WAL, `synchronous = FULL` (a committed publish or
 * report survives a power cut, not only a crash of the process; better-sqlite3 defaults to NORMAL in
 * WAL mode), foreign keys on, a 5 s busy timeout. Its backup is SQLite's online backup API: the copy is
 * consistent, and the store keeps serving (and writing) while the pages are copied.
 */
export async function sqliteStore(sqlite: BetterSqlite3.Database, hooks?: StoreHooks): Promise<KyselyStore> {
  // A file the report reader's thread opens read-only: an in-memory database has none (its reports are read here).
  const file = sqlite.memory ? undefined : sqlite.name;
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's lower() folds ASCII letters alone; the catalogue search lowers its words with JavaScript, so the
  // text it matches is lowered the same way (no index is built on lower(), so replacing it changes no index).
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : typeof value === 'number' || typeof value === 'bigint' ? String(value) : value,
  );
  const log = queryLog(hooks);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), ...(log ? { log } : {}) });
  const store = new KyselyStore('sqlite', db, {
    backup: async (destination) => {
      await sqlite.backup(destination);
      return { bytes: statSync(destination).size };
    },
    ...(file !== undefined ? { file } : {}),
  });
  await store.migrate();
  return store;
}
