/**
 * Loads the standards library folder: shared definitions (`_common`), each standard's metadata and
 * version schemas. Anything malformed is a setup error (LibraryError) naming the file and what is wrong.
 *
 * Compiling every version's validator, and parsing every version file's YAML, is most of the cost of a
 * load (the bundled library's 30 versions: 0.3 to 0.4 s of CPU each), so what is found when is a choice
 * (`LoadOptions.compile`). Every load reads and checks the shared definitions and artefacts (compiling
 * them: small; no unpaired surrogate in a name), each standard.yaml, and which version files exist (a listed version with no file, a file
 * not listed). `compile: 'all'` (the default: `conform check`, the service, the scripts) also reads each
 * version file (YAML, an object, no `$id`, no unpaired surrogate in a name), hashes it and compiles it, so
 * any problem of any version (a schema Ajv refuses: strict mode, a `$ref` that does not resolve, a bad
 * `x-*` keyword value) fails the load. `compile: 'on-use'` (the CLI's other commands) does the same for a
 * version only when it is used: its file is read and checked when its schema is first read, its validator
 * compiled when first used (`compiledVersion`), and each problem is the same LibraryError, naming its file.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import semver from 'semver';
import { prereleaseProblem } from './release-rule.js';
import { loneSurrogateKeys } from '../validation/lone-surrogates.js';
import { documentKind, errorLines, isMapping, strictAdvice } from '../validation/schema-error-words.js';
import type { AnySchemaObject } from 'ajv';
import { Validators, type CompiledVersion } from '../validation/validators.js';
import { contentHash } from './content-hash.js';
import { standardMetaSchema, type StandardMeta, type VersionMeta } from './standard-meta.js';
import { loadBundledArtefacts, type LibraryArtefact } from './artefacts/library-artefacts.js';
import { artefactUri, parseArtefactUri } from './artefacts/refs.js';
import { DEFAULT_MAX_LIBRARY_FILE_BYTES, LibraryFileRefused, readLibraryFile, readLibraryFileNow } from './library-file.js';

export const SCHEMA_BASE = 'https://conform.invalid/standards/';
export const sharedSchemaId = (name: string): string => `${SCHEMA_BASE}_common/${name}`;
export const versionSchemaId = (standard: string, version: string): string => `${SCHEMA_BASE}${standard}/${version}`;

export class LibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryError';
  }
}

export interface LibraryVersion {
  standardId: string;
  meta: VersionMeta;
  version: string;
  schemaId: string;
  schema: AnySchemaObject;
  file: string;
  /** The hash of the schema as it is now; compare with `meta.contentHash`, the one recorded. */
  contentHash: string;
  /**
   * The version ready for use. Loaded with `compile: 'on-use'`, `schema`, `contentHash` and this are read
   * from the file when first read, its validator compiled when `validate` is first read (compiledVersion reads
   * it at once), and a problem of the file or a schema Ajv refuses throws LibraryError naming the file then.
   */
  compiled: CompiledVersion;
}

export interface LoadOptions {
  /** 'all' (the default): every version file is read and compiled at load; 'on-use': each when first used. */
  compile?: 'all' | 'on-use';
  /** The most one file of the library may hold, in bytes (CONFORM_MAX_LIBRARY_FILE_BYTES; library-file.ts). */
  maxFileBytes?: number;
}

export interface LibraryStandard {
  meta: StandardMeta;
  dir: string;
  /** In ascending semver order. */
  versions: LibraryVersion[];
}

export interface Library {
  dir: string;
  validators: Validators;
  /** Every document a version may reach by `$ref`: the `_common` files and the artefacts, by schema id. */
  shared: Map<string, { name: string; file: string; schema: AnySchemaObject }>;
  /** The bundled artefacts (code lists, definitions sets) by URI (`conform:code-lists/<id>/<version>`). */
  artefacts: Map<string, LibraryArtefact>;
  standards: Map<string, LibraryStandard>;
  /** The most one file of the library may hold, in bytes: a larger one, or one that is no regular file, is refused. */
  maxFileBytes: number;
}

