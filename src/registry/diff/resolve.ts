/**
 * A ref-free view of a schema for comparison. Every document (the version and the shared `_common`
 * documents, by id) is copied once with its `$ref`s made absolute, so a subschema reached through a
 * `$ref` can be compared wherever it came from. `view` follows a node's `$ref` chain and merges each
 * target with the `$ref`'s siblings (merge.ts). Nothing is ever fetched: a `$ref` outside the given
 * documents, or a chain that loops, is reported as unresolvable (and compared as undecidable).
 */
import { isObject, VALUE_KEYWORDS, type SchemaObject } from './keywords.js';
import { mergeRef } from './merge.js';

const MAX_HOPS = 32;

/** A schema to compare: its content, its id (the base of relative `$ref`s) and the documents it may reach. */
export interface SchemaSource {
  schema: unknown;
  id: string;
  /** Shared documents by id, e.g. `https://conform.invalid/standards/_common/identifiers`. */
  shared?: ReadonlyMap<string, unknown>;
}

export type View =
  | { ok: true; schema: SchemaObject | boolean; refs: string[] }
  | { ok: false; reason: string };

function absolutize(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absolutize(item, base));
  if (!isObject(node)) return node;
  const here = typeof node.$id === 'string' ? new URL(node.$id, base).href : base;
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') copy[key] = new URL(value, here).href;
    else if (VALUE_KEYWORDS.has(key)) copy[key] = value;
    else if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'dependentSchemas') {
      copy[key] = isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolutize(v, here)])) : value;
    } else copy[key] = absolutize(value, here);
  }
  return copy;
}

function findAnchor(node: unknown, anchor: string): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAnchor(item, anchor);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (node.$anchor === anchor) return node;
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) continue;
    const found = findAnchor(value, anchor);
    if (found !== undefined) return found;
  }
  return undefined;
}

function pointerGet(document: unknown, fragment: string): unknown {
  let current = document;
  for (const raw of fragment.slice(1).split('/')) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export class Resolver {
  private readonly documents = new Map<string, unknown>();
  /** The root schema, with absolute `$ref`s. */
  readonly root: unknown;

  constructor(source: SchemaSource) {
    for (const [id, document] of source.shared ?? []) this.documents.set(id, absolutize(document, id));
    this.root = absolutize(source.schema, source.id);
    this.documents.set(source.id, this.root);
  }

  /** The subschema an absolute URI names, or undefined. */
  lookup(uri: string): unknown {
    const hash = uri.indexOf('#');
    const documentId = hash < 0 ? uri : uri.slice(0, hash);
    const fragment = hash < 0 ? '' : decodeURIComponent(uri.slice(hash + 1));
    const document = this.documents.get(documentId);
    if (document === undefined || fragment === '') return document;
    return fragment.startsWith('/') ? pointerGet(document, fragment) : findAnchor(document, fragment);
  }

  /** The node with its `$ref` chain followed and merged; `refs` lists the URIs followed. */
  view(node: unknown): View {
    const refs: string[] = [];
    const siblings: SchemaObject[] = [];
    let current: unknown = node === undefined ? true : node;
    for (let hop = 0; ; hop++) {
      if (typeof current === 'boolean') break;
      if (!isObject(current)) return { ok: false, reason: 'is not a schema' };
      const ref = current.$ref;
      if (typeof ref !== 'string') break;
      if (refs.includes(ref)) return { ok: false, reason: `$ref ${ref} loops back on itself` };
      if (hop >= MAX_HOPS) return { ok: false, reason: `$ref chain longer than ${MAX_HOPS}` };
      refs.push(ref);
      const { $ref: _ref, ...rest } = current;
      siblings.push(rest);
      current = this.lookup(ref);
      if (current === undefined) return { ok: false, reason: `$ref ${ref} does not resolve in the given documents` };
    }
    let schema: unknown = current;
    for (let i = siblings.length - 1; i >= 0; i--) schema = mergeRef(schema, siblings[i]!);
    return { ok: true, schema: schema as SchemaObject | boolean, refs };
  }
}
