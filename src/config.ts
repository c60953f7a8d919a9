import { DEFAULT_WORKERS } from './services/worker-policy.js';
import { DEFAULT_SCHEMA_GUARD, type SchemaGuard } from './services/schema-guard.js';
import { DEFAULT_TYPES_LIMITS, type TypesJobLimits } from './codegen/types-job.js';
import { DEFAULT_COMPILED_LIMITS, type CompiledLimits } from './validation/compiled-limits.js';
import { DEFAULT_MAX_WAITING_COMPILES } from './services/compile-gate.js';
import { DEFAULT_MAX_LIBRARY_FILE_BYTES } from './registry/library-file.js';
import { DEFAULT_MAX_OWNERS } from './services/ownership.js';

/** Configuration from the environment, checked at start: a bad value is a setup error naming the variable. */
export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded SQLite store. */
  dataDir: string;
  /** PostgreSQL connection string; when set, the shared PostgreSQL store is used instead of SQLite. */
  databaseUrl: string | undefined;
  /** The standards library loaded at start; undefined means the bundled one. */
  standardsDir: string | undefined;
  /** The most one file of the standards library may hold, in bytes (registry/library-file.ts). */
  maxLibraryFileBytes: number;
  logLevel: string;
  /** Largest schema body accepted by a publish, in bytes. */
  maxSchemaBytes: number;
  /** Size and complexity limits of a published schema, and the time its check may take. */
  schemaGuard: SchemaGuard;
  /** The most owners one standard may have; a grant past it is a 422 (services/ownership.ts). */
  maxOwnersPerStandard: number;
  /** Generating a version's types over HTTP: the time one may take on its worker, and how many may wait. */
  types: TypesJobLimits;
  /** Largest submission accepted, in bytes after decompression. */
  maxSubmissionBytes: number;
  /** Versions the main thread keeps compiled, and their estimated size in MiB (validation/validators.ts). */
  compiled: CompiledLimits;
  /**
   * Compiles of a version's validator on the main thread (CONFORM_WORKERS=0, or its threads not built) that may
   * wait behind the running one; past them a first submission to a version not compiled is a 503 (compile-gate.ts).
   */
  maxWaitingCompiles: number;
  /** Threads in the process's one worker pool for large submissions (0: none, every submission on the main thread). */
  workers: number;
  /**
   * Milliseconds a file in the small-file lane (declared under 1 MiB) may take per MiB of it, decompressed;
   * past it its thread is ended and the file is a 422 (services/worker-policy.ts).
   */
  smallFileTimeoutMs: number;
  /** Validations running at once in this process; more are refused with 503 and Retry-After. */
  maxValidations: number;
  /** Validations running at once for one supplier (organisation); more are refused with 429 and Retry-After. */
  maxValidationsPerSupplier: number;
  /** Stored submissions a minute for one organisation (services/submission-rate.ts). */
  submissionsPerMinute: number;
  /**
   * Stored reports read and answered at once in this process (a report's JSON, findings.csv, acknowledgement
   * files, page); more are refused with 503 and Retry-After.
   */
  maxReportReads: number;
  /** Stored reports read and answered at once for one organisation; more are refused with 429 and Retry-After. */
  maxReportReadsPerSupplier: number;
  /** Seconds a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
  /** Seconds an answer may wait for its client to read more before it is given up and its connection closed. */
  sendTimeoutSeconds: number;
  /** Seconds a request body may stall (no byte arriving while the service waits for one) before it ends with 408. */
  bodyTimeoutSeconds: number;
  /** The slowest a request body may arrive, in bytes a second over each period of bodyTimeoutSeconds the service waits for it (0: any). */
  minBodyBytesPerSecond: number;
  /** Seconds a client may take to send a request's headers (Node's headersTimeout). */
  headersTimeoutSeconds: number;
  /** Seconds an idle keep-alive connection stays open (Node's keepAliveTimeout). */
  keepAliveTimeoutSeconds: number;
  /** Connections open at once to the service's listener; more are answered 503 with Retry-After and closed. */
  maxConnections: number;
  /** Connections open at once from one client address (0: no bound; leave 0 behind a load balancer). */
  maxConnectionsPerAddress: number;
  /** Encrypts the web session cookie (at least 32 characters); random per start when not set. */
  sessionSecret: string | undefined;
  /** Web cookies are Secure (sent over HTTPS only; browsers also send them to localhost); also turns on HSTS. */
  secureCookies: boolean;
  /** A web session ends after this long unused, in minutes. */
  sessionIdleMinutes: number;
  /** A web session ends this long after sign-in whatever its use, in hours. */
  sessionMaxHours: number;
  /** Failed sign-ins allowed per client address per minute (then 429 until the minute is over). */
  signInFailuresPerAddress: number;
  /** Failed sign-ins allowed per minute from all addresses together (then 429 for every sign-in). */
  signInFailuresTotal: number;
  /** API requests with a token that is not valid allowed per client address per minute (then 429 until the minute is over). */
  tokenFailuresPerAddress: number;
  /** API requests with a token that is not valid allowed per minute from all addresses together (then 429 for every request with a token). */
  tokenFailuresTotal: number;
  /** Stored reports older than this many days are deleted by the retention job. */
  reportRetentionDays: number;
  /** How often the retention job runs, in minutes (it also runs at start). */
  reportPruneMinutes: number;
  /** Minutes a trial run's report is held in this process's memory (never stored) under its own address. */
  trialReportMinutes: number;
  /** Trial reports held in this process at most (the oldest are dropped first). */
  trialReports: number;
  /** Trial reports one organisation (or a token without one) holds at most. */
  trialReportsPerSupplier: number;
  /** Mebibytes of trial report JSON held in this process at most; one organisation holds at most a quarter. */
  trialReportMiB: number;
  /** Port of the separate Prometheus listener (`/metrics`); undefined: no metrics listener. */
  metricsPort: number | undefined;
  /** Address the metrics listener binds (loopback by default: it is not for the internet). */
  metricsHost: string;
  /** Seconds /ready answers 503 after SIGTERM before the listener closes (the load balancer's time to notice). */
  shutdownDrainSeconds: number;
  /** Seconds in-flight requests get to finish once the listener has closed; then their connections are cut. */
  shutdownTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function sessionSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 32) throw new ConfigError('CONFORM_SESSION_SECRET must be at least 32 characters');
  return value;
}