/**
 * The artefact a shared document id is: a `conform:` artefact URI is itself, and a `_common` file's id
 * (`…/_common/identifiers`, what `../_common/identifiers` resolves to) is the definitions set the library
 * made of that file (library-artefacts.ts: `definitions/<name>` at 1.0.0, the same content). Undefined
 * for any other document.
 */
export function libraryArtefactOf(library: Pick<Library, 'artefacts'>): (documentId: string) => string | undefined {
  const aliases = new Map<string, string>();
  for (const entry of library.artefacts.values()) if (entry.alias !== undefined) aliases.set(entry.alias, entry.artefact.uri);
  return (documentId) => {
    const parsed = parseArtefactUri(documentId);
    if (parsed === undefined) return aliases.get(documentId);
    return 'key' in parsed ? artefactUri(parsed.key) : undefined;
  };
}

const unreadable = (file: string, error: unknown): LibraryError =>
  error instanceof LibraryFileRefused
    ? new LibraryError(`${file}: ${error.message}`)
    : new LibraryError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);

/** A library file's text: a regular file of at most `maxBytes` (library-file.ts), else a LibraryError naming it. */
export async function readLibraryText(file: string, maxBytes = DEFAULT_MAX_LIBRARY_FILE_BYTES): Promise<string> {
  try {
    return await readLibraryFile(file, maxBytes);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** A library file's YAML: a regular file of at most `maxBytes` (library-file.ts), else a LibraryError naming it. */
export async function readYaml(file: string, maxBytes = DEFAULT_MAX_LIBRARY_FILE_BYTES): Promise<unknown> {
  return parsedYaml(await readLibraryText(file, maxBytes), file);
}

/** readYaml, at once: for a version file read on first use (loaded with `compile: 'on-use'`). */
function readYamlNow(file: string, maxBytes: number): unknown {
  let text: string;
  try {
    text = readLibraryFileNow(file, maxBytes);
  } catch (error) {
    throw unreadable(file, error);
  }
  return parsedYaml(text, file);
}

function parsedYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      // The parser's first line ends "at line 2, column 1:" before a copy of the text: the place is already named.
      const why = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new LibraryError(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${why}`);
    }
    throw error;
  }
}

function asSchemaObject(value: unknown, file: string): AnySchemaObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LibraryError(
      `${file}: must hold a JSON Schema object, a YAML mapping of "key: value" lines (such as type: object and properties:), but it holds ${documentKind(value)}`,
    );
  }
  return value;
}

async function yamlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
}

async function loadShared(dir: string, library: Library): Promise<void> {
  const commonDir = join(dir, '_common');
  for (const file of await yamlFiles(commonDir).catch(() => [])) {
    const name = file.slice(0, -'.yaml'.length);
    const path = join(commonDir, file);
    const schema = asSchemaObject(await readYaml(path, library.maxFileBytes), path);
    library.shared.set(sharedSchemaId(name), { name, file: path, schema });
  }
  const common = [...library.shared].map(([id, entry]) => ({ id, ...entry }));
  for (const entry of await loadBundledArtefacts(
    dir,
    common,
    (file) => readYaml(file, library.maxFileBytes),
    (message) => new LibraryError(message),
  )) {
    library.artefacts.set(entry.artefact.uri, entry);
    library.shared.set(entry.artefact.uri, { name: entry.artefact.uri, file: entry.file, schema: entry.artefact.schema });
  }
  for (const [id, entry] of library.shared) {
    refuseLoneSurrogateNames(entry.schema, entry.file);
    try {
      library.validators.addShared(id, entry.schema);
    } catch (error) {
      throw new LibraryError(`${entry.file}: ${(error as Error).message}`);
    }
  }
}

function checkMeta(meta: unknown, file: string, folder: string, library: Library): StandardMeta {
  // A pre-release or build version is named as such (release-rule.ts), not as a version that fails a pattern.
  const listed = (meta as { versions?: unknown } | null)?.versions;
  for (const v of Array.isArray(listed) ? (listed as unknown[]) : []) {
    const version = (v as { version?: unknown } | null)?.version;
    const problem = typeof version === 'string' ? prereleaseProblem(version) : undefined;
    if (problem) throw new LibraryError(`${file}: ${problem}`);
  }
  const validate = library.validators.ajv.getSchema(standardMetaSchema.$id) ?? library.validators.ajv.compile(standardMetaSchema);
  if (!isMapping(meta)) {
    throw new LibraryError(
      `${file}: not a valid standard.yaml: it must be a YAML mapping of the standard's fields, one "key: value" line each (id, title, owner, versions, …; docs/authoring-standards.md), but it holds ${documentKind(meta)}`,
    );
  }
  if (!validate(meta)) {
    throw new LibraryError(`${file}: not a valid standard.yaml: ${errorLines(validate.errors ?? []).join('; ')}`);
  }
  const standard = meta as unknown as StandardMeta;
  if (standard.id !== folder) throw new LibraryError(`${file}: id "${standard.id}" must equal its folder name "${folder}"`);
  const seen = new Set<string>();
  for (const v of standard.versions) {
    if (seen.has(v.version)) throw new LibraryError(`${file}: version ${v.version} is listed twice`);
    seen.add(v.version);
  }
  return standard;
}

