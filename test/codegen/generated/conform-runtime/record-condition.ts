/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/record-condition.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * A condition on a record's other fields, in the shape `x-applicable` gives one field's conditions:
 * `{ "/other": [values…] }` (the other field holds one of the values exactly) or
 * `{ "/other": { anyCase: [text…] } }` (text that is one of them in any case, compared in upper case as
 * `x-record-actions`' anyCase and the national pipeline's `str.upper()` compare them; a number never
 * matches). Every listed field must hold. `x-advice` rules and `x-file-name` code lists take one as `when`,
 * so a check on a column a row's kind makes the pipeline ignore (a DELETE row's postcode) is not made on
 * such a row. Copied into generated validators' runtime (codegen/runtime-files.ts).
 */
import { pointerGetter, pointerSegments } from './pointer.js';

type Value = string | number | boolean;

/** Conditions by the pointer of the field each reads. */
export type RecordCondition = Record<string, readonly Value[] | { anyCase: readonly string[] }>;

const POINTER = { pattern: '^(/[^/]+)+$' } as const;

/** A list of values a field must hold exactly. */
export const CONDITION_VALUES = { type: 'array', minItems: 1, uniqueItems: true, items: { type: ['string', 'number', 'boolean'] } } as const;

/** `{ anyCase: [text…] }`: text that is one of them in any case. */
export const CONDITION_ANY_CASE = {
  required: ['anyCase'],
  additionalProperties: false,
  properties: { anyCase: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } } },
} as const;

/** One condition, read as the form its type says (a list, or an object), so its errors are about that form only. */
export const CONDITION = {
  type: ['array', 'object'],
  if: { type: 'array' },
  then: CONDITION_VALUES,
  else: { if: { type: 'object' }, then: CONDITION_ANY_CASE },
} as const;

/** The meta-schema of a `when`: at least one field, each with its condition. */
export const RECORD_CONDITION_META_SCHEMA = { type: 'object', minProperties: 1, propertyNames: POINTER, additionalProperties: CONDITION } as const;

/** Whether a record meets every condition of `when`; undefined (always met) when there is none. */
export function recordConditionTest(when: RecordCondition | undefined): ((record: unknown) => boolean) | undefined {
  if (when === undefined) return undefined;
  const tests = Object.entries(when).map(([pointer, condition]) => {
    const get = pointerGetter(pointer);
    if (Array.isArray(condition)) {
      const values = new Set<unknown>(condition);
      return (record: unknown) => values.has(get(record));
    }
    const values = new Set((condition as { anyCase: readonly string[] }).anyCase.map((v) => v.toUpperCase()));
    return (record: unknown) => {
      const value = get(record);
      return typeof value === 'string' && (values.has(value) || values.has(value.toUpperCase()));
    };
  });
  return (record) => tests.every((test) => test(record));
}

/** The condition in words for a finding or a field dictionary: "ACTION_FLAG is NEW or UPDATE (in any case)". */
export function recordConditionWords(when: RecordCondition): string {
  return Object.entries(when)
    .map(([pointer, condition]) => {
      const field = pointerSegments(pointer).join('.');
      const values = Array.isArray(condition) ? condition : (condition as { anyCase: readonly string[] }).anyCase;
      const list = values.length === 1 ? String(values[0]) : `${values.slice(0, -1).map(String).join(', ')} or ${String(values[values.length - 1])}`;
      return `${field} is ${list}${Array.isArray(condition) ? '' : ' (in any case)'}`;
    })
    .join(' and ');
}
