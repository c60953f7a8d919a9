/** /v1/standards: list, read, publish, deprecate and compare versions. */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { RegistryService } from '../registry/service.js';
import { RegistryError } from '../registry/errors.js';
import type { TokenCredentials } from './auth.js';
import { standardDetail, standardSummary, versionDetail } from './views.js';
import { metadataInput } from './standard-input.js';
import { contractRoute } from './contract/route.js';
import { deprecateVersion, getChanges, getStandard, getVersion, listStandards, publishVersion, putStandard } from './contract/operations/index.js';

const actor = (request: Request): string => (request.auth.credentials as unknown as TokenCredentials).actor;
const params = (request: Request) => request.params as { id: string; version: string };

export function registerStandardsRoutes(server: Server, registry: RegistryService, maxSchemaBytes: number): void {
  server.route([
    contractRoute(listStandards, {
      handler: async () => {
        const standards = await registry.listStandards();
        const rows = await Promise.all(standards.map(async (s) => standardSummary(s, registry.latest(await registry.store.listVersions(s.id)))));
        return { standards: rows };
      },
    }),
    contractRoute(getStandard, {
      handler: async (request) => {
        const { standard, versions } = await registry.getStandard(params(request).id);
        return standardDetail(standard, versions, registry.latest(versions));
      },
    }),
    contractRoute(putStandard, {
      options: { payload: { maxBytes: 64 * 1024 } },
      handler: async (request, h: ResponseToolkit) => {
        const { id } = params(request);
        const existed = (await registry.store.getStandard(id)) !== undefined;
        const saved = await registry.store.saveStandard(metadataInput(id, request.payload), actor(request));
        const versions = await registry.store.listVersions(id);
        return h.response(standardDetail(saved, versions, registry.latest(versions))).code(existed ? 200 : 201);
      },
    }),
    contractRoute(getVersion, {
      handler: async (request) => versionDetail(await registry.resolve(params(request).id, params(request).version)),
    }),
    contractRoute(publishVersion, {
      options: { payload: { parse: false, output: 'data', maxBytes: maxSchemaBytes } },
      handler: async (request, h) => {
        const { id, version } = params(request);
        const body = (request.payload as Buffer).toString('utf8');
        const result = await registry.publish({ standardId: id, version, body, actor: actor(request) });
        return h
          .response(versionDetail(result.version))
          .code(result.outcome === 'created' ? 201 : 200)
          .header('Location', `/v1/standards/${id}/versions/${version}`);
      },
    }),
    contractRoute(getChanges, {
      handler: async (request) => {
        const { from, to } = request.query as { from?: string; to?: string };
        const comparison = await registry.changes(params(request).id, from || undefined, to || undefined);
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
    }),
    contractRoute(deprecateVersion, {
      handler: async (request) => {
        const { id, version } = params(request);
        const current = await registry.resolve(id, version);
        if (current.version !== version) throw new RegistryError('bad-request', `give the exact version to deprecate (for example ${current.version})`);
        if (current.status === 'retired') throw new RegistryError('conflict', `${id} ${version} is retired`);
        return versionDetail(await registry.setStatus(id, version, 'deprecated', actor(request)));
      },
    }),
  ]);
}
