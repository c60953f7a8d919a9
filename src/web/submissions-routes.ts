/**
 * The list of stored submissions (/submissions): newest first, filtered by standard, reporting period and
 * outcome, a page at a time with the service's cursor. The service's one visibility rule applies: a
 * supplier sees its own organisation's submissions, authors and admins everyone's.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import { DomainError } from '../services/errors.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { sizeText } from './report-view.js';

/** Submissions a page shows. */
export const SUBMISSIONS_PER_PAGE = 25;

const OUTCOMES = { valid: true, invalid: false } as const;

interface ListQuery {
  standard?: string;
  period?: string;
  outcome?: string;
  cursor?: string;
}

/** The filters of the address, checked: an unknown outcome or an over-long value is a mistake said as such. */
function filtersOf(query: ListQuery) {
  const text = (name: keyof ListQuery, max: number): string | undefined => {
    const value = query[name]?.trim();
    if (value === undefined || value === '') return undefined;
    if (value.length > max) throw new DomainError('invalid-input', `The ${name} in the address is longer than ${max} characters.`);
    return value;
  };
  const outcome = text('outcome', 10);
  if (outcome !== undefined && !(outcome in OUTCOMES)) throw new DomainError('invalid-input', 'The outcome in the address must be "valid" or "invalid".');
  return { standard: text('standard', 100), period: text('period', 40), outcome: outcome as keyof typeof OUTCOMES | undefined, cursor: text('cursor', 512) };
}

export function registerSubmissionPages(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  server.route({
    method: 'GET',
    path: '/submissions',
    options: { auth: SIGNED_IN },
    handler: async (request, h) => {
      const principal = principalOf(request)!;
      const filters = filtersOf(request.query);
      const { submissions: rows, next } = await submissions.list(principal, {
        limit: SUBMISSIONS_PER_PAGE,
        ...(filters.standard !== undefined ? { standardId: filters.standard } : {}),
        ...(filters.period !== undefined ? { period: filters.period } : {}),
        ...(filters.outcome !== undefined ? { valid: OUTCOMES[filters.outcome] } : {}),
        ...(filters.cursor !== undefined ? { cursor: filters.cursor } : {}),
      });
      const kept = new URLSearchParams();
      for (const name of ['standard', 'period', 'outcome'] as const) if (filters[name] !== undefined) kept.set(name, filters[name]);
      const link = (cursor?: string) => {
        const query = new URLSearchParams(kept);
        if (cursor !== undefined) query.set('cursor', cursor);
        const text = query.toString();
        return text === '' ? '/submissions' : `/submissions?${text}`;
      };
      const titles = new Map((await standards.catalogue()).map((entry) => [entry.standard.id, entry.standard.title]));
      return page(request, h, 'submissions.njk', {
        title: 'Submissions',
        filters,
        standards: [...titles].map(([id, title]) => ({ id, title })),
        rows: rows.map((s) => ({ ...s, title: titles.get(s.standard) ?? s.standard, sizeText: sizeText(s.size) })),
        next: next === undefined ? undefined : link(next),
        first: filters.cursor === undefined ? undefined : link(),
        filtered: kept.size > 0,
      });
    },
  });
}
