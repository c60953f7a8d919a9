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
export const AUDIT_ACTIONS = [
  'publish',
  'deprecate',
  'retire',
  'standard-create',
  'standard-update',
  'token-create',
  'token-revoke',
  'owner-grant',
  'owner-revoke',
  'reports-prune',
  'artefact-publish',
  'artefact-deprecate',
  'artefact-retire',
  'submission-withdraw',
] as const;

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: (typeof AUDIT_ACTIONS)[number];
  standardId: string | null;
  version: string | null;
  contentHash: string | null;
  /** The owner granted or revoked, the number of reports pruned, the creator of a standard, the artefact (`code-lists/<id>`), a withdrawn submission's id and reason; else null. */
  detail: string | null;
}

/**
 * Who may change a standard besides admins: `token:<token id>` (one author's token), `org:<ODS code>`
 * (every author token of that organisation) or `library` (the bundled library: admins only).
 */
export interface StandardOwner {
  standardId: string;
  owner: string;
  grantedAt: string;
  grantedBy: string;
}

/**
 * Which of one standard's or artefact's versions to read: in semver order (oldest first unless
 * `newestFirst`), at most `limit`, by the index on each version's sort key, so a read is bounded by what it
 * asks for and never by how many versions there are.
 */
export interface VersionWindow {
  /** Only versions of these statuses (any when absent). */
  statuses?: readonly string[];
  /** Only versions within this major (and minor), as a spec `2` or `2.1` names them. */
  within?: { major: number; minor?: number };
  /** Only versions later than this one (an exact MAJOR.MINOR.PATCH). */
  after?: string;
  /** Only versions earlier than this one. */
  before?: string;
  newestFirst?: boolean;
  limit: number;
}

/** One artefact as a catalogue lists it: its id, how many versions it has, and its latest live one (else its latest). */
export interface ArtefactEntry {
  id: string;
  versions: number;
  latest: ArtefactSummary;
}

/** A version without its schema text (catalogues). */
export type VersionSummary = Omit<StoredVersion, 'schema'>;
/** A version to publish: its publishedAt is now unless given (the library gives its `released` day). */
export type NewVersion = Omit<StoredVersion, 'publishedAt'> & { publishedAt?: string };

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
  /** The reporting period the submission declared (its id and inclusive dates); null or absent when none. */
  period?: StoredPeriod | null;
  /**
   * The last day the period's file was on time (YYYY-MM-DD) under the standard's deadline when the
   * submission was stored, so a later edit of the deadline does not rewrite its late flag; null or absent
   * without a period, and for submissions stored before it was kept (0018).
   */
  periodDeadline?: string | null;
  /** The file's name as the supplier gave it (sanitised, at most 255 characters); null or absent when unknown. */
  fileName?: string | null;
  /** The file's size in bytes as received (compressed when gzip); null or absent when unknown. */
  fileSize?: number | null;
  /** When, by whom and why the submission was withdrawn; null or absent while it stands. */
  withdrawn?: Withdrawal | null;
}

/** A submission's withdrawal: it leaves quality trends and aggregates, and stays readable by its owner. */
export interface Withdrawal {
  at: string;
  by: string;
  /** The supplier's own words, 1 to 500 characters. */
  reason: string;
}

