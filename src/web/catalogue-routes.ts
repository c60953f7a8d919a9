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
import type { StoredStandard } from '../store/types.js';
import { page } from './page.js';
import { pageLink, pagesOf } from './pagination.js';

/** Standards on one page of the catalogue, and versions on one page of a standard: each page stays small. */
export const STANDARDS_PER_PAGE = 20;
export const VERSIONS_PER_PAGE = 25;

/** A bundled version's examples, each with its record as indented JSON; none for versions published over HTTP. */
async function examplesOf(standardId: string, version: string) {
  const examples = await readExamples(join(bundledStandardsDir(), standardId), version).catch(() => undefined);
  if (!examples) return undefined;
  const show = (e: VersionExample) => ({ ...e, json: JSON.stringify(e.record, null, 2) });
  return { valid: examples.valid.map(show), invalid: examples.invalid.map(show) };
}

/**
 * Each code list (or definitions set) once, with its latest live version and how many versions it has:
 * the versions themselves are on its own paged page (artefact-versions-routes.ts), so a row stays one
 * line however many an author publishes.
 */
async function artefactRows(standards: StandardsService, kind: ArtefactKind): Promise<{ id: string; title: string; latest: string; count: number }[]> {
  const byId = new Map<string, { id: string; title: string; latest: string; count: number }>();
  for (const a of await standards.artefacts.list(kind)) {
    const row = byId.get(a.id) ?? { id: a.id, title: a.title, latest: a.version, count: 0 };
    row.count += 1;
    if (a.status !== 'retired') Object.assign(row, { latest: a.version, title: a.title });
    byId.set(a.id, row);
  }
  return [...byId.values()];
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
        const match = (s: StoredStandard) => words.every((w) => `${s.id} ${s.title} ${s.owner} ${s.description}`.toLowerCase().includes(w));
        const found = await standards.cataloguePage({
          limit: STANDARDS_PER_PAGE,
          ...(cursor ? { cursor } : {}),
          ...(words.length > 0 ? { match } : {}),
        });
        const rows = found.items.map(({ standard, latest }) => ({ ...standard, latestVersion: latest?.version, status: latest?.status }));
        const link = pageLink('/', q ? { q } : {});
        return page(request, h, 'catalogue.njk', {
          title: 'Data standards',
          standards: rows,
          q,
          pages: pagesOf(link, cursor, found.next),
          codeLists: await artefactRows(standards, 'code-list'),
          definitions: await artefactRows(standards, 'definitions'),
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
