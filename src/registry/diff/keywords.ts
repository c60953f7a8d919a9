/** Which JSON Schema (and Conform) keywords the diff understands, and how. */

/** Describe data without constraining it: a change is PATCH-level. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'x-labels',
  'x-expected',
  'x-default-codes',
  'x-applicable',
  // the words of an if/then condition, quoted in findings' messages
  'x-when',
]);

/** Structural, not compared directly: definitions are compared where a `$ref` reaches them. */
export const IGNORED_KEYWORDS: ReadonlySet<string> = new Set(['$schema', '$id', '$anchor', '$dynamicAnchor', '$defs', 'definitions', '$vocabulary']);

/** Keywords compared by the diff modules; anything else that differs is `keyword-changed`. */
export const HANDLED_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'x-consistency',
  'x-file-name',
  'x-csv',
  'x-advice',
  'x-record-actions',
]);

/**
 * Keywords that act together and so cannot be merged key by key when a `$ref` has validating
 * siblings (additionalProperties depends on properties in the same object, and so on).
 */
export const INTERACTING_GROUPS: readonly (readonly string[])[] = [
  ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties'],
  ['prefixItems', 'items', 'unevaluatedItems'],
  ['contains', 'minContains', 'maxContains'],
  ['if', 'then', 'else'],
];

export type SchemaObject = Record<string, unknown>;

export function isObject(value: unknown): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True for `true`, `{}` and objects holding only annotations: they accept every value. */
export function acceptsEverything(schema: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (!isObject(schema)) return false;
  return Object.keys(schema).every((k) => ANNOTATION_KEYWORDS.has(k) || IGNORED_KEYWORDS.has(k));
}
