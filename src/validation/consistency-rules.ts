/**
 * The run-time check of `x-consistency` rules, free of the Ajv compiler: the engine's keyword
 * (consistency.ts) calls it from Ajv's generated code, and generated standalone validators (src/codegen)
 * ship this very file and call it the same way, so both give the same errors.
 *
 * Each rule `{ id, field, notBefore, message }` compares two dates or date-times found at JSON pointers
 * into the record. A rule applies only when both values are present and parse as dates (a missing or
 * malformed value is already reported by `required` or `format`). A failure is an error at `field`, with
 * the rule's id as its rule.
 */
import { pointerGetter } from './pointer.js';
import { parseTime } from './date-time.js';

export const CONSISTENCY_KEYWORD = 'x-consistency';

export interface ConsistencyRule {
  id: string;
  field: string;
  notBefore: string;
  message?: string;
}

/** An Ajv error object, as the engine's other keywords produce them. */
export interface ConsistencyError {
  instancePath: string;
  schemaPath: string;
  keyword: typeof CONSISTENCY_KEYWORD;
  params: { rule: string; notBefore: string; message: string };
}

/** Checks one record (at `instancePath`); null when every rule holds, else one error per broken rule. */
export type ConsistencyCheck = (data: unknown, instancePath: string) => ConsistencyError[] | null;

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

/** The check for a list of rules; `schemaPath` is the keyword's schema path (e.g. `#/x-consistency`). */
export function consistencyCheck(rules: readonly ConsistencyRule[], schemaPath: string): ConsistencyCheck {
  // Each distinct field is read once per record and parsed at most once, however many rules use it.
  const pointers = [...new Set(rules.flatMap((r) => [r.field, r.notBefore]))];
  const getters = pointers.map(pointerGetter);
  const compiled = rules.map((rule) => ({
    rule,
    later: pointers.indexOf(rule.field),
    earlier: pointers.indexOf(rule.notBefore),
    message: rule.message ?? `${rule.field.slice(1)} must not be before ${rule.notBefore.slice(1)}`,
  }));
  const values = new Array<unknown>(pointers.length);
  const times = new Array<number | undefined | null>(pointers.length); // null: not parsed yet
  const timeOf = (i: number): number | undefined => {
    let time = times[i];
    if (time === null) times[i] = time = parseTime(values[i]);
    return time;
  };
  return (data, instancePath) => {
    for (let i = 0; i < getters.length; i++) {
      values[i] = getters[i]!(data);
      times[i] = null;
    }
    let errors: ConsistencyError[] | null = null;
    for (const c of compiled) {
      const later = values[c.later];
      const earlier = values[c.earlier];
      if (typeof later !== 'string' || typeof earlier !== 'string' || inOrderAsText(later, earlier)) continue;
      const laterTime = timeOf(c.later);
      const earlierTime = timeOf(c.earlier);
      if (laterTime === undefined || earlierTime === undefined || laterTime >= earlierTime) continue;
      (errors ??= []).push({
        instancePath: instancePath + c.rule.field,
        schemaPath,
        keyword: CONSISTENCY_KEYWORD,
        params: { rule: c.rule.id, notBefore: c.rule.notBefore, message: c.message },
      });
    }
    values.fill(undefined); // hold no record value past this call
    return errors;
  };
}
