/**
 * A publish checks its candidate against the latest released version it reads, then writes: two publishes
 * of one standard (or artefact) at once, through two replicas, could each be checked against the same
 * latest version and both be written, neither checked against the other (1.1.0 and 1.2.0 each a MINOR
 * after 1.0.0, while 1.1.0 → 1.2.0 breaks suppliers). So the write takes a lock of its own standard's
 * (or artefact's) publishes for its transaction and, holding it, reads the latest released version besides
 * the candidate: the write is made only when that is still the one checked against.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * Holds `key`'s publishes until the transaction ends: PostgreSQL's transaction-scoped advisory lock (a
 * 64-bit hash of the key; two keys sharing one only wait for each other). SQLite needs none: its store
 * runs one transaction at a time on its one connection.
 */
export async function lockPublishes(tx: Transaction<Database>, kind: 'sqlite' | 'postgres', key: string): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
