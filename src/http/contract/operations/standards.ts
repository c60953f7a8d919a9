/** /v1/standards: list, read, edit metadata, publish, compare and deprecate versions. */
import { cursor, exactVersion, limit, releaseVersion, ownerParameter, standardId, versionBound, versionSpec } from '../parameters.js';
import { comparisonTooLong, json, link, location, pageOf, problem, schemaChecksBusy } from '../responses.js';
import { Change, StandardDetail, StandardMetadataInput, StandardOwners, StandardSummary, VersionDetail } from '../schemas.js';
import type { Operation } from '../types.js';
import { ADMINS, AUTHORS, PUBLIC } from './access.js';
import { MAX_SCHEMA_TITLE } from '../../../services/schema-titles.js';
import { CHANGES_LISTED } from '../../../services/artefacts.js';

/** The 403 an owner-only operation adds to the role's. */
const NOT_OWNER = problem('the token is not an owner of this standard (authors change only the standards they own; admins every one)');

/** Content types a schema may be published in. */
export const SCHEMA_MEDIA_TYPES = ['application/json', 'application/schema+json', 'application/yaml', 'application/x-yaml', 'text/yaml'] as const;

const schemaDocument = { type: 'object', description: 'A JSON Schema (2020-12) of one record, without `$id`' } as const;
const schemaText = { type: 'string', description: 'The same schema written in YAML' } as const;

export const listStandards: Operation = {
  operationId: 'listStandards',
  method: 'GET',
  path: '/v1/standards',
  summary: 'List standards with their latest version, by id, a page at a time',
  tags: ['standards'],
  access: PUBLIC,
  query: { cursor, limit: { ...limit, description: 'At most this many per page: a whole number from 1 to 1000 (default 100)' } },
  responses: { 200: json('A page of standards; `next` links to the next page', pageOf('standards', StandardSummary), { Link: link }) },
};

export const getStandard: Operation = {
  operationId: 'getStandard',
  method: 'GET',
  path: '/v1/standards/{id}',
  summary: 'A standard: metadata, owners and its versions, a page at a time',
  tags: ['standards'],
  access: PUBLIC,
  params: { id: standardId },
  query: { cursor, limit: { ...limit, description: 'At most this many versions per page, oldest first: a whole number from 1 to 1000 (default 100)' } },
  responses: {
    200: json('The standard with a page of its versions; `next` links to the next page', StandardDetail, { Link: link }),
    404: problem('No such standard; the detail names at most three with the nearest ids'),
  },
};

export const putStandard: Operation = {
  operationId: 'putStandard',
  method: 'PUT',
  path: '/v1/standards/{id}',
  summary: "Create or update a standard's metadata",
  description:
    "The body is checked with the same schema as a library `standard.yaml` (without its id and versions); `compatibility` defaults to BACKWARD. A new id creates the standard, owned by the caller (`org:<ODS code>` when its token has an organisation, else `token:<token id>`); an existing one may be changed only by its owners and admins. Every pointer in it (record key, event date, sensitive fields, default-code thresholds) must name a field of the latest released version of one of the standard's majors (within a major a later version keeps the earlier's fields; 422 naming each).",
  tags: ['standards'],
  access: AUTHORS,
  params: { id: standardId },
  payload: { content: { 'application/json': StandardMetadataInput }, schema: StandardMetadataInput, invalid: 'the standard metadata is not valid' },
  responses: {
    200: json('Updated: the standard with the first page of its versions (`next` links to the rest)', StandardDetail, { Link: link }),
    201: json('Created', StandardDetail),
    400: problem('The body is not JSON'),
    403: NOT_OWNER,
    413: problem('The body is larger than 64 KiB'),
  },
};

export const getVersion: Operation = {
  operationId: 'getVersion',
  method: 'GET',
  path: '/v1/standards/{id}/versions/{version}',
  summary: 'A version and its schema',
  description:
    'An exact version is that version whatever its status; `latest`, a major (`2`) or a minor (`2.1`) is the newest published or deprecated version within it. Either way the service reads that version alone, however many the standard has.',
  tags: ['versions'],
  access: PUBLIC,
  params: { id: standardId, version: versionSpec },
  responses: {
    200: json('The version', VersionDetail),
    404: problem('No such standard or version; the detail lists the newest ten versions and how many are earlier'),
  },
};

