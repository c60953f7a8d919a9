/**
 * The hapi server: problem details for every error, bearer tokens, the routes, and one log line per
 * request (request id, method, route, status, milliseconds; never bodies, record values or tokens).
 */
import Hapi from '@hapi/hapi';
import type { Logger } from '../log.js';
import type { RegistryService } from '../registry/service.js';
import type { Store } from '../store/types.js';
import { registerBearerAuth } from './auth.js';
import { registerProblems } from './problems.js';
import { registerStandardsRoutes } from './standards-routes.js';
import { registerOperationsRoutes } from './operations-routes.js';
import { registerSubmissionRoutes } from './submissions-routes.js';
import { registerQualityRoutes } from './quality-routes.js';
import { registerTypesRoutes } from './types-routes.js';
import { registerWeb } from '../web/plugin.js';
import type { SubmissionService } from '../submissions/service.js';

export interface ServerDeps {
  registry: RegistryService;
  store: Store;
  logger: Logger;
  port: number;
  host: string;
  maxSchemaBytes: number;
  submissions: SubmissionService;
  maxSubmissionBytes: number;
  workers: number;
  /** Sessions of the web pages: the cookie's encryption secret (random per start when not set) and Secure flag. */
  sessionSecret?: string;
  secureCookies: boolean;
}

export async function createServer(deps: ServerDeps): Promise<Hapi.Server> {
  const server = Hapi.server({
    port: deps.port,
    host: deps.host,
    router: { stripTrailingSlash: true },
    routes: {
      payload: { maxBytes: 1024 * 1024 },
      response: { emptyStatusCode: 204 },
    },
  });
  // Node's HTTP server ends any request that takes over 5 minutes by default; a 2 GiB submission on a
  // slow link may need longer. Idle sockets still time out (hapi's socket timeout) on other routes.
  server.listener.requestTimeout = 0;
  registerProblems(server);
  registerBearerAuth(server, deps.store);
  registerStandardsRoutes(server, deps.registry, deps.maxSchemaBytes);
  registerSubmissionRoutes(server, deps.submissions, { maxSubmissionBytes: deps.maxSubmissionBytes, workers: deps.workers });
  registerQualityRoutes(server, deps.store);
  registerTypesRoutes(server, deps.registry);
  await registerWeb(server, {
    registry: deps.registry, submissions: deps.submissions, store: deps.store, maxSubmissionBytes: deps.maxSubmissionBytes,
    ...(deps.sessionSecret ? { cookieSecret: deps.sessionSecret } : {}), secureCookies: deps.secureCookies,
  });
  registerOperationsRoutes(server, deps.store);

  server.events.on('response', (request) => {
    const response = request.response as { statusCode?: number } | null;
    deps.logger.info({
      reqId: request.info.id,
      method: request.method.toUpperCase(),
      route: request.route.path,
      status: response?.statusCode,
      ms: Date.now() - request.info.received,
    }, 'request');
  });
  server.events.on({ name: 'request', channels: 'app' }, (request, event) => {
    if (event.tags.includes('error')) deps.logger.error({ reqId: request.info.id, ...(event.data as object) }, 'request failed');
  });
  return server;
}
