/**
 * An artefact's own page (`/code-lists/{id}`, `/definitions/{id}`): its versions, newest first, 25 a page
 * (web/pagination.ts), each with its status, date and changelog. The catalogue and each version's page
 * link here rather than list every version, so none of them grows with the versions an author publishes.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { KIND_SEGMENT, type ArtefactKind } from '../registry/artefacts/refs.js';
import { page } from './page.js';
import { pageLink, pagesOf } from './pagination.js';

/** Versions on one page of an artefact, as on a standard's page. */
export const ARTEFACT_VERSIONS_PER_PAGE = 25;

const HEADINGS: Record<ArtefactKind, { caption: string; anchor: string }> = {
  'code-list': { caption: 'Code lists', anchor: 'code-lists' },
  definitions: { caption: 'Definitions sets', anchor: 'definitions' },
};

export function registerArtefactVersionPages(server: Server, standards: StandardsService): void {
  server.route(
    (['code-list', 'definitions'] as const).map((kind) => ({
      method: 'GET',
      path: `/${KIND_SEGMENT[kind]}/{id}`,
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const cursor = (request.query as { cursor?: string }).cursor || undefined;
        const versions = await standards.artefacts.versionPage(kind, id, {
          limit: ARTEFACT_VERSIONS_PER_PAGE,
          newestFirst: true,
          ...(cursor ? { cursor } : {}),
        });
        const base = `/${KIND_SEGMENT[kind]}/${id}`;
        const latest = versions.items[0];
        return page(request, h, 'artefact-versions.njk', {
          title: `${latest?.title ?? id}: versions`,
          kind,
          base,
          heading: HEADINGS[kind],
          name: latest?.title ?? id,
          versions: versions.items,
          pages: pagesOf(pageLink(base, {}), cursor, versions.next),
        });
      },
    })),
  );
}
