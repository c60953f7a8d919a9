/**
 * The values an `enum` or `const` fixes, and which of them the schema's `type` lets through (its live
 * values). Where a version fixes its values, another keyword changes what it accepts only through them:
 * a `type` change that every live value meets either way is moot (values.ts), and so is a CSV cell read
 * as another kind where no live value is text that kind converts (csv.ts).
 */
import { canonicalJson } from '../content-hash.js';
import { isObject, type SchemaObject } from './keywords.js';

export interface Allowed {
  values: unknown[];
  onlyConst: boolean;
}

/** The values `enum` and `const` allow together, or undefined when neither is there. */
export function allowedValues(schema: SchemaObject): Allowed | undefined {
  const hasConst = 'const' in schema;
  const hasEnum = Array.isArray(schema.enum);
  if (!hasConst && !hasEnum) return undefined;
  if (!hasEnum) return { values: [schema.const], onlyConst: true };
  const values = schema.enum as unknown[];
  return { values: hasConst ? values.filter((v) => canonicalJson(v) === canonicalJson(schema.const)) : values, onlyConst: false };
}

/** The schema's `type` as a list of names, or undefined when it has none. */
export function typesOf(schema: SchemaObject): string[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? (type as unknown[]) : [type]).map((t) => (typeof t === 'string' ? t : JSON.stringify(t)));
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}

/** True when a value is of one of the types (any value when there are none). */
export const fitsTypes = (types: readonly string[] | undefined, value: unknown): boolean => types === undefined || types.some((t) => isOfType(t, value));

/** The fixed values the schema's type lets through, or undefined when it fixes none. */
export function liveValues(schema: SchemaObject): unknown[] | undefined {
  const allowed = allowedValues(schema);
  if (allowed === undefined) return undefined;
  const types = typesOf(schema);
  return allowed.values.filter((v) => fitsTypes(types, v));
}
