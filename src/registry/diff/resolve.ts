/**
 * A ref-free view of a schema for comparison. Every document (the version and the shared `_common`
 * documents, by id) is copied once with its `$ref`s made absolute, so a subschema reached through a
 * `$ref` can be compared wherever it came from. `view` follows a node's `$ref` chain and merges each
 * target with the `$ref`'s siblings (merge.ts). Nothing is ever fetched: a `$ref` outside the given
 * documents, or a chain of `$ref`s that comes back to itself without a schema in between, is reported
 * as unresolvable (and compared as undecidable). A `$ref` to an enclosing schema (recursion) resolves
 * normally; the differ stops where a pair of definitions is already being compared (diff.ts).
 */
import { atFragment, baseOf, followRefs, refTarget, SCHEMA_MAP_KEYWORDS, VALUE_KEYWORDS } from '../../validation/schema-refs.js';
import { ANNOTATION_KEYWORDS, IGNORED_KEYWORDS, isObject, type SchemaObject } from './keywords.js';
import { mergeRef } from './merge.js';
import { settleCondition } from './settled-conditions.js';

const MAX_HOPS = 32;
const MAX_SETTLED = 8;

/** A schema to compare: its content, its id (the base of relative `$ref`s) and the documents it may reach. */
export interface SchemaSource {
  schema: unknown;
  id: string;
  /** Shared documents by id, e.g. `https://conform.invalid/standards/_common/identifiers`. */
  shared?: ReadonlyMap<string, unknown>;
}

export type View = { ok: true; schema: SchemaObject | boolean; refs: string[] } | { ok: false; reason: string };

function absolutize(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absolutize(item, base));
  if (!isObject(node)) return node;
  const here = baseOf(node, base);
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') copy[key] = refTarget(value, here).uri;
    else if (VALUE_KEYWORDS.has(key)) copy[key] = value;
    else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      copy[key] = isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolutize(v, here)])) : value;
    } else copy[key] = absolutize(value, here);
  }
  return copy;
}

/**
 * Shared documents made absolute, each once per document and base: a definitions set's comparison makes a
 * Resolver per definition (artefacts/diff.ts), each with the whole set among its shared documents, and
 * copying the set for each made that quadratic (900 definitions: 4 s). The copies are only read.
 */
const absolutized = new WeakMap<object, Map<string, unknown>>();

function absolutizeShared(document: unknown, id: string): unknown {
  if (!isObject(document)) return absolutize(document, id);
  let byBase = absolutized.get(document);
  if (!byBase) absolutized.set(document, (byBase = new Map<string, unknown>()));
  if (!byBase.has(id)) byBase.set(id, absolutize(document, id));
  return byBase.get(id);
}

export class Resolver {
  private readonly documents = new Map<string, unknown>();
  /** The root schema, with absolute `$ref`s. */
  readonly root: unknown;

  /** The version's id: the base of the (already absolute) `$ref`s. */
  private readonly id: string;

  /** Settled conditions being folded (settled-conditions.ts), each inside the last. */
  private settling = 0;

  constructor(source: SchemaSource) {
    this.id = source.id;
    for (const [id, document] of source.shared ?? []) this.documents.set(id, absolutizeShared(document, id));
    this.root = absolutize(source.schema, source.id);
    this.documents.set(source.id, this.root);
  }

  /** The subschema an absolute URI names, or undefined. */
  lookup(uri: string): unknown {
    const { document, fragment } = refTarget(uri, this.id);
    return atFragment(this.documents.get(document), fragment);
  }

  /** The node with its `$ref` chain followed and merged; `refs` lists the URIs followed (`document#fragment`). */
  view(node: unknown): View {
    const followed = followRefs(node === undefined ? true : node, this.id, (id) => this.documents.get(id), MAX_HOPS);
    if (!followed.ok) return followed;
    let schema: unknown = followed.node;
    for (let i = followed.siblings.length - 1; i >= 0; i--) schema = mergeRef(schema, followed.siblings[i]!);
    // An `if` every value meets (or none does) is compared as the branch that applies (settled-conditions.ts);
    // a branch that leads back to the rule (`then: { $ref: "#" }`) is left as a rule after a few folds.
    const settled = settleCondition(schema as SchemaObject | boolean, (branch) => {
      if (this.settling >= MAX_SETTLED) return undefined;
      this.settling++;
      try {
        const seen = this.view(branch);
        return seen.ok ? seen.schema : undefined;
      } finally {
        this.settling--;
      }
    });
    return { ok: true, schema: settled, refs: followed.refs };
  }

  /**
   * What a node stands for, for spotting recursion: '' for a node without `$ref`; the final target when
   * the keywords beside the `$ref`s only describe (so `{ $ref: "#/$defs/node", description }` is the
   * node itself); otherwise the whole chain, as the keywords beside it change what it accepts.
   */
  identity(node: unknown): string {
    const followed = followRefs(node === undefined ? true : node, this.id, (id) => this.documents.get(id), MAX_HOPS);
    if (!followed.ok || followed.refs.length === 0) return '';
    const describes = followed.siblings.every((s) => Object.keys(s).every((k) => ANNOTATION_KEYWORDS.has(k) || IGNORED_KEYWORDS.has(k)));
    return describes ? followed.refs.at(-1)! : followed.refs.join(' ');
  }
}
