/**
 * What a change to `x-applicable` means, in words: per field, where it applied and where it applies now,
 * and whether that is more records, fewer or others. Conditions are compared by what they match, not as
 * written: `{ anyCase: [NEW, UPDATE] }` matches every record `[NEW, UPDATE, new, update, New, Update]` did
 * and more (`nEw`); the same values in another order, or an any-case value in another case, match the same
 * records. The change stays an annotation (what is valid is unchanged), whatever it says.
 */
import { applicability, conditionTest } from '../../quality/applicability.js';
import type { ApplicabilityCondition } from '../../quality/types.js';
import { fieldName } from '../../quality/explain.js';
import { applicabilityText } from '../../quality/applicability.js';

/** Whether every value `inner` matches, `outer` matches too (an any-case condition is never within an exact one). */
function within(inner: ApplicabilityCondition, outer: ApplicabilityCondition): boolean {
  if (inner.anyCase === true && outer.anyCase !== true) return false;
  const matches = conditionTest(outer);
  return inner.values.every((v) => matches(v));
}

/**
 * Whether every record `narrow` holds for, `wide` holds for: each of wide's conditions follows from one of
 * narrow's on the same field (no conditions: every record).
 */
function implies(narrow: readonly ApplicabilityCondition[], wide: readonly ApplicabilityCondition[]): boolean {
  return wide.every((w) => narrow.some((n) => n.pointer === w.pointer && within(n, w)));
}

const where = (conditions: readonly ApplicabilityCondition[] | undefined): string =>
  conditions === undefined || conditions.length === 0 ? 'every record' : `those where ${applicabilityText(conditions)}`;

function fieldChange(before: ApplicabilityCondition[] | undefined, after: ApplicabilityCondition[] | undefined): string | undefined {
  const old = before ?? [];
  const now = after ?? [];
  const wider = implies(old, now);
  const narrower = implies(now, old);
  if (wider && narrower) return undefined;
  const scope = wider ? 'more records' : narrower ? 'fewer records' : 'other records';
  // "NHS_NUMBER … now apply to more records: those where ACTION_FLAG is NEW or UPDATE (in any case); before, those where …"
  return `to ${scope}: ${where(after)}; before, ${where(before)}`;
}

const named = (pointers: string[]): string => {
  const names = pointers.map(fieldName);
  const subject = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more fields`;
  return `${subject} now ${names.length === 1 ? 'applies' : 'apply'}`;
};

/** The fields whose applicability changed, grouped by the change; a rewording with the same meaning says so. */
export function applicabilityChange(before: unknown, after: unknown): string {
  const old = applicability({ 'x-applicable': before });
  const now = applicability({ 'x-applicable': after });
  const byChange = new Map<string, string[]>();
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    const change = fieldChange(old.get(field), now.get(field));
    if (change !== undefined) byChange.set(change, [...(byChange.get(change) ?? []), field]);
  }
  if (byChange.size === 0) return 'written another way: every field applies to the same records as before';
  return [...byChange].map(([change, fields]) => `${named(fields)} ${change}`).join('. ');
}