export const publishVersion: Operation = {
  operationId: 'publishVersion',
  method: 'PUT',
  path: '/v1/standards/{id}/versions/{version}',
  summary: 'Publish a version (JSON or YAML schema)',
  description:
    'The version must be exact, and a release: the registry publishes no pre-release (`1.2.0-beta.1`) or build (`1.2.0+5`) versions, so `latest`, a major and a minor always name a release (422, naming the rule). The first version of an unknown id creates the standard, owned by the caller; later versions only its owners and admins may publish. Publishing the same content again answers 200 and changes nothing.',
  tags: ['versions'],
  access: AUTHORS,
  params: { id: standardId, version: releaseVersion },
  payload: { content: Object.fromEntries(SCHEMA_MEDIA_TYPES.map((type) => [type, type.includes('json') ? schemaDocument : schemaText])) },
  responses: {
    200: json('The same content was already published under this version', VersionDetail, { Location: location('The version') }),
    201: json('Published', VersionDetail, { Location: location('The version') }),
    400: problem('Not JSON or YAML, or not a semantic version'),
    403: NOT_OWNER,
    409: problem('This version is published with other content'),
    413: problem('The schema is larger than the limit (CONFORM_MAX_SCHEMA_BYTES, after gzip is inflated; the detail names it)'),
    422: problem(
      `A pre-release or build version (the registry publishes releases only), not a schema object, does not compile in strict mode (a keyword's value of the wrong shape: what it must be, and its pointer), applies itself to the same value without end (a loop of \`$ref\`s and in-place applicators with no field between, each loop named), breaks semver or the compatibility policy (each change listed), or has a \`title\` over ${MAX_SCHEMA_TITLE} characters or with a control or bidirectional character (each named by its pointer); or comparing it with the versions before it took longer than the comparison time budget (CONFORM_COMPARE_TIMEOUT_MS, \`errors\` naming the \`comparison time budget\`)`,
    ),
    503: schemaChecksBusy.publish,
  },
};

export const getChanges: Operation = {
  operationId: 'getChanges',
  method: 'GET',
  path: '/v1/standards/{id}/changes',
  summary: 'Classified changes between two versions',
  tags: ['versions'],
  access: PUBLIC,
  params: { id: standardId },
  query: {
    from: versionBound('The earlier version. Default: the version before `to`'),
    to: versionBound('The later version (not before `from`). Default: latest'),
  },
  responses: {
    200: json('The changes, each with whom it breaks and why, and the bump they need under the policy', {
      type: 'object',
      required: ['standard', 'from', 'to', 'policy', 'requiredBump', 'problems', 'changes', 'changesTotal'],
      properties: {
        standard: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        policy: { type: 'string' },
        requiredBump: { enum: ['major', 'minor', 'patch', 'none'] },
        problems: { type: 'array', items: { type: 'string' }, description: 'Where the versions as published break semver under the policy' },
        changes: {
          type: 'array',
          items: Change,
          maxItems: CHANGES_LISTED,
          description: `The first ${CHANGES_LISTED} changes at most (\`changesTotal\` counts them all; \`requiredBump\` and \`problems\` are judged on all)`,
        },
        changesTotal: { type: 'integer', minimum: 0, description: 'How many changes there are, listed or not' },
      },
      additionalProperties: false,
    }),
    400: problem('No earlier version to compare with, or `from` is later than `to` (both named in `errors`)'),
    404: problem('No such standard or version'),
    422: comparisonTooLong,
    503: schemaChecksBusy.compare,
  },
};

export const deprecateVersion: Operation = {
  operationId: 'deprecateVersion',
  method: 'POST',
  path: '/v1/standards/{id}/versions/{version}/deprecate',
  summary: 'Mark a version deprecated (owners and admins)',
  tags: ['versions'],
  access: AUTHORS,
  params: { id: standardId, version: exactVersion },
  responses: {
    200: json('Deprecated', VersionDetail),
    400: problem('Not an exact version'),
    403: NOT_OWNER,
    404: problem('No such standard or version'),
    409: problem('The version is retired'),
  },
};

export const retireVersion: Operation = {
  operationId: 'retireVersion',
  method: 'POST',
  path: '/v1/standards/{id}/versions/{version}/retire',
  summary: 'Retire a version for good (owners and admins): submissions to it answer 410',
  tags: ['versions'],
  access: AUTHORS,
  params: { id: standardId, version: exactVersion },
  responses: {
    200: json('Retired', VersionDetail),
    400: problem('Not an exact version'),
    403: NOT_OWNER,
    404: problem('No such standard or version'),
    409: problem('The version is already retired'),
  },
};

const owners = (description: string) => json(description, StandardOwners);

export const putOwner: Operation = {
  operationId: 'putOwner',
  method: 'PUT',
  path: '/v1/standards/{id}/owners/{owner}',
  summary: 'Grant co-ownership of a standard (admins)',
  description:
    "The owner may then change the standard as its creator can. A token must be live and not a supplier's. An organisation (`org:<ODS code>`) must have a live author or admin token (the service knows organisations only by their tokens): once granted, every author token of it owns the standard, including tokens issued later. Audited.",
  tags: ['standards'],
  access: ADMINS,
  params: { id: standardId, owner: ownerParameter },
  responses: {
    200: owners('Already an owner; nothing changed'),
    201: owners('Granted; the owners now'),
    404: problem('No such standard, no live token with that id, or no live token of that organisation; `errors` names the `owner` parameter'),
    422: problem(
      'A supplier token, or an organisation with only supplier tokens, cannot own a standard; or the standard has the most owners it may have (`CONFORM_MAX_OWNERS_PER_STANDARD`, 100); `errors` names the `owner` parameter',
    ),
  },
};

export const deleteOwner: Operation = {
  operationId: 'deleteOwner',
  method: 'DELETE',
  path: '/v1/standards/{id}/owners/{owner}',
  summary: 'Revoke ownership of a standard (admins)',
  description: 'A standard left without owners is managed by admins alone. Audited.',
  tags: ['standards'],
  access: ADMINS,
  params: { id: standardId, owner: ownerParameter },
  responses: { 200: owners('Revoked; the owners now'), 404: problem('No such standard, or not an owner of it') },
};
