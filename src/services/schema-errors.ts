/**
 * Ajv's errors as a list a person can act on: each bad field named by its JSON pointer, with a message
 * that never repeats the value, one per field, in a stable order. The API's request checks and the
 * services' own input checks (such as standard metadata) both use it, so they say the same thing.
 */
import type { ErrorObject } from 'ajv';
import { escapeSegment, unescapeSegment } from '../validation/pointer.js';

export interface SchemaErrorItem {
  [key: string]: unknown;
  pointer: string;
  detail: string;
}

const typeName = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** A message that never repeats the value. */
export function describeError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field the schema allows';
    case 'type':
      return `must be ${String(p.type).split(',').map(typeName).join(' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must have at most ${String(p.limit)} characters`;
    case 'pattern':
      return p.pattern === '\\S' ? 'must not be blank' : `must match the pattern ${String(p.pattern)}`;
    case 'format':
      return `must be ${typeName(String(p.format))}`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return 'must not list an item twice';
    case 'propertyNames':
      return 'has a key that is not allowed';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    default:
      return error.message ?? `breaks the schema's ${error.keyword}`;
  }
}

/** Where an error is: the pointer to the offending value (a missing, unexpected or badly named key is pointed at itself). */
export function pointerOfError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) return `${error.instancePath}/${escapeSegment(error.propertyName)}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escapeSegment(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapeSegment(String(p.additionalProperty))}`;
  return error.instancePath;
}

export function firstPerPointer<T extends { pointer: string }>(errors: T[]): T[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.pointer) ? false : (seen.add(e.pointer), true)));
}

/**
 * The errors of a value checked against an object `schema`: required fields missing or wrong first, then
 * fields the schema does not allow (as the value gives them), then the other fields in schema order.
 */
export function schemaErrors(errors: readonly ErrorObject[], value: unknown, schema: { properties?: object; required?: readonly string[] }): SchemaErrorItem[] {
  const properties = Object.keys(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  const rank = (pointer: string): [number, number] => {
    const field = unescapeSegment(pointer.split('/')[1] ?? '');
    if (pointer === '') return [-1, 0];
    if (required.has(field)) return [0, properties.indexOf(field)];
    if (!properties.includes(field)) return [1, keys.indexOf(field)];
    return [2, properties.indexOf(field)];
  };
  const items = firstPerPointer(
    errors
      .filter((error) => error.keyword !== 'propertyNames') // the failure inside it says more, at the key
      .map((error) => ({
        pointer: pointerOfError(error),
        detail: error.propertyName !== undefined ? `is not allowed as a key: it ${describeError(error)}` : describeError(error),
      })),
  );
  return items.sort((a, b) => {
    const [ra, ia] = rank(a.pointer);
    const [rb, ib] = rank(b.pointer);
    return ra - rb || ia - ib;
  });
}
