/**
 * Code generation over HTTP:
 *   GET /v1/standards/{id}/versions/{version}/types.ts  the version's TypeScript types, byte for byte what
 *       `conform types` writes as `<id>.v<version>.ts`;
 *   GET /v1/standards/{id}/versions/{version}/bundle    the version's schema with the shared definitions it
 *       reaches, from which `conform types --server` makes the same files as from the local library.
 * Both carry a strong ETag made from the content hash (and the code generation version) and answer 304
 * to a matching If-None-Match. An unknown standard or version is the registry's 404.
 *
 * Generating types takes seconds for a large version, so it runs off the event loop, one at a time, with
 * a time budget, and a bounded number wait (codegen/types-job.ts): a request beyond that, or one that runs
 * past the budget, is a 503 problem with Retry-After. A version whose schema the generator fails on (it
 * would every time: the types are a function of the content) is a 422 problem without Retry-After. The 64
 * most recently asked-for answers are kept by content hash, types and such failures alike, and at most
 * 16 million characters of types (the 64 largest a publish allows would be some 100 MB; a 999-field
 * version's types are 0.69 million characters).
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { StoredVersion } from '../store/types.js';
import { CODEGEN_VERSION } from '../codegen/header.js';
import { fileBase, toBundle } from '../codegen/source.js';
import { TypesJobs, type TypesJobLimits } from '../codegen/types-job.js';
import { DomainError } from '../services/errors.js';
import { BoundedCache } from '../validation/parallel/bounded-cache.js';
import { visibleText } from '../validation/visible-text.js';
import { contractRoute } from './contract/route.js';
import { getVersionBundle, getVersionTypes } from './contract/operations/index.js';

const MAX_CACHED = 64;
/** Characters of generated types kept at most (some 32 MiB). */
const MAX_CACHED_CHARACTERS = 16 * 1024 * 1024;
/** Seconds a caller refused as busy is told to wait. */
const RETRY_AFTER_SECONDS = 5;

const params = (request: Request) => request.params as { id: string; version: string };
const etagOf = (version: StoredVersion, kind: string): string => `${version.contentHash.replace(/^sha256:/, '')}-${kind}-${CODEGEN_VERSION}`;

export function registerTypesRoutes(server: Server, standards: StandardsService, limits?: TypesJobLimits): void {
  const jobs = new TypesJobs(limits);
  server.events.on('stop', () => void jobs.close());
  // Generated types by content hash, standard and version (a generation in progress is shared).
  const cache = new BoundedCache<Promise<string>>(MAX_CACHED, MAX_CACHED_CHARACTERS);

  const typesOf = (version: StoredVersion): Promise<string> => {
    const key = `${version.contentHash} ${version.standardId} ${version.version}`;
    let types = cache.get(key);
    if (!types) {
      types = jobs.generate(standards.codegenSource(version)).then((result) => {
        if (result.kind === 'ok') return result.text;
        if (result.kind === 'failed') throw cannotGenerate(result.message);
        throw refusal(
          result.kind === 'busy' ? busy(result.max) : result.kind === 'timeout' ? tooLong(result.ms) : 'could not be generated (the generator stopped)',
        );
      });
      // A failure of the generator on this content is kept, like types, so it is not made again on every
      // request; a refusal by a bound is forgotten, so the next request tries again.
      const kept = types;
      kept.then(
        // Weighed once made: the types' characters count against the cache's bound.
        (text) => {
          if (cache.get(key) === kept) cache.set(key, kept, text.length);
        },
        (error: unknown) => {
          if (!(error instanceof DomainError && error.kind === 'rejected')) cache.delete(key);
        },
      );
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

const busy = (max: number): string => `cannot be generated now: the server is already generating ${max} versions' types, as many as it queues`;
const tooLong = (ms: number): string => `could not be generated within the ${ms / 1000} s this server allows a version's types`;

/** Characters of the generator's own message an answer repeats at most. */
const MAX_REASON = 200;

/**
 * The generator failed on this version's content: it will on every try, so this is no 503 (which tells a
 * client to retry) but a 422 without Retry-After, and the route keeps it as it keeps types.
 */
function cannotGenerate(reason: string): DomainError {
  const shown = visibleText(reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason, true);
  return new DomainError(
    'rejected',
    `the version's types cannot be generated: the type generator fails on this version's schema (${shown}), and will on every try, so retrying does not help; the version's schema and its bundle are still served`,
    [{ detail: `the type generator fails on this version's schema: ${shown}` }],
  );
}

function refusal(detail: string): DomainError {
  return new DomainError('unavailable', `the version's types ${detail}; try again later`, [{ limit: 'types-generation', detail }], RETRY_AFTER_SECONDS);
}
