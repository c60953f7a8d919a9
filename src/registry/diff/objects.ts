/**
 * Changes to objects: properties (added and removed ones classified by what the other version allows
 * for fields it does not list), required, additionalProperties, patternProperties, dependentRequired,
 * dependentSchemas and propertyNames.
 */
import { childPath, openness, type DiffContext } from './context.js';
import { isObject, type SchemaObject } from './keywords.js';
import { isNotRun, type NotRun, type PatternRuns } from './pattern-runs.js';
import { isSemantic, LOOSENS, NO_EFFECT, raw, TIGHTENS, undecidable, within, type Effect, type RawChange } from './types.js';

const record = (value: unknown): SchemaObject => (isObject(value) ? value : {});
const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const own = (object: SchemaObject, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * The subschema a schema applies to a field it may not list: properties, then patternProperties, then
 * additionalProperties; NotRun when a patternProperties name could not be matched safely (pattern-runs.ts).
 */
function schemaFor(runs: PatternRuns, schema: SchemaObject, name: string): unknown {
  const properties = record(schema.properties);
  if (own(properties, name)) return properties[name];
  const matching: [string, unknown][] = [];
  for (const [pattern, subschema] of Object.entries(record(schema.patternProperties))) {
    const matched = runs.test(pattern, name);
    if (isNotRun(matched)) return matched;
    if (matched === true) matching.push([pattern, subschema]); // a pattern that does not compile matches nothing
  }
  if (matching.length === 1) return matching[0]![1];
  if (matching.length > 1) return { allOf: matching.map(([, s]) => s) };
  return schema.additionalProperties ?? true;
}

function effectOf(changes: RawChange[]): { effect: Effect; undecidable: boolean } {
  const semantic = changes.filter(isSemantic);
  return {
    effect: { breaksSuppliers: semantic.some((c) => c.effect.breaksSuppliers), breaksConsumers: semantic.some((c) => c.effect.breaksConsumers) },
    undecidable: semantic.some((c) => c.undecidable),
  };
}

/** A field added or removed where the other version's patternProperties could not be matched against its name. */
const unmatched = (kind: 'property-added' | 'property-removed', at: string, what: string, why: NotRun): RawChange =>
  undecidable(kind, at, `${what}; what the other version allows for it is unknown: ${why.notRun}`);

function diffProperties(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = record(a.properties);
  const after = record(b.properties);
  const changes: RawChange[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const at = childPath(path, name);
    if (own(before, name) && own(after, name)) {
      changes.push(...ctx.sub(before[name], after[name], at));
    } else if (own(after, name)) {
      const rest = schemaFor(ctx.patterns, a, name);
      if (isNotRun(rest)) {
        changes.push(unmatched('property-added', at, `field "${name}" added`, rest));
        continue;
      }
      const { effect, undecidable } = effectOf(ctx.sub(rest, after[name], at));
      const required = names(b.required).includes(name) ? 'required' : 'optional';
      const shape = openness(ctx.viewOld(rest));
      if (shape === 'open' && !undecidable && !effect.breaksSuppliers && !effect.breaksConsumers) {
        changes.push(raw('annotation-changed', at, NO_EFFECT, `field "${name}" described (it was already allowed in any shape)`, { listing: true }));
        continue;
      }
      const what =
        shape === 'closed'
          ? `field "${name}" added (${required})`
          : shape === 'open'
            ? `field "${name}" added (${required}) where other fields were already allowed in any shape`
            : `field "${name}" added (${required}) where other fields were allowed under a schema`;
      changes.push(raw('property-added', at, effect, what, { undecidable }));
    } else {
      const rest = schemaFor(ctx.patterns, b, name);
      if (isNotRun(rest)) {
        changes.push(unmatched('property-removed', at, `field "${name}" removed`, rest));
        continue;
      }
      const { effect, undecidable } = effectOf(ctx.sub(before[name], rest, at));
      const shape = openness(ctx.viewNew(rest));
      if (shape === 'open' && !undecidable && !effect.breaksSuppliers && !effect.breaksConsumers) {
        changes.push(raw('annotation-changed', at, NO_EFFECT, `field "${name}" no longer described (it is still allowed in any shape)`, { listing: true }));
        continue;
      }
      const what =
        shape === 'closed'
          ? `field "${name}" removed, and fields not listed are rejected`
          : shape === 'open'
            ? `field "${name}" removed; other fields are still allowed, in any shape`
            : `field "${name}" removed; other fields are allowed under a schema`;
      changes.push(raw('property-removed', at, effect, what, { undecidable }));
    }
  }
  return changes;
}

function diffRequired(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = new Set(names(a.required));
  const after = new Set(names(b.required));
  return [
    ...[...after].filter((n) => !before.has(n)).map((n) => raw('required-added', childPath(path, n), TIGHTENS, `field "${n}" is now required`)),
    ...[...before].filter((n) => !after.has(n)).map((n) => raw('required-removed', childPath(path, n), LOOSENS, `field "${n}" is no longer required`)),
  ];
}

function diffAdditional(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = a.additionalProperties ?? true;
  const after = b.additionalProperties ?? true;
  const was = openness(ctx.viewOld(before));
  const now = openness(ctx.viewNew(after));
  if (was === now && was !== 'schema') return [];
  if (now === 'closed') return [raw('additional-properties-closed', path, TIGHTENS, 'fields not listed are no longer accepted', { before, after })];
  if (was === 'closed') return [raw('additional-properties-opened', path, LOOSENS, 'fields not listed are now accepted', { before, after })];
  return within('fields not listed', ctx.sub(before, after, childPath(path, '*')));
}

function diffPatternProperties(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = record(a.patternProperties);
  const after = record(b.patternProperties);
  const changes: RawChange[] = [];
  for (const pattern of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (own(before, pattern) && own(after, pattern)) {
      changes.push(...within(`fields matching ${pattern}`, ctx.sub(before[pattern], after[pattern], childPath(path, '*'))));
    } else {
      changes.push(
        undecidable(
          'keyword-changed',
          path,
          `patternProperties ${own(after, pattern) ? 'added' : 'removed'} for ${pattern}, which interacts with the other fields in ways the rules cannot follow`,
        ),
      );
    }
  }
  return changes;
}

function diffDependentRequired(a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = record(a.dependentRequired);
  const after = record(b.dependentRequired);
  const changes: RawChange[] = [];
  for (const trigger of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(names(before[trigger]));
    const now = new Set(names(after[trigger]));
    for (const n of now)
      if (!was.has(n)) changes.push(raw('dependent-required-added', childPath(path, n), TIGHTENS, `field "${n}" is now required when "${trigger}" is present`));
    for (const n of was)
      if (!now.has(n))
        changes.push(raw('dependent-required-removed', childPath(path, n), LOOSENS, `field "${n}" is no longer required when "${trigger}" is present`));
  }
  return changes;
}

function diffDependentSchemas(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  const before = record(a.dependentSchemas);
  const after = record(b.dependentSchemas);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((trigger) =>
    // A dependent schema is a conjunct that applies when the field is present: absent is `true`.
    within(`when "${trigger}" is present`, ctx.sub(own(before, trigger) ? before[trigger] : true, own(after, trigger) ? after[trigger] : true, path)),
  );
}

function diffPropertyNames(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  if (a.propertyNames === undefined && b.propertyNames === undefined) return [];
  return within('field names', ctx.sub(a.propertyNames ?? true, b.propertyNames ?? true, childPath(path, '*')));
}

export function diffObject(ctx: DiffContext, a: SchemaObject, b: SchemaObject, path: string): RawChange[] {
  return [
    ...diffProperties(ctx, a, b, path),
    ...diffRequired(a, b, path),
    ...diffAdditional(ctx, a, b, path),
    ...diffPatternProperties(ctx, a, b, path),
    ...diffDependentRequired(a, b, path),
    ...diffDependentSchemas(ctx, a, b, path),
    ...diffPropertyNames(ctx, a, b, path),
  ];
}
