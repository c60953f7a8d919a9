/**
 * `x-applicable` of a record schema, read once for every reader (the scorecard's plan and collector, the
 * field dictionary, the registry diff): per field pointer, the conditions under which the field applies.
 * A condition is a list of values the other field must hold exactly (`/eventType: [Assessment, Review]`),
 * or `{ anyCase: [values…] }`, text that is one of them in any case (`/ACTION_FLAG: { anyCase: [NEW,
 * UPDATE] }` holds for `nEw`), compared in upper case as `x-record-actions`' anyCase and the national
 * pipeline's `str.upper()` compare them. The keyword's shape is checked where a schema is compiled (the
 * meta-schema in validation/ajv.ts); anything else is skipped here.
 */
import type { ApplicabilityCondition } from './types.js';
import { ARRAY_ITEMS } from '../validation/field-walk.js';
import { pointerSegments } from '../validation/pointer.js';

type Value = ApplicabilityCondition['values'][number];

const isValue = (v: unknown): v is Value => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** One condition as written: a list of values, or `{ anyCase: [text…] }`; undefined for any other shape. */
export function readCondition(pointer: string, written: unknown): ApplicabilityCondition | undefined {
  if (Array.isArray(written)) return { pointer, values: written.filter(isValue) };
  if (written !== null && typeof written === 'object' && Array.isArray((written as { anyCase?: unknown }).anyCase)) {
    const values = ((written as { anyCase: unknown[] }).anyCase ?? []).filter((v): v is string => typeof v === 'string');
    return { pointer, values, anyCase: true };
  }
  return undefined;
}

/** `x-applicable` of the record schema: per field pointer, the conditions under which it applies. */
export function applicability(root: Record<string, unknown> | undefined): Map<string, ApplicabilityCondition[]> {
  const declared: unknown = root?.['x-applicable'];
  const out = new Map<string, ApplicabilityCondition[]>();
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) return out;
  for (const [field, conditions] of Object.entries(declared as Record<string, unknown>)) {
    if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) continue;
    out.set(
      field,
      Object.entries(conditions as Record<string, unknown>).flatMap(([pointer, written]) => readCondition(pointer, written) ?? []),
    );
  }
  return out;
}

/** Whether a value meets one condition (the value read at the condition's pointer). */
export function conditionTest(condition: ApplicabilityCondition): (value: unknown) => boolean {
  if (condition.anyCase !== true) {
    const values = new Set<unknown>(condition.values);
    return (value) => values.has(value);
  }
  const values = new Set(condition.values.map((v) => String(v).toUpperCase()));
  // A value already in upper case (most of a batch file's flags) is found without making a copy.
  return (value) => typeof value === 'string' && (values.has(value) || values.has(value.toUpperCase()));
}

/** `address.postcode`, `children[].label`: a field's segments as a reader writes them. */
export function displayName(segments: readonly string[]): string {
  return segments.map((s, i) => (s === ARRAY_ITEMS ? '[]' : i === 0 ? s : `.${s}`)).join('');
}

const list = (values: readonly unknown[]): string =>
  values.length === 1 ? String(values[0]) : `${values.slice(0, -1).map(String).join(', ')} or ${String(values.at(-1))}`;

/** `x-applicable` conditions in words, fields named as a reader writes them: "ACTION_FLAG is NEW or UPDATE (in any case)". */
export function applicabilityText(conditions: readonly ApplicabilityCondition[]): string {
  return conditions.map((c) => `${displayName(pointerSegments(c.pointer))} is ${list(c.values)}${c.anyCase ? ' (in any case)' : ''}`).join(' and ');
}
