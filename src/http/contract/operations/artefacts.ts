/** /v1/artefacts: shared code lists and definitions sets, their versions, status, changes and where they are used. */
import { cursor, exactVersion, limit, releaseVersion, versionBound, versionSpec } from '../parameters.js';
import { comparisonTooLong, json, link, location, pageOf, problem, schemaChecksBusy } from '../responses.js';
import { component } from '../component.js';
import { Change } from '../schemas.js';
import type { Operation, ParameterSpec } from '../types.js';
import { AUTHORS, PUBLIC } from './access.js';
import { SCHEMA_MEDIA_TYPES } from './standards.js';
import { CHANGES_LISTED } from '../../../services/artefacts.js';
import { ADOPTION_CHANGES_LISTED } from '../../../services/artefact-adoption.js';

const kind: ParameterSpec = {
  description: 'The kind of artefact: `code-lists` or `definitions`',
  schema: { type: 'string', enum: ['code-lists', 'definitions'] },
  required: true,
  message: 'must be code-lists or definitions',
};
const artefactId: ParameterSpec = {
  description: 'The artefact id, e.g. ethnic-category',
  schema: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 },
  required: true,
  message: 'must be an artefact id: lower-case words joined by hyphens, at most 64 characters',
};
const STATUS = { enum: ['published', 'deprecated', 'retired'] } as const;
const KIND = { enum: ['code-list', 'definitions'] } as const;
const HASH = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;

export const ArtefactSummary = component('ArtefactSummary', {
  type: 'object',
  required: ['kind', 'id', 'version', 'status', 'title', 'uri', 'contentHash', 'changelog', 'owner', 'publishedAt'],
  properties: {
    kind: KIND,
    id: { type: 'string' },
    version: { type: 'string' },
    status: STATUS,
    title: { type: 'string' },
    uri: { type: 'string', description: 'What a standard version writes in `$ref`, e.g. conform:code-lists/ethnic-category/1.0.1' },
    contentHash: HASH,
    changelog: { type: 'string' },
    owner: { type: 'string' },
    publishedAt: { type: 'string', format: 'date-time' },
  },
  additionalProperties: false,
});

export const ArtefactDetail = component('ArtefactDetail', {
  type: 'object',
  required: [...ArtefactSummary.required, 'document', 'schema'],
  properties: {
    ...ArtefactSummary.properties,
    document: { type: 'object', description: 'The artefact document as published (a code list with its codes, or a definitions set)' },
    schema: { type: 'object', description: 'The JSON Schema standards reach: a code list as enum with x-labels and x-default-codes' },
  },
  additionalProperties: false,
});

const Adoption = component('ArtefactAdoption', {
  type: 'object',
  required: ['standardId', 'version', 'uses', 'bump', 'suggestedVersion', 'changes', 'changesTotal'],
  properties: {
    standardId: { type: 'string' },
    version: { type: 'string', description: "The standard's latest version, which refers to an earlier version of the artefact" },
    uses: { type: 'array', items: { type: 'string' } },
    bump: {
      type: ['string', 'null'],
      enum: ['major', 'minor', 'patch', 'none', null],
      description: 'The smallest bump a version adopting the new artefact version needs under its policy; null when not judged (`notJudged`)',
    },
    suggestedVersion: { type: ['string', 'null'] },
    changes: {
      type: 'array',
      maxItems: ADOPTION_CHANGES_LISTED,
      items: { type: 'object' },
      description: `The first ${ADOPTION_CHANGES_LISTED} changes adopting it makes (\`changesTotal\` says how many there are); none when not judged`,
    },
    changesTotal: { type: ['integer', 'null'], minimum: 0, description: 'How many changes adopting it makes; null when not judged' },
    notJudged: {
      type: 'string',
      description:
        'Why this adoption was not judged: it is past the adoptions one publish judges (CONFORM_MAX_JUDGED_ADOPTIONS, the first by standard id), or its diff took longer than the comparison time budget (CONFORM_COMPARE_TIMEOUT_MS) or failed. The artefact version is published all the same; a version of the standard that adopts it is judged when it is published',
    },
  },
  additionalProperties: false,
});

