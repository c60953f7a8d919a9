/**
 * The shape of `x-applicable` (quality/applicability.ts reads it), checked wherever a schema is compiled,
 * so a version whose conditions are malformed is refused at publish with the place and what is wrong:
 * `{ "/field": { "/other": [values…] } }` or `{ "/field": { "/other": { anyCase: [text…] } } }`. A condition
 * is read as the form its type says (`if`/`then`: a list, or an object), so its errors are about that form
 * only ("must have required property 'anyCase'", not also "must be array").
 */
const POINTER = { pattern: '^(/[^/]+)+$' };

const VALUES = { type: 'array', minItems: 1, uniqueItems: true, items: { type: ['string', 'number', 'boolean'] } };

const ANY_CASE = {
  required: ['anyCase'],
  additionalProperties: false,
  properties: { anyCase: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
};

export const APPLICABLE_META_SCHEMA = {
  type: 'object',
  propertyNames: POINTER,
  additionalProperties: {
    type: 'object',
    minProperties: 1,
    propertyNames: POINTER,
    additionalProperties: { type: ['array', 'object'], if: { type: 'array' }, then: VALUES, else: { if: { type: 'object' }, then: ANY_CASE } },
  },
} as const;
