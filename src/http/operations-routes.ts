/** Probes, the OpenAPI contract and the audit log. */
import type { Server } from '@hapi/hapi';
import type { AccessService } from '../services/access.js';
import type { HealthService } from '../services/health.js';
import { openApiDocument } from './openapi.js';
import { contractRoute } from './contract/route.js';
import { getHealth, getOpenApi, getReadiness, listAudit } from './contract/operations/index.js';

export function registerOperationsRoutes(server: Server, health: HealthService, access: AccessService): void {
  server.route([
    contractRoute(getHealth, { handler: () => ({ status: 'ok' }) }),
    contractRoute(getReadiness, {
      handler: async (_request, h) => {
        const { ready, store } = await health.ready();
        return h.response({ status: ready ? 'ready' : 'unavailable', store }).code(ready ? 200 : 503);
      },
    }),
    contractRoute(getOpenApi, { handler: () => openApiDocument }),
    contractRoute(listAudit, {
      handler: async (request) => {
        const limit = Math.min(1000, Math.max(1, Number((request.query as { limit?: string }).limit ?? 100) || 100));
        return { entries: await access.audit(limit) };
      },
    }),
  ]);
}