/** What the library knows of a version from its standard.yaml and folder, before its file is read. */
type ListedVersion = Pick<LibraryVersion, 'standardId' | 'meta' | 'version' | 'schemaId' | 'file'>;

/** A version file's content as a version's schema: an object, with no `$id` and no unpaired surrogate in a name. */
function versionSchema(value: unknown, { file, schemaId }: ListedVersion): AnySchemaObject {
  const schema = asSchemaObject(value, file);
  if ('$id' in schema) throw new LibraryError(`${file}: must not declare $id (the library gives it ${schemaId})`);
  refuseLoneSurrogateNames(schema, file);
  return schema;
}

/**
 * A name with an unpaired surrogate in a version file, a `_common` file or a bundled artefact, refused as
 * at publish (services/schema-guard.ts): named, with the file, rather than the compiler's "URI malformed"
 * (naming the version that reaches it) or a crash of the type generator on it.
 */
function refuseLoneSurrogateNames(schema: AnySchemaObject, file: string): void {
  const lone = loneSurrogateKeys(schema, 3);
  if (lone.count > 0) {
    throw new LibraryError(
      `${file}: a name holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character, at ${lone.pointers.join(', ')}`,
    );
  }
}

/**
 * A version of a library loaded with `compile: 'on-use'`: its file is read, parsed and checked when its
 * schema (or content hash, or compiled version) is first read, and its validator compiled when first
 * used. Every problem is the LibraryError the load would have thrown, naming the file, thrown then.
 */
function versionOnUse(listed: ListedVersion, library: Library, sharedContent: ReadonlyMap<string, unknown>): LibraryVersion {
  const validators = library.validators;
  let schema: AnySchemaObject | undefined;
  let hash: string | undefined;
  let compiled: CompiledVersion | undefined;
  const schemaNow = (): AnySchemaObject => (schema ??= versionSchema(readYamlNow(listed.file, library.maxFileBytes), listed));
  const hashNow = (): string => (hash ??= contentHash(schemaNow(), listed.schemaId, sharedContent));
  return {
    ...listed,
    get schema() {
      return schemaNow();
    },
    get contentHash() {
      return hashNow();
    },
    get compiled() {
      const ref = { id: listed.standardId, version: listed.version, contentHash: hashNow() };
      return (compiled ??= compiledOnUse(validators.prepare(ref, listed.schemaId, schemaNow()), listed.file));
    },
  };
}

