/**
 * What code generation needs for one version, as plain data: its schema, the shared documents it reaches
 * through `$ref` and its content hash. It comes from the local library or from a server's bundle
 * (`GET /v1/standards/{id}/versions/{version}/bundle`), and the same source always gives the same files.
 */
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import { contentHash, reachedDefinitions } from '../registry/content-hash.js';
import { versionSchemaId } from '../registry/library.js';
import { STANDARD_ID_PATTERN } from '../registry/standard-meta.js';
import { loneSurrogateKeys } from '../validation/lone-surrogates.js';

const STANDARD_ID = new RegExp(STANDARD_ID_PATTERN);
/** The longest standard id (as the service and standard.yaml allow). */
const MAX_STANDARD_ID = 64;

export class CodegenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodegenError';
  }
}

export interface CodegenSource {
  standardId: string;
  version: string;
  contentHash: string;
  schemaId: string;
  schema: AnySchemaObject;
  /** The shared documents the schema reaches, by id, in id order. */
  shared: [string, AnySchemaObject][];
}

/** The wire form of a source (the `bundle` route's body). */
export interface CodegenBundle {
  standard: string;
  version: string;
  contentHash: string;
  schemaId: string;
  schema: AnySchemaObject;
  shared: Record<string, AnySchemaObject>;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The source of a version: `shared` may hold every shared document known (by id); only those the
 * schema reaches are kept, so the output does not depend on unrelated documents.
 */
export function codegenSource(
  version: { standardId: string; version: string; contentHash: string; schema: AnySchemaObject },
  shared: Iterable<readonly [string, unknown]>,
): CodegenSource {
  const all = new Map(shared);
  const schemaId = versionSchemaId(version.standardId, version.version);
  const { $id: _ignored, ...schema } = version.schema;
  const documents = new Set([...reachedDefinitions(schema, schemaId, all).keys()].map((key) => key.slice(0, key.indexOf('#'))));
  return {
    standardId: version.standardId,
    version: version.version,
    contentHash: version.contentHash,
    schemaId,
    schema,
    shared: [...documents].sort().map((id) => [id, all.get(id) as AnySchemaObject]),
  };
}

export function toBundle(source: CodegenSource): CodegenBundle {
  return {
    standard: source.standardId,
    version: source.version,
    contentHash: source.contentHash,
    schemaId: source.schemaId,
    schema: source.schema,
    shared: Object.fromEntries(source.shared),
  };
}

/**
 * A source from a bundle received over HTTP. The content hash is computed again and must match the one
 * the server states, so generated files never claim a hash their content does not have.
 */
export function fromBundle(bundle: unknown): CodegenSource {
  if (
    !isObject(bundle) ||
    typeof bundle.standard !== 'string' ||
    typeof bundle.version !== 'string' ||
    typeof bundle.contentHash !== 'string' ||
    !isObject(bundle.schema) ||
    !isObject(bundle.shared)
  ) {
    throw new CodegenError('the server sent a bundle without standard, version, contentHash, schema and shared');
  }
  // The id and version name the files written (`<id>.v<version>.ts`) and are written into their code, so
  // they must be what the service stores: a standard id and an exact semantic version (never `../`, a quote, `*/`).
  if (bundle.standard.length > MAX_STANDARD_ID || !STANDARD_ID.test(bundle.standard)) {
    throw new CodegenError(`the server sent a standard id ${shown(bundle.standard)}, which is not one (lower-case words joined by hyphens)`);
  }
  if (semver.valid(bundle.version) !== bundle.version) {
    throw new CodegenError(`the server sent a version ${shown(bundle.version)} for ${bundle.standard}, which is not an exact semantic version`);
  }
  const shared = Object.entries(bundle.shared).filter((entry): entry is [string, AnySchemaObject] => isObject(entry[1]));
  // The type generator fails on a name with an unpaired surrogate (a service refuses one at publish; this server sent it).
  const documents: [string, unknown][] = [
    ['a schema', bundle.schema],
    ...shared.map(([id, schema]): [string, unknown] => [`shared definitions ${shown(id)}`, schema]),
  ];
  for (const [what, schema] of documents) {
    const lone = loneSurrogateKeys(schema, 3);
    if (lone.count > 0) {
      throw new CodegenError(
        `${bundle.standard}@${bundle.version}: the server sent ${what} in which a name holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character, at ${lone.pointers.join(', ')}`,
      );
    }
  }
  const source = codegenSource({ standardId: bundle.standard, version: bundle.version, contentHash: bundle.contentHash, schema: bundle.schema }, shared);
  const actual = contentHash(source.schema, source.schemaId, new Map(shared));
  if (actual !== bundle.contentHash) {
    throw new CodegenError(
      `${bundle.standard}@${bundle.version}: the server states content hash ${bundle.contentHash} but the schema it sent hashes to ${actual}`,
    );
  }
  return source;
}

/** Text from a server, quoted and cut short for a message. */
const shown = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** `emergency-care-attendance` -> `EmergencyCareAttendance`. */
export function pascalCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `T${name}` : name || 'Schema';
}

/**
 * Names the record type may not take, as the validator module declares or imports them, or uses them as
 * global types and values: an author naming a standard `finding`, `record` or `file-check` would otherwise
 * get a module that does not compile (a duplicate identifier, or `Record<…>` not generic).
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  // The validator module's own names and its imports from the runtime.
  'Conditions',
  'ConsistencyRun',
  'EngineError',
  'FieldLabels',
  'FileCheck',
  'FileNameRule',
  'Finding',
  'RecordActions',
  'RecordActionsRule',
  'RecordCodeCheck',
  'RowsOptions',
  'ValidationContext',
  // Global types and values the generated files use, or that a reader would take for the global.
  'Array',
  'AsyncGenerator',
  'AsyncIterable',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'Generator',
  'Iterable',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Readonly',
  'ReadonlyArray',
  'ReadonlyMap',
  'Record',
  'RegExp',
  'Required',
  'Set',
  'String',
  'Symbol',
  'URL',
]);

/** The record type's name: the standard's id in PascalCase, with `Record` after a name it may not take (`finding` -> `FindingRecord`). */
export function recordTypeName(source: { standardId: string }): string {
  const name = pascalCase(source.standardId);
  return RESERVED_TYPE_NAMES.has(name) ? `${name}Record` : name;
}

/** File names: `<id>.v<version>` then `.ts` (types), `.validate.ts` (validator), `.ajv.ts` (Ajv's code). */
export const fileBase = (version: { standardId: string; version: string }): string => `${version.standardId}.v${version.version}`;
