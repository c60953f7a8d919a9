/**
 * A schema that applies itself to the same value without end: a loop of `$ref`s and in-place applicators
 * (`allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`, `else`, `dependentSchemas`) with no property or item
 * between, such as `{"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/a"}, …]}}}`. Recursion through a field
 * (`{"properties": {"next": {"$ref": "#"}}}`) ends with the data and is fine; this loop never does: Ajv
 * compiled such a schema, and every record that reached it overflowed the stack (a 500 on every
 * submission), and a loop of bare `$ref`s made the compiler itself overflow. Found in one iterative pass
 * over the schema and the documents it reaches, before anything recursive reads it.
 */
import { forEachSchemaNode, resolveRef, type SchemaNode } from './schema-refs.js';

/** Keywords whose subschemas apply to the very value their schema applies to. */
const IN_PLACE: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas']);

/** Loops named at most; a problem list is short. */
const MAX_CYCLES = 10;
/** Places of one loop shown at most. */
const MAX_SHOWN = 8;

export interface RefCycle {
  /** Where the loop starts and ends (in the candidate document, or `id#pointer` in another). */
  pointer: string;
  /** The loop's places, `/$defs/a -> /$defs/a/anyOf/0 -> /$defs/a` (at most a few, then how many more). */
  loop: string;
  detail: string;
}

interface Place {
  where: string;
  /** Reached by its enclosing node's in-place keyword. */
  inPlace: boolean;
  parent: number;
  definition: boolean;
}

/** Every such loop reached from `schema` (whose id is `schemaId`; `shared` are the documents it may reach). */
export function refCycles(schema: unknown, schemaId: string, shared: ReadonlyMap<string, unknown>): RefCycle[] {
  const places: Place[] = [];
  const indexOf = new Map<object, number>();
  const refs: { from: number; ref: string; base: string }[] = [];
  const walk = (document: unknown, base: string, own: boolean): void => {
    const offset = places.length;
    forEachSchemaNode(document, base, (node: SchemaNode, place, index) => {
      const at = offset + index;
      indexOf.set(node, at);
      places.push({
        where: own ? place.pointer || '/' : `${base}#${place.pointer}`,
        inPlace: IN_PLACE.has(place.keyword),
        parent: place.parent === -1 ? -1 : offset + place.parent,
        definition: place.keyword === '$defs' || place.keyword === 'definitions',
      });
      for (const keyword of ['$ref', '$dynamicRef'] as const) {
        const ref = node[keyword];
        if (typeof ref === 'string') refs.push({ from: at, ref, base: place.base });
      }
    });
  };
  walk(schema, schemaId, true);
  const ownNodes = places.length;
  for (const [id, document] of shared) walk(document, id, false);

  // Edges to what applies to the same value (in-place children, $ref targets), and to everything reached.
  const same: number[][] = places.map(() => []);
  const reach: number[][] = places.map(() => []);
  places.forEach((p, i) => {
    if (p.parent === -1 || p.definition) return;
    reach[p.parent]!.push(i);
    if (p.inPlace) same[p.parent]!.push(i);
  });
  const documents = new Map<string, unknown>([[schemaId, schema], ...shared]);
  for (const { from, ref, base } of refs) {
    const target = resolveRef(ref, base, (id) => documents.get(id));
    const index = target && typeof target.node === 'object' && target.node !== null ? indexOf.get(target.node) : undefined;
    if (index === undefined) continue;
    same[from]!.push(index);
    reach[from]!.push(index);
  }

  // The candidate's own nodes and whatever they reach in other documents.
  const reached = new Uint8Array(places.length);
  const pending: number[] = [];
  for (let i = 0; i < ownNodes; i++) {
    reached[i] = 1;
    pending.push(i);
  }
  while (pending.length > 0) {
    for (const next of reach[pending.pop()!]!) {
      if (reached[next] === 0) {
        reached[next] = 1;
        pending.push(next);
      }
    }
  }

  // Depth-first over the same-value edges; an edge back to a node on the path closes a loop.
  const cycles: RefCycle[] = [];
  const state = new Uint8Array(places.length); // 0 new, 1 on the path, 2 done
  const onPath = new Int32Array(places.length).fill(-1);
  for (let start = 0; start < places.length && cycles.length < MAX_CYCLES; start++) {
    if (reached[start] === 0 || state[start] !== 0) continue;
    const path: number[] = [start];
    const edge: number[] = [0];
    state[start] = 1;
    onPath[start] = 0;
    while (path.length > 0 && cycles.length < MAX_CYCLES) {
      const top = path.length - 1;
      const i = path[top]!;
      const next = same[i]![edge[top]!++];
      if (next === undefined) {
        path.pop();
        edge.pop();
        state[i] = 2;
        onPath[i] = -1;
        continue;
      }
      if (state[next] === 1) cycles.push(describe(path.slice(onPath[next]), places, ownNodes));
      else if (state[next] === 0) {
        state[next] = 1;
        onPath[next] = path.length;
        path.push(next);
        edge.push(0);
      }
    }
  }
  return cycles;
}

/** The loop from its first node in the candidate (where a problem can point), if it has one. */
function describe(nodes: number[], places: Place[], ownNodes: number): RefCycle {
  const first = Math.max(
    0,
    nodes.findIndex((n) => n < ownNodes),
  );
  const loop = [...nodes.slice(first), ...nodes.slice(0, first)].map((n) => places[n]!.where);
  const shown = loop.length > MAX_SHOWN ? [...loop.slice(0, MAX_SHOWN), `${loop.length - MAX_SHOWN} more`] : loop;
  const chain = [...shown, loop[0]].join(' -> ');
  return {
    loop: chain,
    pointer: nodes[first]! < ownNodes && loop[0] !== '/' ? loop[0]! : '',
    detail: `applies itself to the same value without end (${chain}): a loop of $ref, allOf, anyOf, oneOf, not, if, then, else or dependentSchemas with no property or item between, so validating any value here would never finish; recurse through a field instead`,
  };
}