function schemaGuard(env: NodeJS.ProcessEnv): SchemaGuard {
  const limit = (name: string, fallback: number, max: number): number => integer(env, name, fallback, 1, max);
  const d = DEFAULT_SCHEMA_GUARD;
  return {
    limits: {
      nodes: limit('CONFORM_MAX_SCHEMA_NODES', d.limits.nodes, 1_000_000),
      depth: limit('CONFORM_MAX_SCHEMA_DEPTH', d.limits.depth, 1_000),
      enumValues: limit('CONFORM_MAX_ENUM_VALUES', d.limits.enumValues, 1_000_000),
      properties: limit('CONFORM_MAX_SCHEMA_PROPERTIES', d.limits.properties, 1_000_000),
      branches: limit('CONFORM_MAX_SCHEMA_BRANCHES', d.limits.branches, 1_000_000),
      combinatorNesting: limit('CONFORM_MAX_COMBINATOR_NESTING', d.limits.combinatorNesting, 1_000),
      refDepth: limit('CONFORM_MAX_REF_DEPTH', d.limits.refDepth, 1_000),
    },
    compileTimeoutMs: integer(env, 'CONFORM_COMPILE_TIMEOUT_MS', d.compileTimeoutMs, 100, 600_000),
    patternTimeoutMs: integer(env, 'CONFORM_PATTERN_CHECK_MS', d.patternTimeoutMs, 10, 600_000),
    maxWaitingChecks: integer(env, 'CONFORM_MAX_WAITING_SCHEMA_CHECKS', d.maxWaitingChecks, 0, 1_000),
    compareTimeoutMs: integer(env, 'CONFORM_COMPARE_TIMEOUT_MS', d.compareTimeoutMs, 100, 600_000),
    maxWaitingComparisons: integer(env, 'CONFORM_MAX_WAITING_COMPARISONS', d.maxWaitingComparisons, 0, 1_000),
    maxWaitingPublishComparisons: integer(env, 'CONFORM_MAX_WAITING_PUBLISH_COMPARISONS', d.maxWaitingPublishComparisons, 0, 1_000),
    maxJudgedAdoptions: integer(env, 'CONFORM_MAX_JUDGED_ADOPTIONS', d.maxJudgedAdoptions, 0, 1_000),
    maxAdoptionReads: integer(env, 'CONFORM_MAX_ADOPTION_READS', d.maxAdoptionReads, 0, 10_000),
  };
}

