/**
 * Fields named like a member every object inherits (`constructor`, `toString`, `valueOf`, `__proto__`, …:
 * pointer.ts isInheritedName). Ajv reads a field as `data.name !== undefined`, which an inherited member
 * passes, so such a field would be judged by the inherited function (an optional one absent is "not a
 * string", a required one is never missing). Ajv's `ownProperties` makes every such read an own-property
 * read, at the cost of a `hasOwnProperty` call on each; so it is switched on only for a version whose
 * schema (or a shared schema it reaches) names such a field, decided once when the version is compiled
 * (validators.ts, candidate.ts, codegen/standalone.ts). Ordinary versions compile exactly as before.
 *
 * Ajv also skips a `properties` member named `__proto__` altogether (it neither checks it nor counts it
 * as declared); for Ajv alone it is moved to `patternProperties` as `^__proto__$`, which Ajv reads over
 * the record's own keys (JSON.parse makes `__proto__` an own key), so the field is checked by its own value.
 */
import type { AnySchemaObject } from 'ajv';
import { isInheritedName } from './pointer.js';
import { forEachReference, forEachSchemaNode, isSchemaObject, refTarget, SCHEMA_MAP_KEYWORDS, VALUE_KEYWORDS, type SchemaNode } from './schema-refs.js';

const PROTO = '__proto__';
const PROTO_PATTERN = '^__proto__$';

const namesAny = (names: unknown): boolean => Array.isArray(names) && names.some((n) => typeof n === 'string' && isInheritedName(n));
const keysAny = (map: unknown): boolean => isSchemaObject(map) && Object.keys(map).some(isInheritedName);

/** Whether one schema node names an inherited member as a field (properties, required, dependentRequired, dependentSchemas). */
function nodeNamesInherited(node: SchemaNode): boolean {
  if (keysAny(node.properties) || namesAny(node.required) || keysAny(node.dependentSchemas)) return true;
  const dependent = node.dependentRequired;
  return isSchemaObject(dependent) && (keysAny(dependent) || Object.values(dependent).some(namesAny));
}

/** Whether a schema document names, anywhere, a field that is also an inherited member. */
export function namesInheritedField(schema: unknown, base = 'urn:conform:schema'): boolean {
  let found = false;
  forEachSchemaNode(schema, base, (node) => {
    if (!found && nodeNamesInherited(node)) found = true;
  });
  return found;
}

/**
 * Whether a version needs own-property reads: its schema, or a shared schema it reaches through `$ref`
 * (followed from document to document), names an inherited member as a field. A schema whose ids or
 * references are not URIs (which Ajv then refuses) counts as needing them.
 */
export function needsOwnProperties(schemaId: string, schema: AnySchemaObject, shared: Iterable<readonly [string, AnySchemaObject]>): boolean {
  try {
    return reachesInheritedField(schemaId, schema, shared);
  } catch {
    return true;
  }
}

function reachesInheritedField(schemaId: string, schema: AnySchemaObject, shared: Iterable<readonly [string, AnySchemaObject]>): boolean {
  const documents = new Map<string, unknown>(shared);
  const seen = new Set<string>([schemaId]);
  const pending: [string, unknown][] = [[schemaId, schema]];
  while (pending.length > 0) {
    const [id, document] = pending.pop()!;
    if (namesInheritedField(document, id)) return true;
    forEachReference(document, id, (ref, base) => {
      const target = refTarget(ref, base).document;
      if (seen.has(target) || !documents.has(target)) return;
      seen.add(target);
      pending.push([target, documents.get(target)]);
    });
  }
  return false;
}

/** A copy of a schema node's map of subschemas, each rewritten, own `__proto__` keys kept as own keys. */
function mapMembers(map: SchemaNode): SchemaNode {
  return Object.fromEntries(Object.entries(map).map(([name, member]) => [name, protoFieldsForAjv(member)]));
}

/**
 * The schema as Ajv is given it when it names a `__proto__` field: each `properties.__proto__` moved to
 * `patternProperties['^__proto__$']` (see above). Data keywords (enum, default, …) are kept as they are.
 * A schema with no such field is returned as it is.
 */
export function protoFieldsForAjv<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => protoFieldsForAjv(item)) as T;
  if (!isSchemaObject(schema)) return schema;
  const out: SchemaNode = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      VALUE_KEYWORDS.has(key) ? value : SCHEMA_MAP_KEYWORDS.has(key) && isSchemaObject(value) ? mapMembers(value) : protoFieldsForAjv(value),
    ]),
  );
  const properties = out.properties;
  if (isSchemaObject(properties) && Object.hasOwn(properties, PROTO)) {
    const { [PROTO]: field, ...others } = properties;
    const patterns = isSchemaObject(out.patternProperties) ? out.patternProperties : {};
    out.properties = others;
    out.patternProperties = { ...patterns, [PROTO_PATTERN]: field };
  }
  return out as T;
}
