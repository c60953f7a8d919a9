/** The tables, as Kysely sees them. Times are ISO 8601 text and JSON is text, the same on both databases. */
import type { Generated } from 'kysely';

export interface StandardsTable {
  id: string;
  title: string;
  owner: string;
  description: string;
  metadata: string;
  created_at: string;
  updated_at: string;
}

export interface VersionsTable {
  standard_id: string;
  version: string;
  status: string;
  schema_json: string;
  content_hash: string;
  changelog: string;
  published_at: string;
  published_by: string;
  /** 1 once the version's artefact uses are recorded in artefact_uses (0014). */
  uses_indexed: Generated<number>;
  /** The version's semver order as text (0016, version-key.ts); null only before the migration backfilled it. */
  version_key: string | null;
}

export interface TokensTable {
  id: string;
  name: string;
  role: string;
  organisation: string | null;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  standard_id: string | null;
  version: string | null;
  content_hash: string | null;
  /** What else the entry says: a granted owner, a count of pruned reports. */
  detail: string | null;
}

/** Who owns a standard (besides admins): `token:<id>`, `org:<ODS code>` or `library`. */
export interface StandardOwnersTable {
  standard_id: string;
  owner: string;
  granted_at: string;
  granted_by: string;
}

/** One row written and rolled back by the readiness probe, so a full disk shows on /ready. */
export interface StorageProbeTable {
  id: number;
  filler: string;
}

export interface SubmissionsTable {
  id: string;
  organisation: string | null;
  submitted_by: string;
  standard_id: string;
  version: string;
  created_at: string;
  valid: number;
  records: number;
  report: string;
  quality: string | null;
  /** The scores in columns (0004), so trends are aggregated by the database without reading reports. */
  q_overall: number | null;
  q_validity: number | null;
  q_completeness: number | null;
  q_uniqueness: number | null;
  q_consistency: number | null;
  q_timeliness: number | null;
  q_defaults: number | null;
  /** The reporting period (0009): its id and inclusive dates, and whether validity failed the gate. */
  period: string | null;
  period_start: string | null;
  period_end: string | null;
  /** The last day the period was on time when the submission was stored (0018); null before it, or without a period. */
  period_deadline: string | null;
  /** Where the submission stands in a trend: its period's first day then when it was made, or when it was made. */
  trend_key: string | null;
  fails_validity: number | null;
  /** The file's sanitised name and its size in bytes as received (0012); null when unknown. */
  file_name: string | null;
  file_size: number | string | null;
  /** The withdrawal (0010): when, by whom and why; null while the submission stands. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

/** An organisation's column mapping for a standard (0011): its header names -> the standard's fields, as JSON. */
export interface ColumnMappingsTable {
  organisation: string;
  standard_id: string;
  columns: string;
  updated_at: string;
  updated_by: string;
}

export interface SessionsTable {
  id_hash: string;
  token_id: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}

/** Shared artefact versions (0013): code lists and definitions sets, by kind, id and version. */
export interface ArtefactVersionsTable {
  kind: string;
  id: string;
  version: string;
  status: string;
  title: string;
  /** The artefact document as published (JSON text). */
  document: string;
  /** The JSON Schema a standard reaches (JSON text). */
  schema_json: string;
  content_hash: string;
  changelog: string;
  owner: string;
  published_at: string;
  published_by: string;
  /** The version's semver order as text (0016, version-key.ts). */
  version_key: string | null;
}

/** Which artefact versions each standard version uses (0014): one row per `$ref` and artefact reached. */
export interface ArtefactUsesTable {
  /** The artefact version's URI (`conform:definitions/identifiers/1.0.0`). */
  artefact: string;
  standard_id: string;
  version: string;
  /** The `$ref` keyword's JSON pointer in the version's schema. */
  pointer: string;
  ref: string;
  /** The document the `$ref` names when it reaches the artefact through it; '' when it names the artefact. */
  via: string;
}

export interface Database {
  artefact_versions: ArtefactVersionsTable;
  artefact_uses: ArtefactUsesTable;
  submissions: SubmissionsTable;
  column_mappings: ColumnMappingsTable;
  standards: StandardsTable;
  versions: VersionsTable;
  tokens: TokensTable;
  audit_log: AuditTable;
  sessions: SessionsTable;
  standard_owners: StandardOwnersTable;
  storage_probe: StorageProbeTable;
}
