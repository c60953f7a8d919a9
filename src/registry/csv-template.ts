/**
 * A CSV template of a version: a header naming every field a CSV can carry (nested fields dotted, as the
 * CSV reader maps them: `address.postcode`), and a row from the first valid example that fits one CSV
 * row (every value text, a number or a boolean, every field in the header). Arrays cannot be written in
 * a CSV cell, so array fields are left out of the header. An example with a cell a spreadsheet could run
 * as a formula (csv-cell.ts: it begins with `=`, `+`, `-` or `@`, and is not a plain number) is passed
 * over: prefixing it to guard it would make the row fail, and a template must never carry a formula.
 */
import type { AnySchemaObject } from 'ajv';
import { formulaLike } from '../validation/csv-cell.js';
import type { Ajv } from '../validation/ajv.js';
import { walkFields } from '../validation/field-walk.js';

export interface CsvTemplate {
  header: string[];
  /** The example row's cells, in header order ('' for an absent field); undefined when no example fits. */
  row: string[] | undefined;
  /** The example it came from. */
  exampleName: string | undefined;
}

const isArray = (s: AnySchemaObject): boolean => s.type === 'array' || (s.type === undefined && s.items !== undefined);

/** The example's leaves as dotted names and cell text; undefined when a value cannot be a CSV cell. */
function leaves(value: unknown, prefix: string, out: Map<string, string>): boolean {
  if (value === null || Array.isArray(value)) return false;
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (!leaves(inner, prefix === '' ? key : `${prefix}.${key}`, out)) return false;
    }
    return true;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.set(prefix, String(value));
    return true;
  }
  return false;
}

export function csvTemplate(ajv: Ajv, schema: AnySchemaObject, schemaId: string, examples: readonly { name?: string; record: unknown }[]): CsvTemplate {
  const header: string[] = [];
  walkFields(ajv, schema, schemaId, (field) => {
    if (!field.isObject && field.recursiveOf === undefined && !isArray(field.schema)) header.push(field.segments.join('.'));
  });
  const columns = new Set(header);
  for (const example of examples) {
    const cells = new Map<string, string>();
    if (typeof example.record !== 'object' || !leaves(example.record, '', cells)) continue;
    if (![...cells.keys()].every((name) => columns.has(name))) continue;
    if ([...cells.values()].some(formulaLike)) continue;
    return { header, row: header.map((name) => cells.get(name) ?? ''), exampleName: example.name };
  }
  return { header, row: undefined, exampleName: undefined };
}
