/** One set of migrations for both databases, written with Kysely's schema builder. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
});

export const migrationProvider = (kind: Kind): MigrationProvider => ({
  getMigrations: async () => migrations(kind),
});