/** The error of a version's schema that does not compile, naming its file (the message names the version). */
const compileError = (file: string, error: unknown): LibraryError =>
  new LibraryError(`${file}: ${(error as Error).message}${strictAdvice((error as Error).message)}`);

/**
 * A version prepared (not compiled) whose validator, compiled on first read of `validate`, fails as the
 * load would have: a LibraryError naming the file. Everything else is the prepared version's own.
 */
function compiledOnUse(prepared: CompiledVersion, file: string): CompiledVersion {
  return Object.create(prepared, {
    validate: {
      get(): unknown {
        try {
          return prepared.validate;
        } catch (error) {
          throw compileError(file, error);
        }
      },
    },
  }) as CompiledVersion;
}

/**
 * The version with its validator compiled: the one the load compiled, or (loaded with `compile: 'on-use'`)
 * compiled now, once. A schema Ajv refuses throws LibraryError naming the version's file.
 */
export function compiledVersion(version: LibraryVersion): CompiledVersion {
  void version.compiled.validate;
  return version.compiled;
}

async function loadStandard(dir: string, folder: string, library: Library, compile: LoadOptions['compile']): Promise<LibraryStandard> {
  const standardDir = join(dir, folder);
  const metaFile = join(standardDir, 'standard.yaml');
  const meta = checkMeta(await readYaml(metaFile, library.maxFileBytes), metaFile, folder, library);
  const files = new Set(await yamlFiles(standardDir));
  files.delete('standard.yaml');
  const sharedContent = new Map([...library.shared].map(([id, s]) => [id, s.schema as unknown]));
  const versions: LibraryVersion[] = [];
  for (const versionMeta of [...meta.versions].sort((a, b) => semver.compare(a.version, b.version))) {
    const fileName = `${versionMeta.version}.yaml`;
    const file = join(standardDir, fileName);
    if (!files.delete(fileName)) throw new LibraryError(`${metaFile}: version ${versionMeta.version} is listed but ${file} does not exist`);
    const schemaId = versionSchemaId(folder, versionMeta.version);
    const listed = { standardId: folder, meta: versionMeta, version: versionMeta.version, schemaId, file };
    if (compile === 'on-use') {
      versions.push(versionOnUse(listed, library, sharedContent));
      continue;
    }
    const schema = versionSchema(await readYaml(file, library.maxFileBytes), listed);
    const hash = contentHash(schema, schemaId, sharedContent);
    let compiled: CompiledVersion;
    try {
      compiled = library.validators.compile({ id: folder, version: versionMeta.version, contentHash: hash }, schemaId, schema);
    } catch (error) {
      throw compileError(file, error);
    }
    versions.push({ ...listed, schema, contentHash: hash, compiled });
  }
  const unlisted = [...files].filter((f) => semver.valid(f.slice(0, -'.yaml'.length)));
  if (unlisted.length > 0) throw new LibraryError(`${metaFile}: ${unlisted.join(', ')} ${unlisted.length === 1 ? 'is' : 'are'} not listed under versions`);
  return { meta, dir: standardDir, versions };
}

/**
 * Loads the whole library, compiling every version unless `compile: 'on-use'`. Throws LibraryError on the
 * first problem, naming the file.
 */
export async function loadLibrary(dir: string, validators: Validators = new Validators(), options: LoadOptions = {}): Promise<Library> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_LIBRARY_FILE_BYTES;
  const library: Library = { dir, validators, shared: new Map(), artefacts: new Map(), standards: new Map(), maxFileBytes };
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such folder'
        : code === 'ENOTDIR'
          ? 'it is a file, not a folder'
          : `the standards folder cannot be read${code ? ` (${code})` : ''}`;
    throw new LibraryError(
      `${dir}: ${why}; give the folder that holds the standards (--standards or CONFORM_STANDARDS_DIR), or neither for the bundled library`,
    );
  }
  await loadShared(dir, library);
  for (const entry of entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    library.standards.set(entry.name, await loadStandard(dir, entry.name, library, options.compile ?? 'all'));
  }
  return library;
}
