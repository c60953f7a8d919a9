/**
 * Which artefact versions a schema uses, and where: every `$ref` of the schema (at any depth, against
 * its `$id` bases) whose target document is an artefact, whether written as its `conform:` URI or as a
 * library's `_common` file (`../_common/identifiers`, which is the definitions set `identifiers` at
 * 1.0.0: `documentArtefact` says which document is which artefact). An artefact reached through another
 * (a standard's `$ref` to a definitions set whose definition refers to a code list) is used too, `via`
 * the artefact the schema's `$ref` names: the standard's records are checked against it all the same.
 */
import { forEachReference, refTarget } from '../../validation/schema-refs.js';

export interface ArtefactUse {
  /** The artefact version used (`conform:definitions/identifiers/1.0.0`). */
  artefact: string;
  /** The schema's `$ref` keyword that leads to it (`/properties/nhsNumber/$ref`). */
  pointer: string;
  /** That `$ref` as written. */
  ref: string;
  /** The artefact (or other shared document) the `$ref` names when it reaches `artefact` through it; absent when it names `artefact` itself. */
  via?: string;
}

/** The artefact URI a document id is, or undefined when it is no artefact. */
export type DocumentArtefact = (documentId: string) => string | undefined;
/** The content of a shared document by id (undefined when it is not known). */
export type DocumentContent = (documentId: string) => unknown;

/** The documents a document refers to (not itself), by id. */
function documentsReferredTo(content: unknown, id: string): Set<string> {
  const found = new Set<string>();
  forEachReference(content, id, (ref, base) => {
    const target = targetOf(ref, base);
    if (target !== undefined && target !== id) found.add(target);
  });
  return found;
}

function targetOf(ref: string, base: string): string | undefined {
  try {
    return refTarget(ref, base).document;
  } catch {
    return undefined; // not a URI reference: it names no document
  }
}

/** Every use of an artefact a schema makes, in document order, each (artefact, pointer, via) once. */
export function artefactUses(schema: unknown, schemaId: string, artefactOf: DocumentArtefact, contentOf: DocumentContent): ArtefactUse[] {
  // The artefacts each shared document reaches through its own references (memoised: shared documents never change).
  const reached = new Map<string, string[]>();
  const reach = (start: string): string[] => {
    const known = reached.get(start);
    if (known) return known;
    const seen = new Set([start]);
    const queue = [start];
    const found: string[] = [];
    while (queue.length > 0) {
      const document = queue.shift()!;
      for (const next of documentsReferredTo(contentOf(document), document)) {
        if (seen.has(next)) continue;
        seen.add(next);
        const uri = artefactOf(next);
        if (uri !== undefined && !found.includes(uri)) found.push(uri);
        queue.push(next);
      }
    }
    reached.set(start, found);
    return found;
  };
  const uses: ArtefactUse[] = [];
  const listed = new Set<string>();
  const add = (use: ArtefactUse): void => {
    const key = JSON.stringify([use.artefact, use.pointer, use.via ?? '']);
    if (listed.has(key)) return;
    listed.add(key);
    uses.push(use);
  };
  forEachReference(schema, schemaId, (ref, base, pointer) => {
    const document = targetOf(ref, base);
    if (document === undefined || document === schemaId) return;
    const named = artefactOf(document);
    if (named !== undefined) add({ artefact: named, pointer, ref });
    for (const artefact of reach(document)) if (artefact !== named) add({ artefact, pointer, ref, via: named ?? document });
  });
  return uses;
}
