/** The Store over Kysely: the same queries on SQLite and PostgreSQL. */
import semver from 'semver';
import { Migrator, type Kysely, type LogEvent, type Selectable, type Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database, StandardsTable, TokensTable, VersionsTable, AuditTable, SubmissionsTable, SessionsTable } from './database.js';
import { migrationProvider } from './migrations.js';
import * as artefacts from './artefact-queries.js';
import * as artefactUses from './artefact-use-queries.js';
import { versionKey } from './version-key.js';
import { inWindow } from './version-window.js';
import { fillVersionKeys, type KeysFilled } from './version-key-fill.js';
import { lockPublishes } from './publish-order.js';
import {
  QUALITY_DIMENSIONS,
  type ArtefactEntry,
  type ArtefactPublishOutcome,
  type ArtefactStatus,
  type ArtefactSummary,
  type ArtefactUseRecord,
  type CheckedAgainst,
  type MovedOutcome,
  type StoredArtefactUse,
  type StoredArtefact,
  type AuditEntry,
  type QualityAggregate,
  type QualityFilter,
  type QualityPoint,
  type StandardOwner,
  type VersionSummary,
  type PublishOutcome,
  type Role,
  type Store,
  type StoredStandard,
  type StoredSubmission,
  type StoredColumnMapping,
  type StoredToken,
  type StoredSession,
  type StoredVersion,
  type NewVersion,
  type SubmissionFilter,
  type Withdrawal,
  type VersionStatus,
  type VersionWindow,
} from './types.js';

const now = (): string => new Date().toISOString();

