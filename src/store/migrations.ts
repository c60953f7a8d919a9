/** One set of migrations for both databases, written with Kysely's schema builder. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { versionKey } from './version-key.js';

type Kind = 'sqlite' | 'postgres';

const migrations = (kind: Kind): Record<string, Migration> => ({
  '0001-registry': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('standards')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('versions')
        .addColumn('standard_id', 'varchar(100)', (c) => c.notNull().references('standards.id'))
        .addColumn('version', 'varchar(50)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('schema_json', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(80)', (c) => c.notNull())
        .addColumn('changelog', 'text', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('published_by', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('versions_pk', ['standard_id', 'version'])
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('organisation', 'varchar(20)')
        .addColumn('token_hash', 'varchar(80)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(40)')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', kind === 'postgres' ? 'serial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('actor', 'varchar(200)', (c) => c.notNull())
        .addColumn('action', 'varchar(40)', (c) => c.notNull())
        .addColumn('standard_id', 'varchar(100)')
        .addColumn('version', 'varchar(50)')
        .addColumn('content_hash', 'varchar(80)')
        .execute();
      await sql`create index audit_log_at on audit_log (at)`.execute(db);
    },
  },
  '0002-submissions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('submissions')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('organisation', 'varchar(20)')
        .addColumn('submitted_by', 'varchar(200)', (c) => c.notNull())
        .addColumn('standard_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('version', 'varchar(50)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('valid', 'integer', (c) => c.notNull())
        .addColumn('records', 'integer', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .execute();
      await sql`create index submissions_organisation_created on submissions (organisation, created_at)`.execute(db);
    },
  },
  '0003-submission-quality': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').addColumn('quality', 'text').execute();
      await sql`create index submissions_standard_created on submissions (standard_id, created_at)`.execute(db);
    },
  },
  '0007-sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'varchar(80)', (c) => c.primaryKey())
        .addColumn('token_id', 'varchar(40)', (c) => c.notNull().references('tokens.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('ended_at', 'varchar(40)')
        .execute();
      await sql`create index sessions_last_seen on sessions (last_seen_at)`.execute(db);
    },
  },
  '0004-ownership': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('standard_owners')
        .addColumn('standard_id', 'varchar(100)', (c) => c.notNull().references('standards.id'))
        .addColumn('owner', 'varchar(100)', (c) => c.notNull())
        .addColumn('granted_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('granted_by', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('standard_owners_pk', ['standard_id', 'owner'])
        .execute();
      await db.schema.alterTable('audit_log').addColumn('detail', 'text').execute();
      await backfillOwners(db);
    },
  },
  '0008-storage': {
    async up(db: Kysely<unknown>) {
      const number = kind === 'postgres' ? 'double precision' : 'real';
      for (const column of SCORE_COLUMNS) await db.schema.alterTable('submissions').addColumn(column, number).execute();
      const read = (path: string) =>
        kind === 'postgres' ? `(quality::jsonb #>> '{${path.split('.').join(',')}}')::double precision` : `json_extract(quality, '$.${path}')`;
      const assignments = SCORE_COLUMNS.map((column) => `${column} = ${read(column === 'q_overall' ? 'overall' : `dimensions.${column.slice(2)}`)}`);
      await sql.raw(`update submissions set ${assignments.join(', ')} where quality is not null`).execute(db);
      await sql`create index submissions_created_id on submissions (created_at, id)`.execute(db);
      await db.schema
        .createTable('storage_probe')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('filler', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0009-reporting-periods': {
    async up(db: Kysely<unknown>) {
      for (const column of ['period', 'period_start', 'period_end', 'trend_key'] as const) {
        await db.schema
          .alterTable('submissions')
          .addColumn(column, column === 'period' || column === 'trend_key' ? 'varchar(80)' : 'varchar(10)')
          .execute();
      }
      await db.schema.alterTable('submissions').addColumn('fails_validity', 'integer').execute();
      // Where a submission stands in a trend (kysely-store.ts trendKey): earlier ones had no period.
      await sql`update submissions set trend_key = created_at`.execute(db);
      await sql`create index submissions_standard_trend on submissions (standard_id, trend_key, id)`.execute(db);
    },
  },
  '0010-withdrawal': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').addColumn('withdrawn_at', 'varchar(40)').execute();
      await db.schema.alterTable('submissions').addColumn('withdrawn_by', 'varchar(200)').execute();
      await db.schema.alterTable('submissions').addColumn('withdrawal_reason', 'text').execute();
    },
  },
  '0011-column-mappings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('column_mappings')
        .addColumn('organisation', 'varchar(20)', (c) => c.notNull())
        .addColumn('standard_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('column_mappings_pk', ['organisation', 'standard_id'])
        .execute();
    },
  },
  '0012-submission-context': {
    async up(db: Kysely<unknown>) {
      // What a stored report shows of the file it came from: its (sanitised) name and its size in bytes as
      // received; null for submissions stored before, or sent without a name.
      await db.schema.alterTable('submissions').addColumn('file_name', 'varchar(255)').execute();
      await db.schema
        .alterTable('submissions')
        .addColumn('file_size', kind === 'postgres' ? 'bigint' : 'integer')
        .execute();
    },
  },
  '0013-artefacts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('artefact_versions')
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('id', 'varchar(100)', (c) => c.notNull())
        .addColumn('version', 'varchar(50)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('schema_json', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(80)', (c) => c.notNull())
        .addColumn('changelog', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('published_by', 'varchar(200)', (c) => c.notNull())
        .addPrimaryKeyConstraint('artefact_versions_pk', ['kind', 'id', 'version'])
        .execute();
    },
  },
  '0014-artefact-uses': {
    // Which artefact versions each standard version uses, recorded once per version (versions never
    // change): used-by reads it by index instead of parsing every schema. `uses_indexed` marks the
    // versions recorded; those published before this migration (or by an older replica) are recorded
    // by the next replica that starts or answers a used-by.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('artefact_uses')
        .addColumn('artefact', 'varchar(200)', (c) => c.notNull())
        .addColumn('standard_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('version', 'varchar(50)', (c) => c.notNull())
        .addColumn('pointer', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .execute();
      await sql`create index artefact_uses_artefact on artefact_uses (artefact)`.execute(db);
      await sql`create index artefact_uses_version on artefact_uses (standard_id, version)`.execute(db);
      await db.schema
        .alterTable('versions')
        .addColumn('uses_indexed', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`create index versions_uses_indexed on versions (uses_indexed)`.execute(db);
    },
  },
  '0015-sessions-by-token': {
    // Signing in ends a token's live sessions beyond its newest few (services/sessions.ts), found by token.
    async up(db: Kysely<unknown>) {
      await sql`create index sessions_token on sessions (token_id, created_at)`.execute(db);
    },
  },
  '0016-version-keys': {
    // Each version's semver order as text (version-key.ts), indexed with its standard or artefact: the
    // latest version, a major's or minor's newest and a page of versions are read by index, never every
    // version. Set by every insert from here on; the versions stored before are backfilled here.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('versions').addColumn('version_key', 'varchar(60)').execute();
      await db.schema.alterTable('artefact_versions').addColumn('version_key', 'varchar(60)').execute();
      const { rows: versions } = await sql<{ standard_id: string; version: string }>`select standard_id, version from versions`.execute(db);
      for (const v of versions) {
        await sql`update versions set version_key = ${versionKey(v.version)} where standard_id = ${v.standard_id} and version = ${v.version}`.execute(db);
      }
      const { rows: artefacts } = await sql<{ kind: string; id: string; version: string }>`select kind, id, version from artefact_versions`.execute(db);
      for (const a of artefacts) {
        await sql`update artefact_versions set version_key = ${versionKey(a.version)} where kind = ${a.kind} and id = ${a.id} and version = ${a.version}`.execute(
          db,
        );
      }
      await sql`create index versions_by_key on versions (standard_id, version_key)`.execute(db);
      await sql`create index artefact_versions_by_key on artefact_versions (kind, id, version_key)`.execute(db);
    },
  },
  '0017-version-keys-missing': {
    // The versions a replica running code from before 0016 inserts during a rolling upgrade have no key
    // (their rows are invisible to version windows). Each start fills them (version-key-fill.ts), found by
    // these partial indexes, which hold only such rows: empty, and free to keep, once every replica is new.
    async up(db: Kysely<unknown>) {
      await sql`create index versions_key_missing on versions (standard_id) where version_key is null`.execute(db);
      await sql`create index artefact_versions_key_missing on artefact_versions (kind, id) where version_key is null`.execute(db);
    },
  },
  '0018-submission-deadline': {
    // The last day a submission's reporting period was on time when it was stored (YYYY-MM-DD, from the
    // standard's deadline then), so its late flag in trends no longer follows later edits of the deadline.
    // Null for submissions stored before (trends judge those by the standard's current deadline, as
    // before) and for those without a period.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').addColumn('period_deadline', 'varchar(10)').execute();
    },
  },
  '0019-tokens-organisation': {
    // An organisation's live tokens (granting it a standard checks it has a live author) read by index,
    // never by a scan of every token issued.
    async up(db: Kysely<unknown>) {
      await sql`create index tokens_organisation on tokens (organisation, role) where revoked_at is null`.execute(db);
    },
  },
  '0020-organisations-upper-case': {
    // An ODS code is upper case wherever it is read (a batch file's name, the quality filters); tokens
    // issued before their organisation was upper-cased kept "b86001", so their submissions, column mappings
    // and owned standards were under a code no filter could name. Each is upper-cased; where rows of one key
    // (a mapping for the standard, an owner of it) differ only in case, the upper-case one is kept, else the
    // first in order, so that upper-casing never makes two rows of one key.
    async up(db: Kysely<unknown>) {
      await sql`update tokens set organisation = upper(organisation) where organisation <> upper(organisation)`.execute(db);
      await sql`update submissions set organisation = upper(organisation) where organisation <> upper(organisation)`.execute(db);
      // Of the rows one upper-cased key would gather ("rx1" and "Rx1" beside "RX1"), the upper-case one is kept, else the first.
      await sql`delete from column_mappings where organisation <> upper(organisation)
        and exists (select 1 from column_mappings kept where kept.standard_id = column_mappings.standard_id
          and upper(kept.organisation) = upper(column_mappings.organisation)
          and (kept.organisation = upper(kept.organisation) or kept.organisation < column_mappings.organisation))`.execute(db);
      await sql`update column_mappings set organisation = upper(organisation) where organisation <> upper(organisation)`.execute(db);
      const upperOwner = sql`'org:' || upper(substr(owner, 5))`;
      await sql`delete from standard_owners where owner like 'org:%' and owner <> ${upperOwner}
        and exists (select 1 from standard_owners kept where kept.standard_id = standard_owners.standard_id and kept.owner like 'org:%'
          and upper(substr(kept.owner, 5)) = upper(substr(standard_owners.owner, 5))
          and (kept.owner = 'org:' || upper(substr(kept.owner, 5)) or kept.owner < standard_owners.owner))`.execute(db);
      await sql`update standard_owners set owner = ${upperOwner} where owner like 'org:%' and owner <> ${upperOwner}`.execute(db);
      await sql`update artefact_versions set owner = ${upperOwner} where owner like 'org:%' and owner <> ${upperOwner}`.execute(db);
    },
  },
});

const SCORE_COLUMNS = ['q_overall', 'q_validity', 'q_completeness', 'q_uniqueness', 'q_consistency', 'q_timeliness', 'q_defaults'] as const;

/**
 * Standards created before ownership belong to whoever created them: the actor of the standard's first
 * audit entry (`role:name (tokenId)`), as `org:<ODS code>` when that token has an organisation and as
 * `token:<id>` otherwise; the bundled library's belong to `library`. A creator that cannot be told
 * leaves the standard to admins.
 */
async function backfillOwners(db: Kysely<unknown>): Promise<void> {
  const at = new Date().toISOString();
  const { rows: standards } = await sql<{ id: string }>`select id from standards`.execute(db);
  for (const { id } of standards) {
    const { rows } = await sql<{ actor: string }>`select actor from audit_log where standard_id = ${id} order by id limit 1`.execute(db);
    const actor = rows[0]?.actor;
    let owner: string | undefined;
    if (actor === 'standards library') owner = 'library';
    const tokenId = actor?.match(/\(([0-9a-f-]{36})\)$/)?.[1];
    if (tokenId) {
      const { rows: tokens } = await sql<{ organisation: string | null }>`select organisation from tokens where id = ${tokenId}`.execute(db);
      const organisation = tokens[0]?.organisation;
      owner = organisation ? `org:${organisation}` : `token:${tokenId}`;
    }
    if (owner) {
      await sql`insert into standard_owners (standard_id, owner, granted_at, granted_by) values (${id}, ${owner}, ${at}, ${'0004-ownership'})`.execute(db);
    }
  }
}

export const migrationProvider = (kind: Kind): MigrationProvider => ({
  getMigrations: async () => migrations(kind),
});
