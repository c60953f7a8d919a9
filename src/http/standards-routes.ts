/** /v1/standards: list, read, publish, deprecate and compare versions. */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import { principalOf } from './auth.js';
import { standardDetail, standardSummary, versionDetail } from './views.js';

const AUTHORS = { strategy: 'bearer', access: { scope: ['author', 'admin'] } };
const SCHEMA_TYPES = ['application/json', 'application/schema+json', 'application/yaml', 'application/x-yaml', 'text/yaml'];

const params = (request: Request) => request.params as { id: string; version: string };

export function registerStandardsRoutes(server: Server, standards: StandardsService, maxSchemaBytes: number): void {
  server.route([
    {
      method: 'GET',
      path: '/v1/standards',
      handler: async () => ({ standards: (await standards.catalogue()).map(({ standard, latest }) => standardSummary(standard, latest)) }),
    },
    {
      method: 'GET',
      path: '/v1/standards/{id}',
      handler: async (request) => {
        const { standard, versions, latest } = await standards.get(params(request).id);
        return standardDetail(standard, versions, latest);
      },
    },
    {
      method: 'PUT',
      path: '/v1/standards/{id}',
      options: { auth: AUTHORS, payload: { maxBytes: 64 * 1024, allow: ['application/json'] } },
      handler: async (request, h: ResponseToolkit) => {
        const saved = await standards.saveMetadata(params(request).id, request.payload, principalOf(request));
        return h.response(standardDetail(saved.standard, saved.versions, saved.latest)).code(saved.created ? 201 : 200);
      },
    },
    {
      method: 'GET',
      path: '/v1/standards/{id}/versions/{version}',
      handler: async (request) => versionDetail(await standards.version(params(request).id, params(request).version)),
    },
    {
      method: 'PUT',
      path: '/v1/standards/{id}/versions/{version}',
      options: { auth: AUTHORS, payload: { parse: false, output: 'data', maxBytes: maxSchemaBytes, allow: SCHEMA_TYPES } },
      handler: async (request, h) => {
        const { id, version } = params(request);
        const body = (request.payload as Buffer).toString('utf8');
        const result = await standards.publish({ standardId: id, version, body }, principalOf(request));
        return h
          .response(versionDetail(result.version))
          .code(result.outcome === 'created' ? 201 : 200)
          .header('Location', `/v1/standards/${id}/versions/${version}`);
      },
    },
    {
      method: 'GET',
      path: '/v1/standards/{id}/changes',
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
        };
      },
    },
    {
      method: 'POST',
      path: '/v1/standards/{id}/versions/{version}/deprecate',
      options: { auth: AUTHORS },
      handler: async (request) => versionDetail(await standards.deprecate(params(request).id, params(request).version, principalOf(request))),
    },
  ]);
}