const toStandard = (r: Selectable<StandardsTable>): StoredStandard => ({
  id: r.id,
  title: r.title,
  owner: r.owner,
  description: r.description,
  metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toVersion = (r: Selectable<VersionsTable>): StoredVersion => ({
  standardId: r.standard_id,
  version: r.version,
  status: r.status as VersionStatus,
  schema: r.schema_json,
  contentHash: r.content_hash,
  changelog: r.changelog,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

const toSummary = (r: Omit<Selectable<VersionsTable>, 'schema_json' | 'uses_indexed' | 'version_key'>): VersionSummary => ({
  standardId: r.standard_id,
  version: r.version,
  status: r.status as VersionStatus,
  contentHash: r.content_hash,
  changelog: r.changelog,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

/** A version's columns but its schema text (a VersionSummary's). */
const VERSION_SUMMARY_COLUMNS = ['standard_id', 'version', 'status', 'content_hash', 'changelog', 'published_at', 'published_by'] as const;

const toToken = (r: Selectable<TokensTable>): StoredToken => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  organisation: r.organisation,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const toSession = (r: Selectable<SessionsTable>): StoredSession => ({
  idHash: r.id_hash,
  tokenId: r.token_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  endedAt: r.ended_at,
});

const toAudit = (r: Selectable<AuditTable>): AuditEntry => ({
  id: Number(r.id),
  at: r.at,
  actor: r.actor,
  action: r.action as AuditEntry['action'],
  standardId: r.standard_id,
  version: r.version,
  contentHash: r.content_hash,
  detail: r.detail ?? null,
});

/** A submission's columns but its report and quality JSON (what a list shows). */
const SUMMARY_COLUMNS = [
  'id',
  'organisation',
  'submitted_by',
  'standard_id',
  'version',
  'created_at',
  'valid',
  'records',
  'period',
  'period_start',
  'period_end',
  'period_deadline',
  'file_name',
  'file_size',
  'withdrawn_at',
  'withdrawn_by',
  'withdrawal_reason',
] as const;

const toSubmission = (r: Pick<Selectable<SubmissionsTable>, (typeof SUMMARY_COLUMNS)[number] | 'report' | 'quality'>): StoredSubmission => ({
  id: r.id,
  organisation: r.organisation,
  submittedBy: r.submitted_by,
  standardId: r.standard_id,
  version: r.version,
  createdAt: r.created_at,
  valid: Number(r.valid) === 1,
  records: Number(r.records),
  report: r.report,
  quality: r.quality,
  period: periodOf(r),
  periodDeadline: r.period_deadline ?? null,
  fileName: r.file_name ?? null,
  fileSize: r.file_size === null || r.file_size === undefined ? null : Number(r.file_size),
  withdrawn: r.withdrawn_at !== null ? { at: r.withdrawn_at, by: r.withdrawn_by ?? '', reason: r.withdrawal_reason ?? '' } : null,
});

const periodOf = (r: { period: string | null; period_start: string | null; period_end: string | null }) =>
  r.period !== null && r.period_start !== null && r.period_end !== null ? { id: r.period, start: r.period_start, end: r.period_end } : null;

/**
 * Where a submission stands in a trend (indexed with the standard): its period's first day, then when it
 * was made (`2026-04-01 2026-08-03T10:00:00.000Z`); when it was made for one without a period. As text
 * they sort by date first, and a period's submissions before one without a period made on its first day.
 */
const trendKey = (s: Pick<StoredSubmission, 'createdAt' | 'period'>): string => (s.period ? `${s.period.start} ${s.createdAt}` : s.createdAt);

/** Orders semver strings numerically (1.10.0 after 1.9.0). */
const bySemver = (a: { version: string }, b: { version: string }): number => semver.compare(a.version, b.version);

const score = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** The scores of a submission's `quality` JSON (`{ overall, dimensions }`) as column values. */
function scoreColumns(quality: string | null) {
  const parsed = quality === null ? undefined : (JSON.parse(quality) as { overall?: unknown; failsValidity?: unknown; dimensions?: Record<string, unknown> });
  const dimension = (name: string) => score(parsed?.dimensions?.[name]);
  return {
    fails_validity: typeof parsed?.failsValidity === 'boolean' ? (parsed.failsValidity ? 1 : 0) : null,
    q_overall: score(parsed?.overall),
    q_validity: dimension('validity'),
    q_completeness: dimension('completeness'),
    q_uniqueness: dimension('uniqueness'),
    q_consistency: dimension('consistency'),
    q_timeliness: dimension('timeliness'),
    q_defaults: dimension('defaults'),
  };
}

/** A probe row of this size needs new pages: a full database refuses it. */
const PROBE_BYTES = 64 * 1024;
class ProbeRollback extends Error {}

const PRUNE_BATCH = 1000;

/** What an adapter's opener may be told to do beside storing: time each query (the service's metrics). */
export interface StoreHooks {
  /** Called after each query with its kind (select, insert, update, delete, other), whether it succeeded, and its milliseconds. */
  onQuery?: (operation: string, ok: boolean, ms: number) => void;
}

const QUERY_KINDS: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};

/** Kysely's log hook for `hooks.onQuery`, or undefined when nobody listens. */
export function queryLog(hooks: StoreHooks | undefined): ((event: LogEvent) => void) | undefined {
  const onQuery = hooks?.onQuery;
  if (!onQuery) return undefined;
  return (event) => onQuery(QUERY_KINDS[event.query.query.kind] ?? 'other', event.level === 'query', event.queryDurationMillis);
}

export class KyselyStore implements Store {
  /** The version keys the last start filled (version-key-fill.ts: rows a replica from before 0016 inserted). */
  keysFilled: KeysFilled = { versions: 0, artefacts: 0 };
  readonly backup?: (destination: string) => Promise<{ bytes: number }>;

  constructor(
    readonly kind: 'sqlite' | 'postgres',
    private readonly db: Kysely<Database>,
    extras: { backup?: (destination: string) => Promise<{ bytes: number }>; file?: string } = {},
  ) {
    if (extras.backup) this.backup = extras.backup;
    if (extras.file !== undefined) this.reportFile = extras.file;
  }

  readonly reportFile?: string;

  /**
   * Runs `work` in a transaction. When a statement fails, the error it threw is the one thrown: SQLite
   * rolls a transaction back by itself on some errors (SQLITE_FULL), and the ROLLBACK that follows would
   * otherwise replace the cause with "no transaction is active".
   */
  private async transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    let cause: { error: unknown } | undefined;
    try {
      return await this.db.transaction().execute(async (tx) => {
        try {
          return await work(tx);
        } catch (error) {
          cause = { error };
          throw error;
        }
      });
    } catch (error) {
      throw cause ? cause.error : error;
    }
  }

  async migrate(): Promise<void> {
    // On PostgreSQL the migrator's own tables are looked for in the connection's schema: unnamed, Kysely
    // finds them in any schema of the database, and a store in a new schema (a second deployment, a test
    // or the cluster test beside others) then skips creating its lock table and fails.
    const schema = this.kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db)).rows[0]?.schema : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.kind), ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error('the migrations failed', { cause: error });
    this.keysFilled = await fillVersionKeys(this.db, schema);
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async listStandards(page?: { after?: string; limit: number }): Promise<StoredStandard[]> {
    let query = this.db.selectFrom('standards').selectAll().orderBy('id');
    if (page?.after !== undefined) query = query.where('id', '>', page.after);
    if (page) query = query.limit(page.limit);
    return (await query.execute()).map(toStandard);
  }

  async listStandardIdsAround(id: string, perSide: number): Promise<string[]> {
    if (perSide < 1) return [];
    const ids = this.db.selectFrom('standards').select('id');
    const before = await ids.where('id', '<', id).orderBy('id', 'desc').limit(perSide).execute();
    const from = await ids.where('id', '>=', id).orderBy('id').limit(perSide).execute();
    return [...before.reverse(), ...from].map((r) => r.id);
  }

  async searchStandards(words: readonly string[], page: { after?: string; limit: number }): Promise<StoredStandard[]> {
    // The four columns as one text, as the catalogue's search has always read them; each word a LIKE with
    // its wildcards escaped; the words come lower case, the text is lowered (every letter: the SQLite store's lower() is JavaScript's, sqlite.ts).
    const text = sql<string>`lower(id || ' ' || title || ' ' || owner || ' ' || description)`;
    let query = this.db.selectFrom('standards').selectAll().orderBy('id').limit(page.limit);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    for (const word of words) query = query.where(sql<boolean>`${text} like ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
    return (await query.execute()).map(toStandard);
  }

  async createStandard(standard: Omit<StoredStandard, 'createdAt' | 'updatedAt'>, owner: string, actor: string): Promise<boolean> {
    const at = now();
    return this.transaction(async (tx) => {
      const inserted = await tx
        .insertInto('standards')
        .values({
          id: standard.id,
          title: standard.title,
          owner: standard.owner,
          description: standard.description,
          metadata: JSON.stringify(standard.metadata),
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      await tx.insertInto('standard_owners').values({ standard_id: standard.id, owner, granted_at: at, granted_by: actor }).execute();
      await tx
        .insertInto('audit_log')
        .values({ at, actor, action: 'standard-create', standard_id: standard.id, version: null, content_hash: null, detail: owner })
        .execute();
      return true;
    });
  }

  async listOwners(standardId: string, limit?: number): Promise<StandardOwner[]> {
    let query = this.db.selectFrom('standard_owners').selectAll().where('standard_id', '=', standardId).orderBy('granted_at').orderBy('owner');
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.execute();
    return rows.map((r) => ({ standardId: r.standard_id, owner: r.owner, grantedAt: r.granted_at, grantedBy: r.granted_by }));
  }

  async isAnOwner(standardId: string, owners: readonly string[]): Promise<boolean> {
    if (owners.length === 0) return false;
    const row = await this.db
      .selectFrom('standard_owners')
      .select('owner')
      .where('standard_id', '=', standardId)
      .where('owner', 'in', [...owners])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async grantOwner(standardId: string, owner: string, actor: string): Promise<boolean> {
    const at = now();
    return this.transaction(async (tx) => {
      const inserted = await tx
        .insertInto('standard_owners')
        .values({ standard_id: standardId, owner, granted_at: at, granted_by: actor })
        .onConflict((oc) => oc.columns(['standard_id', 'owner']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      await tx
        .insertInto('audit_log')
        .values({ at, actor, action: 'owner-grant', standard_id: standardId, version: null, content_hash: null, detail: owner })
        .execute();
      return true;
    });
  }

  async revokeOwner(standardId: string, owner: string, actor: string): Promise<boolean> {
    return this.transaction(async (tx) => {
      const deleted = await tx.deleteFrom('standard_owners').where('standard_id', '=', standardId).where('owner', '=', owner).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await tx
        .insertInto('audit_log')
        .values({ at: now(), actor, action: 'owner-revoke', standard_id: standardId, version: null, content_hash: null, detail: owner })
        .execute();
      return true;
    });
  }

  async getStandard(id: string): Promise<StoredStandard | undefined> {
    const row = await this.db.selectFrom('standards').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStandard(row);
  }

  async listStandardTitles(ids: readonly string[]): Promise<{ id: string; title: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('standards')
      .select(['id', 'title'])
      .where('id', 'in', [...ids])
      .orderBy('id')
      .execute();
  }

  async saveStandard(standard: Omit<StoredStandard, 'createdAt' | 'updatedAt'>, actor: string): Promise<StoredStandard> {
    const at = now();
    const values = {
      title: standard.title,
      owner: standard.owner,
      description: standard.description,
      metadata: JSON.stringify(standard.metadata),
      updated_at: at,
    };
    await this.transaction(async (tx) => {
      await tx
        .insertInto('standards')
        .values({ id: standard.id, ...values, created_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await tx
        .insertInto('audit_log')
        .values({ at, actor, action: 'standard-update', standard_id: standard.id, version: null, content_hash: null, detail: null })
        .execute();
    });
    return (await this.getStandard(standard.id))!;
  }

  async listVersions(standardId: string): Promise<StoredVersion[]> {
    const rows = await this.db.selectFrom('versions').selectAll().where('standard_id', '=', standardId).execute();
    return rows.map(toVersion).sort(bySemver);
  }

  async listVersionWindow(standardId: string, window: VersionWindow): Promise<VersionSummary[]> {
    const query = this.db
      .selectFrom('versions')
      .select(['standard_id', 'version', 'status', 'content_hash', 'changelog', 'published_at', 'published_by'])
      .where('standard_id', '=', standardId);
    return (await inWindow(query, window).execute()).map(toSummary);
  }

  async listLatestVersions(standardIds: readonly string[], statuses: readonly string[]): Promise<VersionSummary[]> {
    if (standardIds.length === 0) return [];
    const newest = this.db
      .selectFrom('versions')
      .select((eb) => ['standard_id', eb.fn.max('version_key').as('newest')])
      .where('standard_id', 'in', [...standardIds])
      .where('status', 'in', [...statuses])
      .groupBy('standard_id')
      .as('n');
    const rows = await this.db
      .selectFrom('versions as v')
      .innerJoin(newest, (join) => join.onRef('n.standard_id', '=', 'v.standard_id').onRef('n.newest', '=', 'v.version_key'))
      .select(['v.standard_id', 'v.version', 'v.status', 'v.content_hash', 'v.changelog', 'v.published_at', 'v.published_by'])
      .orderBy('v.standard_id')
      .execute();
    return rows.map(toSummary);
  }

  async listLatestPerMajor(statuses: readonly string[], scope: { standardIds?: readonly string[]; limit?: number } = {}): Promise<VersionSummary[]> {
    const { standardIds, limit } = scope;
    if (standardIds?.length === 0 || (limit !== undefined && limit < 1)) return [];
    // A key's first 16 characters are its major (version-key.ts); the group's max its newest version.
    const major = sql<string>`substr(version_key, 1, 16)`;
    let grouped = this.db
      .selectFrom('versions')
      .select((eb) => ['standard_id', eb.fn.max('version_key').as('newest')])
      .where('status', 'in', [...statuses]);
    if (standardIds) grouped = grouped.where('standard_id', 'in', [...standardIds]);
    const newest = grouped.groupBy(['standard_id', major]).as('n');
    const rows = await this.db
      .selectFrom('versions as v')
      .innerJoin(newest, (join) => join.onRef('n.standard_id', '=', 'v.standard_id').onRef('n.newest', '=', 'v.version_key'))
      .select(VERSION_SUMMARY_COLUMNS.map((c) => `v.${c}` as const))
      .orderBy('v.standard_id')
      .orderBy('v.version_key')
      .$if(limit !== undefined, (q) => q.limit(limit!))
      .execute();
    return rows.map(toSummary);
  }

  async listNewestVersions(standardIds: readonly string[], statuses: readonly string[], perStandard: number): Promise<VersionSummary[]> {
    if (standardIds.length === 0 || perStandard < 1) return [];
    const ranked = this.db
      .selectFrom('versions')
      .select([...VERSION_SUMMARY_COLUMNS, 'version_key', sql<number>`row_number() over (partition by standard_id order by version_key desc)`.as('place')])
      .where('standard_id', 'in', [...standardIds])
      .where('status', 'in', [...statuses])
      .as('r');
    const rows = await this.db
      .selectFrom(ranked)
      .select(VERSION_SUMMARY_COLUMNS)
      .where('place', '<=', perStandard)
      .orderBy('standard_id')
      .orderBy('version_key', 'desc')
      .execute();
    return rows.map(toSummary);
  }

  async getVersionSummary(standardId: string, version: string): Promise<VersionSummary | undefined> {
    const row = await this.db
      .selectFrom('versions')
      .select(VERSION_SUMMARY_COLUMNS)
      .where('standard_id', '=', standardId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && toSummary(row);
  }

  async countVersions(standardId: string): Promise<number> {
    const row = await this.db
      .selectFrom('versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('standard_id', '=', standardId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getVersion(standardId: string, version: string): Promise<StoredVersion | undefined> {
    const row = await this.db.selectFrom('versions').selectAll().where('standard_id', '=', standardId).where('version', '=', version).executeTakeFirst();
    return row && toVersion(row);
  }

  publishVersion(version: NewVersion): Promise<PublishOutcome>;
  publishVersion(version: NewVersion, checked: CheckedAgainst): Promise<PublishOutcome | MovedOutcome>;
  async publishVersion(version: NewVersion, checked?: CheckedAgainst): Promise<PublishOutcome | MovedOutcome> {
    const at = now();
    return this.transaction(async (tx) => {
      if (checked) {
        await lockPublishes(tx, this.kind, `standard ${version.standardId}`);
        const [latest] = await tx
          .selectFrom('versions')
          .select('version')
          .where('standard_id', '=', version.standardId)
          .where('version', '!=', version.version)
          .where('status', '!=', 'draft')
          .where('version_key', 'is not', null) // as the version windows read them (a row without its key is filled at start)
          .orderBy('version_key', 'desc')
          .limit(1)
          .execute();
        if (latest?.version !== checked.latest) return { outcome: 'moved', latest: latest?.version };
      }
      const inserted = await tx
        .insertInto('versions')
        .values({
          standard_id: version.standardId,
          version: version.version,
          status: version.status,
          schema_json: version.schema,
          content_hash: version.contentHash,
          changelog: version.changelog,
          published_at: version.publishedAt ?? at,
          published_by: version.publishedBy,
          version_key: versionKey(version.version),
        })
        .onConflict((oc) => oc.columns(['standard_id', 'version']).doNothing())
        .executeTakeFirst();
      const stored = toVersion(
        await tx
          .selectFrom('versions')
          .selectAll()
          .where('standard_id', '=', version.standardId)
          .where('version', '=', version.version)
          .executeTakeFirstOrThrow(),
      );
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
        await tx
          .insertInto('audit_log')
          .values({
            at,
            actor: version.publishedBy,
            action: 'publish',
            standard_id: version.standardId,
            version: version.version,
            content_hash: version.contentHash,
            detail: null,
          })
          .execute();
        return { outcome: 'created', version: stored };
      }
      return { outcome: stored.contentHash === version.contentHash ? 'identical' : 'conflict', version: stored };
    });
  }

  async setVersionStatus(standardId: string, version: string, status: VersionStatus, actor: string): Promise<boolean> {
    return this.transaction(async (tx) => {
      const result = await tx.updateTable('versions').set({ status }).where('standard_id', '=', standardId).where('version', '=', version).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const row = await tx
        .selectFrom('versions')
        .select('content_hash')
        .where('standard_id', '=', standardId)
        .where('version', '=', version)
        .executeTakeFirstOrThrow();
      const action = status === 'retired' ? 'retire' : 'deprecate';
      await tx
        .insertInto('audit_log')
        .values({ at: now(), actor, action, standard_id: standardId, version, content_hash: row.content_hash, detail: null })
        .execute();
      return true;
    });
  }

  listArtefacts(kind?: StoredArtefact['kind']): Promise<ArtefactSummary[]> {
    return artefacts.listArtefacts(this.db, kind);
  }

  listArtefactsPage(page: { kind?: StoredArtefact['kind']; after?: artefacts.ArtefactPageStart; limit: number }): Promise<ArtefactSummary[]> {
    return artefacts.listArtefactsPage(this.db, page);
  }

  listArtefactIdsAround(kind: StoredArtefact['kind'], id: string, perSide: number): Promise<string[]> {
    return artefacts.listArtefactIdsAround(this.db, kind, id, perSide);
  }

  listArtefactEntries(kind: StoredArtefact['kind'], page: { after?: string; limit: number }): Promise<ArtefactEntry[]> {
    return artefacts.listArtefactEntries(this.db, kind, page);
  }

  listArtefactWindow(kind: StoredArtefact['kind'], id: string, window: VersionWindow): Promise<ArtefactSummary[]> {
    return artefacts.listArtefactWindow(this.db, kind, id, window);
  }

  countArtefactVersions(kind: StoredArtefact['kind'], id: string): Promise<number> {
    return artefacts.countArtefactVersions(this.db, kind, id);
  }

  getArtefact(kind: StoredArtefact['kind'], id: string, version: string): Promise<StoredArtefact | undefined> {
    return artefacts.getArtefact(this.db, kind, id, version);
  }

  publishArtefact(artefact: Omit<StoredArtefact, 'publishedAt'>): Promise<ArtefactPublishOutcome>;
  publishArtefact(artefact: Omit<StoredArtefact, 'publishedAt'>, checked: CheckedAgainst): Promise<ArtefactPublishOutcome | MovedOutcome>;
  publishArtefact(artefact: Omit<StoredArtefact, 'publishedAt'>, checked?: CheckedAgainst): Promise<ArtefactPublishOutcome | MovedOutcome> {
    return artefacts.publishArtefact((work) => this.transaction(work), artefact, checked && { ...checked, kind: this.kind });
  }

  setArtefactStatus(kind: StoredArtefact['kind'], id: string, version: string, status: ArtefactStatus, actor: string): Promise<boolean> {
    return artefacts.setArtefactStatus((work) => this.transaction(work), kind, id, version, status, actor);
  }

  recordArtefactUses(standardId: string, version: string, uses: readonly ArtefactUseRecord[]): Promise<boolean> {
    return artefactUses.recordArtefactUses((work) => this.transaction(work), standardId, version, uses);
  }

  listVersionsWithoutUses(): Promise<{ standardId: string; version: string }[]> {
    return artefactUses.listVersionsWithoutUses(this.db);
  }

  listArtefactNamers(kind: StoredArtefact['kind'], id: string, uri: string, limit: number): Promise<{ standardIds: string[]; total: number }> {
    return artefactUses.listArtefactNamers(this.db, kind, id, uri, limit);
  }

  listArtefactUses(artefact: string, limit: number): Promise<{ uses: StoredArtefactUse[]; total: number }> {
    return artefactUses.listArtefactUses(this.db, artefact, limit);
  }

  async createToken(token: { id: string; name: string; role: Role; organisation: string | null; hash: string }, actor: string): Promise<StoredToken> {
    const at = now();
    await this.transaction(async (tx) => {
      await tx
        .insertInto('tokens')
        .values({
          id: token.id,
          name: token.name,
          role: token.role,
          organisation: token.organisation,
          token_hash: token.hash,
          created_at: at,
          revoked_at: null,
        })
        .execute();
      await tx
        .insertInto('audit_log')
        .values({ at, actor, action: 'token-create', standard_id: null, version: null, content_hash: null, detail: null })
        .execute();
    });
    return { id: token.id, name: token.name, role: token.role, organisation: token.organisation, createdAt: at, revokedAt: null };
  }

  async findToken(hash: string): Promise<StoredToken | undefined> {
    const row = await this.db.selectFrom('tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
    return row && toToken(row);
  }

  async listTokens(): Promise<StoredToken[]> {
    return (await this.db.selectFrom('tokens').selectAll().orderBy('created_at').execute()).map(toToken);
  }

  async revokeToken(id: string, actor: string): Promise<boolean> {
    return this.transaction(async (tx) => {
      const result = await tx.updateTable('tokens').set({ revoked_at: now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await tx
        .insertInto('audit_log')
        .values({ at: now(), actor, action: 'token-revoke', standard_id: null, version: null, content_hash: null, detail: null })
        .execute();
      return true;
    });
  }

  async countTokens(): Promise<number> {
    const row = await this.db
      .selectFrom('tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findTokenById(id: string): Promise<StoredToken | undefined> {
    const row = await this.db.selectFrom('tokens').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return row && toToken(row);
  }

  async liveTokenRoles(organisation: string): Promise<Role[]> {
    const rows = await this.db
      .selectFrom('tokens')
      .select('role')
      .where('organisation', '=', organisation)
      .where('revoked_at', 'is', null)
      .groupBy('role')
      .orderBy('role')
      .execute();
    return rows.map((r) => r.role as Role);
  }

  async createSession(session: Omit<StoredSession, 'endedAt'>): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: session.idHash, token_id: session.tokenId, created_at: session.createdAt, last_seen_at: session.lastSeenAt, ended_at: null })
      .execute();
  }

  async getSession(idHash: string): Promise<StoredSession | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row && toSession(row);
  }

  async touchSession(idHash: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
  }

  async endSession(idHash: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('sessions').set({ ended_at: at }).where('id_hash', '=', idHash).where('ended_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async endSessionsBeyond(tokenId: string, current: string, keep: number, at: string): Promise<number> {
    const newest = this.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('token_id', '=', tokenId)
      .where('ended_at', 'is', null)
      .where('id_hash', '!=', current)
      .orderBy('created_at', 'desc')
      .orderBy('id_hash', 'desc')
      .limit(Math.max(0, keep - 1));
    const result = await this.db
      .updateTable('sessions')
      .set({ ended_at: at })
      .where('token_id', '=', tokenId)
      .where('ended_at', 'is', null)
      .where('id_hash', '!=', current)
      .where('id_hash', 'not in', newest)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async deleteSessions(before: { lastSeen: string; created: string }): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('ended_at', 'is not', null), eb('last_seen_at', '<', before.lastSeen), eb('created_at', '<', before.created)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listAudit(limit: number, before?: number): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (before !== undefined) query = query.where('id', '<', before);
    return (await query.execute()).map(toAudit);
  }

  async saveSubmission(s: StoredSubmission): Promise<void> {
    await this.db
      .insertInto('submissions')
      .values({
        id: s.id,
        organisation: s.organisation,
        submitted_by: s.submittedBy,
        standard_id: s.standardId,
        version: s.version,
        created_at: s.createdAt,
        valid: s.valid ? 1 : 0,
        records: s.records,
        report: s.report,
        quality: s.quality,
        ...scoreColumns(s.quality),
        period: s.period?.id ?? null,
        period_start: s.period?.start ?? null,
        period_end: s.period?.end ?? null,
        period_deadline: s.period ? (s.periodDeadline ?? null) : null,
        trend_key: trendKey(s),
        file_name: s.fileName ?? null,
        file_size: s.fileSize ?? null,
      })
      .execute();
  }

  async getSubmissionHead(id: string): Promise<StoredSubmission | undefined> {
    const row = await this.db
      .selectFrom('submissions')
      .select(SUMMARY_COLUMNS)
      .select([sql<string>`''`.as('report'), sql<string | null>`null`.as('quality')])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSubmission(row);
  }

  async getReportText(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('submissions').select('report').where('id', '=', id).executeTakeFirst())?.report;
  }

  async getSubmission(id: string): Promise<StoredSubmission | undefined> {
    const row = await this.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubmission(row);
  }

  async listSubmissions(filter: SubmissionFilter): Promise<StoredSubmission[]> {
    let query =
      filter.reports === false
        ? this.db
            .selectFrom('submissions')
            .select(SUMMARY_COLUMNS)
            .select([sql<string>`''`.as('report'), sql<string | null>`null`.as('quality')])
        : this.db.selectFrom('submissions').selectAll();
    if (filter.organisation !== undefined) query = query.where('organisation', '=', filter.organisation);
    if (filter.standardId !== undefined) query = query.where('standard_id', '=', filter.standardId);
    if (filter.period !== undefined) query = query.where('period', '=', filter.period);
    if (filter.valid !== undefined) query = query.where('valid', '=', filter.valid ? 1 : 0);
    if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('created_at', '<=', filter.to);
    const before = filter.before;
    if (before !== undefined) {
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
      );
    }
    const order = filter.ascending ? 'asc' : 'desc';
    return (await query.orderBy('created_at', order).orderBy('id', order).limit(filter.limit).execute()).map(toSubmission);
  }

  async withdrawSubmission(id: string, withdrawal: Withdrawal): Promise<boolean> {
    return this.transaction(async (tx) => {
      const result = await tx
        .updateTable('submissions')
        .set({ withdrawn_at: withdrawal.at, withdrawn_by: withdrawal.by, withdrawal_reason: withdrawal.reason })
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const row = await tx.selectFrom('submissions').select(['standard_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      await tx
        .insertInto('audit_log')
        .values({
          at: withdrawal.at,
          actor: withdrawal.by,
          action: 'submission-withdraw',
          standard_id: row.standard_id,
          version: row.version,
          content_hash: null,
          detail: `submission ${id}: ${withdrawal.reason}`,
        })
        .execute();
      return true;
    });
  }

  /** The scored submissions of one standard (and organisation, and period) that stand (not withdrawn), as a Kysely query. */
  private scored(filter: QualityFilter) {
    let query = this.db
      .selectFrom('submissions')
      .where('standard_id', '=', filter.standardId)
      .where('quality', 'is not', null)
      .where('withdrawn_at', 'is', null);
    if (filter.organisation !== undefined) query = query.where('organisation', '=', filter.organisation);
    if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('created_at', '<=', filter.to);
    return query;
  }

  async qualityPoints(filter: QualityFilter): Promise<QualityPoint[]> {
    const rows = await this.scored(filter)
      .select([
        'id',
        'organisation',
        'version',
        'created_at',
        'period',
        'period_start',
        'period_end',
        'period_deadline',
        'fails_validity',
        'records',
        'q_overall',
        'q_validity',
        'q_completeness',
        'q_uniqueness',
        'q_consistency',
        'q_timeliness',
        'q_defaults',
      ])
      .orderBy('trend_key', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.reverse().map((r) => ({
      id: r.id,
      organisation: r.organisation,
      version: r.version,
      createdAt: r.created_at,
      period: periodOf(r),
      periodDeadline: r.period !== null ? (r.period_deadline ?? null) : null,
      records: Number(r.records),
      failsValidity: r.fails_validity === null ? null : Number(r.fails_validity) === 1,
      overall: score(r.q_overall),
      dimensions: Object.fromEntries(QUALITY_DIMENSIONS.map((d) => [d, score(r[`q_${d}`])])) as QualityPoint['dimensions'],
    }));
  }

  async qualityAggregates(filter: QualityFilter): Promise<QualityAggregate[]> {
    const ranked = this.scored(filter).select((eb) => [
      'organisation',
      'created_at',
      'q_overall',
      eb.fn
        .countAll()
        .over((o) => o.partitionBy('organisation'))
        .as('n'),
      eb.fn
        .avg('q_overall')
        .over((o) => o.partitionBy('organisation'))
        .as('mean'),
      sql<number>`row_number() over (partition by organisation order by trend_key desc, id desc)`.as('position'),
    ]);
    const rows = await this.db
      .selectFrom(ranked.as('ranked'))
      .select(['organisation', 'created_at', 'q_overall', 'n', 'mean'])
      .where('position', '=', 1)
      .orderBy('organisation')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({
      organisation: r.organisation,
      submissions: Number(r.n),
      meanOverall: score(r.mean),
      latestOverall: score(r.q_overall),
      latestAt: r.created_at,
    }));
  }

  async pruneSubmissions(before: string, actor: string): Promise<number> {
    let pruned = 0;
    // In batches, so no one transaction holds the database for long.
    for (;;) {
      const batch = this.db.selectFrom('submissions').select('id').where('created_at', '<', before).limit(PRUNE_BATCH);
      const result = await this.db.deleteFrom('submissions').where('id', 'in', batch).executeTakeFirst();
      const n = Number(result.numDeletedRows);
      pruned += n;
      if (n < PRUNE_BATCH) break;
    }
    if (pruned > 0) {
      await this.db
        .insertInto('audit_log')
        .values({
          at: now(),
          actor,
          action: 'reports-prune',
          standard_id: null,
          version: null,
          content_hash: null,
          detail: `${pruned} reports created before ${before}`,
        })
        .execute();
    }
    return pruned;
  }

  async getColumnMapping(organisation: string, standardId: string): Promise<StoredColumnMapping | undefined> {
    const row = await this.db
      .selectFrom('column_mappings')
      .selectAll()
      .where('organisation', '=', organisation)
      .where('standard_id', '=', standardId)
      .executeTakeFirst();
    return (
      row && {
        organisation: row.organisation,
        standardId: row.standard_id,
        columns: JSON.parse(row.columns) as Record<string, string>,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }
    );
  }

  async saveColumnMapping(mapping: StoredColumnMapping): Promise<void> {
    const values = { columns: JSON.stringify(mapping.columns), updated_at: mapping.updatedAt, updated_by: mapping.updatedBy };
    await this.db
      .insertInto('column_mappings')
      .values({ organisation: mapping.organisation, standard_id: mapping.standardId, ...values })
      .onConflict((oc) => oc.columns(['organisation', 'standard_id']).doUpdateSet(values))
      .execute();
  }

  async deleteColumnMapping(organisation: string, standardId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('column_mappings')
      .where('organisation', '=', organisation)
      .where('standard_id', '=', standardId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async probeWrite(): Promise<void> {
    try {
      await this.transaction(async (tx) => {
        await tx.deleteFrom('storage_probe').execute();
        await tx
          .insertInto('storage_probe')
          .values({ id: 1, filler: 'x'.repeat(PROBE_BYTES) })
          .execute();
        throw new ProbeRollback();
      });
    } catch (error) {
      if (!(error instanceof ProbeRollback)) throw error;
    }
  }
}
