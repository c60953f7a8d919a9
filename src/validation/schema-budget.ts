/**
 * A candidate schema's size and complexity, measured before anything compiles it, against limits: schema
 * nodes, nesting depth, enum values, properties per object, anyOf/oneOf/allOf branches and their nesting,
 * and `$ref` depth. Node and branch counts follow `$ref`s (a definition used twenty times counts twenty
 * times, as Ajv inlines it and as a value is checked against it, and not where it is written), with
 * recursion counted once. One
 * iterative pass over the document plus one over the graph of `$ref`s: linear in the schema's size, so a
 * hostile schema is refused in milliseconds instead of compiling for seconds on the event loop.
 */
import { forEachSchemaNode, resolveRef, type SchemaNode } from './schema-refs.js';

export interface SchemaLimits {
  /** Schema nodes, counted through `$ref`s. */
  nodes: number;
  /** Schema nodes nested inside one another. */
  depth: number;
  /** Values of one `enum`. */
  enumValues: number;
  /** Names under one `properties` (or `patternProperties`). */
  properties: number;
  /** anyOf/oneOf/allOf branches in all, counted through `$ref`s. */
  branches: number;
  /** anyOf/oneOf/allOf nested inside one another. */
  combinatorNesting: number;
  /** `$ref`s followed one inside another (a `$ref` to a schema holding a `$ref` …). */
  refDepth: number;
}

export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = {
  nodes: 5_000,
  depth: 32,
  enumValues: 2_000,
  properties: 1_000,
  branches: 500,
  combinatorNesting: 6,
  refDepth: 16,
};

/** What each limit is called in answers (and the environment variable that sets it). */
export const LIMIT_NAMES: Record<keyof SchemaLimits, { name: string; env: string }> = {
  nodes: { name: 'schema nodes', env: 'CONFORM_MAX_SCHEMA_NODES' },
  depth: { name: 'schema nesting depth', env: 'CONFORM_MAX_SCHEMA_DEPTH' },
  enumValues: { name: 'enum values', env: 'CONFORM_MAX_ENUM_VALUES' },
  properties: { name: 'properties per object', env: 'CONFORM_MAX_SCHEMA_PROPERTIES' },
  branches: { name: 'anyOf/oneOf/allOf branches', env: 'CONFORM_MAX_SCHEMA_BRANCHES' },
  combinatorNesting: { name: 'anyOf/oneOf/allOf nesting', env: 'CONFORM_MAX_COMBINATOR_NESTING' },
  refDepth: { name: '$ref depth', env: 'CONFORM_MAX_REF_DEPTH' },
};

export interface BudgetProblem {
  pointer: string;
  detail: string;
  limit: keyof SchemaLimits;
  max: number;
  value: number;
}

/** What a schema uses of each limit (for measuring a library and for the answers). */
export type SchemaMeasure = Record<keyof SchemaLimits, number>;

const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;

interface Node {
  pointer: string;
  parent: number;
  branches: number;
  /** A definition (under `$defs`): counted where a `$ref` uses it, not where it is written. */
  definition: boolean;
  /** Indexes of the nodes this node's `$ref`/`$dynamicRef` lead to. */
  targets: number[];
}

/**
 * Measures `schema` (whose id is `schemaId`; `shared` are the documents it may reach) and lists every
 * limit it exceeds, each with the pointer where it is exceeded.
 */
