/**
 * Builds a version's quality plan from what the standard declares: required fields and `x-expected`
 * (completeness), `x-default-codes` with the thresholds in standard.yaml's `quality.defaultThresholds`
 * (defaults), the record key (uniqueness), `x-consistency` (consistency), and the event date with the
 * submission deadline (timeliness). Nested objects are walked; arrays are measured as one field. In a
 * recursive schema each field is measured once, where it first appears (field-walk.ts).
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { walkFields } from '../validation/field-walk.js';
import { deref, schemaLookup } from '../validation/schema-walk.js';
import { pointerSegments } from '../validation/pointer.js';
import type { FieldPlan, QualityPlan } from './types.js';

export interface QualityDeclarations {
  recordKey?: string[];
  eventDate?: string;
  submissionDeadline?: string;
  quality?: { defaultThresholds?: Record<string, number> };
}

function defaultCodes(own: AnySchemaObject, resolved: AnySchemaObject): (string | number)[] {
  const codes: unknown = own['x-default-codes'] ?? resolved['x-default-codes'];
  return Array.isArray(codes) ? (codes as (string | number)[]) : [];
}

/** The measured fields: every leaf (not object) field that is required, expected or has default codes. */
function measuredFields(ajv: Ajv, schema: AnySchemaObject, schemaId: string, thresholds: Record<string, number>): FieldPlan[] {
  const out: FieldPlan[] = [];
  walkFields(ajv, schema, schemaId, (field) => {
    if (field.isObject) return;
    const codes = defaultCodes(field.own, field.schema);
    if (!field.required && !field.expected && codes.length === 0) return;
    const { pointer, segments, required, expected } = field;
    out.push({ pointer, segments, required, expected, defaultCodes: codes, threshold: thresholds[pointer] ?? 0 });
  });
  return out;
}

export function qualityPlan(ajv: Ajv, schema: AnySchemaObject, schemaId: string, declared: QualityDeclarations, submittedAt: Date): QualityPlan {
  const fields = measuredFields(ajv, schema, schemaId, declared.quality?.defaultThresholds ?? {});
  const rules: unknown = deref(schemaLookup(ajv, schema, schemaId), schema, schemaId)?.schema['x-consistency'];
  return {
    fields,
    recordKey: declared.recordKey && declared.recordKey.length > 0 ? declared.recordKey.map(pointerSegments) : null,
    eventDate: declared.eventDate ? pointerSegments(declared.eventDate) : null,
    submissionDeadline: declared.submissionDeadline ?? null,
    consistencyRules: Array.isArray(rules) ? (rules as { id: string }[]).map((r) => r.id) : [],
    submittedAt: submittedAt.toISOString(),
  };
}
