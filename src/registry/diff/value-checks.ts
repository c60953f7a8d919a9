/**
 * Limits, patterns and formats on a place whose values a list fixes (`enum`, `const`): each such keyword
 * can only let through or refuse the live values (fixed-values.ts), so a change to it is judged on them,
 * value by value, as the engine checks them. A new keyword refuses old data only if it refuses an old
 * live value, and lets in new data only if the old keyword refused a new live value: a tighter
 * `maxLength` on codes that are all short, a `format` added that every code meets, a `pattern` changed
 * that every code of both versions matches, change nothing. A check the rules cannot run (an unknown
 * format, a pattern that does not compile) leaves the change as it was; a pattern not shown safe is never
 * run, and the change is undecidable, saying so (pattern-runs.ts). A length limit is likewise moot
 * where the version's own pattern fixes the lengths it accepts within the other limit
 * (`^[A-Z]{3}$` with `maxLength` 5 → 3: pattern-lengths.ts).
 */
import { isDate, isDateTime } from '../../validation/date-time.js';
import { healthFormats } from '../../validation/health-formats.js';
import { liveValues } from './fixed-values.js';
import { patternLengths } from './pattern-lengths.js';
import { isObject, type SchemaObject } from './keywords.js';
import { isNotRun, type NotRun, type PatternRuns } from './pattern-runs.js';
import { BOTH, NO_EFFECT, type ChangeKind, type Effect, type RawChange } from './types.js';

/** Whether a value meets the keyword(s) a change is about, in a schema; undefined when that cannot be told, NotRun when a pattern was not run. */
type Check = (schema: SchemaObject, value: unknown, runs: PatternRuns) => boolean | undefined | NotRun;

const num = (schema: SchemaObject, keyword: string): number | undefined => (typeof schema[keyword] === 'number' ? schema[keyword] : undefined);

/** A count (length in characters, as the engine counts them: code points) kept between a keyword pair. */
const counted =
  (measure: (value: unknown) => number | undefined, keyword: string, lower: boolean): Check =>
  (schema, value) => {
    const limit = num(schema, keyword);
    const size = measure(value);
    return limit === undefined || size === undefined || (lower ? size >= limit : size <= limit);
  };

const length = (v: unknown): number | undefined => (typeof v === 'string' ? [...v].length : undefined);
const items = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : undefined);
const fields = (v: unknown): number | undefined => (isObject(v) ? Object.keys(v).length : undefined);

const bound =
  (inclusive: string, exclusive: string, lower: boolean): Check =>
  (schema, value) => {
    if (typeof value !== 'number') return true;
    const [at, past] = [num(schema, inclusive), num(schema, exclusive)];
    const inside = (limit: number | undefined, strict: boolean): boolean =>
      limit === undefined || (lower ? (strict ? value > limit : value >= limit) : strict ? value < limit : value <= limit);
    return inside(at, false) && inside(past, true);
  };

const pattern: Check = (schema, value, runs) => {
  if (typeof value !== 'string' || typeof schema.pattern !== 'string') return true;
  return runs.test(schema.pattern, value); // as the engine compiles it (Ajv's unicodeRegExp), if shown safe
};

const FORMATS: Record<string, (value: string) => boolean> = {
  date: isDate,
  'date-time': isDateTime,
  ...Object.fromEntries(Object.entries(healthFormats).map(([name, f]) => [name, f.validate])),
};

const format: Check = (schema, value) => {
  if (typeof value !== 'string' || schema.format === undefined) return true;
  const check = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  return check === undefined ? undefined : check(value);
};

const CHECKS: [ChangeKind[], Check][] = [
  [['min-length-increased', 'min-length-decreased'], counted(length, 'minLength', true)],
  [['max-length-decreased', 'max-length-increased'], counted(length, 'maxLength', false)],
  [['min-items-increased', 'min-items-decreased'], counted(items, 'minItems', true)],
  [['max-items-decreased', 'max-items-increased'], counted(items, 'maxItems', false)],
  [['min-properties-increased', 'min-properties-decreased'], counted(fields, 'minProperties', true)],
  [['max-properties-decreased', 'max-properties-increased'], counted(fields, 'maxProperties', false)],
  [['minimum-increased', 'minimum-decreased'], bound('minimum', 'exclusiveMinimum', true)],
  [['maximum-decreased', 'maximum-increased'], bound('maximum', 'exclusiveMaximum', false)],
  [['pattern-added', 'pattern-removed', 'pattern-changed'], pattern],
  [['format-added', 'format-removed', 'format-changed', 'format-narrowed', 'format-widened'], format],
];

