/**
 * A version's content hash: SHA-256 over canonical JSON (keys sorted) of its schema together with every
 * shared definition it reaches through `$ref`. Editing a published version, or a shared definition it
 * uses, changes the hash; adding an unrelated definition to a shared file does not. A recursive schema
 * hashes like any other: each definition is included once, whatever reaches it and however often.
 */
import { createHash } from 'node:crypto';
import { atFragment, forEachRef, refTarget } from '../validation/schema-refs.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
}

/**
 * The shared subschemas a schema reaches, keyed by absolute URI with fragment. `shared` maps a shared
 * document's id to its content. A `$ref` to a document that is not known is left for the compiler to
 * reject.
 */
export function reachedDefinitions(schema: unknown, schemaId: string, shared: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const reached = new Map<string, unknown>();
  const queue: { node: unknown; base: string }[] = [{ node: schema, base: schemaId }];
  while (queue.length > 0) {
    const { node, base } = queue.pop()!;
    const refs: { ref: string; base: string }[] = [];
    forEachRef(node, base, (ref, refBase) => refs.push({ ref, base: refBase }));
    for (const { ref, base: refBase } of refs) {
      const { document: documentId, fragment, uri } = refTarget(ref, refBase);
      if (documentId === schemaId || !shared.has(documentId)) continue;
      // Each definition is taken once, so definitions that reach each other (recursion) end here.
      if (reached.has(uri)) continue;
      const definition = atFragment(shared.get(documentId), fragment);
      reached.set(uri, definition);
      queue.push({ node: definition, base: documentId });
    }
  }
  return reached;
}

export function contentHash(schema: Record<string, unknown>, schemaId: string, shared: ReadonlyMap<string, unknown>): string {
  const { $id: _ignored, ...body } = schema;
  const reached = reachedDefinitions(body, schemaId, shared);
  const definitions = Object.fromEntries([...reached.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  const digest = createHash('sha256')
    .update(canonicalJson({ schema: body, definitions }))
    .digest('hex');
  return `sha256:${digest}`;
}