const PublishAnswer = {
  type: 'object',
  required: ['artefact', 'adoptions', 'adoptionsNotRead'],
  properties: {
    artefact: ArtefactDetail,
    adoptions: { type: 'array', items: Adoption },
    adoptionsNotRead: {
      type: 'integer',
      minimum: 0,
      description:
        'Further standards some version of which refers to an earlier version of the artefact, past the standards one publish reads (CONFORM_MAX_ADOPTION_READS, the first by standard id): their latest versions were not read, so they are not listed; the used-by of the earlier versions names them',
    },
  },
};

const base = '/v1/artefacts/{kind}/{id}';

export const listArtefacts: Operation = {
  operationId: 'listArtefacts',
  method: 'GET',
  path: '/v1/artefacts',
  summary: 'Artefact versions (code lists and definitions sets), a page at a time, by kind, id and version',
  tags: ['artefacts'],
  access: PUBLIC,
  query: {
    kind: { ...kind, required: false },
    cursor,
    limit: { ...limit, description: 'At most this many per page: a whole number from 1 to 1000 (default 100)' },
  },
  responses: { 200: json('A page of artefact versions; `next` links to the next page', pageOf('artefacts', ArtefactSummary), { Link: link }) },
};

export const getArtefactVersions: Operation = {
  operationId: 'getArtefactVersions',
  method: 'GET',
  path: base,
  summary: "An artefact's versions, oldest first, a page at a time",
  tags: ['artefacts'],
  access: PUBLIC,
  params: { kind, id: artefactId },
  query: { cursor, limit: { ...limit, description: 'At most this many per page, oldest first: a whole number from 1 to 1000 (default 100)' } },
  responses: {
    200: json('A page of the versions, oldest first; `next` links to the next page', pageOf('versions', ArtefactSummary), { Link: link }),
    404: problem('No such artefact; the detail names at most three with the nearest names'),
  },
};

export const getArtefactVersion: Operation = {
  operationId: 'getArtefactVersion',
  method: 'GET',
  path: `${base}/versions/{version}`,
  summary: 'An artefact version: its document and compiled schema (exact, a major or minor, or latest)',
  description:
    'An exact version is that version whatever its status; `latest`, a major or a minor is the newest published or deprecated version within it, read alone however many versions the artefact has.',
  tags: ['artefacts'],
  access: PUBLIC,
  params: { kind, id: artefactId, version: versionSpec },
  responses: {
    200: json('The version', ArtefactDetail),
    404: problem(
      'No such artefact (the detail names at most three with the nearest names) or version (it lists the newest ten versions and how many are earlier)',
    ),
  },
};

export const publishArtefact: Operation = {
  operationId: 'publishArtefact',
  method: 'PUT',
  path: `${base}/versions/{version}`,
  summary: 'Publish an artefact version (JSON or YAML document)',
  description:
    "The document names its kind (`code-list` or `definitions`), id and version, which must match the path. A code list has codes with label, default flag (and DQMI threshold), effective dates and source. Against the version before it: a code removed or a definition narrowed needs a new MAJOR, a code added a MINOR, labels a PATCH. A new version answers with the standards whose latest version refers to an earlier version of it, and the bump each would need to adopt it (judged off the event loop before anything is stored, one standard at a time in the publishes' comparison lane, each listing its first " +
    String(ADOPTION_CHANGES_LISTED) +
    ' changes; one whose diff takes longer than the comparison time budget is listed not judged, and the version is published all the same). One publish reads the latest versions of at most CONFORM_MAX_ADOPTION_READS standards (50) and judges at most CONFORM_MAX_JUDGED_ADOPTIONS adoptions (10), the first by standard id: an adoption past that is listed not judged, and the standards not read are counted (`adoptionsNotRead`).',
  tags: ['artefacts'],
  access: AUTHORS,
  params: { kind, id: artefactId, version: releaseVersion },
  payload: { content: Object.fromEntries(SCHEMA_MEDIA_TYPES.map((type) => [type, type.includes('json') ? { type: 'object' } : { type: 'string' }])) },
  responses: {
    200: json('The same content was already published under this version (no adoptions)', PublishAnswer),
    201: json('Published', PublishAnswer, { Location: location('The version') }),
    400: problem('Not JSON or YAML, or the document names another kind, id or version than the path'),
    403: problem('Not the owner of this artefact (the library owns the bundled ones: admins only)'),
    409: problem('This version is published with other content'),
    413: problem('The document is larger than the limit (CONFORM_MAX_SCHEMA_BYTES, after gzip is inflated; the detail names it)'),
    422: problem(
      'Not a valid artefact (duplicate codes, a default code outside its list, a cycle of references, an unknown or retired reference), or its version is a pre-release or build version (the registry publishes releases only) or breaks semver; each problem listed; or comparing it with the version before it took longer than the comparison time budget (CONFORM_COMPARE_TIMEOUT_MS), or reading the document took longer than the compile time budget (CONFORM_COMPILE_TIMEOUT_MS); nothing is published',
    ),
    503: schemaChecksBusy.publish,
  },
};

