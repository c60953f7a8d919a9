/**
 * The one `$ref` walker every schema walk uses (validation, quality, registry, diff, codegen): which
 * keywords hold subschemas, how a `$ref` resolves against the documents known by id (nothing is ever
 * fetched), following a `$ref` chain with loop detection, and listing the `$ref`s a schema holds.
 * Schemas may be recursive: a `$ref` may lead back to a node that encloses it. These functions never
 * loop on that; walkers that descend through `$ref`s guard their own path (see walkFields).
 */
import { escapeSegment, fragmentGet } from './pointer.js';

export type SchemaNode = Record<string, unknown>;

/** Finds a whole document by its id (a URI without fragment); undefined when it is not known. */
export type DocumentLookup = (id: string) => unknown;

export const isSchemaObject = (value: unknown): value is SchemaNode => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keywords whose values are data or names, never subschemas (not searched for `$ref`). */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  'enum',
  'const',
  'examples',
  'default',
  'required',
  'x-labels',
  'x-default-codes',
  'x-expected',
  'x-applicable',
  'x-consistency',
  'dependentRequired',
  'type',
  'pattern',
  'format',
  'title',
  'description',
  '$comment',
]);

/** Keywords whose value maps names to subschemas. */
export const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** The longest `$ref` chain (a `$ref` whose target is a `$ref`, …) followed. */
export const MAX_REF_HOPS = 32;

/** The base URI inside a node: its `$id` resolved against the outer base. */
export function baseOf(node: unknown, base: string): string {
  return isSchemaObject(node) && typeof node.$id === 'string' ? new URL(node.$id, base).href : base;
}

/** A `$ref` made absolute: the document id, the fragment (still percent-encoded) and `document#fragment`. */
export function refTarget(ref: string, base: string): { document: string; fragment: string; uri: string } {
  const target = new URL(ref, base);
  const fragment = target.hash.slice(1);
  target.hash = '';
  return { document: target.href, fragment, uri: `${target.href}#${fragment}` };
}

/** The subschema carrying `$anchor: anchor` in a document, or undefined. */
export function findAnchor(node: unknown, anchor: string): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAnchor(item, anchor);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isSchemaObject(node)) return undefined;
  if (node.$anchor === anchor) return node;
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) continue;
    const found = findAnchor(value, anchor);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The node a fragment names in a document: a JSON pointer, an `$anchor`, or the document itself. */
export function atFragment(document: unknown, fragment: string): unknown {
  const decoded = safeDecode(fragment);
  if (decoded !== undefined && decoded !== '' && !decoded.startsWith('/')) return findAnchor(document, decoded);
  return fragmentGet(document, fragment);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export interface ResolvedRef {
  /** `document#fragment`, the same string for every spelling of the same target. */
  uri: string;
  node: unknown;
  /** The base URI for `$ref`s inside the target (its document's id). */
  base: string;
}

/** The target of a `$ref` written in a node whose base URI is `base`, or undefined if it is not known. */
export function resolveRef(ref: string, base: string, lookup: DocumentLookup): ResolvedRef | undefined {
  const target = refTarget(ref, base);
  const document = lookup(target.document);
  if (document === undefined) return undefined;
  const node = atFragment(document, target.fragment);
  if (node === undefined) return undefined;
  return { uri: target.uri, node, base: target.document };
}

export type Followed = { ok: true; node: SchemaNode | boolean; base: string; refs: string[]; siblings: SchemaNode[] } | { ok: false; reason: string };

/**
 * Follows a node's `$ref` chain to a schema without one. `refs` lists the targets passed through (as
 * `document#fragment`) and `siblings` the keywords written beside each `$ref`, outermost first. A chain
 * that comes back to a target it already passed (`a` -> `b` -> `a`) names no schema at all and is
 * refused; a `$ref` to an enclosing schema (recursion) is not a chain and resolves normally.
 */
export function followRefs(node: unknown, base: string, lookup: DocumentLookup, maxHops = MAX_REF_HOPS): Followed {
  const refs: string[] = [];
  const siblings: SchemaNode[] = [];
  let current = node;
  let currentBase = base;
  for (;;) {
    if (typeof current === 'boolean') return { ok: true, node: current, base: currentBase, refs, siblings };
    if (!isSchemaObject(current)) return { ok: false, reason: 'is not a schema' };
    currentBase = baseOf(current, currentBase);
    const ref = current.$ref;
    if (typeof ref !== 'string') return { ok: true, node: current, base: currentBase, refs, siblings };
    const target = refTarget(ref, currentBase);
    if (refs.includes(target.uri)) return { ok: false, reason: `$ref ${target.uri} loops back on itself` };
    if (refs.length >= maxHops) return { ok: false, reason: `$ref chain longer than ${maxHops}` };
    const resolved = resolveRef(ref, currentBase, lookup);
    if (resolved === undefined) return { ok: false, reason: `$ref ${target.uri} does not resolve in the given documents` };
    refs.push(resolved.uri);
    const { $ref: _ref, ...rest } = current;
    siblings.push(rest);
    current = resolved.node;
    currentBase = resolved.base;
  }
}

/**
 * The documents of `documents` (by id) that `roots` reach through `$ref`, directly or through one
 * another, each once, in the order first reached: what comparing or compiling the roots can read. A
 * `$ref` that is no URI, or names a document not given, reaches nothing.
 */
export function reachedDocuments(roots: readonly { schema: unknown; id: string }[], documents: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const reached = new Map<string, unknown>();
  const queue = [...roots];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    forEachRef(next.schema, next.id, (ref, base) => {
      let document: string;
      try {
        document = refTarget(ref, base).document;
      } catch {
        return; // not a URI: it resolves to nothing
      }
      if (reached.has(document) || !documents.has(document)) return;
      reached.set(document, documents.get(document));
      queue.push({ schema: documents.get(document), id: document });
    });
  }
  return reached;
}

