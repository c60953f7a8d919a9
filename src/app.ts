/**
 * The composition root: config -> store -> services -> the hapi server with the API and the web pages.
 * The only place that chooses a store adapter and wires services to faces. At start the bundled standards
 * are loaded into the store (idempotent, by content hash), and an empty store gets a first admin token,
 * returned (never logged) so that `conform serve` can keep it in a file (cli/first-admin-token.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import Hapi, { type Server } from '@hapi/hapi';
import type { Config } from './config.js';
import { createLogger, requestContext, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { loadLibrary } from './registry/library.js';
import { bundledStandardsDir } from './registry/bundled.js';
import { openSqliteStore, sqliteFile } from './store/sqlite.js';
import { existsSync } from 'node:fs';
import type { Store } from './store/types.js';
import type { StoreHooks } from './store/kysely-store.js';
import { StandardsService } from './services/standards.js';
import { SubmissionService } from './services/submissions.js';
import { SuggestionService } from './services/suggestions.js';
import { ColumnMappingService } from './services/column-mappings.js';
import { AccessService } from './services/access.js';
import { TrialReports } from './services/trial-reports.js';
import { HealthService } from './services/health.js';
import { SessionService } from './services/sessions.js';
import { hapiSecurity, registerSecurityHeaders } from './security-headers.js';
import { guardStorage } from './services/storage-guard.js';
import { startRetention, type RetentionJob } from './services/retention.js';
import { Admission, REPORT_READS } from './services/admission.js';
import { SubmissionRate } from './services/submission-rate.js';
import { WorkerPool, type ThreadLoss } from './validation/parallel/pool.js';
import { Validators } from './validation/validators.js';
import { CompileGate } from './services/compile-gate.js';
import { registerBodyTimeout } from './body-timeout.js';
import { registerSendTimeout } from './send-timeout.js';
import { registerMethodNotAllowed } from './method-not-allowed.js';
import { registerRequestHeaders } from './request-headers.js';
import { registerRequestText } from './request-text.js';
import { registerApi } from './http/plugin.js';
import { answerClientErrors, answerExpectations } from './http/client-errors.js';
import { registerExpectContinue } from './expect-continue.js';
import { limitConnections } from './connection-limit.js';
import { registerWeb } from './web/plugin.js';

export interface Services {
  standards: StandardsService;
  submissions: SubmissionService;
  access: AccessService;
  sessions: SessionService;
  health: HealthService;
  suggestions: SuggestionService;
  mappings: ColumnMappingService;
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
  /** The small-file lane: one thread for files declared under 1 MiB, with a time budget (closed by `stop`). */
  smallFiles: WorkerPool;
  /** The validations running now, by organisation (services/admission.ts), for operators and tests. */
  admission: Admission;
  /** The first admin token, when this start created it (an empty store). */
  firstAdminToken?: string;
  /** The job deleting reports older than CONFORM_REPORT_RETENTION_DAYS. */
  retention: RetentionJob;
  /** The Prometheus metrics (served by metrics-server.ts). */
  metrics: Metrics;
  stop(): Promise<void>;
  /**
   * Graceful stop (SIGTERM): /ready turns 503 at once, requests keep being served for `drainMs` (the load
   * balancer's time to notice), then the listener closes and in-flight requests get `timeoutMs` to finish.
   */
  shutdown(drainMs: number, timeoutMs: number): Promise<void>;
}

/**
 * The configured store. The PostgreSQL driver is loaded only when a database URL is configured, so a
 * service on the embedded store does not hold it (about 10 MiB of resident memory with the codegen's).
 */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>, hooks?: StoreHooks): Promise<Store> {
  if (!config.databaseUrl) return openSqliteStore(config.dataDir, hooks);
  const { openPostgresStore } = await import('./store/postgres.js');
  return openPostgresStore(config.databaseUrl, hooks);
}

