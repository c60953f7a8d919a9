/** The artefact queries of the Kysely store (kysely-store.ts delegates to these), the same on both databases. */
import semver from 'semver';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ArtefactVersionsTable, Database } from './database.js';
import type {
  ArtefactEntry,
  ArtefactPublishOutcome,
  ArtefactStatus,
  ArtefactSummary,
  CheckedAgainst,
  MovedOutcome,
  StoredArtefact,
  VersionWindow,
} from './types.js';
import { lockPublishes } from './publish-order.js';
import { versionKey } from './version-key.js';
import { inWindow } from './version-window.js';

type Kind = StoredArtefact['kind'];
type Run = <T>(work: (tx: Transaction<Database>) => Promise<T>) => Promise<T>;

const now = (): string => new Date().toISOString();
const SUMMARY = ['kind', 'id', 'version', 'status', 'title', 'content_hash', 'changelog', 'owner', 'published_at', 'published_by'] as const;

const toSummary = (r: Omit<Selectable<ArtefactVersionsTable>, 'document' | 'schema_json' | 'version_key'>): ArtefactSummary => ({
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
 * Up to `limit` artefact versions in the list's order (kind, id, then semver by the sort key), strictly
 * after `after`: a keyset read of `limit` rows by the index, however many versions an artefact has.
 */
export async function listArtefactsPage(db: Kysely<Database>, page: { kind?: Kind; after?: ArtefactPageStart; limit: number }): Promise<ArtefactSummary[]> {
  const { kind, after, limit } = page;
  let query = db.selectFrom('artefact_versions').select([...SUMMARY]);
  if (kind) query = query.where('kind', '=', kind);
  if (after) {
    const key = versionKey(after.version);
    query = query.where((eb) =>
      eb.or([
        eb('kind', '>', after.kind),
        eb.and([eb('kind', '=', after.kind), eb('id', '>', after.id)]),
        eb.and([eb('kind', '=', after.kind), eb('id', '=', after.id), eb('version_key', '>', key)]),
      ]),
    );
  }
  const rows = await query.orderBy('kind').orderBy('id').orderBy('version_key').limit(limit).execute();
  return rows.map(toSummary);
}

/** A window of one artefact's versions (VersionWindow), without their text. */
export async function listArtefactWindow(db: Kysely<Database>, kind: Kind, id: string, window: VersionWindow): Promise<ArtefactSummary[]> {
  const query = db
    .selectFrom('artefact_versions')
    .select([...SUMMARY])
    .where('kind', '=', kind)
    .where('id', '=', id);
  return (await inWindow(query, window).execute()).map(toSummary);
}

export async function countArtefactVersions(db: Kysely<Database>, kind: Kind, id: string): Promise<number> {
  const row = await db
    .selectFrom('artefact_versions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const LIVE = ['published', 'deprecated'];

/**
 * Up to `limit` artefacts of a kind by id after `after`, each with its number of versions (one grouped
 * query) and its latest live version, else its latest (one indexed row each): a catalogue page reads
 * about twice its rows, however many versions each artefact has.
 */
export async function listArtefactEntries(db: Kysely<Database>, kind: Kind, page: { after?: string; limit: number }): Promise<ArtefactEntry[]> {
  let query = db
    .selectFrom('artefact_versions')
    .select((eb) => ['id', eb.fn.countAll().as('n')])
    .where('kind', '=', kind);
  if (page.after !== undefined) query = query.where('id', '>', page.after);
  const ids = await query.groupBy('id').orderBy('id').limit(page.limit).execute();
  const entries: ArtefactEntry[] = [];
  for (const { id, n } of ids) {
    const [live] = await listArtefactWindow(db, kind, id, { statuses: LIVE, newestFirst: true, limit: 1 });
    const latest = live ?? (await listArtefactWindow(db, kind, id, { newestFirst: true, limit: 1 }))[0]!;
    entries.push({ id, versions: Number(n), latest });
  }
  return entries;
}

/**
 * The ids of a kind's stored artefacts nearest `id` in id order (each once), by id: at most `perSide` before
 * it and `perSide` from it on, two range reads of the primary key (a not-found's nearest names).
 */
export async function listArtefactIdsAround(db: Kysely<Database>, kind: Kind, id: string, perSide: number): Promise<string[]> {
  if (perSide < 1) return [];
  const ids = db.selectFrom('artefact_versions').select('id').where('kind', '=', kind).groupBy('id');
  const before = await ids.where('id', '<', id).orderBy('id', 'desc').limit(perSide).execute();
  const from = await ids.where('id', '>=', id).orderBy('id').limit(perSide).execute();
  return [...before.reverse(), ...from].map((r) => r.id);
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

/** `checked`: written only while its `latest` is still the artefact's latest version besides this one (publish-order.ts). */
export async function publishArtefact(
  run: Run,
  artefact: Omit<StoredArtefact, 'publishedAt'>,
  checked?: CheckedAgainst & { kind: 'sqlite' | 'postgres' },
): Promise<ArtefactPublishOutcome | MovedOutcome> {
  const at = now();
  return run(async (tx) => {
    if (checked) {
      await lockPublishes(tx, checked.kind, `artefact ${artefact.kind} ${artefact.id}`);
      const [latest] = await tx
        .selectFrom('artefact_versions')
        .select('version')
        .where('kind', '=', artefact.kind)
        .where('id', '=', artefact.id)
        .where('version', '!=', artefact.version)
        .where('version_key', 'is not', null) // as the version windows read them (a row without its key is filled at start)
        .orderBy('version_key', 'desc')
        .limit(1)
        .execute();
      if (latest?.version !== checked.latest) return { outcome: 'moved', latest: latest?.version };
    }
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
        version_key: versionKey(artefact.version),
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
