/** GET /v1/quality: scorecards of stored submissions over time, and suppliers ranked by overall score. */
import type { Request, Server } from '@hapi/hapi';
import type { Store } from '../store/types.js';
import { qualityTrends } from '../quality/trends.js';
import { RegistryError } from '../registry/errors.js';
import type { TokenCredentials } from './auth.js';
import { contractRoute } from './contract/route.js';
import { getQuality } from './contract/operations/index.js';

function bound(name: string, value: string | undefined, endOfDay: boolean): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  if (Number.isNaN(time)) throw new RegistryError('bad-request', `${name} must be a date (YYYY-MM-DD) or date-time`);
  return new Date(time).toISOString();
}

export function registerQualityRoutes(server: Server, store: Store): void {
  server.route(contractRoute(getQuality, {
    handler: async (request: Request) => {
      const q = request.query as { standard?: string; supplier?: string; from?: string; to?: string };
      if (!q.standard) throw new RegistryError('bad-request', 'give the standard: /v1/quality?standard=<id>');
      if (!(await store.getStandard(q.standard))) throw new RegistryError('not-found', `unknown standard "${q.standard}"`);
      const { token } = request.auth.credentials as unknown as TokenCredentials;
      const from = bound('from', q.from, false);
      const to = bound('to', q.to, true);
      return qualityTrends(store, {
        standardId: q.standard,
        ...(q.supplier ? { supplier: q.supplier } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        caller: { role: token.role, organisation: token.organisation },
      });
    },
  }));
}
