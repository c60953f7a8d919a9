/**
 * A requirement that becomes conditional, or unconditional. The keyword modules compare `required` at
 * one level and the requirements of a conditional rule (then, else, an allOf or anyOf member,
 * dependentRequired) as separate conjuncts, so a field required in every record and then only under a
 * rule was reported as a requirement removed (a MINOR) and one added (a MAJOR). But a record carrying the
 * field meets any rule that requires it: a requirement added under a rule refuses no old record when the
 * old version required the field of every record, and one removed from a rule lets in no new record when
 * the new version requires it of every record. Judged here for the same record (schema level): with the
 * unconditional requirement changed at that level too, as one change saying the requirement became
 * conditional (it relaxes) or unconditional (it tightens); otherwise as an annotation.
 */
import { childPath, type DiffContext } from './context.js';
import { isObject, type SchemaObject } from './keywords.js';
import type { View } from './resolve.js';
import { LOOSENS, NO_EFFECT, TIGHTENS, type ChangeKind, type Effect, type RawChange } from './types.js';

/** Labels of subschemas where a requirement can only be implied by one on the whole record (not under `not`, `oneOf` or `if`). */
const POSITIVE = [/^allOf\[\d+\](, (added|removed))?$/, /^anyOf\[\d+\]$/, /^if \.\.\. (then|else)$/, /^when ".*" is present$/];

const MAX_DEPTH = 8;

/** The fields every record valid under a schema carries: its own `required` and its allOf members'. */
function alwaysRequired(view: (node: unknown) => View, schema: SchemaObject, depth = 0): Set<string> {
  const fields = new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : []);
  if (depth >= MAX_DEPTH || !Array.isArray(schema.allOf)) return fields;
  for (const member of schema.allOf) {
    const seen = view(member);
    if (seen.ok && isObject(seen.schema)) for (const n of alwaysRequired(view, seen.schema, depth + 1)) fields.add(n);
  }
  return fields;
}

interface Side {
  /** The requirement changes under a rule that the other version's unconditional requirement makes moot. */
  kinds: ChangeKind[];
  effect: Effect;
  /** The unconditional change at the same level they are said with. */
  own: ChangeKind;
  merged: (field: string, rules: string) => string;
  /** Said of a moot change with no unconditional change beside it. */
  moot: string;
}

/** Added under a rule where the old version required the field of every record: no old record is refused. */
const ADDED: Side = {
  kinds: ['required-added', 'dependent-required-added'],
  effect: TIGHTENS,
  own: 'required-removed',
  merged: (field, rules) => `field "${field}" is no longer required in every record, only ${rules}`,
  moot: ', which every record of the old version already had to carry',
};

/** Removed from a rule where the new version requires the field of every record: no new record is let in. */
const REMOVED: Side = {
  kinds: ['required-removed', 'dependent-required-removed'],
  effect: LOOSENS,
  own: 'required-added',
  merged: (field, rules) => `field "${field}" is now required in every record, where it was required only ${rules}`,
  moot: ', which every record of the new version still has to carry',
};

/** A requirement both versions make of every record: any rule requiring the field, or not, changes nothing. */
const EITHER = ['required-added', 'required-removed', 'dependent-required-added', 'dependent-required-removed'];

const moot = (change: RawChange, why: string): RawChange => ({ ...change, kind: 'annotation-changed', effect: NO_EFFECT, what: `${change.what}${why}` });

const sameEffect = (a: Effect, b: Effect): boolean => a.breaksSuppliers === b.breaksSuppliers && a.breaksConsumers === b.breaksConsumers;

const positive = (change: RawChange): boolean => change.within.every((label) => POSITIVE.some((p) => p.test(label)));

/** The field of this record that `change` is about, if it is one of `fields`. */
const fieldAt = (change: RawChange, path: string, fields: Set<string>): string | undefined => [...fields].find((n) => change.path === childPath(path, n));

/** A requirement changed under a rule, of the side's kind and effect, at a field of this record in `fields`: that field. */
function underRule(side: Side, change: RawChange, path: string, fields: Set<string>): string | undefined {
  if (change.undecidable || !side.kinds.includes(change.kind) || !sameEffect(change.effect, side.effect)) return undefined;
  if (change.kind === side.kinds[0] && change.within.length === 0) return undefined; // this level's own: not conditional
  if (!positive(change)) return undefined;
  return fieldAt(change, path, fields);
}

/** When the rule applies: 'when "b" is present', "under the rule in allOf[0], added > if ... then". */
function when(change: RawChange): string {
  const [only] = change.within;
  const rule =
    change.within.length === 0 ? '' : change.within.length === 1 && only!.startsWith('when "') ? only! : `under the rule in ${change.within.join(' > ')}`;
  if (!change.kind.startsWith('dependent-')) return rule;
  const trigger = change.what.slice(change.what.indexOf(' when ') + 1);
  return rule === '' ? trigger : `${trigger}, ${rule}`;
}

function judge(side: Side, fields: Set<string>, changes: RawChange[], path: string): RawChange[] {
  if (fields.size === 0) return changes;
  const rules = new Map<string, RawChange[]>();
  for (const change of changes) {
    const field = underRule(side, change, path, fields);
    if (field !== undefined) rules.set(field, [...(rules.get(field) ?? []), change]);
  }
  if (rules.size === 0) return changes;
  const own = (change: RawChange): string | undefined => (change.kind === side.own && change.within.length === 0 ? fieldAt(change, path, fields) : undefined);
  const merged = new Set(changes.map(own).filter((f) => f !== undefined && rules.has(f)));
  const result: RawChange[] = [];
  for (const change of changes) {
    const field = underRule(side, change, path, fields);
    if (field !== undefined) {
      // Said with the unconditional change where there is one; else the rule alone changes nothing.
      if (!merged.has(field)) result.push(moot(change, side.moot));
      continue;
    }
    const moved = own(change);
    if (moved === undefined || !merged.has(moved)) result.push(change);
    else result.push({ ...change, what: side.merged(moved, rules.get(moved)!.map(when).join(', or ')) });
  }
  return result;
}

/** The changes at one level, with requirements changed under rules judged against the unconditional ones (above). */
export function withConditionalRequirements(ctx: DiffContext, before: SchemaObject, after: SchemaObject, changes: RawChange[], path: string): RawChange[] {
  const old = alwaysRequired((n) => ctx.viewOld(n), before);
  const now = alwaysRequired((n) => ctx.viewNew(n), after);
  const both = new Set([...old].filter((n) => now.has(n)));
  const kept = changes.map((c) =>
    !c.undecidable && EITHER.includes(c.kind) && positive(c) && fieldAt(c, path, both) !== undefined
      ? moot(c, ', which both versions require of every record anyway')
      : c,
  );
  return judge(REMOVED, now, judge(ADDED, old, kept, path), path);
}
