/**
 * Changes to subschemas that combine or condition others: allOf and anyOf (compared element by
 * element, which is exact in direction because both are monotone in each element), not (the same with
 * the effect reversed), if/then/else (then and else compared when the condition is unchanged) and oneOf
 * (only when unchanged in substance). What the rules cannot follow is `conditional-changed`, undecidable.
 */
import type { DiffContext } from './context.js';
import type { SchemaObject } from './keywords.js';
import { isSemantic, LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, within, type RawChange } from './types.js';

interface Alignment {
  pairs: [number, number][];
  onlyBefore: number[];
  onlyAfter: number[];
}

/** Pairs equivalent elements first, then the rest in order. */
function align(ctx: DiffContext, before: unknown[], after: unknown[]): Alignment {
  const pairs: [number, number][] = [];
  const usedAfter = new Set<number>();
  const unmatched: number[] = [];
  for (let i = 0; i < before.length; i++) {
    const j = after.findIndex((node, k) => !usedAfter.has(k) && ctx.same(before[i], node));
    if (j < 0) unmatched.push(i);
    else {
      pairs.push([i, j]);
      usedAfter.add(j);
    }
  }
  const rest = after.map((_, k) => k).filter((k) => !usedAfter.has(k));
  while (unmatched.length > 0 && rest.length > 0) pairs.push([unmatched.shift()!, rest.shift()!]);
  return { pairs, onlyBefore: unmatched, onlyAfter: rest };
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function diffAllOf(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = list(a.allOf);
  const after = list(b.allOf);
  const { pairs, onlyBefore, onlyAfter } = align(ctx, before, after);
  // A new conjunct compares like `true` -> it; a removed one like it -> `true`.
  return [
    ...pairs.flatMap(([i, j]) => within(`allOf[${j}]`, ctx.sub(before[i], after[j], path))),
    ...onlyAfter.flatMap((j) => within(`allOf[${j}], added`, ctx.sub(true, after[j], path))),
    ...onlyBefore.flatMap((i) => within(`allOf[${i}], removed`, ctx.sub(before[i], true, path))),
  ];
}

/** True when the changes prove the old side accepts no more than the new (`suppliers`) or the reverse. */
const proves = (changes: RawChange[], side: 'breaksSuppliers' | 'breaksConsumers'): boolean =>
  !changes.some((c) => isSemantic(c) && (c.undecidable || c.effect[side]));

/**
 * anyOf added is a conjunct added, narrowing, unless one of its options accepts everything the old
 * schema did (a field made nullable as `anyOf: [{ its old schema }, { type: null }]`); anyOf dropped
 * widens unless the new schema accepts no more than one of the old options.
 */
function anyOfAddedOrDropped(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (a.anyOf === undefined) {
    const j = list(b.anyOf).findIndex((option) => proves(ctx.sub(a, option, path), 'breaksSuppliers'));
    return j >= 0
      ? [raw('subschema-added', path, NO_EFFECT, `anyOf added; its option ${j} accepts every value the old version accepted here`)]
      : [raw('subschema-added', path, TIGHTENS, 'anyOf added: values must now match one of its options')];
  }
  const i = list(a.anyOf).findIndex((option) => proves(ctx.sub(option, b, path), 'breaksConsumers'));
  return i >= 0
    ? [raw('subschema-removed', path, NO_EFFECT, `anyOf removed; what the new version accepts here its option ${i} accepted`)]
    : [raw('subschema-removed', path, LOOSENS, 'anyOf removed: values no longer need to match one of its options')];
}

function diffAnyOf(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (a.anyOf === undefined && b.anyOf === undefined) return [];
  if (a.anyOf === undefined || b.anyOf === undefined) return anyOfAddedOrDropped(ctx, a, b, path);
  const before = list(a.anyOf);
  const after = list(b.anyOf);
  const { pairs, onlyBefore, onlyAfter } = align(ctx, before, after);
  return [
    ...pairs.flatMap(([i, j]) => within(`anyOf[${j}]`, ctx.sub(before[i], after[j], path))),
    ...onlyAfter.map((j) => raw('any-of-option-added', path, LOOSENS, `anyOf option ${j} added`)),
    ...onlyBefore.map((i) => raw('any-of-option-removed', path, TIGHTENS, `anyOf option ${i} removed`)),
  ];
}

function diffOneOf(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (a.oneOf === undefined && b.oneOf === undefined) return [];
  // oneOf as a whole is one more conjunct: adding it only narrows, dropping it only widens.
  if (a.oneOf === undefined) return [raw('subschema-added', path, TIGHTENS, 'oneOf added: values must now match exactly one of its options')];
  if (b.oneOf === undefined) return [raw('subschema-removed', path, LOOSENS, 'oneOf removed: values no longer need to match exactly one of its options')];
  const before = list(a.oneOf);
  const after = list(b.oneOf);
  const { pairs, onlyBefore, onlyAfter } = align(ctx, before, after);
  const changes = pairs.flatMap(([i, j]) => within(`oneOf[${j}]`, ctx.sub(before[i], after[j], path)));
  if (onlyBefore.length === 0 && onlyAfter.length === 0 && !changes.some(isSemantic)) return changes;
  const how = [
    onlyAfter.length > 0 ? `option${onlyAfter.length === 1 ? '' : 's'} ${onlyAfter.join(', ')} added` : '',
    onlyBefore.length > 0 ? `option${onlyBefore.length === 1 ? '' : 's'} ${onlyBefore.join(', ')} removed` : '',
    changes.some(isSemantic) ? 'an option changed' : '',
  ].filter(Boolean);
  return [
    undecidable(
      'conditional-changed',
      path,
      `oneOf changed (${how.join('; ')}): a value must match exactly one option, so one that matched one option may now match none or several, even where options only widen`,
    ),
  ];
}

function diffNot(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (a.not === undefined && b.not === undefined) return [];
  if (a.not === undefined) return [raw('subschema-added', path, TIGHTENS, 'not added: values matching it are now rejected')];
  if (b.not === undefined) return [raw('subschema-removed', path, LOOSENS, 'not removed: values matching it are accepted again')];
  // Accepting more inside `not` rejects more outside it.
  return within('not', ctx.sub(a.not, b.not, path)).map((c) => ({
    ...c,
    effect: { breaksSuppliers: c.effect.breaksConsumers, breaksConsumers: c.effect.breaksSuppliers },
  }));
}

function diffConditional(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const active = (s: SchemaObject): boolean => s.if !== undefined && (s.then !== undefined || s.else !== undefined);
  if (!active(a) && !active(b)) return [];
  let conditionChanges: RawChange[] = [];
  if (active(a) && active(b)) {
    conditionChanges = ctx.sub(a.if, b.if, path);
    if (conditionChanges.some(isSemantic)) {
      return [undecidable('conditional-changed', path, 'the condition (if) of a conditional rule changed; which records it applies to cannot be compared')];
    }
  }
  // With the same condition (or none on one side, which is then `true` -> rule), then and else compare as conjuncts.
  const branch = (s: SchemaObject, key: 'then' | 'else'): unknown => (active(s) ? (s[key] ?? true) : true);
  return [
    ...within('if', conditionChanges),
    ...within('if ... then', ctx.sub(branch(a, 'then'), branch(b, 'then'), path)),
    ...within('if ... else', ctx.sub(branch(a, 'else'), branch(b, 'else'), path)),
  ];
}

export function diffApplicators(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  return [
    ...diffAllOf(ctx, a, b, path),
    ...diffAnyOf(ctx, a, b, path),
    ...diffOneOf(ctx, a, b, path),
    ...diffNot(ctx, a, b, path),
    ...diffConditional(ctx, a, b, path),
  ];
}
