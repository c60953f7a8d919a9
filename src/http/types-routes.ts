/**
 * Code generation over HTTP:
 *   GET /v1/standards/{id}/versions/{version}/types.ts  the version's TypeScript types, byte for byte what
 *       `conform types` writes as `<id>.v<version>.ts`;
 *   GET /v1/standards/{id}/versions/{version}/bundle    the version's schema with the shared definitions it
 *       reaches, from which `conform types --server` makes the same files as from the local library.
 * Both carry a strong ETag made from the content hash (and the code generation version) and answer 304
 * to a matching If-None-Match. An unknown standard or version is the registry's 404.
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { StoredVersion } from '../store/types.js';
import { CODEGEN_VERSION } from '../codegen/header.js';
import { fileBase, toBundle } from '../codegen/source.js';
import { contractRoute } from './contract/route.js';
import { getVersionBundle, getVersionTypes } from './contract/operations/index.js';

const MAX_CACHED = 64;

const params = (request: Request) => request.params as { id: string; version: string };
const etagOf = (version: StoredVersion, kind: string): string => `${version.contentHash.replace(/^sha256:/, '')}-${kind}-${CODEGEN_VERSION}`;

export function registerTypesRoutes(server: Server, standards: StandardsService): void {
  // Generated types by content hash, standard and version: generating takes tens of milliseconds.
  const cache = new Map<string, Promise<string>>();

  const typesOf = (version: StoredVersion): Promise<string> => {
    const key = `${version.contentHash} ${version.standardId} ${version.version}`;
    let types = cache.get(key);
    if (!types) {
      if (cache.size >= MAX_CACHED) cache.clear();
      // Loaded at the first request: json-schema-to-typescript and its parsers are large, and few callers ask.
      types = import('../codegen/typescript-types.js').then(({ generateTypes }) => generateTypes(standards.codegenSource(version)));
      types.catch(() => cache.delete(key));
      cache.set(key, types);
    }
    return types;
  };

  server.route([
    contractRoute(getVersionTypes, {
      handler: async (request, h: ResponseToolkit) => {
        const version = await standards.version(params(request).id, params(request).version);
        const etag = etagOf(version, 'types');
        const notModified = h.entity({ etag });
        if (notModified) return notModified;
        return h
          .response(await typesOf(version))
          .type('application/typescript; charset=utf-8')
          .etag(etag)
          .header('content-disposition', `inline; filename="${fileBase(version)}.ts"`);
      },
    }),
    contractRoute(getVersionBundle, {
      handler: async (request, h: ResponseToolkit) => {
        const version = await standards.version(params(request).id, params(request).version);
        const etag = etagOf(version, 'bundle');
        const notModified = h.entity({ etag });
        if (notModified) return notModified;
        return h.response(toBundle(standards.codegenSource(version))).etag(etag);
      },
    }),
  ]);
}