/** An organisation's column mapping for a standard: its CSV header names -> the standard's fields (dotted). */
export interface StoredColumnMapping {
  organisation: string;
  standardId: string;
  columns: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

export interface StoredPeriod {
  id: string;
  start: string;
  end: string;
}

export interface SubmissionFilter {
  organisation?: string;
  standardId?: string;
  /** Only submissions that declared this reporting period (its id). */
  period?: string;
  /** Only valid (true) or invalid (false) submissions. */
  valid?: boolean;
  /** ISO 8601 bounds on createdAt, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  /** Oldest first instead of newest first. */
  ascending?: boolean;
  /** Newest first, strictly after (older than) this submission: the keyset of the previous page's last row. */
  before?: { createdAt: string; id: string };
  /**
   * false: leave out each row's report and quality JSON (they come back empty), for a list that shows
   * neither: a report may be megabytes, and a page of a thousand was read whole into memory.
   */
  reports?: false;
}

export const QUALITY_DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;
export type QualityDimension = (typeof QUALITY_DIMENSIONS)[number];

/**
 * Which submissions quality trends cover: one standard's, scored, optionally one organisation's and a
 * time range (of when they were made). Points and "latest" follow the reporting period's start, and the
 * time made for a submission without a period.
 */
export interface QualityFilter {
  standardId: string;
  organisation?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** One scored submission's scores, read from columns (never from the report). */
export interface QualityPoint {
  id: string;
  organisation: string | null;
  version: string;
  createdAt: string;
  /** The declared reporting period; null for a submission that declared none. */
  period: StoredPeriod | null;
  /** The period's last day on time as it was when the submission was stored; null when not kept (before 0018, or no period). */
  periodDeadline: string | null;
  records: number;
  /** Null for submissions stored before the validity gate. */
  failsValidity: boolean | null;
  overall: number | null;
  dimensions: Record<QualityDimension, number | null>;
}

/** One organisation's scored submissions, aggregated by the database. */
export interface QualityAggregate {
  organisation: string | null;
  submissions: number;
  meanOverall: number | null;
  latestOverall: number | null;
  latestAt: string;
}

export type PublishOutcome =
  { outcome: 'created'; version: StoredVersion } | { outcome: 'identical'; version: StoredVersion } | { outcome: 'conflict'; version: StoredVersion };

/**
 * What a publish checked its candidate against: the latest released version of the standard (or artefact)
 * it read, none when there was none. Given to the store's publish, the write is made only while that is
 * still the latest released version besides the candidate; otherwise nothing is written and the answer is
 * `moved`, so that a version published meanwhile (through another replica, say) is never left unchecked
 * against the candidate, nor the candidate against it.
 */
export interface CheckedAgainst {
  latest: string | undefined;
}

/** Another version was released after the candidate's check read the latest one: nothing was written. */
export interface MovedOutcome {
  outcome: 'moved';
  latest: string | undefined;
}

export type ArtefactStatus = 'published' | 'deprecated' | 'retired';

/** One version of a shared artefact (a code list or a definitions set). */
export interface StoredArtefact {
  kind: 'code-list' | 'definitions';
  id: string;
  version: string;
  status: ArtefactStatus;
  title: string;
  /** The artefact document as published (JSON text). */
  document: string;
  /** The JSON Schema standards reach (JSON text). */
  schema: string;
  contentHash: string;
  changelog: string;
  owner: string;
  publishedAt: string;
  publishedBy: string;
}

/** An artefact version without its document and schema text (lists). */
export type ArtefactSummary = Omit<StoredArtefact, 'document' | 'schema'>;

/** One use of an artefact version by a standard version: the `$ref` that leads to it (see registry/artefacts/usage.ts). */
export interface ArtefactUseRecord {
  /** The artefact version's URI (`conform:definitions/identifiers/1.0.0`). */
  artefact: string;
  /** The `$ref` keyword's JSON pointer in the version's schema. */
  pointer: string;
  ref: string;
  /** The document the `$ref` names when it reaches the artefact through it (absent when it names the artefact). */
  via?: string;
}

/** A use of an artefact with the standard version that makes it, and that version's current status. */
export interface StoredArtefactUse extends ArtefactUseRecord {
  standardId: string;
  version: string;
  status: VersionStatus;
}

export type ArtefactPublishOutcome = { outcome: 'created' | 'identical' | 'conflict'; artefact: StoredArtefact };

export interface Store {
  /** Which database this is, for logs and /ready. */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Brings the schema up to date (idempotent; safe when several replicas start at once), then fills the
   * version keys rows lack (inserted by a replica from before 0016; version-key-fill.ts).
   */
  migrate(): Promise<void>;
  /** How many version keys the last `migrate` filled, of standards' versions and of artefacts' (logged at start). */
  readonly keysFilled?: { versions: number; artefacts: number };
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  /** By id; from after `page.after` and at most `page.limit` when a page is asked for. */
  listStandards(page?: { after?: string; limit: number }): Promise<StoredStandard[]>;
  /**
   * The ids nearest `id` in id order, by id: at most `perSide` before it and `perSide` from it on (two
   * range reads of the primary key, however many standards there are; a not-found's nearest names).
   */
  listStandardIdsAround(id: string, perSide: number): Promise<string[]>;
  /**
   * A page of the standards (by id, after `page.after`, at most `page.limit`) whose id, title, owner and
   * description together hold every one of `words` (lower case; matched case-insensitively, ASCII letters
   * alone on SQLite): filtered in the database, so a search reads the records of one page alone.
   */
  searchStandards(words: readonly string[], page: { after?: string; limit: number }): Promise<StoredStandard[]>;
  getStandard(id: string): Promise<StoredStandard | undefined>;
  /** The id and title of each of these standards there is, by id: one query, a row each (a page's titles). */
  listStandardTitles(ids: readonly string[]): Promise<{ id: string; title: string }[]>;
  /** Creates the standard or updates its metadata. */
  saveStandard(standard: Omit<StoredStandard, 'createdAt' | 'updatedAt'>, actor: string): Promise<StoredStandard>;
  /**
   * Creates a standard with its first owner in one transaction (audited); false, changing nothing, when
   * the id exists (another request may have created it first).
   */
  createStandard(standard: Omit<StoredStandard, 'createdAt' | 'updatedAt'>, owner: string, actor: string): Promise<boolean>;

