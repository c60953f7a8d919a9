/**
 * Named schemas: `component('Report', schema)` returns the schema itself (so validation uses it as it
 * is) and remembers its name, so the OpenAPI generator writes it once under `components.schemas` and
 * refers to it with `$ref` wherever it appears.
 */
import type { Schema } from './types.js';

const names = new WeakMap<object, string>();

export function component<T extends Schema>(name: string, schema: T): T {
  const known = names.get(schema);
  if (known !== undefined && known !== name) throw new Error(`schema ${name} is already the component ${known}`);
  names.set(schema, name);
  return schema;
}

/** The component name of a schema, if it has one. */
export const componentName = (schema: unknown): string | undefined => (schema !== null && typeof schema === 'object' ? names.get(schema) : undefined);
