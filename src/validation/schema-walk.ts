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

/** Keywords whose subschemas apply to an object itself, so may declare its fields (Ajv counts them as evaluated). */
const SAME_OBJECT_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_OBJECT_ONES = ['if', 'then', 'else'] as const;
/** The most subschemas read for one object's fields, however its combinators and `$ref`s nest. */
export const MAX_DECLARING_SCHEMAS = 2_000;

/** The subschemas of `node` that apply to the object itself (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`), in order. */
export function sameObjectSubschemas(node: Record<string, unknown>): unknown[] {
  const subs: unknown[] = [];
  for (const key of SAME_OBJECT_LISTS) if (Array.isArray(node[key])) subs.push(...(node[key] as unknown[]));
  for (const key of SAME_OBJECT_ONES) if (key in node) subs.push(node[key]);
  const dependent = node.dependentSchemas;
  if (dependent !== null && typeof dependent === 'object' && !Array.isArray(dependent)) subs.push(...Object.values(dependent as Record<string, unknown>));
  return subs;
}

/** A field's schema as declared (it may hold a `$ref`) and the base URI it is written against. */
export interface Declared {
  own: unknown;
  base: string;
}

/**
 * Every field an object's schema (already resolved) may declare, each with its declarations in schema
 * order: its own `properties` first, then those of the subschemas that apply to the object itself
 * (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`, and the `$ref`s among them and
 * theirs), as `unevaluatedProperties` counts them. Under its own `additionalProperties: false` only its
 * own `properties` are fields, as Ajv judges them. Each subschema is read once, and at most
 * MAX_DECLARING_SCHEMAS of them.
 */
export function declaredFields(lookup: DocumentLookup, schema: AnySchemaObject, base: string): Map<string, Declared[]> {
  const fields = new Map<string, Declared[]>();
  const seen = new Set<unknown>();
  const own = (node: Record<string, unknown>, here: string, top: boolean): void => {
    if (seen.has(node) || seen.size >= MAX_DECLARING_SCHEMAS) return;
    seen.add(node);
    const properties = node.properties;
    if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
      for (const [name, declared] of Object.entries(properties)) {
        const list = fields.get(name);
        if (list) list.push({ own: declared, base: here });
        else fields.set(name, [{ own: declared, base: here }]);
      }
    }
    if (top && node.additionalProperties === false) return;
    for (const sub of sameObjectSubschemas(node)) applying(sub, here);
  };
  // A subschema with its `$ref` chain: the keywords beside each `$ref` apply too.
  const applying = (sub: unknown, here: string): void => {
    const followed = followRefs(sub, here, lookup);
    if (!followed.ok || typeof followed.node === 'boolean') return;
    for (const beside of followed.siblings) own(beside, here, false);
    own(followed.node, followed.base, false);
  };
  own(schema, base, true);
  return fields;
}

/**
 * The schema of the field at `segments`, or undefined if there is none: the record's own `properties`
 * first, else the first declaration a subschema applying to it makes (declaredFields). One step per
 * segment, so a recursive schema (`parent.parent.name`) is walked as deep as asked and no deeper.
 */
export function fieldSchema(ajv: Ajv, root: AnySchemaObject, rootId: string, segments: readonly string[]): AnySchemaObject | undefined {
  const lookup = schemaLookup(ajv, root, rootId);
  let node = deref(lookup, root, rootId);
  for (const segment of segments) {
    if (node === undefined) return undefined;
    const properties = node.schema.properties as Record<string, unknown> | undefined;
    const child =
      properties !== undefined && Object.hasOwn(properties, segment)
        ? { own: properties[segment], base: node.base }
        : declaredFields(lookup, node.schema, node.base).get(segment)?.[0];
    node = child === undefined ? undefined : deref(lookup, child.own, child.base);
  }
  return node?.schema;
}

/** The record's fields, in schema order (declaredFields): the columns a CSV header may name. */
export function recordFields(ajv: Ajv, root: AnySchemaObject, rootId: string): string[] {
  const lookup = schemaLookup(ajv, root, rootId);
  const record = deref(lookup, root, rootId);
  return record === undefined ? [] : [...declaredFields(lookup, record.schema, record.base).keys()];
}

/** The CSV column for a header: dotted names reach into nested objects. */
export function csvColumn(ajv: Ajv, root: AnySchemaObject, rootId: string, header: string): CsvColumn {
  const segments = header.split('.');
  const schema = fieldSchema(ajv, root, rootId, segments);
  return { segments, kind: schema === undefined ? 'string' : kindOf(schema) };
}