  /** A standard's owners, the earliest granted first; at most `limit` of them when given. */
  listOwners(standardId: string, limit?: number): Promise<StandardOwner[]>;
  /** Whether any of these owners (`token:<id>`, `org:<code>`) owns the standard: one indexed look-up, reading no other owner. */
  isAnOwner(standardId: string, owners: readonly string[]): Promise<boolean>;
  /** Adds an owner (audited); false when it already is one. */
  grantOwner(standardId: string, owner: string, actor: string): Promise<boolean>;
  /** Removes an owner (audited); false when it is not one. */
  revokeOwner(standardId: string, owner: string, actor: string): Promise<boolean>;

  listVersions(standardId: string): Promise<StoredVersion[]>;
  /**
   * The latest version of each of these standards among those of these statuses (one row a standard, none
   * for a standard with no such version), without schema text: a catalogue page's, by index.
   */
  listLatestVersions(standardIds: readonly string[], statuses: readonly string[]): Promise<VersionSummary[]>;
  /**
   * The latest version of each major of every standard (of these standards when given) among those of
   * these statuses (one row a standard and major), without schema text, by standard then semver, the first
   * `limit` when given: one grouped query by index.
   */
  listLatestPerMajor(statuses: readonly string[], scope?: { standardIds?: readonly string[]; limit?: number }): Promise<VersionSummary[]>;
  /**
   * The newest `perStandard` versions of each of these standards among those of these statuses, without
   * schema text, by standard then newest first: one query, at most `perStandard` rows a standard.
   */
  listNewestVersions(standardIds: readonly string[], statuses: readonly string[], perStandard: number): Promise<VersionSummary[]>;
  /** One version without its schema text. */
  getVersionSummary(standardId: string, version: string): Promise<VersionSummary | undefined>;
  /** A window of one standard's versions without their schema text (VersionWindow: bounded, by index). */
  listVersionWindow(standardId: string, window: VersionWindow): Promise<VersionSummary[]>;
  /** How many versions a standard has (any status). */
  countVersions(standardId: string): Promise<number>;
  getVersion(standardId: string, version: string): Promise<StoredVersion | undefined>;
  /**
   * Publishes a version in one transaction: a new (standard, version) is stored and audited; the same
   * content again is `identical`; other content under the same version is a `conflict` and changes nothing.
   * `publishedAt` is now, unless given: the standards library gives a version's `released` day, so a
   * version loaded today reads as published when its authors released it (its audit entry keeps now).
   */
  publishVersion(version: NewVersion): Promise<PublishOutcome>;
  /**
   * As above, only while `checked.latest` is still the standard's latest released version besides this one
   * (one publish of the standard at a time decides it: PostgreSQL's transaction-scoped advisory lock, or
   * SQLite's one writer); otherwise `moved`, writing nothing.
   */
  publishVersion(version: NewVersion, checked: CheckedAgainst): Promise<PublishOutcome | MovedOutcome>;
  /** Sets a version's status (deprecate, retire) and audits it; false when there is no such version. */
  setVersionStatus(standardId: string, version: string, status: VersionStatus, actor: string): Promise<boolean>;

