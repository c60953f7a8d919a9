/** Code generation over HTTP: a version's TypeScript types, and its bundle for generating elsewhere. */
import { standardId, versionSpec } from '../parameters.js';
import { etag, json, problem, retryAfter } from '../responses.js';
import { Bundle } from '../schemas.js';
import type { Operation, ParameterSpec } from '../types.js';
import { PUBLIC } from './access.js';

const ifNoneMatch: ParameterSpec = { description: 'An ETag from an earlier answer: 304 when it still matches', schema: { type: 'string' } };

export const getVersionTypes: Operation = {
  operationId: 'getVersionTypes',
  method: 'GET',
  path: '/v1/standards/{id}/versions/{version}/types.ts',
  summary: 'TypeScript types of a version (the same file `conform types` writes), with an ETag from its content hash',
  tags: ['codegen'],
  access: PUBLIC,
  params: { id: standardId, version: versionSpec },
  headers: { 'If-None-Match': ifNoneMatch },
  responses: {
    200: {
      description: 'The types',
      content: { 'application/typescript': { type: 'string' } },
      headers: {
        ETag: etag,
        'Content-Disposition': { description: 'inline, with the file name `conform types` gives it', schema: { type: 'string' } },
      },
    },
    304: { description: 'Not modified (If-None-Match matched the ETag)', headers: { ETag: etag } },
    404: problem('No such standard or version'),
    422: problem(
      "The type generator fails on this version's schema: it would on every try (the types are a function of the content), so this is no 503 and has no Retry-After, and the failure is kept by content hash like types are; the version's schema and bundle are still served",
    ),
    503: problem(
      "The types are not cached and cannot be generated now: the server generates one version's types at a time, off its event loop, and queues a few more (CONFORM_MAX_WAITING_TYPES; `errors`: `limit` types-generation), or this one ran past its time budget (CONFORM_TYPES_TIMEOUT_MS); try again after Retry-After seconds",
      { 'Retry-After': retryAfter },
    ),
  },
};

export const getVersionBundle: Operation = {
  operationId: 'getVersionBundle',
  method: 'GET',
  path: '/v1/standards/{id}/versions/{version}/bundle',
  summary: "A version's schema with the shared definitions it uses, for generating validators elsewhere (`conform types --server`)",
  tags: ['codegen'],
  access: PUBLIC,
  params: { id: standardId, version: versionSpec },
  headers: { 'If-None-Match': ifNoneMatch },
  responses: {
    200: json('The bundle', Bundle, { ETag: etag }),
    304: { description: 'Not modified', headers: { ETag: etag } },
    404: problem('No such standard or version'),
  },
};
