/**
 * Changes to `x-consistency` (cross-field date rules on the record), matched by rule id. A new rule
 * rejects old data that breaks it; a removed rule lets new data through that the old one rejected; a
 * rule comparing other fields does both. A changed message only is an annotation.
 */
import { canonicalJson } from '../content-hash.js';
import { isObject, type SchemaObject } from './keywords.js';
import { BOTH, LOOSENS, NO_EFFECT, raw, TIGHTENS, type RawChange } from './types.js';

interface Rule {
  key: string;
  id: string;
  field: string;
  notBefore: string;
  body: SchemaObject;
}

function rules(schema: SchemaObject): Map<string, Rule> {
  const found = new Map<string, Rule>();
  for (const item of Array.isArray(schema['x-consistency']) ? schema['x-consistency'] : []) {
    if (!isObject(item)) continue;
    const id = typeof item.id === 'string' ? item.id : canonicalJson(item);
    found.set(id, { key: id, id, field: String(item.field), notBefore: String(item.notBefore), body: item });
  }
  return found;
}

const describe = (r: Rule): string => `${r.field} not before ${r.notBefore}`;

export function diffConsistency(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = rules(a);
  const after = rules(b);
  const changes: RawChange[] = [];
  const at = (r: Rule): string => (r.field.startsWith('/') ? r.field : path);
  for (const [id, rule] of before) {
    const now = after.get(id);
    if (!now) {
      changes.push(raw('consistency-rule-removed', at(rule), LOOSENS, `consistency rule "${id}" (${describe(rule)}) removed`, { before: rule.body }));
    } else if (rule.field !== now.field || rule.notBefore !== now.notBefore) {
      changes.push(
        raw('consistency-rule-changed', at(now), BOTH, `consistency rule "${id}" now checks ${describe(now)} (was ${describe(rule)})`, {
          before: rule.body,
          after: now.body,
        }),
      );
    } else if (canonicalJson(rule.body) !== canonicalJson(now.body)) {
      changes.push(raw('annotation-changed', at(now), NO_EFFECT, `message of consistency rule "${id}" changed`, { before: rule.body, after: now.body }));
    }
  }
  for (const [id, rule] of after) {
    if (!before.has(id))
      changes.push(raw('consistency-rule-added', at(rule), TIGHTENS, `consistency rule "${id}" (${describe(rule)}) added`, { after: rule.body }));
  }
  return changes;
}
