/** The shapes of the two artefact documents (checked before anything else reads them). */
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' } as const;
const common = {
  id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' },
  version: { type: 'string', maxLength: 50 },
  title: text(200),
  description: { type: 'string', maxLength: 5000 },
  owner: text(200),
  changelog: { type: 'string', maxLength: 5000 },
} as const;

/** The most codes one code list may have: the most values one `enum` of a standard may have (schema-budget.ts). */
export const MAX_CODES = 2_000;

export const codeListSchema = {
  $id: 'https://conform.invalid/meta/code-list',
  type: 'object',
  required: ['kind', 'id', 'version', 'title', 'codes'],
  additionalProperties: false,
  properties: {
    kind: { const: 'code-list' },
    ...common,
    source: text(500),
    codes: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CODES,
      items: {
        type: 'object',
        required: ['code', 'label'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' },
          label: text(500),
          default: { type: 'boolean' },
          dqmiThreshold: { type: 'number', minimum: 0, maximum: 1 },
          effectiveFrom: date,
          effectiveTo: date,
          source: text(500),
        },
      },
    },
  },
} as const;

export const definitionsSchema = {
  $id: 'https://conform.invalid/meta/definitions',
  type: 'object',
  required: ['kind', 'id', 'version', 'schema'],
  additionalProperties: false,
  properties: {
    kind: { const: 'definitions' },
    ...common,
    schema: {
      type: 'object',
      required: ['$defs'],
      properties: { $defs: { type: 'object', minProperties: 1, additionalProperties: { type: ['object', 'boolean'] } } },
    },
  },
} as const;
