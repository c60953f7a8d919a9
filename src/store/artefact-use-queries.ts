/** Which artefact versions each standard version uses (kysely-store.ts delegates to these), the same on both databases. */
import semver from 'semver';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';
import type { ArtefactUseRecord, StoredArtefactUse, VersionStatus } from './types.js';

type Run = <T>(work: (tx: Transaction<Database>) => Promise<T>) => Promise<T>;

/** Rows per insert (six parameters each: well under either database's limit on parameters). */
const ROWS_PER_INSERT = 500;

export async function recordArtefactUses(run: Run, standardId: string, version: string, uses: readonly ArtefactUseRecord[]): Promise<boolean> {
  return run(async (tx) => {
    // The flag first: a replica recording the same version at once waits on this row, then finds it set.
    const marked = await tx
      .updateTable('versions')
      .set({ uses_indexed: 1 })
      .where('standard_id', '=', standardId)
      .where('version', '=', version)
      .where('uses_indexed', '=', 0)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return false;
    const rows = uses.map((u) => ({ artefact: u.artefact, standard_id: standardId, version, pointer: u.pointer, ref: u.ref, via: u.via ?? '' }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await tx
        .insertInto('artefact_uses')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    return true;
  });
}

export async function listVersionsWithoutUses(db: Kysely<Database>): Promise<{ standardId: string; version: string }[]> {
  const rows = await db
    .selectFrom('versions')
    .select(['standard_id', 'version'])
    .where('uses_indexed', '=', 0)
    .orderBy('standard_id')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ standardId: r.standard_id, version: r.version }));
}

export async function listArtefactUses(db: Kysely<Database>, artefact: string): Promise<StoredArtefactUse[]> {
  const rows = await db
    .selectFrom('artefact_uses as u')
    .innerJoin('versions as v', (join) => join.onRef('v.standard_id', '=', 'u.standard_id').onRef('v.version', '=', 'u.version'))
    .select(['u.standard_id', 'u.version', 'v.status', 'u.pointer', 'u.ref', 'u.via'])
    .where('u.artefact', '=', artefact)
    .execute();
  return rows
    .map((r): StoredArtefactUse => ({
      artefact,
      standardId: r.standard_id,
      version: r.version,
      status: r.status as VersionStatus,
      pointer: r.pointer,
      ref: r.ref,
      ...(r.via !== '' ? { via: r.via } : {}),
    }))
    .sort(
      (a, b) =>
        (a.standardId < b.standardId ? -1 : a.standardId > b.standardId ? 1 : semver.compare(a.version, b.version)) ||
        (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0) ||
        ((a.via ?? '') < (b.via ?? '') ? -1 : (a.via ?? '') > (b.via ?? '') ? 1 : 0),
    );
}
