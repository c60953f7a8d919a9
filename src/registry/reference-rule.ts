/**
 * What a version's schema may refer to: itself (`#…` and relative references that resolve to its own
 * document) and the shared definitions (`https://conform.invalid/standards/_common/<name>`, usually written
 * `../_common/<name>#/$defs/…`), and the registry's artefacts at an exact version
 * (`conform:code-lists/<id>/<version>`, `conform:definitions/<id>/<version>#/$defs/…`). Nothing else: not another standard's version (its content is not in this
 * version's content hash, and it may not be loaded when this one compiles), not an unknown host, and no
 * `$id` inside the schema (an embedded resource would claim an id of its own in the shared compiler).
 * Every `$ref` and `$dynamicRef` is found by the one walker (validation/schema-refs.ts).
 */
import { forEachReference, forEachSchemaNode, refTarget } from '../validation/schema-refs.js';
import { SCHEMA_BASE } from './library.js';
import { parseArtefactUri } from './artefacts/refs.js';

export interface ReferenceProblem {
  pointer: string;
  detail: string;
  /** The reference as written (absent for an embedded `$id`). */
  ref?: string;
}

const COMMON = `${SCHEMA_BASE}_common/`;

/** Every reference of `schema` (the version whose id is `schemaId`) that the rule refuses. */
export function referenceProblems(schema: unknown, schemaId: string, sharedIds: ReadonlySet<string>): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  forEachSchemaNode(schema, schemaId, (node, place) => {
    if (place.depth > 0 && '$id' in node) {
      problems.push({
        pointer: `${place.pointer}/$id`,
        detail: 'a schema inside a version must not declare $id: refer to its own parts with "#/$defs/…" instead',
      });
    }
  });
  forEachReference(schema, schemaId, (ref, base, pointer, keyword) => {
    let document: string;
    try {
      document = refTarget(ref, base).document;
    } catch {
      problems.push({ pointer, ref, detail: `${keyword} ${JSON.stringify(ref)} is not a URI reference` });
      return;
    }
    if (document === schemaId) return;
    if (keyword === '$ref' && sharedIds.has(document)) return;
    problems.push({ pointer, ref, detail: `${keyword} ${JSON.stringify(ref)} refers to ${document}: ${why(document, keyword)}` });
  });
  return problems;
}

function why(document: string, keyword: string): string {
  if (keyword === '$dynamicRef') return 'a $dynamicRef may only refer within the version itself';
  const artefact = parseArtefactUri(document);
  if (artefact) return 'problem' in artefact ? artefact.problem : 'there is no such artefact version in the registry';
  if (document.startsWith(COMMON)) return `there is no shared definition "${document.slice(COMMON.length)}"`;
  if (document.startsWith(SCHEMA_BASE)) {
    return "a version may refer only to itself and to the shared definitions (../_common/<name>), not to another standard's version: copy what you need into $defs";
  }
  return 'a version may refer only to itself and to the shared definitions (../_common/<name>); nothing is ever fetched';
}
