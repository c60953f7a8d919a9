/** GET /v1/quality: scorecards of stored submissions over time, and suppliers ranked by overall score. */
import type { Request, Server } from '@hapi/hapi';
import type { SubmissionService } from '../services/submissions.js';
import { DomainError } from '../services/errors.js';
import { principalOf } from './auth.js';
import { contractRoute } from './contract/route.js';
import { getQuality } from './contract/operations/index.js';
import { isDate } from '../validation/date-time.js';
import { ukDayBounds } from '../quality/period.js';

/**
 * A date (the whole UK day, as deadlines are: from midnight UK time) or date-time as an ISO 8601 instant;
 * the contract has checked the form.
 */
function bound(name: string, value: string | undefined, endOfDay: boolean): string | undefined {
  if (value === undefined || value === '') return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) && isDate(value) ? ukDayBounds(value) : undefined;
  const time = Date.parse(day ? (endOfDay ? day.last : day.first) : value);
  if (Number.isNaN(time)) throw new DomainError('invalid-input', `${name} must be a date (YYYY-MM-DD) or date-time`);
  return new Date(time).toISOString();
}

export function registerQualityRoutes(server: Server, submissions: SubmissionService): void {
  server.route(
    contractRoute(getQuality, {
      handler: async (request: Request) => {
        const q = request.query as { standard: string; supplier?: string; from?: string; to?: string };
        const from = bound('from', q.from, false);
        const to = bound('to', q.to, true);
        return submissions.trends(principalOf(request), {
          standardId: q.standard,
          ...(q.supplier ? { supplier: q.supplier } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
      },
    }),
  );
}
