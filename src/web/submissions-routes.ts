/**
 * The list of stored submissions (/submissions): newest first, filtered by standard, reporting period and
 * outcome (the same rule as the API's, services/submission-filters.ts), a page at a time with the service's cursor
 * and the pages' one paging helper (pagination.ts). The service's one visibility rule applies: a
 * supplier sees its own organisation's submissions, authors and admins everyone's.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import { DomainError } from '../services/errors.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { optionsHint, standardOptions } from './standard-options.js';
import { pageLink, pagesOf } from './pagination.js';
import { sizeText } from './report-view.js';
import { SUBMISSION_FILTER_NAMES, submissionFilters } from '../services/submission-filters.js';

/** Submissions a page shows. */
export const SUBMISSIONS_PER_PAGE = 25;

/**
 * The filters of the address, by the service's one rule (services/submission-filters.ts); the form's
 * empty fields ("any") are no filter, and a value typed with spaces around it is taken without them.
 */
function filtersOf(query: Record<string, unknown>) {
  const typed = Object.fromEntries(
    Object.entries(query)
      .map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value] as const)
      .filter(([, value]) => value !== ''),
  );
  let read;
  try {
    read = submissionFilters(typed);
  } catch (error) {
    // The page says it as sentences about the address.
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError('invalid-input', error.errors.map((e) => `The ${String(e.name)} in the address ${e.detail}.`).join(' '), error.errors);
  }
  const { given, ...filters } = read;
  // The service refuses a cursor it did not give (services/cursor.ts), as for the API.
  const cursor = typeof typed.cursor === 'string' ? typed.cursor : undefined;
  return { filters, given, cursor };
}

export function registerSubmissionPages(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  server.route({
    method: 'GET',
    path: '/submissions',
    options: { auth: SIGNED_IN },
    handler: async (request, h) => {
      const principal = principalOf(request)!;
      const { filters, given, cursor } = filtersOf(request.query);
      const { submissions: rows, next } = await submissions.list(principal, {
        limit: SUBMISSIONS_PER_PAGE,
        ...filters,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      const kept = Object.fromEntries(SUBMISSION_FILTER_NAMES.flatMap((name) => (given[name] !== undefined ? [[name, given[name]]] : [])));
      // The drop-down's standards (the first by id, and the filter's), and the titles of the page's others alone.
      const listed = await standardOptions(standards, filters.standardId);
      const titles = new Map(listed.options.map((standard) => [standard.id, standard.title]));
      const unnamed = [...new Set(rows.map((s) => s.standard))].filter((id) => !titles.has(id));
      for (const [id, title] of await standards.titles(unnamed)) titles.set(id, title);
      return page(request, h, 'submissions.njk', {
        title: 'Submissions',
        filters: { ...given, cursor },
        standards: listed.options.map(({ id, title }) => ({ id, title })),
        ...optionsHint(listed),
        rows: rows.map((s) => ({ ...s, title: titles.get(s.standard) ?? s.standard, sizeText: sizeText(s.size) })),
        pages: pagesOf(pageLink('/submissions', kept), cursor, next, { previous: 'Newest', next: 'Older submissions' }),
        filtered: Object.keys(kept).length > 0,
      });
    },
  });
}
