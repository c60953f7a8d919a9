/**
 * `x-consistency`: cross-field rules declared on a record schema, e.g. departure not before arrival.
 * Each rule `{ id, field, notBefore, message }` compares two dates or date-times found at JSON pointers
 * into the record. A rule applies only when both values are present and parse as dates (a missing or
 * malformed value is already reported by `required` or `format`). A failure is reported at `field`,
 * with the rule's id as its rule.
 */
import type { ErrorObject, KeywordDefinition } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import { pointerGet, pointerSegments } from './pointer.js';

export interface ConsistencyRule {
  id: string;
  field: string;
  notBefore: string;
  message?: string;
}

export const CONSISTENCY_KEYWORD = 'x-consistency';

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' } as const;

// Only RFC 3339 dates and date-times with an offset are compared: Date.parse would read other text in
// the machine's time zone or a local date order, and such values fail `format` anyway.
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

function toTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

type ValidateFn = ((data: unknown, cxt?: DataValidationCxt) => boolean) & { errors?: Partial<ErrorObject>[] };

export const consistencyKeyword: KeywordDefinition = {
  keyword: CONSISTENCY_KEYWORD,
  type: 'object',
  schemaType: 'array',
  errors: true,
  metaSchema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'field', 'notBefore'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
        field: POINTER,
        notBefore: POINTER,
        message: { type: 'string' },
      },
    },
  },
  compile(rules: ConsistencyRule[]) {
    const compiled = rules.map((rule) => ({
      rule,
      field: pointerSegments(rule.field),
      notBefore: pointerSegments(rule.notBefore),
      message: rule.message ?? `${rule.field.slice(1)} must not be before ${rule.notBefore.slice(1)}`,
    }));
    const validate: ValidateFn = (data, cxt) => {
      let errors: Partial<ErrorObject>[] | undefined;
      for (const c of compiled) {
        const later = toTime(pointerGet(data, c.field));
        if (later === undefined) continue;
        const earlier = toTime(pointerGet(data, c.notBefore));
        if (earlier === undefined || later >= earlier) continue;
        (errors ??= []).push({
          keyword: CONSISTENCY_KEYWORD,
          instancePath: (cxt?.instancePath ?? '') + c.rule.field,
          params: { rule: c.rule.id, notBefore: c.rule.notBefore, message: c.message },
        });
      }
      validate.errors = errors;
      return errors === undefined;
    };
    return validate;
  },
};
