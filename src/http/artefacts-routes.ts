/** /v1/artefacts: list, read, publish, deprecate and retire artefact versions, their changes and where they are used. */
import type { Request, Server } from '@hapi/hapi';
import type { ArtefactsService } from '../services/artefacts.js';
import { artefactUri, kindOfSegment, KIND_SEGMENT, type ArtefactKind } from '../registry/artefacts/refs.js';
import type { ArtefactSummary, StoredArtefact } from '../store/types.js';
import { principalOf } from './auth.js';
import { sizeWords } from '../validation/size-words.js';
import { contractRoute } from './contract/route.js';
import { pageCursor, pageLimit, pageResponse } from './paging.js';
import {
  deprecateArtefactVersion,
  getArtefactChanges,
  getArtefactUsage,
  getArtefactVersion,
  getArtefactVersions,
  listArtefacts,
  publishArtefact,
  retireArtefactVersion,
} from './contract/operations/index.js';

const params = (request: Request) => {
  const p = request.params as { kind: string; id: string; version: string };
  return { kind: kindOfSegment(p.kind) as ArtefactKind, id: p.id, version: p.version };
};

export const artefactSummary = (a: ArtefactSummary) => ({
  kind: a.kind,
  id: a.id,
  version: a.version,
  status: a.status,
  title: a.title,
  uri: artefactUri(a),
  contentHash: a.contentHash,
  changelog: a.changelog,
  owner: a.owner,
  publishedAt: a.publishedAt,
});

export const artefactDetail = (a: StoredArtefact) => ({
  ...artefactSummary(a),
  document: JSON.parse(a.document) as unknown,
  schema: JSON.parse(a.schema) as unknown,
});

export function registerArtefactRoutes(server: Server, artefacts: ArtefactsService, maxSchemaBytes: number): void {
  server.route([
    contractRoute(listArtefacts, {
      handler: async (request, h) => {
        const kind = kindOfSegment(String((request.query as { kind?: string }).kind ?? ''));
        const page = await artefacts.page({ limit: pageLimit(request), ...pageCursor(request), ...(kind ? { kind } : {}) });
        return pageResponse(request, h, 'artefacts', page.items.map(artefactSummary), page.next);
      },
    }),
    contractRoute(getArtefactVersions, {
      handler: async (request, h) => {
        const page = await artefacts.versionPage(params(request).kind, params(request).id, { limit: pageLimit(request), ...pageCursor(request) });
        return pageResponse(request, h, 'versions', page.items.map(artefactSummary), page.next);
      },
    }),
    contractRoute(getArtefactVersion, {
      handler: async (request) => artefactDetail(await artefacts.version(params(request).kind, params(request).id, params(request).version)),
    }),
    contractRoute(publishArtefact, {
      options: {
        payload: { parse: 'gunzip', output: 'data', maxBytes: maxSchemaBytes },
        app: { tooLarge: `the document is larger than this service publishes: at most ${sizeWords(maxSchemaBytes)} (after gzip is inflated)` },
      },
      handler: async (request, h) => {
        const path = params(request);
        const body = (request.payload as Buffer).toString('utf8');
        const result = await artefacts.publish(body, principalOf(request), path);
        const { artefact } = result;
        return h
          .response({ artefact: artefactDetail(artefact), adoptions: result.adoptions, adoptionsNotRead: result.adoptionsNotRead })
          .code(result.outcome === 'created' ? 201 : 200)
          .header('Location', `/v1/artefacts/${KIND_SEGMENT[artefact.kind]}/${artefact.id}/versions/${artefact.version}`);
      },
    }),
    contractRoute(deprecateArtefactVersion, {
      handler: async (request) => {
        const { kind, id, version } = params(request);
        return artefactDetail(await artefacts.setStatus(kind, id, version, 'deprecated', principalOf(request)));
      },
    }),
    contractRoute(retireArtefactVersion, {
      handler: async (request) => {
        const { kind, id, version } = params(request);
        return artefactDetail(await artefacts.setStatus(kind, id, version, 'retired', principalOf(request)));
      },
    }),
    contractRoute(getArtefactUsage, {
      handler: async (request) => {
        const { kind, id, version } = params(request);
        const found = await artefacts.version(kind, id, version);
        return { artefact: artefactUri(found), ...(await artefacts.whereUsed(kind, id, found.version)) };
      },
    }),
    contractRoute(getArtefactChanges, {
      handler: async (request) => {
        const { kind, id } = params(request);
        const { from, to } = request.query as { from: string; to?: string };
        const comparison = await artefacts.compare(kind, id, from, to || 'latest');
        return {
          artefact: `${KIND_SEGMENT[kind]}/${id}`,
          from: comparison.from,
          to: comparison.to,
          requiredBump: comparison.needed,
          problems: comparison.problems.map((p) => p.message),
          changes: comparison.changes,
          changesTotal: comparison.changesTotal,
        };
      },
    }),
  ]);
}
