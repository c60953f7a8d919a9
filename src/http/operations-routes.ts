/** Probes, the OpenAPI contract and the audit log. */
import type { Server } from '@hapi/hapi';
import type { AccessService } from '../services/access.js';
import type { HealthService } from '../services/health.js';
import { openApiDocument } from './openapi.js';
import { contractRoute } from './contract/route.js';
import { principalOf } from './auth.js';
import { pageCursor, pageLimit, pageResponse } from './paging.js';
import { getHealth, getOpenApi, getReadiness, listAudit } from './contract/operations/index.js';

export function registerOperationsRoutes(server: Server, health: HealthService, access: AccessService): void {
  server.route([
    contractRoute(getHealth, { handler: () => ({ status: 'ok' }) }),
    contractRoute(getReadiness, {
      handler: async (_request, h) => {
        const { ready, store, detail } = await health.ready();
        return h.response(ready ? { status: 'ready', store } : { status: 'unavailable', store, detail }).code(ready ? 200 : 503);
      },
    }),
    contractRoute(getOpenApi, { handler: () => openApiDocument }),
    contractRoute(listAudit, {
      handler: async (request, h) => {
        const page = await access.audit(principalOf(request), { limit: pageLimit(request), ...pageCursor(request) });
        return pageResponse(request, h, 'entries', page.items, page.next);
      },
    }),
  ]);
}
