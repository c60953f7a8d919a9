/**
 * Merges a `$ref`'s target with the keywords beside the `$ref` (in 2020-12 both apply). Annotations
 * beside the `$ref` win (a property's own description over the shared one). Validation keywords on
 * both sides are combined where the combination is exact (two `enum`s intersect, two `minimum`s take
 * the larger); otherwise the result is `allOf` of the two, which the diff compares element-wise.
 */
import { canonicalJson } from '../content-hash.js';
import { ANNOTATION_KEYWORDS, IGNORED_KEYWORDS, INTERACTING_GROUPS, isObject, type SchemaObject } from './keywords.js';

const TYPES_IN = (type: unknown): string[] => (Array.isArray(type) ? type.map(String) : [String(type)]);

type Combine = (a: unknown, b: unknown) => unknown;
const larger: Combine = (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.max(a, b) : undefined);
const smaller: Combine = (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.min(a, b) : undefined);

const COMBINE: Record<string, Combine> = {
  minimum: larger,
  exclusiveMinimum: larger,
  minLength: larger,
  minItems: larger,
  minProperties: larger,
  minContains: larger,
  maximum: smaller,
  exclusiveMaximum: smaller,
  maxLength: smaller,
  maxItems: smaller,
  maxProperties: smaller,
  maxContains: smaller,
  required: (a, b) => (Array.isArray(a) && Array.isArray(b) ? [...new Set([...(a as unknown[]), ...(b as unknown[])])] : undefined),
  uniqueItems: (a, b) => a === true || b === true,
  enum: (a, b) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
    const keep = new Set(b.map(canonicalJson));
    return (a as unknown[]).filter((v) => keep.has(canonicalJson(v)));
  },
  type: (a, b) => {
    const right = TYPES_IN(b);
    const both = TYPES_IN(a).flatMap((t) => {
      if (right.includes(t)) return [t];
      if (t === 'number' && right.includes('integer')) return ['integer'];
      if (t === 'integer' && right.includes('number')) return ['integer'];
      return [];
    });
    const unique = [...new Set(both)];
    return unique.length === 1 ? unique[0] : unique;
  },
};

const isAnnotation = (key: string): boolean => ANNOTATION_KEYWORDS.has(key) || IGNORED_KEYWORDS.has(key);

function split(schema: SchemaObject): { annotations: SchemaObject; validation: SchemaObject } {
  const annotations: SchemaObject = {};
  const validation: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) (isAnnotation(key) ? annotations : validation)[key] = value;
  return { annotations, validation };
}

/** `target` and `siblings` as one schema where the combination is exact (no keyword group on both sides), else undefined. */
export function tryMerge(target: SchemaObject, siblings: SchemaObject): SchemaObject | undefined {
  for (const group of INTERACTING_GROUPS) {
    const inTarget = group.filter((k) => k in target);
    const inSiblings = group.filter((k) => k in siblings);
    if (inTarget.length > 0 && inSiblings.length > 0) return undefined;
  }
  const merged: SchemaObject = { ...target };
  for (const [key, value] of Object.entries(siblings)) {
    if (!(key in target) || isAnnotation(key) || canonicalJson(target[key]) === canonicalJson(value)) {
      merged[key] = value;
      continue;
    }
    const combine = COMBINE[key];
    const combined = combine?.(target[key], value);
    if (combined === undefined) return undefined;
    merged[key] = combined;
  }
  return merged;
}

/** The schema a `$ref` with siblings stands for. `target` must itself be free of a top-level `$ref`. */
export function mergeRef(target: unknown, siblings: SchemaObject): unknown {
  if (Object.keys(siblings).length === 0) return target;
  if (target === false) return false;
  if (target === true || !isObject(target)) return siblings;
  const merged = tryMerge(target, siblings);
  if (merged) return merged;
  const t = split(target);
  const s = split(siblings);
  return { ...t.annotations, ...s.annotations, allOf: [t.validation, s.validation] };
}
