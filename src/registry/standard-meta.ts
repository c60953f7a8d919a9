/** The shape of `standard.yaml`, checked when the library loads (a bad file is a setup error). */
export type VersionStatus = 'draft' | 'published' | 'deprecated' | 'retired';
export const COMPATIBILITY_POLICIES = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
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
/** Required text: at least one character that is not white space. */
const TEXT = { type: 'string', pattern: '\\S' };

/** The id of a standard: lower-case words joined by hyphens (also its folder name and URL segment). */
export const STANDARD_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

/**
 * A standard's metadata: what `PUT /v1/standards/{id}` takes as its body and what `standard.yaml`
 * holds besides its id and versions. One schema for both, so the API and the library accept the same.
 */
export const standardMetadataSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'owner', 'description'],
  properties: {
    title: TEXT,
    owner: TEXT,
    description: TEXT,
    recordKey: {
      type: 'array',
      items: POINTER,
      minItems: 1,
      uniqueItems: true,
      description: 'JSON pointers to the fields that together identify a record (uniqueness)',
    },
    eventDate: { ...POINTER, description: 'JSON pointer to the date the record is about (timeliness)' },
    submissionDeadline: {
      type: 'string',
      pattern: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$',
      minLength: 3,
      description: 'ISO 8601 duration after the event date by which records are due, e.g. P30D',
    },
    compatibility: { enum: [...COMPATIBILITY_POLICIES], description: 'The compatibility policy every new version is checked under' },
    sensitiveFields: { type: 'array', items: POINTER, uniqueItems: true, description: 'JSON pointers to the fields whose values are personal data' },
    quality: {
      type: 'object',
      additionalProperties: false,
      properties: {
        defaultThresholds: {
          type: 'object',
          propertyNames: POINTER,
          additionalProperties: { type: 'number', minimum: 0, maximum: 1 },
          description: 'Tolerated share of default codes per field (JSON pointer)',
        },
      },
    },
  },
} as const;

/** `standard.yaml`: the metadata, every field of it required, plus the id and the versions. */
export const standardMetaSchema = {
  $id: 'https://conform.invalid/meta/standard',
  type: 'object',
  additionalProperties: false,
  required: ['id', ...standardMetadataSchema.required, 'recordKey', 'eventDate', 'submissionDeadline', 'compatibility', 'sensitiveFields', 'versions'],
  properties: {
    id: { type: 'string', pattern: STANDARD_ID_PATTERN, maxLength: 64 },
    ...standardMetadataSchema.properties,
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
