/** Which artefact versions each standard version uses (kysely-store.ts delegates to these), the same on both databases. */
import semver from 'semver';
import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * The ids of the standards some version of which names some version of one artefact itself (not through
 * another artefact), each once, by id, the first `limit` of them, and how many there are in all: one query
 * joining the artefact's versions to the uses by index, so it returns a row a standard however many versions
 * the artefact has, and at most `limit` rows however many standards use it (a count, only when there may be
 * more). `uri` is the artefact's `conform:` URI without its version (`conform:code-lists/colour/`).
 */
export async function listArtefactNamers(
  db: Kysely<Database>,
  kind: string,
  id: string,
  uri: string,
  limit: number,
): Promise<{ standardIds: string[]; total: number }> {
  const namers = db
    .selectFrom('artefact_versions as a')
    .innerJoin('artefact_uses as u', (join) => join.on(sql<boolean>`u.artefact = ${uri} || a.version`))
    .where('a.kind', '=', kind)
    .where('a.id', '=', id)
    .where('u.via', '=', '');
  const rows = await namers.select('u.standard_id').distinct().orderBy('u.standard_id').limit(limit).execute();
  const standardIds = rows.map((r) => r.standard_id);
  if (standardIds.length < limit) return { standardIds, total: standardIds.length };
  const counted = await namers.select(sql<string | number>`count(distinct u.standard_id)`.as('n')).executeTakeFirst();
  return { standardIds, total: Number(counted?.n ?? 0) };
}

/**
 * The recorded uses of an artefact version (by URI), with each using version's current status, by standard,
 * semver, pointer: the first `limit` (chosen in that order by index and version key, then sorted here as
 * always), and `total`, how many there are (a count only when the page is full).
 */
export async function listArtefactUses(db: Kysely<Database>, artefact: string, limit: number): Promise<{ uses: StoredArtefactUse[]; total: number }> {
  const rows = await db
    .selectFrom('artefact_uses as u')
    .innerJoin('versions as v', (join) => join.onRef('v.standard_id', '=', 'u.standard_id').onRef('v.version', '=', 'u.version'))
    .select(['u.standard_id', 'u.version', 'v.status', 'u.pointer', 'u.ref', 'u.via'])
    .where('u.artefact', '=', artefact)
    .orderBy('u.standard_id')
    .orderBy('v.version_key')
    .orderBy('u.pointer')
    .orderBy('u.via')
    .limit(limit)
    .execute();
  const uses = rows
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
  if (uses.length < limit) return { uses, total: uses.length };
  const counted = await db
    .selectFrom('artefact_uses')
    .select(sql<string | number>`count(*)`.as('n'))
    .where('artefact', '=', artefact)
    .executeTakeFirst();
  return { uses, total: Number(counted?.n ?? 0) };
}
