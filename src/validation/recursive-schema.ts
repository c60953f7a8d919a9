/**
 * Whether a version's schema refers to itself: a `$ref` (or `$dynamicRef`) that leads back to a schema
 * enclosing it (`{"properties": {"parent": {"$ref": "#"}}}`), directly or through other definitions or
 * the shared documents. Its validator then calls itself once for each level of a record, so the stack a
 * record needs grows with the record's depth (up to MAX_RECORD_DEPTH, 64 levels) times the schema's size;
 * without such a loop it is bounded by the schema alone (which nests at most 32 schema nodes deep:
 * schema-budget.ts). One iterative pass over the schema and the documents it reaches (never recursive
 * itself), remembered for each version.
 */
import { forEachSchemaNode, resolveRef, type SchemaNode } from './schema-refs.js';
import type { VersionSource } from './validators.js';

const known = new WeakMap<VersionSource, boolean>();

/** Whether validating a record against `source` follows its schema into itself at each level. */
export function refersToItself(source: VersionSource): boolean {
  let answer = known.get(source);
  if (answer === undefined) known.set(source, (answer = hasLoop(source)));
  return answer;
}

function hasLoop({ schema, schemaId, shared }: VersionSource): boolean {
  const indexOf = new Map<object, number>();
  // Edges from a node to what validating a value there applies: its subschemas (not its definitions, which
  // apply only where a `$ref` names them) and the targets of its `$ref`s.
  const edges: number[][] = [];
  const refs: { from: number; ref: string; base: string }[] = [];
  const walk = (document: unknown, base: string): void => {
    const offset = edges.length;
    forEachSchemaNode(document, base, (node: SchemaNode, place, index) => {
      const at = offset + index;
      indexOf.set(node, at);
      edges.push([]);
      if (place.parent !== -1 && place.keyword !== '$defs' && place.keyword !== 'definitions') edges[offset + place.parent]!.push(at);
      for (const keyword of ['$ref', '$dynamicRef'] as const) {
        const ref = node[keyword];
        if (typeof ref === 'string') refs.push({ from: at, ref, base: place.base });
      }
    });
  };
  walk(schema, schemaId);
  for (const [id, document] of shared) walk(document, id);
  const documents = new Map<string, unknown>([[schemaId, schema], ...shared]);
  for (const { from, ref, base } of refs) {
    let target;
    try {
      target = resolveRef(ref, base, (id) => documents.get(id));
    } catch {
      continue; // not a URI: it resolves to nothing (and does not compile)
    }
    const index = target && typeof target.node === 'object' && target.node !== null ? indexOf.get(target.node) : undefined;
    if (index !== undefined) edges[from]!.push(index);
  }

  // Depth-first from the record's schema (node 0); an edge back to a node on the path closes a loop.
  if (edges.length === 0) return false;
  const state = new Uint8Array(edges.length); // 0 new, 1 on the path, 2 done
  const path = [0];
  const next = [0];
  state[0] = 1;
  while (path.length > 0) {
    const top = path.length - 1;
    const node = path[top]!;
    const to = edges[node]![next[top]!++];
    if (to === undefined) {
      state[node] = 2;
      path.pop();
      next.pop();
    } else if (state[to] === 1) return true;
    else if (state[to] === 0) {
      state[to] = 1;
      path.push(to);
      next.push(0);
    }
  }
  return false;
}
