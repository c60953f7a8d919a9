/** Public pages: the catalogue, a standard, a version (field dictionary, downloads, examples), changes. */
import { join } from 'node:path';
import type { Server } from '@hapi/hapi';
import { stringify as toYaml } from 'yaml';
import type { AnySchemaObject } from 'ajv';
import type { StandardsService } from '../services/standards.js';
import { versionSchemaId } from '../registry/library.js';
import type { ArtefactKind } from '../registry/artefacts/refs.js';
import { bundledStandardsDir } from '../registry/bundled.js';
import { fieldDictionary } from '../registry/field-dictionary.js';
import { readExamples, type VersionExample } from '../registry/examples.js';
import { page } from './page.js';
import { pageLink, pagesOf } from './pagination.js';

/** Standards on one page of the catalogue, and versions on one page of a standard: each page stays small. */
export const STANDARDS_PER_PAGE = 20;
export const VERSIONS_PER_PAGE = 25;
/** Code lists (and definitions sets) in one page of their catalogue table. */
export const ARTEFACTS_PER_PAGE = 20;

/** A bundled version's examples, each with its record as indented JSON; none for versions published over HTTP. */
async function examplesOf(standardId: string, version: string) {
  const examples = await readExamples(join(bundledStandardsDir(), standardId), version).catch(() => undefined);
  if (!examples) return undefined;
  const show = (e: VersionExample) => ({ ...e, json: JSON.stringify(e.record, null, 2) });
  return { valid: examples.valid.map(show), invalid: examples.invalid.map(show) };
}

/** The catalogue's query parameter holding each artefact table's cursor, and the table's anchor. */
const ARTEFACT_TABLES: Record<ArtefactKind, { cursor: string; anchor: string; label: string }> = {
  'code-list': { cursor: 'code-lists-cursor', anchor: 'code-lists', label: 'Pages of code lists' },
  definitions: { cursor: 'definitions-cursor', anchor: 'definitions', label: 'Pages of definitions sets' },
};

/**
 * A page of the code lists (or definitions sets), each once with its latest live version (else its latest)
 * and how many versions it has, read a page at a time (the store's artefact entries): the versions
 * themselves are on its own paged page (artefact-versions-routes.ts). The table's links keep the rest of
 * the address (the search, the other tables' pages) and lead back to the table.
 */
async function artefactTable(standards: StandardsService, kind: ArtefactKind, query: Record<string, string>) {
  const { cursor: name, anchor, label } = ARTEFACT_TABLES[kind];
  const cursor = query[name] || undefined;
  const found = await standards.artefacts.entries(kind, { limit: ARTEFACTS_PER_PAGE, ...(cursor ? { cursor } : {}) });
  const pages = pagesOf(pageLink('/', query, { param: name, anchor }), cursor, found.next);
  return {
    rows: found.items.map((e) => ({ id: e.id, title: e.latest.title, latest: e.latest.version, count: e.versions })),
    pages: pages && { ...pages, label },
  };
}

/** What the catalogue's address holds (the search and each list's cursor), as its links keep it. */
function catalogueQuery(query: Record<string, unknown>): Record<string, string> {
  const names = ['q', 'cursor', ...Object.values(ARTEFACT_TABLES).map((t) => t.cursor)];
  return Object.fromEntries(names.flatMap((name) => (typeof query[name] === 'string' && query[name] !== '' ? [[name, query[name]]] : [])));
}

export function registerCatalogueRoutes(server: Server, standards: StandardsService): void {
  server.route([
    {
      method: 'GET',
      path: '/',
      handler: async (request, h) => {
        const { q: given, cursor: asked } = request.query as { q?: string; cursor?: string };
        const cursor = asked || undefined;
        const q = String(given ?? '').trim();
        const words = q.toLowerCase().split(/\s+/).filter(Boolean);
        const found = await standards.cataloguePage({
          limit: STANDARDS_PER_PAGE,
          ...(cursor ? { cursor } : {}),
          ...(words.length > 0 ? { words } : {}),
        });
        const rows = found.items.map(({ standard, latest }) => ({ ...standard, latestVersion: latest?.version, status: latest?.status }));
        // The search as read, and each list's page: every list's links keep the others'.
        const query = catalogueQuery({ ...request.query, q });
        const link = pageLink('/', query);
        return page(request, h, 'catalogue.njk', {
          title: 'Data standards',
          standards: rows,
          q,
          pages: pagesOf(link, cursor, found.next),
          codeLists: await artefactTable(standards, 'code-list', query),
          definitions: await artefactTable(standards, 'definitions', query),
        });
      },
    },
    {
      method: 'GET',
      path: '/standards/{id}',
      handler: async (request, h) => {
        const cursor = (request.query as { cursor?: string }).cursor || undefined;
        const { standard, versions } = await standards.versionPage((request.params as { id: string }).id, {
          limit: VERSIONS_PER_PAGE,
          newestFirst: true,
          ...(cursor ? { cursor } : {}),
        });
        const link = pageLink(`/standards/${standard.id}`, {});
        return page(request, h, 'standard.njk', {
          title: standard.title,
          standard,
          // Newest first in the table; the compare form lists this page's versions oldest first.
          versions: [...versions.items].reverse(),
          pages: pagesOf(link, cursor, versions.next),
        });
      },
    },
    {
      method: 'GET',
      path: '/standards/{id}/changes',
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const { from, to } = request.query as { from?: string; to?: string };
        const standard = await standards.standardOf(id);
        const c = await standards.changes(id, from || undefined, to || undefined);
        return page(request, h, 'changes.njk', {
          title: `Changes from ${c.from} to ${c.to}`,
          standard,
          from: c.from,
          to: c.to,
          policy: c.policy,
          bump: c.needed,
          problems: c.problems.map((p) => p.message),
          changes: c.changes,
          changesTotal: c.changesTotal,
        });
      },
    },
    {
      method: 'GET',
      path: '/standards/{id}/{version}/schema.yaml',
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const v = await standards.version(id, version);
        return h
          .response(toYaml(JSON.parse(v.schema)))
          .type('application/yaml; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${id}-${v.version}.yaml"`);
      },
    },
    {
      method: 'GET',
      path: '/standards/{id}/{version}',
      handler: async (request, h) => {
        const { id, version: spec } = request.params as { id: string; version: string };
        const { standard, version } = await standards.versionIn(id, spec);
        const schema = JSON.parse(version.schema) as AnySchemaObject;
        const sensitive = Array.isArray(standard.metadata.sensitiveFields) ? (standard.metadata.sensitiveFields as string[]) : [];
        const fields = fieldDictionary(standards.ajv, schema, versionSchemaId(id, version.version), sensitive, standards.artefactOf);
        return page(request, h, 'version.njk', {
          title: `${standard.title} ${version.version}`,
          standard,
          // The compare form's choices: the newest versions, as many as a standard's page shows.
          versions: await standards.newestVersions(id, VERSIONS_PER_PAGE),
          version,
          schema,
          fields,
          examples: await examplesOf(id, version.version),
        });
      },
    },
  ]);
}
