/**
 * The stores the store suite runs against: SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI
 * sets it, and there a missing PostgreSQL fails the run instead of skipping it). Each PostgreSQL store
 * gets its own schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

const url = process.env.TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL store run is not optional');

export const storeFactories: StoreFactory[] = [
  {
    name: 'sqlite',
    async open() {
      const store = await openSqliteStore(':memory:');
      return { store, dispose: () => store.close() };
    },
  },
  ...(url
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const schema = `test_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: url });
            await admin.connect();
            await admin.query(`create schema ${schema}`);
            await admin.end();
            const scoped = new URL(url);
            scoped.searchParams.set('options', `-c search_path=${schema}`);
            const store = await openPostgresStore(scoped.toString());
            return {
              store,
              async dispose() {
                await store.close();
                const client = new pg.Client({ connectionString: url });
                await client.connect();
                await client.query(`drop schema ${schema} cascade`);
                await client.end();
              },
            };
          },
        },
      ]
    : []),
];

if (!url) console.warn('TEST_DATABASE_URL is not set: the store suite runs on SQLite only (CI runs PostgreSQL too)');
