/**
 * The labels of each coded field of a version (`x-labels`, on the field's schema or the definition it
 * `$ref`s; the field's own win), found once per compiled version by walking its fields, so enum and
 * const findings can name each allowed code with its label (findings.ts). Keyed by the field's pointer
 * with array items as `*`, as a finding's path is folded before the lookup.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from './ajv.js';
import { walkFields } from './field-walk.js';
import type { Conditions, FieldLabels } from './findings.js';
import type { Range, Ranges } from './bounds.js';
import { shownTitle, type FieldTitles } from './field-label.js';

const labelsOf = (schema: AnySchemaObject): Record<string, string> | undefined => {
  const labels: unknown = schema['x-labels'];
  return labels !== null && typeof labels === 'object' && !Array.isArray(labels) ? (labels as Record<string, string>) : undefined;
};

export function fieldLabels(ajv: Ajv, schema: AnySchemaObject, schemaId: string): FieldLabels {
  const found = new Map<string, Readonly<Record<string, string>>>();
  walkFields(
    ajv,
    schema,
    schemaId,
    (field) => {
      const own = labelsOf(field.own);
      const resolved = field.own === field.schema ? undefined : labelsOf(field.schema);
      if (own || resolved) found.set(field.pointer, { ...resolved, ...own });
    },
    { arrays: true },
  );
  return found;
}

/**
 * The label of each field a version gives one (the `title` written on the field itself, beside a `$ref`
 * too; a `$ref`'d definition's own title names the kind of value, "Date", not the field, so it is not
 * used), by the field's pointer with array items as `*`: the faces name a finding's field by it
 * (field-label.ts). Found once per compiled version, each as a label shows it (shownTitle: one line, at
 * most MAX_TITLE characters), so a report's `fieldTitles` is bounded however long a schema's titles are.
 */
export function fieldTitles(ajv: Ajv, schema: AnySchemaObject, schemaId: string): FieldTitles {
  const found = new Map<string, string>();
  walkFields(
    ajv,
    schema,
    schemaId,
    (field) => {
      const title: unknown = field.own.title;
      const shown = typeof title === 'string' ? shownTitle(title) : '';
      if (shown !== '') found.set(field.pointer, shown);
    },
    { arrays: true },
  );
  return found;
}

/**
 * The conditions (`x-when`) of a version's conditional rules, by the schema path of their `then`: on the
 * record schema itself or on an item of its `allOf` (findings.ts names the condition in the message).
 */
export function ruleConditions(schema: AnySchemaObject): Conditions {
  const found = new Map<string, string>();
  const add = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const { 'x-when': when, then } = node as Record<string, unknown>;
    if (typeof when === 'string' && then !== undefined) found.set(`${path}/then`, when);
  };
  add(schema, '#');
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((item: unknown, i: number) => add(item, `#/allOf/${i}`));
  return found;
}

const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
/** Schemas nested deeper than this are not looked into (a publish refuses nesting past 256). */
const MAX_RANGE_DEPTH = 300;

/**
 * The numeric bounds of a version's schemas, by each bounded schema's path in the record schema as an Ajv
 * error's schemaPath names it (`#/allOf/0/then/properties/DOSE_SEQUENCE`), so a bound's finding can say
 * the whole range (bounds.ts). Only the record schema's own document is walked: a schema reached through
 * a `$ref` to another document has a schemaPath that begins with that document's id, and gets none. A
 * segment is escaped as Ajv escapes it there (a JSON pointer segment, then URI-encoded).
 */
export function fieldRanges(schema: AnySchemaObject): Ranges {
  const found = new Map<string, Range>();
  const walk = (node: unknown, path: string, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > MAX_RANGE_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`, depth + 1));
      return;
    }
    const record = node as Record<string, unknown>;
    const range: Range = {
      integer: record.type === 'integer' || (Array.isArray(record.type) && record.type.includes('integer') && !record.type.includes('number')),
    };
    let bounded = false;
    for (const bound of BOUNDS) {
      if (typeof record[bound] === 'number') {
        range[bound] = record[bound];
        bounded = true;
      }
    }
    if (bounded) found.set(path, range);
    for (const [key, value] of Object.entries(record)) {
      if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default') continue;
      if (value !== null && typeof value === 'object') walk(value, `${path}/${encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))}`, depth + 1);
    }
  };
  walk(schema, '#', 0);
  return found;
}
