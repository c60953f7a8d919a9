/** The artefact queries of the Kysely store (kysely-store.ts delegates to these), the same on both databases. */
import semver from 'semver';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ArtefactVersionsTable, Database } from './database.js';
import type { ArtefactPublishOutcome, ArtefactStatus, ArtefactSummary, StoredArtefact } from './types.js';

type Kind = StoredArtefact['kind'];
type Run = <T>(work: (tx: Transaction<Database>) => Promise<T>) => Promise<T>;

const now = (): string => new Date().toISOString();
const SUMMARY = ['kind', 'id', 'version', 'status', 'title', 'content_hash', 'changelog', 'owner', 'published_at', 'published_by'] as const;

const toSummary = (r: Omit<Selectable<ArtefactVersionsTable>, 'document' | 'schema_json'>): ArtefactSummary => ({
  kind: r.kind as Kind,
  id: r.id,
  version: r.version,
  status: r.status as ArtefactStatus,
  title: r.title,
  contentHash: r.content_hash,
  changelog: r.changelog,
  owner: r.owner,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

const toArtefact = (r: Selectable<ArtefactVersionsTable>): StoredArtefact => ({ ...toSummary(r), document: r.document, schema: r.schema_json });

const order = (a: ArtefactSummary, b: ArtefactSummary): number =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : semver.compare(a.version, b.version);

export async function listArtefacts(db: Kysely<Database>, kind?: Kind): Promise<ArtefactSummary[]> {
  let query = db.selectFrom('artefact_versions').select([...SUMMARY]);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.execute()).map(toSummary).sort(order);
}

/** Where a page of artefact versions starts: strictly after this one, in the list's order. */
export interface ArtefactPageStart {
  kind: Kind;
  id: string;
  version: string;
}

/**
 * Up to `limit` artefact versions in the list's order (kind, id, then semver), after `after`. Kinds and ids
 * are ordered by the database; semver order is not SQL's, so the artefact cut at the page's end is read
 * whole and sorted here: a page reads `limit` rows plus the versions of at most two artefacts.
 */
export async function listArtefactsPage(db: Kysely<Database>, page: { kind?: Kind; after?: ArtefactPageStart; limit: number }): Promise<ArtefactSummary[]> {
  const { kind, after, limit } = page;
  const base = () => {
    let query = db.selectFrom('artefact_versions').select([...SUMMARY]);
    if (kind) query = query.where('kind', '=', kind);
    return query;
  };
  const versionsOf = async (k: Kind, id: string) =>
    (await base().where('kind', '=', k).where('id', '=', id).execute()).map(toSummary).sort((a, b) => semver.compare(a.version, b.version));
  // The rest of the artefact the last page ended in.
  const rows = after ? (await versionsOf(after.kind, after.id)).filter((a) => semver.gt(a.version, after.version)) : [];
  if (rows.length > limit) return rows.slice(0, limit);
  let query = base();
  if (after) query = query.where((eb) => eb.or([eb('kind', '>', after.kind), eb.and([eb('kind', '=', after.kind), eb('id', '>', after.id)])]));
  const more = (
    await query
      .orderBy('kind')
      .orderBy('id')
      .limit(limit - rows.length)
      .execute()
  ).map(toSummary);
  // Whole artefacts in the database's order, each one's versions in semver order; the last one read whole.
  const groups: ArtefactSummary[][] = [];
  for (const row of more) {
    const group = groups.at(-1);
    if (group && group[0]!.kind === row.kind && group[0]!.id === row.id) group.push(row);
    else groups.push([row]);
  }
  const last = groups.at(-1);
  if (last && more.length === limit - rows.length) groups[groups.length - 1] = await versionsOf(last[0]!.kind, last[0]!.id);
  for (const group of groups) rows.push(...group.sort((a, b) => semver.compare(a.version, b.version)));
  return rows.slice(0, limit);
}

/** The ids of the stored artefacts of a kind (each once), for a not-found's nearest names. */
export async function listArtefactIds(db: Kysely<Database>, kind: Kind): Promise<string[]> {
  return (await db.selectFrom('artefact_versions').select('id').distinct().where('kind', '=', kind).execute()).map((r) => r.id);
}

export async function listArtefactVersions(db: Kysely<Database>, kind: Kind, id: string): Promise<StoredArtefact[]> {
  const rows = await db.selectFrom('artefact_versions').selectAll().where('kind', '=', kind).where('id', '=', id).execute();
  return rows.map(toArtefact).sort(order);
}

export async function getArtefact(db: Kysely<Database>, kind: Kind, id: string, version: string): Promise<StoredArtefact | undefined> {
  const row = await db
    .selectFrom('artefact_versions')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toArtefact(row);
}

const detailOf = (kind: Kind, id: string): string => `${kind === 'code-list' ? 'code-lists' : 'definitions'}/${id}`;

export async function publishArtefact(run: Run, artefact: Omit<StoredArtefact, 'publishedAt'>): Promise<ArtefactPublishOutcome> {
  const at = now();
  return run(async (tx) => {
    const inserted = await tx
      .insertInto('artefact_versions')
      .values({
        kind: artefact.kind,
        id: artefact.id,
        version: artefact.version,
        status: artefact.status,
        title: artefact.title,
        document: artefact.document,
        schema_json: artefact.schema,
        content_hash: artefact.contentHash,
        changelog: artefact.changelog,
        owner: artefact.owner,
        published_at: at,
        published_by: artefact.publishedBy,
      })
      .onConflict((oc) => oc.columns(['kind', 'id', 'version']).doNothing())
      .executeTakeFirst();
    const stored = toArtefact(
      await tx
        .selectFrom('artefact_versions')
        .selectAll()
        .where('kind', '=', artefact.kind)
        .where('id', '=', artefact.id)
        .where('version', '=', artefact.version)
        .executeTakeFirstOrThrow(),
    );
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      await tx
        .insertInto('audit_log')
        .values({
          at,
          actor: artefact.publishedBy,
          action: 'artefact-publish',
          standard_id: null,
          version: artefact.version,
          content_hash: artefact.contentHash,
          detail: detailOf(artefact.kind, artefact.id),
        })
        .execute();
      return { outcome: 'created', artefact: stored };
    }
    return { outcome: stored.contentHash === artefact.contentHash ? 'identical' : 'conflict', artefact: stored };
  });
}

export async function setArtefactStatus(run: Run, kind: Kind, id: string, version: string, status: ArtefactStatus, actor: string): Promise<boolean> {
  return run(async (tx) => {
    const result = await tx
      .updateTable('artefact_versions')
      .set({ status })
      .where('kind', '=', kind)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    const row = await tx
      .selectFrom('artefact_versions')
      .select('content_hash')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    const action = status === 'retired' ? 'artefact-retire' : status === 'deprecated' ? 'artefact-deprecate' : 'artefact-publish';
    await tx
      .insertInto('audit_log')
      .values({ at: now(), actor, action, standard_id: null, version, content_hash: row.content_hash, detail: detailOf(kind, id) })
      .execute();
    return true;
  });
}
