/**
 * Walks a version's schema by field name, following `$ref`s (schema-refs.ts) through the version itself
 * and the shared schemas Ajv already holds. Used to learn the type of a CSV column and by the field
 * walk (field-walk.ts); never fetches anything.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from './ajv.js';
import type { CellKind, CsvColumn } from './readers/csv.js';
import { followRefs, type DocumentLookup } from './schema-refs.js';

/**
 * The documents a version's `$ref`s may reach: the version's own schema under its id (so a `$ref` to
 * `#` gives back the very object the walk started from, even before the version is compiled), and the
 * shared schemas held by Ajv.
 */
export function schemaLookup(ajv: Ajv, root: AnySchemaObject, rootId: string): DocumentLookup {
  return (id) => (id === rootId ? root : ajv.getSchema(id)?.schema);
}

/** Follows `$ref` until a schema without one; `base` is the URI the refs are relative to. */
export function deref(lookup: DocumentLookup, schema: unknown, base: string): { schema: AnySchemaObject; base: string } | undefined {
  const followed = followRefs(schema, base, lookup);
  if (!followed.ok || typeof followed.node === 'boolean') return undefined;
  return { schema: followed.node as AnySchemaObject, base: followed.base };
}

/** The kind of value a CSV cell of a field with this schema (no `$ref` at its top) is read as. */
export function kindOf(schema: AnySchemaObject): CellKind {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) {
    const values: unknown[] = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
    if (values.length > 0 && values.every((v) => typeof v === 'number')) {
      return values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    }
    if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'boolean';
    return 'string';
  }
  // A field that is text or another type (`[integer, string]`) takes that type where its text converts;
  // text that does not convert stays text, which the string type accepts.
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return 'string';
}

/**
 * The schema of the field at `segments` (through `properties`), or undefined if there is none. One
 * step per segment, so a recursive schema (`parent.parent.name`) is walked as deep as asked and no deeper.
 */
export function fieldSchema(ajv: Ajv, root: AnySchemaObject, rootId: string, segments: readonly string[]): AnySchemaObject | undefined {
  const lookup = schemaLookup(ajv, root, rootId);
  let node = deref(lookup, root, rootId);
  for (const segment of segments) {
    const properties = node?.schema.properties as Record<string, unknown> | undefined;
    const child = properties !== undefined && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
    node = child === undefined || node === undefined ? undefined : deref(lookup, child, node.base);
    if (node === undefined) return undefined;
  }
  return node?.schema;
}

/** The CSV column for a header: dotted names reach into nested objects. */
export function csvColumn(ajv: Ajv, root: AnySchemaObject, rootId: string, header: string): CsvColumn {
  const segments = header.split('.');
  const schema = fieldSchema(ajv, root, rootId, segments);
  return { segments, kind: schema === undefined ? 'string' : kindOf(schema) };
}