  /** Every artefact version without its text (of one kind when given), by kind, id, then semver. */
  listArtefacts(kind?: StoredArtefact['kind']): Promise<ArtefactSummary[]>;
  /** Up to `limit` artefact versions (by kind, id, then semver), strictly after `after`. */
  listArtefactsPage(page: {
    kind?: StoredArtefact['kind'];
    after?: { kind: StoredArtefact['kind']; id: string; version: string };
    limit: number;
  }): Promise<ArtefactSummary[]>;
  /**
   * The ids of one kind's artefacts nearest `id` in id order, each once, by id: at most `perSide` before it
   * and `perSide` from it on (two range reads of the primary key, however many artefacts there are; a
   * not-found's nearest names).
   */
  listArtefactIdsAround(kind: StoredArtefact['kind'], id: string, perSide: number): Promise<string[]>;
  /** Up to `limit` artefacts of a kind by id, strictly after `after`: each once, with its count and latest version. */
  listArtefactEntries(kind: StoredArtefact['kind'], page: { after?: string; limit: number }): Promise<ArtefactEntry[]>;
  /** A window of one artefact's versions without their text (VersionWindow: bounded, by index). */
  listArtefactWindow(kind: StoredArtefact['kind'], id: string, window: VersionWindow): Promise<ArtefactSummary[]>;
  /** How many versions an artefact has (any status). */
  countArtefactVersions(kind: StoredArtefact['kind'], id: string): Promise<number>;
  getArtefact(kind: StoredArtefact['kind'], id: string, version: string): Promise<StoredArtefact | undefined>;
  /** Publishes an artefact version in one transaction (audited); the same content again is `identical`, other content a `conflict`. */
  publishArtefact(artefact: Omit<StoredArtefact, 'publishedAt'>): Promise<ArtefactPublishOutcome>;
  /** As above, only while `checked.latest` is still the artefact's latest version besides this one; otherwise `moved`, writing nothing. */
  publishArtefact(artefact: Omit<StoredArtefact, 'publishedAt'>, checked: CheckedAgainst): Promise<ArtefactPublishOutcome | MovedOutcome>;
  /**
   * Records the artefact uses of a version once, in one transaction: false, changing nothing, when they are
   * recorded already (by another replica, say) or there is no such version.
   */
  recordArtefactUses(standardId: string, version: string, uses: readonly ArtefactUseRecord[]): Promise<boolean>;
  /** The versions whose artefact uses are not recorded yet (published before they were, or by an older replica), by id. */
  listVersionsWithoutUses(): Promise<{ standardId: string; version: string }[]>;
  /**
   * The ids of the standards some version of which names some version of this artefact itself (not
   * through another), each once, by id: the first `limit` (one row a standard, however many versions the
   * artefact has), and `total`, how many there are. `uri` is the artefact's `conform:` URI without its
   * version (`conform:code-lists/colour/`).
   */
  listArtefactNamers(kind: StoredArtefact['kind'], id: string, uri: string, limit: number): Promise<{ standardIds: string[]; total: number }>;
  /**
   * The recorded uses of an artefact version (by URI), with the using version's current status, by standard,
   * semver, pointer: the first `limit`, and `total`, how many there are.
   */
  listArtefactUses(artefact: string, limit: number): Promise<{ uses: StoredArtefactUse[]; total: number }>;
  /** Sets an artefact version's status and audits it; false when there is no such version. */
  setArtefactStatus(kind: StoredArtefact['kind'], id: string, version: string, status: ArtefactStatus, actor: string): Promise<boolean>;

