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
import { openSqliteStore } from './store/sqlite.js';
import { openPostgresStore } from './store/postgres.js';
import type { Store } from './store/types.js';
import { StandardsService } from './services/standards.js';
import { SubmissionService } from './services/submissions.js';
import { AccessService } from './services/access.js';
import { HealthService } from './services/health.js';
import { Admission } from './services/admission.js';
import { WorkerPool } from './validation/parallel/pool.js';
import { registerBodyTimeout } from './body-timeout.js';
import { registerApi } from './http/plugin.js';
import { registerWeb } from './web/plugin.js';

export interface Services {
  standards: StandardsService;
  submissions: SubmissionService;
  access: AccessService;
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
  stop(): Promise<void>;
}

export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
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

export async function buildApp(config: Config, options: { logger?: Logger; store?: Store } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const library = await loadLibrary(config.standardsDir ?? bundledStandardsDir());
  const store = options.store ?? (await openStore(config));
  try {
    const standards = new StandardsService(store, library);
    const imported = await standards.importLibrary();
    logger.info(
      { store: store.kind, standards: library.standards.size, published: imported.created, unchanged: imported.unchanged },
      'standards library loaded',
    );
    const access = new AccessService(store);
    const firstAdminToken = await access.firstAdminToken('conform serve');
    const pool = new WorkerPool(config.workers);
    const admission = new Admission({
      perProcess: config.maxValidations,
      perSupplier: config.maxValidationsPerSupplier,
      retryAfterSeconds: config.retryAfterSeconds,
    });
    const services: Services = {
      standards,
      submissions: new SubmissionService(standards, store, { maxBytes: config.maxSubmissionBytes, pool, admission }),
      access,
      health: new HealthService(store),
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
      routes: { payload: { maxBytes: 1024 * 1024 }, response: { emptyStatusCode: 204 } },
    });
    registerBodyTimeout(server, config.bodyTimeoutSeconds * 1000);
    registerApi(server, { ...services, maxSchemaBytes: config.maxSchemaBytes });
    await registerWeb(server, { ...services, ...(config.sessionSecret ? { cookieSecret: config.sessionSecret } : {}), secureCookies: config.secureCookies });
    attachRequestLog(server, logger);
    return {
      server,
      services,
      logger,
      store,
      storeKind: store.kind,
      pool,
      ...(firstAdminToken ? { firstAdminToken } : {}),
      async stop() {
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
