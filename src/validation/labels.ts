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
