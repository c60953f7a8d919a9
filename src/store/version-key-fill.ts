/**
 * Fills the version keys (version-key.ts) a row lacks: one inserted by a replica still running code from
 * before migration 0016 during a rolling upgrade, which version windows would otherwise never see. Run at
 * each start after the migrations, under the migrator's own lock (PostgreSQL's advisory lock; SQLite's
 * write transaction), so replicas starting together fill once. The rows are found by the partial indexes of
 * 0017 (only rows without a key), so a store with none costs two indexed reads of nothing.
 */
import { DEFAULT_MIGRATION_LOCK_TABLE, MIGRATION_LOCK_ID, type Kysely, type MigrationLockOptions, type Transaction } from 'kysely';
import type { Database } from './database.js';
import { versionKey } from './version-key.js';

/** How many rows of each table had their key filled. */
export interface KeysFilled {
  versions: number;
  artefacts: number;
}

/** Fills the missing keys in one transaction, holding the migration lock (the same as the migrator's) around it. */
export async function fillVersionKeys(db: Kysely<Database>, lockTableSchema?: string): Promise<KeysFilled> {
  return db.connection().execute(async (connection) => {
    const { adapter } = connection.getExecutor();
    const lock: MigrationLockOptions = {
      lockTable: DEFAULT_MIGRATION_LOCK_TABLE,
      lockRowId: MIGRATION_LOCK_ID,
      ...(lockTableSchema ? { lockTableSchema } : {}),
    };
    await adapter.acquireMigrationLock(connection, lock);
    try {
      return await connection.transaction().execute(fill);
    } finally {
      await adapter.releaseMigrationLock(connection, lock);
    }
  });
}

async function fill(tx: Transaction<Database>): Promise<KeysFilled> {
  const versions = await tx.selectFrom('versions').select(['standard_id', 'version']).where('version_key', 'is', null).execute();
  for (const v of versions) {
    await tx
      .updateTable('versions')
      .set({ version_key: versionKey(v.version) })
      .where('standard_id', '=', v.standard_id)
      .where('version', '=', v.version)
      .where('version_key', 'is', null)
      .execute();
  }
  const artefacts = await tx.selectFrom('artefact_versions').select(['kind', 'id', 'version']).where('version_key', 'is', null).execute();
  for (const a of artefacts) {
    await tx
      .updateTable('artefact_versions')
      .set({ version_key: versionKey(a.version) })
      .where('kind', '=', a.kind)
      .where('id', '=', a.id)
      .where('version', '=', a.version)
      .where('version_key', 'is', null)
      .execute();
  }
  return { versions: versions.length, artefacts: artefacts.length };
}
