/**
 * `x-advice`: checks a standard recommends but does not require, declared on a version's record schema.
 * Each names a field and a format its value should have; a present value that fails is a warning finding
 * (the record stays valid), with the rule's id and message. For a national file whose pipeline does not
 * make a check (a postcode's shape, a SNOMED CT site code), Conform can still point it out without ever
 * refusing what the nation accepts. A rule with `when` is made only on the records that meet it
 * (record-condition.ts): the batch file's advice on a column a DELETE row's pipeline ignores is made on NEW
 * and UPDATE rows only. Checked by the engine (record-sink.ts) and by generated standalone
 * validators (which ship this file in their runtime).
 */
import { healthFormats } from './health-formats.js';
import { pointerGetter } from './pointer.js';
import { CONSISTENCY_KEYWORD, type ConsistencyError } from './consistency-rules.js';
import { RECORD_CONDITION_META_SCHEMA, recordConditionTest, type RecordCondition } from './record-condition.js';

export interface AdviceRule {
  id: string;
  /** A JSON pointer to the field. */
  field: string;
  /** The format its value should have (a format name Conform registers). */
  format: string;
  message: string;
  /** The records it is made on (the others get no warning from it); every record when absent. */
  when?: RecordCondition;
}

export const ADVICE_KEYWORD = 'x-advice';

export const ADVICE_META_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'field', 'format', 'message'],
    properties: {
      id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      field: { type: 'string', pattern: '^(/[^/]+)+$' },
      format: { enum: Object.keys(healthFormats) },
      message: { type: 'string', minLength: 1 },
      when: RECORD_CONDITION_META_SCHEMA,
    },
  },
} as const;

/** Warnings in the shape of the x-consistency ones, so findings (and a run's warnings) take them as they are. */
export type AdviceCheck = (record: unknown) => ConsistencyError[] | null;

/** The check of a version's advice rules; undefined when it has none. */
export function adviceCheck(rules: readonly AdviceRule[] | undefined): AdviceCheck | undefined {
  if (!rules || rules.length === 0) return undefined;
  const formats = healthFormats as Record<string, { validate: (v: string) => boolean }>;
  const checks = rules.map((rule) => ({
    rule,
    get: pointerGetter(rule.field),
    valid: formats[rule.format]!.validate,
    applies: recordConditionTest(rule.when),
  }));
  return (record) => {
    let warnings: ConsistencyError[] | null = null;
    for (const { rule, get, valid, applies } of checks) {
      const value = get(record);
      if (typeof value !== 'string' || value === '' || valid(value)) continue;
      if (applies !== undefined && !applies(record)) continue;
      (warnings ??= []).push({
        instancePath: rule.field,
        schemaPath: `#/${ADVICE_KEYWORD}`,
        keyword: CONSISTENCY_KEYWORD,
        params: { rule: rule.id, message: rule.message, severity: 'warning' },
      });
    }
    return warnings;
  };
}
