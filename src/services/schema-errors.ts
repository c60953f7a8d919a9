/**
 * Ajv's errors as a list a person can act on: each bad field named by its JSON pointer, with a message
 * that never repeats the value, one per field, in a stable order. The API's request checks and the
 * services' own input checks (such as standard metadata) both use it, so they say the same thing. The
 * words are validation/schema-error-words.ts's, which the library's load uses too.
 */
import type { ErrorObject } from 'ajv';
import { unescapeSegment } from '../validation/pointer.js';
import { describeError, documentKind, pointerOfError } from '../validation/schema-error-words.js';

export { describeError, pointerOfError };

export interface SchemaErrorItem {
  [key: string]: unknown;
  pointer: string;
  detail: string;
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
        detail:
          error.propertyName !== undefined
            ? `is not allowed as a key: it ${describeError(error)}`
            : error.instancePath === '' && error.keyword === 'type'
              ? `${describeError(error)}, but it holds ${documentKind(value)}`
              : describeError(error),
      })),
  );
  return items.sort((a, b) => {
    const [ra, ia] = rank(a.pointer);
    const [rb, ib] = rank(b.pointer);
    return ra - rb || ia - ib;
  });
}
