/**
 * `x-consistency`: cross-field rules declared on a record schema, e.g. departure not before arrival.
 * Each rule `{ id, field, notBefore, message }` compares two dates or date-times found at JSON pointers
 * into the record. A rule applies only when both values are present and parse as dates (a missing or
 * malformed value is already reported by `required` or `format`). A failure is reported at `field`,
 * with the rule's id as its rule.
 */
import type { ErrorObject, KeywordDefinition } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import { pointerGetter } from './pointer.js';
import { parseTime } from './date-time.js';

export interface ConsistencyRule {
  id: string;
  field: string;
  notBefore: string;
  message?: string;
}

export const CONSISTENCY_KEYWORD = 'x-consistency';

const POINTER = { type: 'string', pattern: '^(/[^/]+)+$' } as const;

/**
 * True when two values written in the same layout (same length, same date-time separator, same offset)
 * are in order as text, which for such RFC 3339 values is their order in time. This settles nearly every
 * record without parsing; anything else is parsed.
 */
function inOrderAsText(later: string, earlier: string): boolean {
  const n = later.length;
  if (n !== earlier.length || later < earlier) return false;
  if (n === 10) return true;
  if (later.charCodeAt(10) !== earlier.charCodeAt(10)) return false;
  // The same offset: both Z, or the same ±hh:mm.
  const z = later.charCodeAt(n - 1) === 90;
  if (z || n < 6) return z && earlier.charCodeAt(n - 1) === 90;
  for (let i = n - 6; i < n; i++) if (later.charCodeAt(i) !== earlier.charCodeAt(i)) return false;
  return true;
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
    // Each distinct field is read once per record and parsed at most once, however many rules use it.
    const pointers = [...new Set(rules.flatMap((r) => [r.field, r.notBefore]))];
    const getters = pointers.map(pointerGetter);
    const compiled = rules.map((rule) => ({
      rule,
      later: pointers.indexOf(rule.field),
      earlier: pointers.indexOf(rule.notBefore),
      message: rule.message ?? `${rule.field.slice(1)} must not be before ${rule.notBefore.slice(1)}`,
    }));
    const values: unknown[] = new Array(pointers.length);
    const times: (number | undefined | null)[] = new Array(pointers.length); // null: not parsed yet
    const timeOf = (i: number): number | undefined => {
      let time = times[i];
      if (time === null) times[i] = time = parseTime(values[i]);
      return time;
    };
    const validate: ValidateFn = (data, cxt) => {
      for (let i = 0; i < getters.length; i++) {
        values[i] = getters[i]!(data);
        times[i] = null;
      }
      let errors: Partial<ErrorObject>[] | undefined;
      for (const c of compiled) {
        const later = values[c.later];
        const earlier = values[c.earlier];
        if (typeof later !== 'string' || typeof earlier !== 'string' || inOrderAsText(later, earlier)) continue;
        const laterTime = timeOf(c.later);
        const earlierTime = timeOf(c.earlier);
        if (laterTime === undefined || earlierTime === undefined || laterTime >= earlierTime) continue;
        (errors ??= []).push({
          keyword: CONSISTENCY_KEYWORD,
          instancePath: (cxt?.instancePath ?? '') + c.rule.field,
          params: { rule: c.rule.id, notBefore: c.rule.notBefore, message: c.message },
        });
      }
      values.fill(undefined); // hold no record value past this call
      validate.errors = errors;
      return errors === undefined;
    };
    return validate;
  },
};
