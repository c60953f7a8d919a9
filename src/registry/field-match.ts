/**
 * How well a file's field names (a CSV header's columns, or the fields of the first JSON or NDJSON
 * records, nested ones dotted as a CSV header writes them: `address.postcode`) match a version's fields:
 * how many name a field of the version (matched), how many do not (unknown), and how many of the fields the
 * version requires at the top level are absent (missing). The one rule the suggestions and the report's
 * "your columns match another standard better" both use.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { walkFields } from '../validation/field-walk.js';

export interface VersionFields {
  /** Every field's dotted name (objects, arrays and leaves alike). */
  names: ReadonlySet<string>;
  /** The fields the version requires at the top level. */
  required: readonly string[];
}

export interface FieldMatch {
  /** Names read (distinct). */
  columns: number;
  matched: number;
  unknown: number;
  missing: number;
}

/** The fields of a version, from its schema (array items are not fields of their own). */
export function versionFields(ajv: Ajv, schema: AnySchemaObject, schemaId: string): VersionFields {
  const names = new Set<string>();
  const required: string[] = [];
  walkFields(ajv, schema, schemaId, (field) => {
    names.add(field.segments.join('.'));
    if (field.segments.length === 1 && field.required) required.push(field.name);
  });
  return { names, required };
}

/** How the names match the fields; a nested name (`address.postcode`) makes its top-level field present. */
export function matchFields(names: readonly string[], fields: VersionFields): FieldMatch {
  const distinct = [...new Set(names)];
  const matched = distinct.filter((name) => fields.names.has(name)).length;
  const present = new Set(distinct.map((name) => name.split('.')[0]!));
  return {
    columns: distinct.length,
    matched,
    unknown: distinct.length - matched,
    missing: fields.required.filter((name) => !present.has(name)).length,
  };
}

/** Best first: most names matched, then fewest missing, then fewest unknown. */
export function compareMatches(a: FieldMatch, b: FieldMatch): number {
  return b.matched - a.matched || a.missing - b.missing || a.unknown - b.unknown;
}

/**
 * Whether another version's match is much better than the chosen one's: worth telling the person who
 * chose. It must match most of the names (at least 80%) and at least a quarter of them (and 2) more than
 * the chosen version does.
 */
export function muchBetter(other: FieldMatch, chosen: FieldMatch): boolean {
  if (other.columns === 0) return false;
  const lead = other.matched - chosen.matched;
  return other.matched >= 0.8 * other.columns && lead >= Math.max(2, 0.25 * other.columns);
}