/**
 * Calls `visit` for every `$ref` in a schema (its subschemas, `$defs` included, but not inside data
 * keywords such as `enum` or `default`), with the base URI it is relative to. Does not follow them.
 */
export function forEachRef(node: unknown, base: string, visit: (ref: string, base: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) forEachRef(item, base, visit);
    return;
  }
  if (!isSchemaObject(node)) return;
  const here = baseOf(node, base);
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') {
      if (typeof value === 'string') visit(value, here);
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isSchemaObject(value)) {
      for (const member of Object.values(value)) forEachRef(member, here, visit);
    } else if (!VALUE_KEYWORDS.has(key)) forEachRef(value, here, visit);
  }
}

/** Where a schema node sits: its JSON pointer, base URI, nesting and the keyword that holds it. */
export interface NodePlace {
  pointer: string;
  base: string;
  /** Schema nodes above this one (the root is 0). */
  depth: number;
  /** The keyword whose value holds this node (`properties`, `anyOf`, …); '' for the root. */
  keyword: string;
  /** The index of the enclosing node in visiting order; -1 for the root. */
  parent: number;
}

/**
 * Visits every schema object in a document, iteratively (a deeply nested document cannot exhaust the
 * stack), in pre-order, with its place; the same keywords as forEachRef (never inside `enum`, `default`,
 * …). Nodes deeper than `maxDepth` are visited but not descended into. Returns the number of nodes.
 */
export function forEachSchemaNode(
  root: unknown,
  base: string,
  visit: (node: SchemaNode, place: NodePlace, index: number) => void,
  maxDepth = Infinity,
): number {
  const stack: { value: unknown; pointer: string; base: string; depth: number; keyword: string; parent: number }[] = [
    { value: root, pointer: '', base, depth: 0, keyword: '', parent: -1 },
  ];
  let index = 0;
  while (stack.length > 0) {
    const { value, pointer, base: outer, depth, keyword, parent } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, base: outer, depth, keyword, parent });
      continue;
    }
    if (!isSchemaObject(value)) continue;
    const here = baseOf(value, outer);
    const self = index++;
    visit(value, { pointer, base: here, depth, keyword, parent }, self);
    if (depth >= maxDepth) continue;
    const entries = Object.entries(value);
    for (let e = entries.length - 1; e >= 0; e--) {
      const [key, member] = entries[e]!;
      const at = `${pointer}/${escapeSegment(key)}`;
      if (SCHEMA_MAP_KEYWORDS.has(key) && isSchemaObject(member)) {
        const names = Object.keys(member);
        for (let n = names.length - 1; n >= 0; n--) {
          const name = names[n]!;
          stack.push({ value: member[name], pointer: `${at}/${escapeSegment(name)}`, base: here, depth: depth + 1, keyword: key, parent: self });
        }
      } else if (!VALUE_KEYWORDS.has(key) && key !== '$ref' && key !== '$dynamicRef') {
        stack.push({ value: member, pointer: at, base: here, depth: depth + 1, keyword: key, parent: self });
      }
    }
  }
  return index;
}

/** Calls `visit` for every `$ref` and `$dynamicRef` in a document, with its base URI and the pointer of the keyword. */
export function forEachReference(
  root: unknown,
  base: string,
  visit: (ref: string, base: string, pointer: string, keyword: '$ref' | '$dynamicRef') => void,
): void {
  forEachSchemaNode(root, base, (node, place) => {
    if (typeof node.$ref === 'string') visit(node.$ref, place.base, `${place.pointer}/$ref`, '$ref');
    if (typeof node.$dynamicRef === 'string') visit(node.$dynamicRef, place.base, `${place.pointer}/$dynamicRef`, '$dynamicRef');
  });
}
