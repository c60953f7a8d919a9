/**
 * Walks a compiled schema by field name, following `$ref`s through the schemas Ajv already holds. Used
 * to learn the type of a CSV column; never fetches anything.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from './ajv.js';
import type { CellKind, CsvColumn } from './readers/csv.js';
import { pointerGet, pointerSegments } from './pointer.js';

const MAX_REF_HOPS = 32;

/** Follows `$ref` until a schema without one; `base` is the URI the refs are relative to. */
export function deref(ajv: Ajv, schema: unknown, base: string): { schema: AnySchemaObject; base: string } | undefined {
  let current = schema;
  let currentBase = base;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    if (current === null || typeof current !== 'object') return undefined;
    const object = current as AnySchemaObject;
    if (typeof object.$id === 'string') currentBase = new URL(object.$id, currentBase).href;
    if (typeof object.$ref !== 'string') return { schema: object, base: currentBase };
    const target = new URL(object.$ref, currentBase);
    const fragment = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    const document = ajv.getSchema(target.href)?.schema;
    if (document === undefined) return undefined;
    current = fragment === '' ? document : pointerGet(document, pointerSegments(fragment));
    currentBase = target.href;
  }
  return undefined;
}

function kindOf(schema: AnySchemaObject): CellKind {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) {
    const values: unknown[] = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
    if (values.length > 0 && values.every((v) => typeof v === 'number')) {
      return values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    }
    if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'boolean';
    return 'string';
  }
  if (types.includes('string')) return 'string';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return 'string';
}

/** The schema of the field at `segments` (through `properties`), or undefined if there is none. */
export function fieldSchema(ajv: Ajv, root: AnySchemaObject, rootId: string, segments: readonly string[]): AnySchemaObject | undefined {
  let node = deref(ajv, root, rootId);
  for (const segment of segments) {
    const properties = node?.schema.properties as Record<string, unknown> | undefined;
    const child = properties?.[segment];
    node = child === undefined || node === undefined ? undefined : deref(ajv, child, node.base);
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
