/** The shape of `standard.yaml`, checked when the library loads (a bad file is a setup error). */
export type VersionStatus = 'draft' | 'published' | 'deprecated' | 'retired';
export const COMPATIBILITY_POLICIES = [
  'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE',
] as const;
export type CompatibilityPolicy = (typeof COMPATIBILITY_POLICIES)[number];

export interface VersionMeta {
  version: string;
  status: VersionStatus;
  released?: string;
  changelog: string;
  contentHash?: string;
}

export interface StandardMeta {
  id: string;
  title: string;
  owner: string;
  description: string;
  recordKey: string[];
  eventDate: string;
  submissionDeadline: string;
  compatibility: CompatibilityPolicy;
  sensitiveFields: string[];
  /** Data-quality declarations beyond the schema's: the tolerated share of default codes per field. */
  quality?: { defaultThresholds?: Record<string, number> };
  versions: VersionMeta[];
}

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' };

/** A standard's metadata, as an author sends it (PUT /v1/standards/{id}) and as standard.yaml holds it. */
const metadataProperties = {
    title: { type: 'string', pattern: '\\S' },
    owner: { type: 'string', pattern: '\\S' },
    description: { type: 'string', pattern: '\\S' },
    recordKey: { type: 'array', items: POINTER, minItems: 1, uniqueItems: true },
    eventDate: POINTER,
    submissionDeadline: { type: 'string', pattern: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$', minLength: 3 },
    compatibility: { enum: [...COMPATIBILITY_POLICIES] },
    sensitiveFields: { type: 'array', items: POINTER, uniqueItems: true },
    quality: {
      type: 'object',
      additionalProperties: false,
      properties: {
        defaultThresholds: { type: 'object', propertyNames: POINTER, additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
      },
    },
} as const;

/** The one metadata schema: title, owner and description required; the rest optional; nothing else. */
export const standardMetadataSchema = {
  $id: 'https://conform.invalid/meta/standard-metadata',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'owner', 'description'],
  properties: metadataProperties,
} as const;

/** standard.yaml: the metadata, all of it required, with the standard's id and its versions. */
export const standardMetaSchema = {
  $id: 'https://conform.invalid/meta/standard',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'owner', 'description', 'recordKey', 'eventDate', 'submissionDeadline', 'compatibility', 'sensitiveFields', 'versions'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 },
    ...metadataProperties,
    versions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'status', 'changelog'],
        properties: {
          version: { type: 'string', pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$' },
          status: { enum: ['draft', 'published', 'deprecated', 'retired'] },
          released: { type: 'string', format: 'date' },
          changelog: { type: 'string', minLength: 1 },
          contentHash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        },
      },
    },
  },
} as const;
