/**
 * Builds a version's quality plan from what the standard declares: required fields and `x-expected`
 * (completeness), `x-default-codes` with the thresholds in standard.yaml's `quality.defaultThresholds`
 * (defaults), the record key (uniqueness), `x-consistency` (consistency), and the event date with the
 * submission deadline (timeliness). Nested objects are walked; arrays are measured as one field.
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { deref } from '../validation/schema-walk.js';
import { escapeSegment, pointerSegments } from '../validation/pointer.js';
import type { FieldPlan, QualityPlan } from './types.js';

export interface QualityDeclarations {
  recordKey?: string[];
  eventDate?: string;
  submissionDeadline?: string;
  quality?: { defaultThresholds?: Record<string, number> };
}

function isObjectSchema(schema: AnySchemaObject): boolean {
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}

function defaultCodes(own: AnySchemaObject, resolved: AnySchemaObject): (string | number)[] {
  const codes = own['x-default-codes'] ?? resolved['x-default-codes'];
  return Array.isArray(codes) ? (codes as (string | number)[]) : [];
}

function walk(ajv: Ajv, node: AnySchemaObject, base: string, prefix: string, thresholds: Record<string, number>, out: FieldPlan[]): void {
  const resolved = deref(ajv, node, base);
  if (!resolved) return;
  const properties = (resolved.schema.properties ?? {}) as Record<string, AnySchemaObject>;
  const required = new Set<string>(Array.isArray(resolved.schema.required) ? resolved.schema.required : []);
  const expected = new Set<string>(Array.isArray(resolved.schema['x-expected']) ? resolved.schema['x-expected'] : []);
  for (const [name, own] of Object.entries(properties)) {
    const pointer = `${prefix}/${escapeSegment(name)}`;
    const child = deref(ajv, own, resolved.base);
    if (!child) continue;
    if (isObjectSchema(child.schema)) {
      walk(ajv, own, resolved.base, pointer, thresholds, out);
      continue;
    }
    const codes = defaultCodes(own, child.schema);
    if (!required.has(name) && !expected.has(name) && codes.length === 0) continue;
    out.push({ pointer, segments: pointerSegments(pointer), required: required.has(name), expected: expected.has(name), defaultCodes: codes, threshold: thresholds[pointer] ?? 0 });
  }
}

export function qualityPlan(ajv: Ajv, schema: AnySchemaObject, schemaId: string, declared: QualityDeclarations, submittedAt: Date): QualityPlan {
  const fields: FieldPlan[] = [];
  walk(ajv, schema, schemaId, '', declared.quality?.defaultThresholds ?? {}, fields);
  const rules = deref(ajv, schema, schemaId)?.schema['x-consistency'];
  return {
    fields,
    recordKey: declared.recordKey && declared.recordKey.length > 0 ? declared.recordKey.map(pointerSegments) : null,
    eventDate: declared.eventDate ? pointerSegments(declared.eventDate) : null,
    submissionDeadline: declared.submissionDeadline ?? null,
    consistencyRules: Array.isArray(rules) ? (rules as { id: string }[]).map((r) => r.id) : [],
    submittedAt: submittedAt.toISOString(),
  };
}
