/**
 * How a standard version names a shared artefact: `conform:code-lists/<id>/<version>` (the code list is
 * the whole document, so no fragment) or `conform:definitions/<id>/<version>#/$defs/<name>`, always at an
 * exact version. These URIs are the artefacts' schema ids in the compiler, so Ajv resolves them like any
 * `$ref`; nothing is ever fetched. The relative `../_common/<name>` references of older versions keep
 * resolving to the `_common` files as before (library.ts).
 */
import semver from 'semver';
import { forEachReference, refTarget } from '../../validation/schema-refs.js';
import { prereleaseProblem } from '../release-rule.js';

export const ARTEFACT_KINDS = ['code-list', 'definitions'] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/** The URI segment of each kind (`conform:code-lists/…`, `conform:definitions/…`), also the API's. */
export const KIND_SEGMENT: Record<ArtefactKind, string> = { 'code-list': 'code-lists', definitions: 'definitions' };
export const kindOfSegment = (segment: string): ArtefactKind | undefined => ARTEFACT_KINDS.find((k) => KIND_SEGMENT[k] === segment);

export const ARTEFACT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_ARTEFACT_ID_LENGTH = 64;

export interface ArtefactKey {
  kind: ArtefactKind;
  id: string;
  version: string;
}

export const artefactUri = (key: ArtefactKey): string => `conform:${KIND_SEGMENT[key.kind]}/${key.id}/${key.version}`;
export const artefactName = (key: ArtefactKey): string => `${KIND_SEGMENT[key.kind]}/${key.id}/${key.version}`;

/**
 * The artefact a document URI names: the key when it is a well-formed artefact URI, a problem when it is
 * a `conform:` URI that is not (an unknown kind, a bad id, a pre-release or build version, named by the
 * release rule as publish names it, or a version that is not exact), and undefined for any other URI.
 */
export function parseArtefactUri(document: string): { key: ArtefactKey } | { problem: string } | undefined {
  if (!document.startsWith('conform:')) return undefined;
  const parts = document.slice('conform:'.length).split('/');
  const kind = kindOfSegment(parts[0] ?? '');
  if (!kind || parts.length !== 3) {
    return { problem: 'an artefact reference has the form conform:code-lists/<id>/<version> or conform:definitions/<id>/<version>#/$defs/<name>' };
  }
  const [, id = '', version = ''] = parts;
  if (!ARTEFACT_ID.test(id) || id.length > MAX_ARTEFACT_ID_LENGTH) return { problem: `"${id.slice(0, MAX_ARTEFACT_ID_LENGTH)}" is not an artefact id` };
  // A pre-release or build version is never published: named by the rule that refuses it, in its words.
  const unreleased = prereleaseProblem(version);
  if (unreleased) return { problem: unreleased };
  if (semver.valid(version) !== version) {
    return { problem: `"${version.slice(0, 40)}" is not an exact version: an artefact is referred to by MAJOR.MINOR.PATCH, such as 1.0.0` };
  }
  return { key: { kind, id, version } };
}

export interface ArtefactReference {
  /** Where the `$ref` is in the schema. */
  pointer: string;
  ref: string;
  /** The artefact document the reference names (without fragment). */
  document: string;
  parsed: { key: ArtefactKey } | { problem: string };
}

/** Every `$ref` of a schema that names an artefact (a `conform:` URI), in document order. */
export function artefactReferences(schema: unknown, schemaId: string): ArtefactReference[] {
  const found: ArtefactReference[] = [];
  forEachReference(schema, schemaId, (ref, base, pointer) => {
    let document: string;
    try {
      document = refTarget(ref, base).document;
    } catch {
      return;
    }
    const parsed = parseArtefactUri(document);
    if (parsed) found.push({ pointer, ref, document, parsed });
  });
  return found;
}

/** The distinct artefacts a schema refers to (well-formed references only), by URI. */
export function referencedArtefacts(schema: unknown, schemaId: string): Map<string, ArtefactKey> {
  const keys = new Map<string, ArtefactKey>();
  for (const r of artefactReferences(schema, schemaId)) if ('key' in r.parsed) keys.set(r.document, r.parsed.key);
  return keys;
}