export function budgetProblems(
  schema: unknown,
  schemaId: string,
  shared: ReadonlyMap<string, unknown>,
  limits: Readonly<SchemaLimits> = DEFAULT_SCHEMA_LIMITS,
): { problems: BudgetProblem[]; measure: SchemaMeasure } {
  const problems: BudgetProblem[] = [];
  const over = (limit: keyof SchemaLimits, pointer: string, value: number, what: string): void => {
    problems.push({ pointer, limit, max: limits[limit], value, detail: `${what}; the limit is ${limits[limit]} (${LIMIT_NAMES[limit].name})` });
  };
  const measure: SchemaMeasure = { nodes: 0, depth: 0, enumValues: 0, properties: 0, branches: 0, combinatorNesting: 0, refDepth: 0 };

  // The document's nodes first (0 is its root), then each shared document's.
  const nodes: Node[] = [];
  const indexOf = new Map<object, number>();
  const refs: { from: number; ref: string; base: string }[] = [];
  const nesting: number[] = [];
  let deepest = { depth: -1, pointer: '' };
  const walk = (document: unknown, base: string, own: boolean): void => {
    const offset = nodes.length;
    forEachSchemaNode(
      document,
      base,
      (node, place, index) => {
        const at = offset + index;
        const parent = place.parent === -1 ? -1 : offset + place.parent;
        indexOf.set(node, at);
        let branches = 0;
        for (const keyword of COMBINATORS) {
          const list = node[keyword];
          if (Array.isArray(list)) branches += list.length;
        }
        nodes.push({ pointer: place.pointer, parent, branches, definition: place.keyword === '$defs' || place.keyword === 'definitions', targets: [] });
        for (const keyword of ['$ref', '$dynamicRef'] as const) {
          const ref = node[keyword];
          if (typeof ref === 'string') refs.push({ from: at, ref, base: place.base });
        }
        if (!own) return;
        // Combinator nesting: the enclosing node's, plus one when this node sits in an anyOf/oneOf/allOf.
        const inCombinator = (COMBINATORS as readonly string[]).includes(place.keyword);
        const level = (parent === -1 ? 0 : nesting[parent]!) + (inCombinator ? 1 : 0);
        nesting[at] = level;
        if (level > measure.combinatorNesting) {
          measure.combinatorNesting = level;
          if (level === limits.combinatorNesting + 1) over('combinatorNesting', place.pointer, level, `anyOf/oneOf/allOf are nested ${level} deep here`);
        }
        if (place.depth > deepest.depth) deepest = { depth: place.depth, pointer: place.pointer };
        checkNode(node, place.pointer, measure, limits, over);
      },
      limits.depth + 1,
    );
  };
  walk(schema, schemaId, true);
  const ownNodes = nodes.length;
  for (const [id, document] of shared) walk(document, id, false);

  measure.depth = deepest.depth;
  if (deepest.depth > limits.depth) over('depth', deepest.pointer, deepest.depth, `schemas are nested more than ${limits.depth} deep here`);
  if (problems.some((p) => p.limit === 'depth')) return { problems, measure };

  const documents = new Map<string, unknown>([[schemaId, schema], ...shared]);
  for (const { from, ref, base } of refs) {
    const target = resolveRef(ref, base, (id) => documents.get(id));
    const index = target && typeof target.node === 'object' && target.node !== null ? indexOf.get(target.node) : undefined;
    if (index !== undefined) nodes[from]!.targets.push(index);
  }
  const totals = expandedTotals(nodes, ownNodes, limits);
  measure.nodes = totals.nodes;
  measure.branches = totals.branches;
  measure.refDepth = totals.refDepth;
  if (totals.nodes > limits.nodes) over('nodes', '', totals.nodes, `the schema has ${totals.nodes} schema nodes, counting each use of a $ref target`);
  if (totals.branches > limits.branches) {
    over('branches', totals.branchesAt, totals.branches, `the schema has ${totals.branches} anyOf/oneOf/allOf branches, counting each use of a $ref target`);
  }
  if (totals.refDepth > limits.refDepth) over('refDepth', totals.refDepthAt, totals.refDepth, `$refs lead ${totals.refDepth} deep from here`);
  return { problems, measure };
}

function checkNode(
  node: SchemaNode,
  pointer: string,
  measure: SchemaMeasure,
  limits: Readonly<SchemaLimits>,
  over: (limit: keyof SchemaLimits, pointer: string, value: number, what: string) => void,
): void {
  if (Array.isArray(node.enum)) {
    const count = node.enum.length;
    measure.enumValues = Math.max(measure.enumValues, count);
    if (count > limits.enumValues) over('enumValues', `${pointer}/enum`, count, `enum has ${count} values`);
  }
  for (const keyword of ['properties', 'patternProperties'] as const) {
    const map = node[keyword];
    if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
    const count = Object.keys(map).length;
    measure.properties = Math.max(measure.properties, count);
    if (count > limits.properties) over('properties', `${pointer}/${keyword}`, count, `${keyword} names ${count} fields`);
  }
}

/**
 * Nodes and branches reachable from the root, each `$ref` target counted at each use, and the deepest
 * chain of `$ref`s. A `$ref` back to a schema being counted (recursion) adds nothing. Iterative, each node
 * totalled once; totals stop at a billion.
 */
function expandedTotals(
  nodes: Node[],
  ownNodes: number,
  limits: Readonly<SchemaLimits>,
): { nodes: number; branches: number; refDepth: number; branchesAt: string; refDepthAt: string } {
  const children: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    if (n.parent !== -1 && !n.definition) children[n.parent]!.push(i);
  });
  const size = new Float64Array(nodes.length);
  const branches = new Float64Array(nodes.length);
  const refDepth = new Float64Array(nodes.length);
  const state = new Uint8Array(nodes.length); // 0 new, 1 open, 2 done
  // Counts through $refs can grow exponentially (twenty uses of a definition with twenty uses of …).
  const cap = 1e9;
  let branchesAt = '';
  let refDepthAt = '';
  const stack: number[] = [0];
  while (stack.length > 0) {
    const i = stack[stack.length - 1]!;
    if (state[i] === 0) {
      state[i] = 1;
      for (const next of [...children[i]!, ...nodes[i]!.targets]) if (state[next] === 0) stack.push(next);
      continue;
    }
    stack.pop();
    if (state[i] === 2) continue;
    state[i] = 2;
    const node = nodes[i]!;
    let s = 1;
    let b = node.branches;
    let d = 0;
    for (const c of children[i]!) {
      s += size[c]!;
      b += branches[c]!;
      d = Math.max(d, refDepth[c]!);
    }
    for (const t of node.targets) {
      // A target still open encloses this node or is on the path to it: recursion, counted once.
      if (state[t] !== 2) continue;
      s += size[t]!;
      b += branches[t]!;
      d = Math.max(d, refDepth[t]! + 1);
    }
    if (node.targets.length > 0) d = Math.max(d, 1);
    size[i] = Math.min(s, cap);
    branches[i] = Math.min(b, cap);
    refDepth[i] = d;
    if (i < ownNodes) {
      if (!branchesAt && b > limits.branches) branchesAt = node.pointer;
      if (!refDepthAt && d > limits.refDepth) refDepthAt = node.pointer;
    }
  }
  return { nodes: size[0]!, branches: branches[0]!, refDepth: refDepth[0]!, branchesAt, refDepthAt };
}
