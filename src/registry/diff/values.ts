/** Changes to what values are allowed at one place: type, enum and const, format and pattern. */
import { canonicalJson } from '../content-hash.js';
import { BOTH, LOOSENS, raw, TIGHTENS, undecidable, type RawChange } from './types.js';
import type { SchemaObject } from './keywords.js';
import { formatWithin } from '../../validation/format-subsets.js';

/** A keyword's value as text: a string as it is, anything else as JSON. */
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const list = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

function typesOf(schema: SchemaObject): string[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  return Array.isArray(type) ? (type as unknown[]).map(text) : [text(type)];
}

const accepts = (types: readonly string[], t: string): boolean => types.includes(t) || (t === 'integer' && types.includes('number'));
const within = (inner: readonly string[], outer: readonly string[]): boolean => inner.every((t) => accepts(outer, t));
const showTypes = (types: readonly string[] | undefined): string => (types === undefined ? 'any type' : types.join(' or '));

export function diffType(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = typesOf(a);
  const after = typesOf(b);
  if (before === undefined && after === undefined) return [];
  const extra = { before: a.type, after: b.type };
  if (before === undefined) return [raw('type-narrowed', path, TIGHTENS, `type restricted to ${showTypes(after)} (was ${showTypes(before)})`, extra)];
  if (after === undefined) return [raw('type-widened', path, LOOSENS, `type restriction ${showTypes(before)} removed`, extra)];
  const widened = within(before, after);
  const narrowed = within(after, before);
  if (widened && narrowed) return [];
  if (widened) return [raw('type-widened', path, LOOSENS, `type widened from ${showTypes(before)} to ${showTypes(after)}`, extra)];
  if (narrowed) return [raw('type-narrowed', path, TIGHTENS, `type narrowed from ${showTypes(before)} to ${showTypes(after)}`, extra)];
  return [raw('type-changed', path, BOTH, `type changed from ${showTypes(before)} to ${showTypes(after)}`, extra)];
}

interface Allowed {
  values: unknown[];
  onlyConst: boolean;
}

function allowedValues(schema: SchemaObject): Allowed | undefined {
  const hasConst = 'const' in schema;
  const hasEnum = Array.isArray(schema.enum);
  if (!hasConst && !hasEnum) return undefined;
  if (!hasEnum) return { values: [schema.const], onlyConst: true };
  const values = schema.enum as unknown[];
  return { values: hasConst ? values.filter((v) => canonicalJson(v) === canonicalJson(schema.const)) : values, onlyConst: false };
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
  return [
    ...removed.map((v) => raw('enum-value-removed', path, TIGHTENS, `code ${JSON.stringify(v)} removed`, { before: v })),
    ...added.map((v) => raw('enum-value-added', path, LOOSENS, `code ${JSON.stringify(v)} added`, { after: v })),
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
