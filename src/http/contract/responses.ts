/** Helpers for declaring responses: JSON bodies, problems and the headers some answers carry. */
import { Problem } from './schemas.js';
import type { HeaderSpec, Operation, ResponseSpec, Schema } from './types.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The media types of the operation's successful answers (2xx), in the order declared: the first is the default. */
export const producedTypes = (operation: Operation): string[] => [
  ...new Set(
    Object.entries(operation.responses)
      .filter(([status]) => status.startsWith('2'))
      .flatMap(([, response]) => Object.keys(response.content ?? {})),
  ),
];

/**
 * Whether a caller's Accept header can refuse the operation's answer (a 406, http/acceptable.ts): where it
 * answers JSON. A download whose only answer is a file keeps its type whatever the header says.
 */
export const negotiates = (produces: readonly string[]): boolean => produces.some((type) => /^application\/(.+\+)?json$/.test(type));

export const json = (description: string, schema: Schema, headers?: ResponseSpec['headers']): ResponseSpec => ({
  description,
  content: { 'application/json': schema },
  ...(headers ? { headers } : {}),
});

export const problem = (description: string, headers?: ResponseSpec['headers']): ResponseSpec => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: Problem },
  ...(headers ? { headers } : {}),
});

/** `{ <key>: [items], next }`: a page of a paginated list, with the link to the next page (null on the last). */
export const pageOf = (key: string, items: Schema): Schema => ({
  type: 'object',
  required: [key, 'next'],
  properties: {
    [key]: { type: 'array', items },
    next: { type: ['string', 'null'], format: 'uri-reference', description: 'The next page (the same query with `cursor`), or null on the last page' },
  },
  additionalProperties: false,
});

/** The `Link: <…>; rel="next"` header of a page that has a next one. */
export const link: HeaderSpec = { description: 'RFC 8288 link to the next page, `<url>; rel="next"`, when there is one', schema: { type: 'string' } };

/** `{ <key>: [items] }`, the envelope of every list the API returns. */
export const listOf = (key: string, items: Schema): Schema => ({
  type: 'object',
  required: [key],
  properties: { [key]: { type: 'array', items } },
  additionalProperties: false,
});

export const location = (description: string): HeaderSpec => ({ description, schema: { type: 'string', format: 'uri-reference' } });
export const etag: HeaderSpec = { description: 'Strong entity tag from the content hash and the code generation version', schema: { type: 'string' } };
export const wwwAuthenticate: HeaderSpec = { description: 'Always `Bearer`', schema: { type: 'string', const: 'Bearer' } };
export const retryAfter: HeaderSpec = { description: 'Seconds to wait before trying again', schema: { type: 'string', pattern: '^[1-9][0-9]*$' } };

/**
 * The registry's schema checks or comparisons (each one at a time behind a bounded queue: services/schema-guard.ts
 * `checksBusy`, services/comparisons.ts) were full: nothing was done.
 */
export const schemaChecksBusy = {
  /** A publish, whose candidate is checked, then compared with the versions before it. */
  publish: problem(
    'The registry is already checking as many schemas (CONFORM_MAX_WAITING_SCHEMA_CHECKS waiting) or comparing as many pairs of versions for publishes (CONFORM_MAX_WAITING_PUBLISH_COMPARISONS waiting, a queue of their own that the public changes endpoints cannot fill) as it queues, one at a time; or other versions of the same standard or artefact were published while it was checked, each time of three (it is checked again against each): nothing was published; send it again after Retry-After',
    { 'Retry-After': retryAfter },
  ),
  /** A comparison, whose stored patterns not yet shown safe are checked first. */
  compare: problem(
    "The registry is already comparing as many pairs of versions for the changes endpoints and pages as it queues (one at a time, CONFORM_MAX_WAITING_COMPARISONS waiting; publishes' comparisons wait apart), or the versions' patterns not yet shown safe must be checked first and it is already checking as many schemas as it queues; try again after Retry-After",
    { 'Retry-After': retryAfter },
  ),
};

/** A comparison ran past its time budget (CONFORM_COMPARE_TIMEOUT_MS; services/comparisons.ts). */
export const comparisonTooLong = problem(
  'Comparing the two versions took longer than the comparison time budget (CONFORM_COMPARE_TIMEOUT_MS): `errors` names the `comparison time budget` and its `max` in ms. The same versions take as long every time, so asking again does not help',
);
