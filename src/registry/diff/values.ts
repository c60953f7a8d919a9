/** Changes to what values are allowed at one place: type, enum and const, format and pattern. */
import { canonicalJson } from '../content-hash.js';
import { allowedValues, fitsTypes, liveValues, typesOf } from './fixed-values.js';
import { BOTH, LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, type RawChange } from './types.js';
import type { SchemaObject } from './keywords.js';
import { formatWithin } from '../../validation/format-subsets.js';

/** A keyword's value as text: a string as it is, anything else as JSON. */
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const list = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

const accepts = (types: readonly string[], t: string): boolean => types.includes(t) || (t === 'integer' && types.includes('number'));
const within = (inner: readonly string[], outer: readonly string[]): boolean => inner.every((t) => accepts(outer, t));
const showTypes = (types: readonly string[] | undefined): string => (types === undefined ? 'any type' : types.join(' or '));

/** How a type change reads, by the types alone. */
function describeType(before: string[] | undefined, after: string[] | undefined): string {
  if (before === undefined) return `type restricted to ${showTypes(after)} (was ${showTypes(before)})`;
  if (after === undefined) return `type restriction ${showTypes(before)} removed`;
  const how = within(before, after) ? 'widened' : within(after, before) ? 'narrowed' : 'changed';
  return `type ${how} from ${showTypes(before)} to ${showTypes(after)}`;
}

/**
 * A type change, judged on the types, or where a version fixes its values (enum, const) on those
 * values: the new type refuses old data only if it refuses one of the old live values, and lets in new
 * data only if the old type refused one of the new live values (fixed-values.ts).
 */
export function diffType(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = typesOf(a);
  const after = typesOf(b);
  if (before === undefined && after === undefined) return [];
  const extra = { before: a.type, after: b.type };
  const narrows = after !== undefined && (before === undefined || !within(before, after));
  const widens = before !== undefined && (after === undefined || !within(after, before));
  if (!narrows && !widens) return [];
  const [oldValues, newValues] = [liveValues(a), liveValues(b)];
  const tightens = oldValues === undefined ? narrows : oldValues.some((v) => !fitsTypes(after, v));
  const loosens = newValues === undefined ? widens : newValues.some((v) => !fitsTypes(before, v));
  const said = describeType(before, after);
  if (!tightens && !loosens) {
    return [raw('annotation-changed', path, NO_EFFECT, `${said}, which the allowed values make moot (each is of a type both versions accept)`, extra)];
  }
  // Where the values decide a direction the types alone do not, say so.
  const why =
    tightens === narrows && loosens === widens
      ? ''
      : tightens
        ? ', and of the allowed values it refuses only some the old type accepted'
        : ', and of the allowed values it lets in only some the old type refused';
  if (tightens && loosens) return [raw('type-changed', path, BOTH, `${said}${why}`, extra)];
  if (tightens) return [raw('type-narrowed', path, TIGHTENS, `${said}${why}`, extra)];
  return [raw('type-widened', path, LOOSENS, `${said}${why}`, extra)];
}

export function diffValues(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = allowedValues(a);
  const after = allowedValues(b);
  if (!before && !after) return [];
  if (!before) {
    return after!.onlyConst
      ? [raw('const-added', path, TIGHTENS, `value fixed to ${list(after!.values)}`, { after: after!.values[0] })]
      : [raw('enum-added', path, TIGHTENS, `values restricted to the list ${list(after!.values)}`, { after: after!.values })];
  }
  if (!after) {
    return before.onlyConst
      ? [raw('const-removed', path, LOOSENS, `value no longer fixed to ${list(before.values)}`, { before: before.values[0] })]
      : [raw('enum-removed', path, LOOSENS, `list of allowed values removed`, { before: before.values })];
  }
  const oldKeys = new Map(before.values.map((v) => [canonicalJson(v), v]));
  const newKeys = new Map(after.values.map((v) => [canonicalJson(v), v]));
  const removed = [...oldKeys].filter(([k]) => !newKeys.has(k)).map(([, v]) => v);
  const added = [...newKeys].filter(([k]) => !oldKeys.has(k)).map(([, v]) => v);
  if (before.onlyConst && after.onlyConst && (removed.length > 0 || added.length > 0)) {
    return [
      raw('const-changed', path, BOTH, `fixed value changed from ${list(before.values)} to ${list(after.values)}`, {
        before: before.values[0],
        after: after.values[0],
      }),
    ];
  }
  // A listed value the type refuses was never allowed: listing it, or not, changes nothing.
  const [oldTypes, newTypes] = [typesOf(a), typesOf(b)];
  return [
    ...removed.map((v) =>
      fitsTypes(oldTypes, v)
        ? raw('enum-value-removed', path, TIGHTENS, `code ${JSON.stringify(v)} removed`, { before: v })
        : raw('annotation-changed', path, NO_EFFECT, `code ${JSON.stringify(v)} removed, which the type (${showTypes(oldTypes)}) already refused`, {
            before: v,
          }),
    ),
    ...added.map((v) =>
      fitsTypes(newTypes, v)
        ? raw('enum-value-added', path, LOOSENS, `code ${JSON.stringify(v)} added`, { after: v })
        : raw('annotation-changed', path, NO_EFFECT, `code ${JSON.stringify(v)} added, which the type (${showTypes(newTypes)}) refuses`, { after: v }),
    ),
  ];
}

export function diffFormat(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = a.format;
  const after = b.format;
  if (before === after) return [];
  const extra = { before, after };
  if (before === undefined) return [raw('format-added', path, TIGHTENS, `format ${text(after)} now checked`, extra)];
  if (after === undefined) return [raw('format-removed', path, LOOSENS, `format ${text(before)} no longer checked`, extra)];
  if (typeof before === 'string' && typeof after === 'string') {
    // Formats known to nest (format-subsets.ts): one direction only.
    if (formatWithin(before, after)) {
      return [raw('format-widened', path, LOOSENS, `format widened from ${before} to ${after} (every value ${before} accepts, ${after} accepts too)`, extra)];
    }
    if (formatWithin(after, before)) {
      return [
        raw(
          'format-narrowed',
          path,
          TIGHTENS,
          `format narrowed from ${before} to ${after} (${after} accepts only some of the values ${before} accepts)`,
          extra,
        ),
      ];
    }
  }
  return [undecidable('format-changed', path, `format changed from ${text(before)} to ${text(after)}, which cannot be compared`, extra)];
}

export function diffPattern(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = a.pattern;
  const after = b.pattern;
  if (before === after) return [];
  const extra = { before, after };
  if (before === undefined) return [raw('pattern-added', path, TIGHTENS, `pattern ${text(after)} added`, extra)];
  if (after === undefined) return [raw('pattern-removed', path, LOOSENS, `pattern ${text(before)} removed`, extra)];
  return [undecidable('pattern-changed', path, `pattern changed from ${text(before)} to ${text(after)}; two patterns cannot be compared`, extra)];
}