  createToken(token: { id: string; name: string; role: Role; organisation: string | null; hash: string }, actor: string): Promise<StoredToken>;
  /** The live (not revoked) token with this hash. */
  findToken(hash: string): Promise<StoredToken | undefined>;
  listTokens(): Promise<StoredToken[]>;
  revokeToken(id: string, actor: string): Promise<boolean>;
  countTokens(): Promise<number>;

  /** The live (not revoked) token with this id. */
  findTokenById(id: string): Promise<StoredToken | undefined>;
  /** The roles of an organisation's live tokens, each once (at most three rows, by its index, however many tokens there are). */
  liveTokenRoles(organisation: string): Promise<Role[]>;

  createSession(session: Omit<StoredSession, 'endedAt'>): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | undefined>;
  /** Records that a live session was used at `at`. */
  touchSession(idHash: string, at: string): Promise<void>;
  /** Ends a live session (sign-out); false when there is no live session with this hash. */
  endSession(idHash: string, at: string): Promise<boolean>;
  /**
   * Ends the live sessions of a token beyond `keep`: all but `current` and the `keep - 1` newest others (by
   * creation); returns how many it ended.
   */
  endSessionsBeyond(tokenId: string, current: string, keep: number, at: string): Promise<number>;
  /** Deletes sessions that ended, or were created or last seen, before the given times; returns how many. */
  deleteSessions(before: { lastSeen: string; created: string }): Promise<number>;

  /** Newest first; older than the entry `before` when given. */
  listAudit(limit: number, before?: number): Promise<AuditEntry[]>;

  saveSubmission(submission: StoredSubmission): Promise<void>;
  getSubmission(id: string): Promise<StoredSubmission | undefined>;
  /** A submission's row without its report (`report` is ''): what deciding who may read it needs. */
  getSubmissionHead(id: string): Promise<StoredSubmission | undefined>;
  /** A submission's report as stored (JSON text), or undefined when there is none. */
  getReportText(id: string): Promise<string | undefined>;
  /**
   * The SQLite file the store is, for a thread of its own to read reports from (services/report-reader.ts:
   * it opens it read-only); absent for PostgreSQL and an in-memory store.
   */
  readonly reportFile?: string;
  /** Newest first; only one organisation's when `organisation` is given. */
  listSubmissions(filter: SubmissionFilter): Promise<StoredSubmission[]>;
  /**
   * Marks a submission withdrawn and audits it (its id and the reason) in one transaction; false, changing
   * nothing, when there is no such submission or it is withdrawn already.
   */
  withdrawSubmission(id: string, withdrawal: Withdrawal): Promise<boolean>;
  /** The newest `limit` scored submissions' scores, oldest first, from columns (withdrawn ones left out). */
  qualityPoints(filter: QualityFilter): Promise<QualityPoint[]>;
  /** Per organisation (at most `limit`): count, mean and latest overall score, latest time (withdrawn submissions left out). */
  qualityAggregates(filter: QualityFilter): Promise<QualityAggregate[]>;
  /** Deletes reports created before `before` (ISO 8601) and audits the count; returns it. */
  pruneSubmissions(before: string, actor: string): Promise<number>;

  getColumnMapping(organisation: string, standardId: string): Promise<StoredColumnMapping | undefined>;
  /** Creates or replaces an organisation's mapping for a standard. */
  saveColumnMapping(mapping: StoredColumnMapping): Promise<void>;
  /** False when there was none. */
  deleteColumnMapping(organisation: string, standardId: string): Promise<boolean>;

  /** Writes (and rolls back) a row of some size: throws when the database cannot store anything. */
  probeWrite(): Promise<void>;
  /**
   * Copies the whole store, online, to `destination` (a new file): SQLite's backup API, page by page
   * while the store keeps serving. Undefined where the database has its own tools (PostgreSQL: pg_dump).
   */
  readonly backup?: (destination: string) => Promise<{ bytes: number }>;
}
