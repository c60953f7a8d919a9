/** /v1/standards: list, read, publish, deprecate, retire and compare versions; grant and revoke ownership. */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { principalOf } from './auth.js';
import { ownersView, standardDetail, standardSummary, versionDetail } from './views.js';
import { contractRoute } from './contract/route.js';
import {
  deleteOwner,
  deprecateVersion,
  getChanges,
  getStandard,
  getVersion,
  listStandards,
  publishVersion,
  putOwner,
  putStandard,
  retireVersion,
} from './contract/operations/index.js';
import { pageCursor, pageLimit, pagedResponse, pageResponse } from './paging.js';
import { sizeWords } from '../validation/size-words.js';

const params = (request: Request) => request.params as { id: string; version: string; owner: string };

/** A standard with a page of its versions, oldest first, and the link to the next page. */
async function detailPage(request: Request, h: ResponseToolkit, standards: StandardsService, page: { limit: number; cursor?: string }) {
  const { standard, latest, versions } = await standards.versionPage(params(request).id, page);
  const body = standardDetail(standard, versions.items, latest, await standards.owners(standard.id));
  return pagedResponse(request, h, body, versions.next);
}

export function registerStandardsRoutes(server: Server, standards: StandardsService, maxSchemaBytes: number): void {
  server.route([
    contractRoute(listStandards, {
      handler: async (request, h) => {
        const page = await standards.cataloguePage({ limit: pageLimit(request), ...pageCursor(request) });
        const items = page.items.map(({ standard, latest }) => standardSummary(standard, latest));
        return pageResponse(request, h, 'standards', items, page.next);
      },
    }),
    contractRoute(getStandard, {
      handler: async (request, h) => detailPage(request, h, standards, { limit: pageLimit(request), ...pageCursor(request) }),
    }),
    contractRoute(putStandard, {
      options: { payload: { maxBytes: 64 * 1024 } },
      handler: async (request, h: ResponseToolkit) => {
        const saved = await standards.saveMetadata(params(request).id, request.payload, principalOf(request));
        // The answer is the standard as GET answers it, with the first page of its versions.
        return (await detailPage(request, h, standards, { limit: pageLimit(request) })).code(saved.created ? 201 : 200);
      },
    }),
    contractRoute(getVersion, {
      handler: async (request) => versionDetail(await standards.version(params(request).id, params(request).version)),
    }),
    contractRoute(publishVersion, {
      // 'gunzip': a gzip body (Content-Encoding: gzip) is inflated, the limit counting the inflated bytes.
      options: {
        payload: { parse: 'gunzip', output: 'data', maxBytes: maxSchemaBytes },
        app: { tooLarge: `the schema is larger than this service publishes: at most ${sizeWords(maxSchemaBytes)} (after gzip is inflated)` },
      },
      handler: async (request, h) => {
        const { id, version } = params(request);
        const body = (request.payload as Buffer).toString('utf8');
        const result = await standards.publish({ standardId: id, version, body }, principalOf(request));
        return h
          .response(versionDetail(result.version))
          .code(result.outcome === 'created' ? 201 : 200)
          .header('Location', `/v1/standards/${id}/versions/${version}`);
      },
    }),
    contractRoute(getChanges, {
      handler: async (request) => {
        const { from, to } = request.query as { from?: string; to?: string };
        const comparison = await standards.changes(params(request).id, from || undefined, to || undefined);
        return {
          standard: params(request).id,
          from: comparison.from,
          to: comparison.to,
          policy: comparison.policy,
          requiredBump: comparison.needed,
          problems: comparison.problems.map((p) => p.message),
          changes: comparison.changes,
          changesTotal: comparison.changesTotal,
        };
      },
    }),
    contractRoute(deprecateVersion, {
      handler: async (request) => versionDetail(await standards.deprecate(params(request).id, params(request).version, principalOf(request))),
    }),
    contractRoute(retireVersion, {
      handler: async (request) => versionDetail(await standards.retire(params(request).id, params(request).version, principalOf(request))),
    }),
    contractRoute(putOwner, {
      handler: async (request, h) => {
        const { id, owner } = params(request);
        const { granted, owners } = await standards.grantOwner(id, owner, principalOf(request));
        return h.response(ownersView(id, owners)).code(granted ? 201 : 200);
      },
    }),
    contractRoute(deleteOwner, {
      handler: async (request) => {
        const { id, owner } = params(request);
        return ownersView(id, await standards.revokeOwner(id, owner, principalOf(request)));
      },
    }),
  ]);
}
