/**
 * The Store interface: what the registry and the service need from a database, and nothing about which
 * one. Adapters (sqlite.ts, postgres.ts) implement it over one set of migrations; app.ts chooses one.
 */
export type VersionStatus = 'draft' | 'published' | 'deprecated' | 'retired';
export type Role = 'admin' | 'author' | 'supplier';

export interface StoredStandard {
  id: string;
  title: string;
  owner: string;
  description: string;
  /** The rest of the standard's metadata (record key, event date, deadline, compatibility, sensitive fields). */
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface StoredVersion {
  standardId: string;
  version: string;
  status: VersionStatus;
  /** The schema as canonical JSON text. */
  schema: string;
  contentHash: string;
  changelog: string;
  publishedAt: string;
  publishedBy: string;
}

export interface StoredToken {
  id: string;
  name: string;
  role: Role;
  /** The supplier's ODS code, for supplier tokens. */
  organisation: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A web session, kept server-side: the cookie carries only the session's random id; the store keeps its hash. */
export interface StoredSession {
  /** SHA-256 of the session id (the id itself is never stored). */
  idHash: string;
  tokenId: string;
  createdAt: string;
  lastSeenAt: string;
  /** When it was signed out; null while live. */
  endedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: 'publish' | 'deprecate' | 'retire' | 'standard-update' | 'token-create' | 'token-revoke';
  standardId: string | null;
  version: string | null;
  contentHash: string | null;
}

/** A stored validation report. The submitted data itself is never stored. */
export interface StoredSubmission {
  id: string;
  /** The supplier's ODS code (null for submissions by authors or admins without one). */
  organisation: string | null;
  submittedBy: string;
  standardId: string;
  version: string;
  createdAt: string;
  valid: boolean;
  records: number;
  /** The report as JSON text. */
  report: string;
  /** The scorecard's scores (overall and per dimension) as JSON text, for trends; null when there is none. */
  quality: string | null;
}

export interface SubmissionFilter {
  organisation?: string;
  standardId?: string;
  /** ISO 8601 bounds on createdAt, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  /** Oldest first instead of newest first. */
  ascending?: boolean;
}

export type PublishOutcome =
  { outcome: 'created'; version: StoredVersion } | { outcome: 'identical'; version: StoredVersion } | { outcome: 'conflict'; version: StoredVersion };

export interface Store {
  /** Which database this is, for logs and /ready. */
  readonly kind: 'sqlite' | 'postgres';
  /** Brings the schema up to date (idempotent; safe when several replicas start at once). */
  migrate(): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  listStandards(): Promise<StoredStandard[]>;
  getStandard(id: string): Promise<StoredStandard | undefined>;
  /** Creates the standard or updates its metadata. */
  saveStandard(standard: Omit<StoredStandard, 'createdAt' | 'updatedAt'>, actor: string): Promise<StoredStandard>;

  listVersions(standardId: string): Promise<StoredVersion[]>;
  getVersion(standardId: string, version: string): Promise<StoredVersion | undefined>;
  /**
   * Publishes a version in one transaction: a new (standard, version) is stored and audited; the same
   * content again is `identical`; other content under the same version is a `conflict` and changes nothing.
   */
  publishVersion(version: Omit<StoredVersion, 'publishedAt'>): Promise<PublishOutcome>;
  /** Sets a version's status (deprecate, retire) and audits it; false when there is no such version. */
  setVersionStatus(standardId: string, version: string, status: VersionStatus, actor: string): Promise<boolean>;

  createToken(token: { id: string; name: string; role: Role; organisation: string | null; hash: string }, actor: string): Promise<StoredToken>;
  /** The live (not revoked) token with this hash. */
  findToken(hash: string): Promise<StoredToken | undefined>;
  listTokens(): Promise<StoredToken[]>;
  revokeToken(id: string, actor: string): Promise<boolean>;
  countTokens(): Promise<number>;

  /** The live (not revoked) token with this id. */
  findTokenById(id: string): Promise<StoredToken | undefined>;

  createSession(session: Omit<StoredSession, 'endedAt'>): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | undefined>;
  /** Records that a live session was used at `at`. */
  touchSession(idHash: string, at: string): Promise<void>;
  /** Ends a live session (sign-out); false when there is no live session with this hash. */
  endSession(idHash: string, at: string): Promise<boolean>;
  /** Deletes sessions that ended, or were created or last seen, before the given times; returns how many. */
  deleteSessions(before: { lastSeen: string; created: string }): Promise<number>;

  listAudit(limit: number): Promise<AuditEntry[]>;

  saveSubmission(submission: StoredSubmission): Promise<void>;
  getSubmission(id: string): Promise<StoredSubmission | undefined>;
  /** Newest first; only one organisation's when `organisation` is given. */
  listSubmissions(filter: SubmissionFilter): Promise<StoredSubmission[]>;
}
