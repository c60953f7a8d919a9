/**
 * The composition root: config -> store -> registry -> server. The only place that chooses a store
 * adapter. At start the bundled standards are loaded into the store (idempotent, by content hash), and
 * an empty store gets a first admin token, returned so that `conform serve` can print it once.
 */
import type { Server } from '@hapi/hapi';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { loadLibrary } from './registry/library.js';
import { RegistryService } from './registry/service.js';
import { importLibrary } from './registry/import-library.js';
import { openSqliteStore } from './store/sqlite.js';
import { openPostgresStore } from './store/postgres.js';
import type { Store } from './store/types.js';
import { createServer } from './http/server.js';
import { SubmissionService } from './submissions/service.js';
import { issueToken } from './http/auth.js';
import { bundledStandardsDir } from './registry/bundled.js';

export interface App {
  server: Server;
  store: Store;
  registry: RegistryService;
  logger: Logger;
  /** The first admin token, when this start created it (an empty store). */
  firstAdminToken?: string;
  stop(): Promise<void>;
}

export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir);
}

export async function buildApp(config: Config, options: { logger?: Logger; store?: Store } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const library = await loadLibrary(config.standardsDir ?? bundledStandardsDir());
  const store = options.store ?? (await openStore(config));
  try {
    const registry = new RegistryService(store, library);
    const imported = await importLibrary(store, library);
    logger.info({ store: store.kind, standards: library.standards.size, published: imported.created, unchanged: imported.unchanged }, 'standards library loaded');
    let firstAdminToken: string | undefined;
    if ((await store.countTokens()) === 0) {
      firstAdminToken = (await issueToken(store, { name: 'first admin', role: 'admin', organisation: null }, 'conform serve')).token;
    }
    const submissions = new SubmissionService(registry, store);
    const server = await createServer({
      registry, store, logger, submissions,
      port: config.port, host: config.host,
      maxSchemaBytes: config.maxSchemaBytes, maxSubmissionBytes: config.maxSubmissionBytes, workers: config.workers,
      ...(config.sessionSecret ? { sessionSecret: config.sessionSecret } : {}), secureCookies: config.secureCookies,
    });
    return {
      server, store, registry, logger,
      ...(firstAdminToken ? { firstAdminToken } : {}),
      async stop() {
        await server.stop({ timeout: 10_000 });
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