/** True when every value meets the check, false when one fails it, undefined when it cannot tell (why a pattern was not run added to `notRun`). */
function all(check: Check, schema: SchemaObject, values: unknown[], runs: PatternRuns, notRun: Set<string>): boolean | undefined {
  let known = true;
  for (const value of values) {
    const met = check(schema, value, runs);
    if (met === false) return false;
    if (isNotRun(met)) {
      notRun.add(met.notRun);
      return undefined;
    }
    if (met === undefined) known = false;
  }
  return known ? true : undefined;
}

const LENGTH_KINDS: ChangeKind[] = ['min-length-increased', 'min-length-decreased', 'max-length-decreased', 'max-length-increased'];

/** True when every string `from`'s pattern matches meets `to`'s length limits; undefined when that cannot be told. */
function lengthsKept(kind: ChangeKind, from: SchemaObject, to: SchemaObject): true | undefined {
  if (!LENGTH_KINDS.includes(kind) || typeof from.pattern !== 'string') return undefined;
  const range = patternLengths(from.pattern);
  if (range === undefined) return undefined;
  const [min, max] = [num(to, 'minLength'), num(to, 'maxLength')];
  return (min === undefined || range.min >= min) && (max === undefined || range.max <= max) ? true : undefined;
}

/** The text of a change without what it says it cannot compare. */
const stated = (what: string): string => what.replace(/(, which cannot be compared|; two patterns cannot be compared)$/, '');

function rejudge(change: RawChange, check: Check, a: SchemaObject, b: SchemaObject, runs: PatternRuns): RawChange {
  const [old, now] = [liveValues(a), liveValues(b)];
  const notRun = new Set<string>();
  // The new keyword meets every old live value: it refuses no old data; the old one meets every new live value: it lets in none.
  const keepsOld = old === undefined ? lengthsKept(change.kind, a, b) : all(check, b, old, runs, notRun);
  const keepsNew = now === undefined ? lengthsKept(change.kind, b, a) : all(check, a, now, runs, notRun);
  // A pattern the rules could not run safely leaves the change undecidable, whatever the rule alone said.
  if (notRun.size > 0 && (keepsOld === undefined || keepsNew === undefined))
    return { ...change, effect: BOTH, undecidable: true, what: `${stated(change.what)}; ${[...notRun].join('; ')}` };
  const effect: Effect = {
    breaksSuppliers: keepsOld === undefined ? change.effect.breaksSuppliers : !keepsOld,
    breaksConsumers: keepsNew === undefined ? change.effect.breaksConsumers : !keepsNew,
  };
  // An undecidable change is decided only when both directions are.
  if (change.undecidable && (keepsOld === undefined || keepsNew === undefined)) return change;
  if (!change.undecidable && effect.breaksSuppliers === change.effect.breaksSuppliers && effect.breaksConsumers === change.effect.breaksConsumers)
    return change;
  const what = stated(change.what);
  const { undecidable: _undecidable, ...decided } = change;
  if (!effect.breaksSuppliers && !effect.breaksConsumers) {
    const byPattern = (old === undefined && keepsOld !== undefined) || (now === undefined && keepsNew !== undefined);
    const because =
      old === undefined && now === undefined
        ? 'the pattern makes moot (every value it matches meets both)'
        : `the allowed values${byPattern ? ' and the pattern' : ''} make moot (each meets both)`;
    return { ...decided, kind: 'annotation-changed', effect: NO_EFFECT, what: `${what}, which ${because}` };
  }
  const how = [
    effect.breaksSuppliers ? 'the new one refuses some the old accepted' : '',
    effect.breaksConsumers ? 'the old one refused some the new accepts' : '',
  ]
    .filter(Boolean)
    .join(', and ');
  return { ...decided, effect, what: `${what}; of the allowed values, ${how}` };
}

/** The changes at one place, with those to limits, patterns and formats judged on the fixed values where there are some. */
export function withValueChecks(a: SchemaObject, b: SchemaObject, changes: RawChange[], path: string, runs: PatternRuns): RawChange[] {
  const fixed = liveValues(a) !== undefined || liveValues(b) !== undefined;
  const patterned = typeof a.pattern === 'string' || typeof b.pattern === 'string';
  if (!fixed && !patterned) return changes;
  return changes.map((change) => {
    if (change.path !== path || change.within.length > 0) return change;
    const check = CHECKS.find(([kinds]) => kinds.includes(change.kind))?.[1];
    if (check === undefined || (!fixed && !LENGTH_KINDS.includes(change.kind))) return change;
    return rejudge(change, check, a, b, runs);
  });
}