/**
 * The most bytes a submission may hold (after decompression): the service's bound, and the CLI's local
 * validation's, so a file is refused for its size alike wherever it is validated.
 */
export function maxSubmissionBytes(env: NodeJS.ProcessEnv): number {
  return integer(env, 'CONFORM_MAX_SUBMISSION_BYTES', 2 * 1024 ** 3, 1024, Number.MAX_SAFE_INTEGER);
}

/**
 * The most bytes one file of the standards library may hold: the service's bound at start, and every
 * command's that loads the library (a larger file, or one that is no regular file, is a LibraryError naming it).
 */
export function maxLibraryFileBytes(env: NodeJS.ProcessEnv): number {
  return integer(env, 'CONFORM_MAX_LIBRARY_FILE_BYTES', DEFAULT_MAX_LIBRARY_FILE_BYTES, 1024, 1024 ** 3);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// connection string');
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.CONFORM_DATA_DIR || './.conform',
    databaseUrl,
    standardsDir: env.CONFORM_STANDARDS_DIR || undefined,
    maxLibraryFileBytes: maxLibraryFileBytes(env),
    logLevel,
    maxSchemaBytes: integer(env, 'CONFORM_MAX_SCHEMA_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    schemaGuard: schemaGuard(env),
    maxOwnersPerStandard: integer(env, 'CONFORM_MAX_OWNERS_PER_STANDARD', DEFAULT_MAX_OWNERS, 1, 10_000),
    types: {
      timeoutMs: integer(env, 'CONFORM_TYPES_TIMEOUT_MS', DEFAULT_TYPES_LIMITS.timeoutMs, 100, 600_000),
      maxWaiting: integer(env, 'CONFORM_MAX_WAITING_TYPES', DEFAULT_TYPES_LIMITS.maxWaiting, 0, 1_000),
    },
    maxSubmissionBytes: maxSubmissionBytes(env),
    compiled: {
      versions: integer(env, 'CONFORM_COMPILED_VERSIONS', DEFAULT_COMPILED_LIMITS.versions, 1, 100_000),
      mib: integer(env, 'CONFORM_COMPILED_MIB', DEFAULT_COMPILED_LIMITS.mib, 1, 64 * 1024),
    },
    maxWaitingCompiles: integer(env, 'CONFORM_MAX_WAITING_COMPILES', DEFAULT_MAX_WAITING_COMPILES, 0, 1_000),
    workers: integer(env, 'CONFORM_WORKERS', Math.min(DEFAULT_WORKERS, 64), 0, 64),
    smallFileTimeoutMs: integer(env, 'CONFORM_SMALL_FILE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxValidations: integer(env, 'CONFORM_MAX_VALIDATIONS', 8, 1, 10_000),
    maxValidationsPerSupplier: integer(env, 'CONFORM_MAX_VALIDATIONS_PER_SUPPLIER', 2, 1, 10_000),
    submissionsPerMinute: integer(env, 'CONFORM_SUBMISSIONS_PER_MINUTE', 120, 1, 1_000_000),
    maxReportReads: integer(env, 'CONFORM_MAX_REPORT_READS', 4, 1, 10_000),
    maxReportReadsPerSupplier: integer(env, 'CONFORM_MAX_REPORT_READS_PER_SUPPLIER', 2, 1, 10_000),
    retryAfterSeconds: integer(env, 'CONFORM_RETRY_AFTER_SECONDS', 5, 1, 3600),
    bodyTimeoutSeconds: integer(env, 'CONFORM_BODY_TIMEOUT_SECONDS', 30, 1, 3600),
    sendTimeoutSeconds: integer(env, 'CONFORM_SEND_TIMEOUT_SECONDS', 60, 1, 3600),
    minBodyBytesPerSecond: integer(env, 'CONFORM_MIN_BODY_RATE', 1000, 0, 1024 ** 3),
    headersTimeoutSeconds: integer(env, 'CONFORM_HEADERS_TIMEOUT_SECONDS', 20, 1, 3600),
    keepAliveTimeoutSeconds: integer(env, 'CONFORM_KEEP_ALIVE_TIMEOUT_SECONDS', 5, 1, 3600),
    maxConnections: integer(env, 'CONFORM_MAX_CONNECTIONS', 1000, 1, 1_000_000),
    maxConnectionsPerAddress: integer(env, 'CONFORM_MAX_CONNECTIONS_PER_ADDRESS', 0, 0, 1_000_000),
    sessionSecret: sessionSecret(env.CONFORM_SESSION_SECRET),
    secureCookies: env.CONFORM_COOKIE_INSECURE !== 'true',
    sessionIdleMinutes: integer(env, 'CONFORM_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integer(env, 'CONFORM_SESSION_MAX_HOURS', 8, 1, 7 * 24),
    signInFailuresPerAddress: integer(env, 'CONFORM_SIGN_IN_FAILURES_PER_ADDRESS', 10, 1, 100_000),
    signInFailuresTotal: integer(env, 'CONFORM_SIGN_IN_FAILURES_TOTAL', 600, 1, 10_000_000),
    tokenFailuresPerAddress: integer(env, 'CONFORM_TOKEN_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
    tokenFailuresTotal: integer(env, 'CONFORM_TOKEN_FAILURES_TOTAL', 60_000, 1, 100_000_000),
    reportRetentionDays: integer(env, 'CONFORM_REPORT_RETENTION_DAYS', 400, 1, 36500),
    reportPruneMinutes: integer(env, 'CONFORM_REPORT_PRUNE_MINUTES', 360, 1, 10080),
    trialReportMinutes: integer(env, 'CONFORM_TRIAL_REPORT_MINUTES', 60, 1, 24 * 60),
    trialReports: integer(env, 'CONFORM_TRIAL_REPORTS', 500, 1, 100_000),
    trialReportsPerSupplier: integer(env, 'CONFORM_TRIAL_REPORTS_PER_SUPPLIER', 20, 1, 100_000),
    trialReportMiB: integer(env, 'CONFORM_TRIAL_REPORT_MIB', 64, 1, 64 * 1024),
    metricsPort: env.CONFORM_METRICS_PORT ? integer(env, 'CONFORM_METRICS_PORT', 0, 0, 65535) : undefined,
    metricsHost: env.CONFORM_METRICS_HOST || '127.0.0.1',
    shutdownDrainSeconds: integer(env, 'CONFORM_SHUTDOWN_DRAIN_SECONDS', 5, 0, 300),
    shutdownTimeoutSeconds: integer(env, 'CONFORM_SHUTDOWN_TIMEOUT_SECONDS', 30, 1, 3600),
  };
}

/** The `conform` command's connection to a Conform service (validate and publish); its flags override these. */
export interface ClientConfig {
  /** CONFORM_SERVER: the service's base URL. */
  server: string | undefined;
  /** CONFORM_TOKEN: the bearer token sent to it. Never printed. */
  token: string | undefined;
}

export function loadClientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const server = env.CONFORM_SERVER || undefined;
  if (server !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(server);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError('CONFORM_SERVER must be an http or https URL such as http://localhost:3000');
    }
  }
  const token = env.CONFORM_TOKEN?.trim() || undefined;
  if (token !== undefined && /\s/.test(token)) throw new ConfigError('CONFORM_TOKEN must be one token, without spaces');
  return { server, token };
}
