/** Changes to limits: numeric minimum and maximum, lengths, item, property and contains counts, multipleOf, uniqueItems. */
import { BOTH, LOOSENS, raw, TIGHTENS, undecidable, type ChangeKind, type RawChange } from './types.js';
import type { SchemaObject } from './keywords.js';
import { isMultipleOf } from '../../validation/multiple-of.js';

interface Bound {
  value: number;
  exclusive: boolean;
  /** Not written in the schema: the keyword's default. */
  implied?: boolean;
}

const show = (bound: Bound | undefined): string =>
  bound === undefined ? 'none' : `${bound.exclusive ? 'exclusive ' : ''}${bound.value}${bound.implied ? ' (its default)' : ''}`;
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function pick(inclusive: number | undefined, exclusive: number | undefined, lower: boolean): Bound | undefined {
  if (inclusive === undefined) return exclusive === undefined ? undefined : { value: exclusive, exclusive: true };
  if (exclusive === undefined) return { value: inclusive, exclusive: false };
  const exclusiveWins = lower ? exclusive >= inclusive : exclusive <= inclusive;
  return exclusiveWins ? { value: exclusive, exclusive: true } : { value: inclusive, exclusive: false };
}

/** True if bound `b` lets through less than `a` on its side. */
function tighter(a: Bound | undefined, b: Bound | undefined, lower: boolean): boolean {
  if (b === undefined) return false;
  if (a === undefined) return true;
  if (a.value !== b.value) return lower ? b.value > a.value : b.value < a.value;
  return b.exclusive && !a.exclusive;
}

interface Limit {
  label: string;
  lower: boolean;
  read: (s: SchemaObject) => Bound | undefined;
  /** Kind when the limit tightens and when it loosens. */
  kinds: [ChangeKind, ChangeKind];
  /** A lower count at or below this (0, the default of minLength, minItems, minProperties) limits nothing. */
  floor?: number;
  /** When the limit means something in both versions (else another change says what happened). */
  applies?: (s: SchemaObject) => boolean;
}

/** contains added or removed is its own change (arrays.ts); its counts are compared only while it stays. */
const withContains = (s: SchemaObject): boolean => s.contains !== undefined;

const plain =
  (keyword: string) =>
  (s: SchemaObject): Bound | undefined => {
    const value = num(s[keyword]);
    return value === undefined ? undefined : { value, exclusive: false };
  };

/** minContains and maxContains count the items `contains` matches, and mean nothing without it; minContains defaults to 1. */
const containsCount =
  (keyword: 'minContains' | 'maxContains') =>
  (s: SchemaObject): Bound | undefined => {
    const value = num(s[keyword]);
    if (value === undefined) return keyword === 'minContains' ? { value: 1, exclusive: false, implied: true } : undefined;
    return { value, exclusive: false };
  };

const LIMITS: Limit[] = [
  { label: 'minimum', lower: true, read: (s) => pick(num(s.minimum), num(s.exclusiveMinimum), true), kinds: ['minimum-increased', 'minimum-decreased'] },
  { label: 'maximum', lower: false, read: (s) => pick(num(s.maximum), num(s.exclusiveMaximum), false), kinds: ['maximum-decreased', 'maximum-increased'] },
  { label: 'minLength', lower: true, read: plain('minLength'), kinds: ['min-length-increased', 'min-length-decreased'], floor: 0 },
  { label: 'maxLength', lower: false, read: plain('maxLength'), kinds: ['max-length-decreased', 'max-length-increased'] },
  { label: 'minItems', lower: true, read: plain('minItems'), kinds: ['min-items-increased', 'min-items-decreased'], floor: 0 },
  { label: 'maxItems', lower: false, read: plain('maxItems'), kinds: ['max-items-decreased', 'max-items-increased'] },
  { label: 'minProperties', lower: true, read: plain('minProperties'), kinds: ['min-properties-increased', 'min-properties-decreased'], floor: 0 },
  { label: 'maxProperties', lower: false, read: plain('maxProperties'), kinds: ['max-properties-decreased', 'max-properties-increased'] },
  { label: 'minContains', lower: true, read: containsCount('minContains'), kinds: ['min-contains-increased', 'min-contains-decreased'], applies: withContains },
  {
    label: 'maxContains',
    lower: false,
    read: containsCount('maxContains'),
    kinds: ['max-contains-decreased', 'max-contains-increased'],
    applies: withContains,
  },
];

function diffLimit(limit: Limit, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (limit.applies && !(limit.applies(a) && limit.applies(b))) return [];
  const before = limit.read(a);
  const after = limit.read(b);
  const extra = { before: before?.value, after: after?.value };
  const what = `${limit.label} ${before === undefined ? 'set to' : after === undefined ? 'removed, was' : 'changed from ' + show(before) + ' to'} ${show(after ?? before)}`;
  const effective = (bound: Bound | undefined): Bound | undefined => (bound && limit.floor !== undefined && bound.value <= limit.floor ? undefined : bound);
  const [was, now] = [effective(before), effective(after)];
  if (tighter(was, now, limit.lower)) return [raw(limit.kinds[0], path, TIGHTENS, what, extra)];
  if (tighter(now, was, limit.lower)) return [raw(limit.kinds[1], path, LOOSENS, what, extra)];
  return [];
}

/** A power of two (1, 2, 0.5, 0.25, …): dividing by it is exact in floating point. */
const powerOfTwo = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

/** Divisors between which the engine's floating-point check (value / multipleOf a whole number, within its rounding: validation/multiple-of.ts) agrees with arithmetic. */
const exactDivisors = (a: number, b: number): boolean => (Number.isSafeInteger(a) && Number.isSafeInteger(b)) || (powerOfTwo(a) && powerOfTwo(b));

function diffMultipleOf(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = num(a.multipleOf);
  const after = num(b.multipleOf);
  if (before === after) return [];
  const extra = { before, after };
  if (before === undefined) return [raw('multiple-of-tightened', path, TIGHTENS, `values must now be multiples of ${after}`, extra)];
  if (after === undefined) return [raw('multiple-of-loosened', path, LOOSENS, `values no longer need to be multiples of ${before}`, extra)];
  if (!exactDivisors(before, after)) {
    return [
      undecidable(
        'multiple-of-changed',
        path,
        `multipleOf changed from ${before} to ${after}; the engine checks a multiple by floating-point division, allowing for its rounding, and between decimals other than powers of two that rounding can differ at the edges, so no direction can be proved`,
        extra,
      ),
    ];
  }
  // The engine's own judgement, exact between these divisors (an absolute tolerance took 2^-40 for a multiple of 0.5).
  if (isMultipleOf(before, after)) return [raw('multiple-of-loosened', path, LOOSENS, `multipleOf changed from ${before} to ${after}`, extra)];
  if (isMultipleOf(after, before)) return [raw('multiple-of-tightened', path, TIGHTENS, `multipleOf changed from ${before} to ${after}`, extra)];
  return [raw('multiple-of-changed', path, BOTH, `multipleOf changed from ${before} to ${after}`, extra)];
}

function diffUniqueItems(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = a.uniqueItems === true;
  const after = b.uniqueItems === true;
  if (before === after) return [];
  return after
    ? [raw('unique-items-added', path, TIGHTENS, 'items must now be unique')]
    : [raw('unique-items-removed', path, LOOSENS, 'items no longer need to be unique')];
}

export function diffBounds(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  return [...LIMITS.flatMap((limit) => diffLimit(limit, a, b, path)), ...diffMultipleOf(a, b, path), ...diffUniqueItems(a, b, path)];
}
