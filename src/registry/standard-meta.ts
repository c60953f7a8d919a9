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
  /** Parts of the record key a record may leave out (a part not given is part of the key as "not given"). */
  recordKeyOptional?: string[];
  eventDate: string;
  /** The end of the episode a record describes (a service, a stay): an episode ongoing at the timeliness cut-off is on time. */
  episodeEndDate?: string;
  submissionDeadline: string;
  compatibility: CompatibilityPolicy;
  sensitiveFields: string[];
  /** How submissions name their reporting period, and how long after a period ends its file is due. */
  reportingPeriod?: { kind: 'month' | 'quarter' | 'financial-year'; deadline?: string; covers?: string };
  /** Data-quality declarations beyond the schema's: the tolerated share of default codes per field, and the validity gate. */
  quality?: { defaultThresholds?: Record<string, number>; validityGate?: number };
  versions: VersionMeta[];
}

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' };
/** ISO 8601 durations of whole years, months, weeks and days (P30D, P1M). */
const DURATION_PATTERN = '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$';
/** Required text: at least one character that is not white space. */
const TEXT = { type: 'string', pattern: '\\S' };

/** The id of a standard: lower-case words joined by hyphens (also its folder name and URL segment). */
export const STANDARD_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
/** The longest standard id (standard.yaml, the API's path parameters and the service say the same). */
export const MAX_STANDARD_ID_LENGTH = 64;

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
    recordKeyOptional: {
      type: 'array',
      items: POINTER,
      minItems: 1,
      uniqueItems: true,
      description:
        'Parts of recordKey that a record may leave out, such as a field that applies to only some kinds of record: a part not given is part of the key as "not given", so the record is still judged for uniqueness (docs/quality.md)',
    },
    eventDate: { ...POINTER, description: 'JSON pointer to the date the record is about (timeliness)' },
    episodeEndDate: {
      ...POINTER,
      description:
        'JSON pointer to the end date of the episode a record describes (a service, a stay), blank while it is ongoing: a record whose episode is ongoing at the timeliness cut-off (end blank, or no earlier than the cut-off) is on time however long before it started (docs/quality.md)',
    },
    submissionDeadline: {
      type: 'string',
      pattern: DURATION_PATTERN,
      minLength: 3,
      description: 'ISO 8601 duration after the event date by which records are due, e.g. P30D',
    },
    reportingPeriod: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      description: 'The kind of reporting period a submission must name (docs/quality.md), and its deadline',
      properties: {
        kind: { enum: ['month', 'quarter', 'financial-year'], description: 'month (2026-11), quarter (2026-Q3, 2026-27-Q1) or financial-year (2026-27)' },
        deadline: {
          type: 'string',
          pattern: DURATION_PATTERN,
          minLength: 3,
          description: "ISO 8601 duration after the period's end by which its file is due, e.g. P1M (default P0D: the period's last day)",
        },
        covers: {
          type: 'string',
          pattern: DURATION_PATTERN,
          minLength: 3,
          description:
            "ISO 8601 duration of the data a period's file carries, ending with the period's last day (a rolling submission), e.g. P12M; default: the period itself",
        },
      },
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
        validityGate: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'The share of valid records below which the overall score is capped at validity and marked "fails validity" (default 0.95)',
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
    id: { type: 'string', pattern: STANDARD_ID_PATTERN, maxLength: MAX_STANDARD_ID_LENGTH },
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

/** Each optional key part (recordKeyOptional) that is not a part of recordKey, as a problem: an optional part belongs to the key. */
export function optionalNotInKey(metadata: { recordKey?: unknown; recordKeyOptional?: unknown }): { pointer: string; detail: string }[] {
  const key = Array.isArray(metadata.recordKey) ? (metadata.recordKey as unknown[]) : [];
  const optional = Array.isArray(metadata.recordKeyOptional) ? (metadata.recordKeyOptional as unknown[]) : [];
  return optional.flatMap((p, i) =>
    key.includes(p)
      ? []
      : [{ pointer: `/recordKeyOptional/${i}`, detail: `${String(p)} is not a part of recordKey: list it in recordKey too, or leave it out here` }],
  );
}
