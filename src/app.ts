/**
 * The composition root: config -> store -> services -> the hapi server with the API and the web pages.
 * The only place that chooses a store adapter and wires services to faces. At start the bundled standards
 * are loaded into the store (idempotent, by content hash), and an empty store gets a first admin token,
 * returned so that `conform serve` can print it once.
 */
import { createServer } from 'node:http';
import Hapi, { type Server } from '@hapi/hapi';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { loadLibrary } from './registry/library.js';
import { bundledStandardsDir } from './registry/bundled.js';
import { openSqliteStore, sqliteFile } from './store/sqlite.js';
import { existsSync } from 'node:fs';
import { openPostgresStore } from './store/postgres.js';
import type { Store } from './store/types.js';
import { StandardsService } from './services/standards.js';
import { SubmissionService } from './services/submissions.js';
import { AccessService } from './services/access.js';
import { HealthService } from './services/health.js';
import { SessionService } from './services/sessions.js';
import { hapiSecurity, registerSecurityHeaders } from './security-headers.js';
import { guardStorage } from './services/storage-guard.js';
import { startRetention, type RetentionJob } from './services/retention.js';
import { Admission } from './services/admission.js';
import { WorkerPool } from './validation/parallel/pool.js';
import { registerBodyTimeout } from './body-timeout.js';
import { registerApi } from './http/plugin.js';
import { registerWeb } from './web/plugin.js';

export interface Services {
  standards: StandardsService;
  submissions: SubmissionService;
  access: AccessService;
  sessions: SessionService;
  health: HealthService;
}

export interface App {
  server: Server;
  services: Services;
  logger: Logger;
  /** The store under the services (for operators and tests; faces reach it only through services). */
  store: Store;
  /** Which database the store is, for logs. */
  storeKind: Store['kind'];
  /** The process's one worker pool (closed by `stop`). */
  pool: WorkerPool;
  /** The first admin token, when this start created it (an empty store). */
  firstAdminToken?: string;
  /** The job deleting reports older than CONFORM_REPORT_RETENTION_DAYS. */
  retention: RetentionJob;
  stop(): Promise<void>;
}

export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
}

/** The configured store in words (never a password), and whether it exists yet (a SQLite file is created when first opened). */
export function storeLocation(config: Pick<Config, 'databaseUrl' | 'dataDir'>): { description: string; exists: boolean } {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return { description: `the PostgreSQL database ${url.host}${url.pathname} (DATABASE_URL)`, exists: true };
  }
  if (config.dataDir === ':memory:') return { description: 'an in-memory SQLite store', exists: true };
  const file = sqliteFile(config.dataDir);
  return { description: `the SQLite store ${file} (CONFORM_DATA_DIR)`, exists: existsSync(file) };
}

/** The access service over the configured store, for `conform tokens`; close it when done. */
export async function openAccess(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<{ access: AccessService; close: () => Promise<void> }> {
  const store = await openStore(config);
  return { access: new AccessService(store), close: () => store.close() };
}

function attachRequestLog(server: Server, logger: Logger): void {
  server.events.on('response', (request) => {
    const response = request.response as { statusCode?: number } | null;
    logger.info(
      {
        reqId: request.info.id,
        method: request.method.toUpperCase(),
        route: request.route.path,
        status: response?.statusCode,
        ms: Date.now() - request.info.received,
      },
      'request',
    );
  });
  server.events.on({ name: 'request', channels: 'app' }, (request, event) => {
    if (event.tags.includes('error')) logger.error({ reqId: request.info.id, ...(event.data as object) }, 'request failed');
  });
}

/**
 * Versions published before patterns were analysed at publish are re-checked in the background (off the
 * event loop) and each pattern that would be refused now is logged, by standard, version and pointer.
 */
function auditStoredPatterns(standards: StandardsService, logger: Logger): void {
  standards.auditStoredPatterns().then(
    (found) => {
      for (const f of found) logger.warn(f, 'a stored version has a pattern that publishing would now refuse');
    },
    (error: unknown) => logger.error({ err: error }, 'the stored patterns could not be re-checked'),
  );
}

export async function buildApp(config: Config, options: { logger?: Logger; store?: Store } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const library = await loadLibrary(config.standardsDir ?? bundledStandardsDir());
  const store = options.store ?? (await openStore(config));
  try {
    const health = new HealthService(store);
    // Services see the store through the guard: a full disk is a clear 507 and takes /ready down.
    const guarded = guardStorage(store, health);
    const standards = new StandardsService(guarded, library, config.schemaGuard);
    const imported = await standards.importLibrary();
    logger.info(
      { store: store.kind, standards: library.standards.size, published: imported.created, unchanged: imported.unchanged },
      'standards library loaded',
    );
    auditStoredPatterns(standards, logger);
    const access = new AccessService(guarded);
    const firstAdminToken = await access.firstAdminToken('conform serve');
    const pool = new WorkerPool(config.workers);
    const admission = new Admission({
      perProcess: config.maxValidations,
      perSupplier: config.maxValidationsPerSupplier,
      retryAfterSeconds: config.retryAfterSeconds,
    });
    const services: Services = {
      standards,
      submissions: new SubmissionService(standards, guarded, { maxBytes: config.maxSubmissionBytes, pool, admission }),
      access,
      sessions: new SessionService(guarded, access, {
        idleMs: config.sessionIdleMinutes * 60_000,
        absoluteMs: config.sessionMaxHours * 3_600_000,
      }),
      health,
    };
    // Node's own bounds: the headers must arrive in time, and idle keep-alive connections close. There is
    // no bound on a whole request (a 2 GiB submission on a slow link may take long); a body that stalls
    // ends with 408 instead (body-timeout.ts), on every route.
    const listener = createServer({
      headersTimeout: config.headersTimeoutSeconds * 1000,
      keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(config.headersTimeoutSeconds * 1000, 30_000) / 2,
    });
    const server = Hapi.server({
      listener,
      port: config.port,
      host: config.host,
      router: { stripTrailingSlash: true },
      routes: { payload: { maxBytes: 1024 * 1024 }, response: { emptyStatusCode: 204 }, security: hapiSecurity(config.secureCookies) },
    });
    registerBodyTimeout(server, config.bodyTimeoutSeconds * 1000);
    registerApi(server, { ...services, maxSchemaBytes: config.maxSchemaBytes });
    await registerWeb(server, {
      ...services,
      ...(config.sessionSecret ? { cookieSecret: config.sessionSecret } : {}),
      secureCookies: config.secureCookies,
      sessionMaxAgeMs: config.sessionMaxHours * 3_600_000,
      signInLimits: { perAddress: config.signInFailuresPerAddress, total: config.signInFailuresTotal },
    });
    // Last of the onPreResponse exts: it adds the CSP to whatever answer the faces made.
    registerSecurityHeaders(server);
    attachRequestLog(server, logger);
    const retention = startRetention(services.submissions, {
      retentionDays: config.reportRetentionDays,
      everyMs: config.reportPruneMinutes * 60_000,
      onPruned: (count) => logger.info({ count, retentionDays: config.reportRetentionDays }, 'old reports pruned'),
      onError: (error) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'pruning old reports failed'),
    });
    return {
      server,
      services,
      logger,
      store,
      storeKind: store.kind,
      pool,
      ...(firstAdminToken ? { firstAdminToken } : {}),
      retention,
      async stop() {
        await retention.stop();
        await server.stop({ timeout: 10_000 });
        await pool.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
