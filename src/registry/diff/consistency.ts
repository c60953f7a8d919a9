/**
 * Changes to `x-consistency` (cross-field date rules on the record), matched by rule id. A new rule
 * rejects old data that breaks it; a removed rule lets new data through that the old one rejected; a
 * rule comparing other fields, or in another form (notBefore, notAfter, the submission, the period),
 * does both. A wider skew, an error made a warning, or a plain date compared with the UK date rather
 * than the UTC date (`calendar`, never behind it), only loosens (and the reverse only tightens); a
 * new or removed rule of severity warning rejects nothing. A changed message only is an annotation.
 */
import { canonicalJson } from '../content-hash.js';
import { durationMs } from '../../validation/consistency-rules.js';
import { isObject, type SchemaObject } from './keywords.js';
import { BOTH, LOOSENS, NO_EFFECT, raw, TIGHTENS, type RawChange } from './types.js';

interface Rule {
  id: string;
  field: string;
  /** The form and what it compares with: `notBefore /a`, `notAfter $submission`, `within $period`. */
  form: string;
  skew: string;
  skewMs: number;
  /** The calendar a plain date is compared in against the submission: uk (the default) or utc. */
  calendar: string;
  warning: boolean;
  body: SchemaObject;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function formOf(item: SchemaObject): string {
  if (item.within !== undefined) return `within ${text(item.within)}`;
  if (item.notAfter !== undefined) return `notAfter ${text(item.notAfter)}`;
  return `notBefore ${text(item.notBefore)}`;
}

function rules(schema: SchemaObject): Map<string, Rule> {
  const found = new Map<string, Rule>();
  for (const item of Array.isArray(schema['x-consistency']) ? schema['x-consistency'] : []) {
    if (!isObject(item)) continue;
    const id = typeof item.id === 'string' ? item.id : canonicalJson(item);
    const skew = typeof item.skew === 'string' ? item.skew : 'PT5M';
    found.set(id, {
      id,
      field: String(item.field),
      form: formOf(item),
      skew,
      skewMs: durationMs(skew) ?? 0,
      calendar: item.calendar === 'utc' ? 'utc' : 'uk',
      warning: item.severity === 'warning',
      body: item,
    });
  }
  return found;
}

const describe = (r: Rule): string =>
  `${r.field} ${r.form.replace('notBefore', 'not before').replace('notAfter', 'not after')}${r.calendar === 'utc' ? ' (a date against the UTC date)' : ''}${r.warning ? ', a warning' : ''}`;

export function diffConsistency(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = rules(a);
  const after = rules(b);
  const changes: RawChange[] = [];
  const at = (r: Rule): string => (r.field.startsWith('/') ? r.field : path);
  for (const [id, rule] of before) {
    const now = after.get(id);
    if (!now) {
      changes.push(
        raw('consistency-rule-removed', at(rule), rule.warning ? NO_EFFECT : LOOSENS, `consistency rule "${id}" (${describe(rule)}) removed`, {
          before: rule.body,
        }),
      );
    } else if (rule.field !== now.field || rule.form !== now.form) {
      changes.push(
        raw(
          'consistency-rule-changed',
          at(now),
          rule.warning && now.warning ? NO_EFFECT : BOTH,
          `consistency rule "${id}" now checks ${describe(now)} (was ${describe(rule)})`,
          {
            before: rule.body,
            after: now.body,
          },
        ),
      );
    } else if (rule.warning !== now.warning || rule.skewMs !== now.skewMs || rule.calendar !== now.calendar) {
      // The same check: an error made a warning, a wider skew, or the UK date (never behind the UTC date)
      // accepts more; the reverse accepts less; a wider skew with the UTC date may do either.
      const ways = new Set<boolean>();
      if (rule.skewMs !== now.skewMs) ways.add(now.skewMs > rule.skewMs);
      if (rule.calendar !== now.calendar) ways.add(now.calendar === 'uk');
      const loosens = rule.warning !== now.warning ? now.warning : ways.size === 1 ? [...ways][0]! : undefined;
      const effect = rule.warning && now.warning ? NO_EFFECT : loosens === undefined ? BOTH : loosens ? LOOSENS : TIGHTENS;
      changes.push(
        raw(
          'consistency-rule-changed',
          at(now),
          effect,
          `consistency rule "${id}" now checks ${describe(now)}${now.skewMs !== rule.skewMs ? ` with skew ${now.skew}` : ''} (was ${describe(rule)}${now.skewMs !== rule.skewMs ? ` with skew ${rule.skew}` : ''})`,
          {
            before: rule.body,
            after: now.body,
          },
        ),
      );
    } else if (canonicalJson(rule.body) !== canonicalJson(now.body)) {
      changes.push(raw('annotation-changed', at(now), NO_EFFECT, `message of consistency rule "${id}" changed`, { before: rule.body, after: now.body }));
    }
  }
  for (const [id, rule] of after) {
    if (!before.has(id))
      changes.push(
        raw('consistency-rule-added', at(rule), rule.warning ? NO_EFFECT : TIGHTENS, `consistency rule "${id}" (${describe(rule)}) added`, {
          after: rule.body,
        }),
      );
  }
  return changes;
}
