/**
 * Walks the fields of a record schema (its `properties`, nested objects, and optionally array items), in
 * schema order, for the quality plan and the field dictionary. Recursive schemas are walked once: a field
 * whose schema is one already open on the current path (`parent: { $ref: "#" }`, a `$defs` node holding
 * its own children) is visited with `recursiveOf` naming that enclosing field and is not descended into.
 * Depth and the number of fields visited are bounded too, so a pathological schema still ends quickly.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from './ajv.js';
import { toPointer } from './pointer.js';
import { deref, schemaLookup } from './schema-walk.js';
import type { DocumentLookup } from './schema-refs.js';

/** The deepest field visited (segments from the record), and the most fields visited in one walk. */
export const MAX_FIELD_DEPTH = 32;
export const MAX_FIELDS = 5_000;

/** The segment standing for every item of an array (as in report summaries). */
export const ARRAY_ITEMS = '*';

export interface FieldVisit {
  /** The property's name (`*` for the items of an array). */
  name: string;
  segments: string[];
  pointer: string;
  /** The field's schema as written (it may hold a `$ref` with keywords beside it). */
  own: AnySchemaObject;
  /** The base URI `own` is written against (a relative `$ref` in it resolves against this). */
  base: string;
  /** The schema it resolves to. */
  schema: AnySchemaObject;
  required: boolean;
  expected: boolean;
  /** An object (it has or may have fields of its own). */
  isObject: boolean;
  /** The pointer of the enclosing field ('' for the record) whose schema this one repeats; not descended into. */
  recursiveOf?: string;
}

export interface FieldWalkOptions {
  /** Descend into the items of arrays (as the field `*`); off by default. */
  arrays?: boolean;
}

export function isObjectSchema(schema: AnySchemaObject): boolean {
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}

function isArraySchema(schema: AnySchemaObject): boolean {
  return schema.type === 'array' || (schema.type === undefined && schema.items !== undefined);
}

const names = (value: unknown): Set<string> => new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

class FieldWalk {
  /** Resolved schemas open on the current path, with the pointer of the field that opened each. */
  private readonly open = new Map<AnySchemaObject, string>();
  private visited = 0;

  constructor(
    private readonly lookup: DocumentLookup,
    private readonly visit: (field: FieldVisit) => void,
    private readonly options: FieldWalkOptions,
  ) {}

  /** Visits the fields inside `schema` (already resolved), which is open at `segments`. */
  object(schema: AnySchemaObject, base: string, segments: string[]): void {
    const properties: unknown = schema.properties;
    if (properties === null || typeof properties !== 'object') return;
    const required = names(schema.required);
    const expected = names(schema['x-expected']);
    for (const [name, own] of Object.entries(properties as Record<string, unknown>)) {
      this.field(name, own, base, [...segments, name], required.has(name), expected.has(name));
    }
  }

  /** Visits one field, then what is inside it unless it repeats an enclosing schema. */
  private field(name: string, own: unknown, base: string, segments: string[], required: boolean, expected: boolean): void {
    if (this.visited >= MAX_FIELDS || own === null || typeof own !== 'object') return;
    const resolved = deref(this.lookup, own, base);
    if (!resolved) return;
    this.visited++;
    const pointer = toPointer(segments);
    const recursiveOf = this.open.get(resolved.schema);
    const isObject = isObjectSchema(resolved.schema);
    const visit: FieldVisit = { name, segments, pointer, own: own, base, schema: resolved.schema, required, expected, isObject };
    if (recursiveOf !== undefined) visit.recursiveOf = recursiveOf;
    this.visit(visit);
    if (recursiveOf !== undefined || segments.length >= MAX_FIELD_DEPTH) return;
    this.open.set(resolved.schema, pointer);
    try {
      if (isObject) this.object(resolved.schema, resolved.base, segments);
      else if (this.options.arrays && isArraySchema(resolved.schema) && resolved.schema.items !== undefined) {
        this.field(ARRAY_ITEMS, resolved.schema.items, resolved.base, [...segments, ARRAY_ITEMS], false, false);
      }
    } finally {
      this.open.delete(resolved.schema);
    }
  }

  /** The record itself: open at '' so a `$ref` back to it is recognised. */
  root(root: AnySchemaObject, rootId: string): void {
    const resolved = deref(this.lookup, root, rootId);
    if (!resolved) return;
    this.open.set(resolved.schema, '');
    this.object(resolved.schema, resolved.base, []);
  }
}

/** Calls `visit` for every field of a version's records, depth first in schema order. */
export function walkFields(ajv: Ajv, root: AnySchemaObject, rootId: string, visit: (field: FieldVisit) => void, options: FieldWalkOptions = {}): void {
  new FieldWalk(schemaLookup(ajv, root, rootId), visit, options).root(root, rootId);
}