const statusOperation = (status: 'deprecate' | 'retire'): Operation => ({
  operationId: `${status}ArtefactVersion`,
  method: 'POST',
  path: `${base}/versions/{version}/${status}`,
  summary: status === 'retire' ? 'Retire an artefact version for good: new standard versions may no longer refer to it' : 'Deprecate an artefact version',
  tags: ['artefacts'],
  access: AUTHORS,
  params: { kind, id: artefactId, version: exactVersion },
  responses: {
    200: json(status === 'retire' ? 'Retired' : 'Deprecated', ArtefactDetail),
    400: problem('Not an exact version'),
    403: problem('Not the owner of this artefact'),
    404: problem('No such artefact or version'),
    409: problem('The version is already retired'),
  },
});
export const deprecateArtefactVersion = statusOperation('deprecate');
export const retireArtefactVersion = statusOperation('retire');

export const getArtefactUsage: Operation = {
  operationId: 'getArtefactUsage',
  method: 'GET',
  path: `${base}/versions/{version}/used-by`,
  summary: 'Where an artefact version is used: the standard versions that refer to it, directly or through another artefact',
  tags: ['artefacts'],
  access: PUBLIC,
  params: { kind, id: artefactId, version: versionSpec },
  responses: {
    200: json(
      'The standard versions that use this exact artefact version (any status), by standard then version: those whose schema ' +
        'refers to it by its `conform:` URI or, for a definitions set made of a library `_common` file, by the relative ' +
        '`../_common/<name>` reference (`direct: true`), and those that refer to another artefact which itself refers to it ' +
        '(`direct: false`). `references` lists each `$ref` of the version that leads to it: its JSON pointer, the reference as ' +
        'written, and `via`, the artefact the reference names when that is not this one. At most the first 1,000 references are ' +
        'listed (by standard, version and pointer); `referencesNotListed` counts those past them (0 when every one is listed).',
      {
        type: 'object',
        required: ['artefact', 'usedBy', 'referencesNotListed'],
        properties: {
          artefact: { type: 'string' },
          referencesNotListed: { type: 'integer', minimum: 0, description: 'References to this version past the 1,000 listed' },
          usedBy: {
            type: 'array',
            items: {
              type: 'object',
              required: ['standardId', 'version', 'status', 'direct', 'references'],
              properties: {
                standardId: { type: 'string' },
                version: { type: 'string' },
                status: { type: 'string' },
                direct: { type: 'boolean' },
                references: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['pointer', 'ref'],
                    properties: { pointer: { type: 'string' }, ref: { type: 'string' }, via: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    ),
    404: problem('No such artefact or version'),
  },
};

export const getArtefactChanges: Operation = {
  operationId: 'getArtefactChanges',
  method: 'GET',
  path: `${base}/changes`,
  summary: 'Classified changes between two versions of an artefact',
  tags: ['artefacts'],
  access: PUBLIC,
  params: { kind, id: artefactId },
  query: { from: { ...versionBound('The earlier version'), required: true }, to: versionBound('The later version (not before `from`). Default: latest') },
  responses: {
    200: json('The changes and the bump they need', {
      type: 'object',
      required: ['artefact', 'from', 'to', 'requiredBump', 'problems', 'changes', 'changesTotal'],
      properties: {
        artefact: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        requiredBump: { enum: ['major', 'minor', 'patch', 'none'] },
        problems: { type: 'array', items: { type: 'string' } },
        changes: {
          type: 'array',
          items: Change,
          maxItems: CHANGES_LISTED,
          description: `The first ${CHANGES_LISTED} changes at most (\`changesTotal\` counts them all; \`requiredBump\` and \`problems\` are judged on all)`,
        },
        changesTotal: { type: 'integer', minimum: 0, description: 'How many changes there are, listed or not' },
      },
    }),
    400: problem('`from` is later than `to` (both named in `errors`)'),
    404: problem('No such artefact or version'),
    422: comparisonTooLong,
    503: schemaChecksBusy.compare,
  },
};