/** The health service over the configured store, for `conform backup`; close it when done. */
export async function openHealth(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<{ health: HealthService; close: () => Promise<void> }> {
  const store = await openStore(config);
  return { health: new HealthService(store), close: () => store.close() };
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

/** A well-formed request id from the load balancer (HAProxy's unique-id). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id (injected requests, in tests, never pass the listener: hapi's own id then). */
const requestId = (request: { headers: Record<string, unknown>; info: { id: string } }): string => {
  const id = request.headers['x-request-id'];
  return typeof id === 'string' ? id : request.info.id;
};

/**
 * Every request gets an id before hapi sees it: the load balancer's X-Request-Id when it sent a well-formed
 * one, otherwise a new one (written into the request's headers, where the request log reads it). The
 * async context is entered in the listener's own 'request' event, ahead of hapi's, so everything hapi
 * then does for the request, and every line logged on its behalf, carries the id (log.ts).
 */
function enterRequestContext(listener: HttpServer): void {
  const enter = (req: IncomingMessage): void => {
    const given = req.headers['x-request-id'];
    const reqId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers['x-request-id'] = reqId;
    requestContext.enterWith({ reqId });
  };
  listener.on('request', enter);
  // A request with Expect: 100-continue comes as this event instead (hapi listens to both).
  listener.on('checkContinue', enter);
}

function attachRequestLog(server: Server, logger: Logger, metrics: Metrics): void {
  server.events.on('response', (request) => {
    const response = request.response as { statusCode?: number } | null;
    const ms = Date.now() - request.info.received;
    const method = request.method.toUpperCase();
    const status = response?.statusCode ?? 0;
    metrics.request(method, request.route.path, status, ms / 1000);
    logger.info({ reqId: requestId(request), method, route: request.route.path, status, ms }, 'request');
  });
  server.events.on({ name: 'request', channels: 'app' }, (request, event) => {
    if (event.tags.includes('error')) logger.error({ reqId: requestId(request), ...(event.data as object) }, 'request failed');
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
  // Every version the service compiles on this thread (the library's, and the store's on first use), bounded.
  const library = await loadLibrary(config.standardsDir ?? bundledStandardsDir(), new Validators(config.compiled), {
    maxFileBytes: config.maxLibraryFileBytes,
  });
  // A validation thread that dies (one submission's file filled its heap, or overran a small file's time)
  // is logged for the operator: why, and what became of the other submissions it held (never a value).
  const threadLost = (lane: string) => (loss: ThreadLoss) =>
    logger.warn({ lane, ...loss }, 'a validation thread died (another is started when one is next needed)');
  // Suppliers share these threads: a piece held by a thread another's file kills is sent again (keepPieces).
  const pool = new WorkerPool(config.workers, undefined, { keepPieces: true, onThreadLost: threadLost('pool') });
  // Files declared under 1 MiB: their own thread, so they never wait behind a large file, within a time budget.
  const smallFiles = new WorkerPool(config.workers > 0 ? 1 : 0, undefined, {
    budgetMs: config.smallFileTimeoutMs,
    keepPieces: true,
    onThreadLost: threadLost('small-file'),
  });
  // Trial reports live in this process's memory only (never the store): their addresses answer on this replica.
  const trials = new TrialReports({
    ttlMs: config.trialReportMinutes * 60_000,
    maxReports: config.trialReports,
    maxPerOwner: config.trialReportsPerSupplier,
    maxBytes: config.trialReportMiB * 1024 * 1024,
  });
  const metrics = new Metrics(
    () => {
      // The pool's figures, with the small-file lane's threads lost and what they held counted in too.
      const [shared, small] = [pool.stats(), smallFiles.stats()];
      return {
        ...shared,
        threadsLost: shared.threadsLost + small.threadsLost,
        piecesRerun: shared.piecesRerun + small.piecesRerun,
        jobsLost: shared.jobsLost + small.jobsLost,
      };
    },
    () => trials.stats(),
    () => smallFiles.stats(),
  );
  const store = options.store ?? (await openStore(config, { onQuery: (operation, ok, ms) => metrics.query(operation, ok, ms / 1000) }));
  try {
    const health = new HealthService(store);
    // Services see the store through the guard: a full disk is a clear 507 and takes /ready down.
    const guarded = guardStorage(store, health);
    const standards = new StandardsService(guarded, library, config.schemaGuard, config.maxOwnersPerStandard);
    const imported = await standards.importLibrary();
    logger.info(
      { store: store.kind, standards: library.standards.size, published: imported.created, unchanged: imported.unchanged },
      'standards library loaded',
    );
    const filled = store.keysFilled;
    if (filled && filled.versions + filled.artefacts > 0)
      logger.warn(filled, 'version keys filled: versions stored by a replica from before migration 0016 (docs/deployment.md)');
    auditStoredPatterns(standards, logger);
    const access = new AccessService(guarded);
    const firstAdminToken = await access.firstAdminToken('conform serve');
    pool.onPiece = (piece) => logger.debug(piece, 'piece validated on a worker');
    smallFiles.onPiece = pool.onPiece;
    const admission = new Admission(
      {
        perProcess: config.maxValidations,
        perSupplier: config.maxValidationsPerSupplier,
        retryAfterSeconds: config.retryAfterSeconds,
      },
      (reason) => metrics.refused(reason),
    );
    const suggestions = new SuggestionService(standards);
    const mappings = new ColumnMappingService(guarded, suggestions);
    const services: Services = {
      standards,
      submissions: new SubmissionService(
        standards,
        guarded,
        {
          maxBytes: config.maxSubmissionBytes,
          pool,
          smallFiles,
          serving: true,
          compiles: new CompileGate(config.maxWaitingCompiles, config.retryAfterSeconds),
          admission,
          rate: new SubmissionRate(config.submissionsPerMinute),
          reportReads: new Admission(
            { perProcess: config.maxReportReads, perSupplier: config.maxReportReadsPerSupplier, retryAfterSeconds: config.retryAfterSeconds },
            undefined,
            REPORT_READS,
          ),
          onValidated: (outcome) => metrics.validated(outcome),
          // In the request's context, so the line carries its id; never a record value.
          onAbandoned: (what) => logger.info(what, 'validation stopped: the client went away before the answer'),
        },
        () => new Date(),
        { mappings, suggestions, trials, tokenLive: async (id) => (await access.principalOf(id)) !== undefined },
      ),
      suggestions,
      mappings,
      access,
      sessions: new SessionService(guarded, access, {
        idleMs: config.sessionIdleMinutes * 60_000,
        absoluteMs: config.sessionMaxHours * 3_600_000,
      }),
      health,
    };
    // Node's own bounds: the headers must arrive in time, and idle keep-alive connections close. There is
    // no bound on a whole request (a 2 GiB submission on a slow link may take long); a body that stalls,
    // or trickles under the minimum rate, ends with 408 instead (body-timeout.ts), on every route.
    const listener = createServer({
      // A request without Host is refused by request-headers.ts as a problem, not by Node with a bare 400.
      requireHostHeader: false,
      headersTimeout: config.headersTimeoutSeconds * 1000,
      keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(config.headersTimeoutSeconds * 1000, 30_000) / 2,
    });
    enterRequestContext(listener);
    const server = Hapi.server({
      listener,
      port: config.port,
      host: config.host,
      router: { stripTrailingSlash: true },
      // A Cookie header is read cookie by cookie, a malformed one left out: another site on the same domain
      // may set a cookie RFC 6265 does not allow (a space in its value, a name left empty), and hapi's strict
      // reading answered every page with 400 for it, the signed-in supplier's session cookie included.
      state: { strictHeader: false, ignoreErrors: true },
      // Range is ignored (RFC 9110 lets a server): hapi's 416 for one it could not satisfy was its own JSON,
      // written after every onPreResponse ext, so neither a problem nor a page; a download is always whole.
      routes: { payload: { maxBytes: 1024 * 1024 }, response: { emptyStatusCode: 204, ranges: false }, security: hapiSecurity(config.secureCookies) },
    });
    // After hapi's own listener is attached: requests the parser refuses get a problem, not a bare 400.
    answerClientErrors(listener);
    // An Expect other than 100-continue: a 417 problem, not Node's bare 417.
    answerExpectations(listener);
    // In front of Node's and hapi's connection handling: a connection beyond the bound is a 503, then closed.
    const connections = limitConnections(
      listener,
      { max: config.maxConnections, perAddress: config.maxConnectionsPerAddress, retryAfterSeconds: config.retryAfterSeconds },
      (reason) => metrics.connectionRefused(reason),
    );
    metrics.watchConnections(() => connections.open());
    registerBodyTimeout(server, config.bodyTimeoutSeconds * 1000, config.minBodyBytesPerSecond);
    // An answer its client stops reading for this long is given up, its connection closed (a download's report freed).
    registerSendTimeout(server, config.sendTimeoutSeconds * 1000);
    // Expect: 100-continue gets its 100 only when the body is read: a refusal before that (a 413) comes without it.
    registerExpectContinue(server);
    // A path served with another method is a 405 naming the methods (Allow), on both faces.
    registerMethodNotAllowed(server);
    // A query parameter or a page's form field that is not UTF-8 is a 400 naming it, never read as U+FFFD.
    registerRequestText(server);
    // An Authorization, Content-Type or Host header given twice, or no Host in HTTP/1.1, is a 400 naming it.
    registerRequestHeaders(server);
    registerApi(server, {
      ...services,
      maxSchemaBytes: config.maxSchemaBytes,
      types: config.types,
      tokenFailures: { perAddress: config.tokenFailuresPerAddress, total: config.tokenFailuresTotal },
    });
    await registerWeb(server, {
      ...services,
      ...(config.sessionSecret ? { cookieSecret: config.sessionSecret } : {}),
      secureCookies: config.secureCookies,
      sessionMaxAgeMs: config.sessionMaxHours * 3_600_000,
      signInLimits: { perAddress: config.signInFailuresPerAddress, total: config.signInFailuresTotal },
    });
    // Last of the onPreResponse exts: it adds the CSP to whatever answer the faces made.
    registerSecurityHeaders(server);
    attachRequestLog(server, logger, metrics);
    const retention = startRetention(services.submissions, {
      retentionDays: config.reportRetentionDays,
      everyMs: config.reportPruneMinutes * 60_000,
      onPruned: (count) => logger.info({ count, retentionDays: config.reportRetentionDays }, 'old reports pruned'),
      onError: (error) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'pruning old reports failed'),
    });
    const stop = async (timeoutMs = 10_000): Promise<void> => {
      await retention.stop();
      trials.stop();
      await server.stop({ timeout: timeoutMs });
      await pool.close();
      await smallFiles.close();
      await store.close();
    };
    return {
      server,
      services,
      logger,
      store,
      storeKind: store.kind,
      pool,
      smallFiles,
      admission,
      ...(firstAdminToken ? { firstAdminToken } : {}),
      retention,
      metrics,
      stop: () => stop(),
      async shutdown(drainMs, timeoutMs) {
        health.drain();
        logger.info({ drainMs, timeoutMs }, 'draining: /ready answers 503 while the load balancer notices');
        await new Promise((resolve) => setTimeout(resolve, drainMs));
        logger.info('closing the listener; in-flight requests finish');
        await stop(timeoutMs);
        logger.info('stopped');
      },
    };
  } catch (error) {
    trials.stop();
    await pool.close();
    await smallFiles.close();
    await store.close();
    throw error;
  }
}
