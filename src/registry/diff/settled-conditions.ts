/**
 * A conditional rule whose condition is settled: an `if` every value meets (`true`, `{}`, annotations
 * only) applies its `then` to every value and never its `else`; `if: false` applies its `else` to every
 * value and never its `then`. Such a schema is compared as the branch that applies, folded into the
 * keywords beside the rule, when the fold is exact: the branch has only keywords that mean the same one
 * level up (no `unevaluated*`, no extension rule, no nested condition) and none of its keyword groups is
 * also beside it (merge.ts tryMerge). So `required: [a]` moved into `if: true` / `then` is the same
 * schema, a PATCH, and a rule whose `then` the diff cannot fold is compared as any other rule (which asks
 * for more than is needed, never less).
 */
import { acceptsEverything, ANNOTATION_KEYWORDS, HANDLED_KEYWORDS, isObject, type SchemaObject } from './keywords.js';
import { tryMerge } from './merge.js';

/** Keywords of a branch that mean the same in the schema beside it. */
const FOLDABLE = new Set(
  [...HANDLED_KEYWORDS, ...ANNOTATION_KEYWORDS]
    .filter((k) => !k.startsWith('x-') || ANNOTATION_KEYWORDS.has(k))
    .filter((k) => !['if', 'then', 'else'].includes(k)),
);

/** `schema` with a settled condition folded in (above), or `schema` itself. `view` resolves a branch's `$ref`s. */
export function settleCondition(schema: SchemaObject | boolean, view: (node: unknown) => SchemaObject | boolean | undefined): SchemaObject | boolean {
  if (!isObject(schema) || !('if' in schema)) return schema;
  const applies = acceptsEverything(schema.if) ? 'then' : schema.if === false ? 'else' : undefined;
  if (applies === undefined) return schema;
  const branch = view(schema[applies] ?? true);
  if (branch === undefined) return schema;
  const rest: SchemaObject = { ...schema };
  delete rest.if;
  delete rest.then;
  delete rest.else;
  if (branch === false) return false;
  if (branch === true) return rest;
  if (!Object.keys(branch).every((k) => FOLDABLE.has(k))) return schema;
  const split = foldProperties(branch, rest);
  return (split && tryMerge(split[0], split[1])) ?? schema;
}

/**
 * A branch's `properties` folded into those beside it, field by field (strict mode has a `then` that
 * requires a field declare it, often with a description only): a field's schema that accepts everything
 * adds nothing, one on a single side is kept, one on both is merged where exact. A field the branch
 * declares that a closed record beside it does not would be let in by folding, so that is not folded.
 */
function foldProperties(branch: SchemaObject, rest: SchemaObject): [SchemaObject, SchemaObject] | undefined {
  if (!isObject(branch.properties) || !isObject(rest.properties)) return [branch, rest];
  if ('patternProperties' in branch || 'additionalProperties' in branch) return undefined;
  const closed = 'additionalProperties' in rest || 'unevaluatedProperties' in rest;
  const properties: SchemaObject = { ...rest.properties };
  for (const [name, own] of Object.entries(branch.properties)) {
    const beside = properties[name];
    if (beside === undefined) {
      if (closed) return undefined;
      properties[name] = own;
    } else if (acceptsEverything(beside)) properties[name] = own;
    else if (!acceptsEverything(own)) {
      const merged = isObject(own) && isObject(beside) ? tryMerge(own, beside) : undefined;
      if (merged === undefined) return undefined;
      properties[name] = merged;
    }
  }
  const { properties: _folded, ...others } = branch;
  return [others, { ...rest, properties }];
}
