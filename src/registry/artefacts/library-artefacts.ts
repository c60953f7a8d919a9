/**
 * The bundled artefacts: each `_common/<name>.yaml` is also the definitions set `<name>` at 1.0.0
 * (`conform:definitions/<name>/1.0.0`, the same content its `../_common/<name>` id has, so older versions
 * keep resolving and hashing exactly as before), and each `_code-lists/<id>/<version>.yaml` is a code-list
 * version. `_artefacts.yaml` records each published artefact version's status and content hash, which
 * `conform check` compares with the files (published artefacts never change).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import semver from 'semver';
import { ArtefactError, parseArtefact, type Artefact } from './artefact.js';
import { artefactName } from './refs.js';

export type BundledStatus = 'draft' | 'published' | 'deprecated' | 'retired';

export interface LibraryArtefact {
  artefact: Artefact;
  file: string;
  status: BundledStatus;
  /** The hash `_artefacts.yaml` records (absent for a draft). */
  recordedHash?: string;
  /**
   * For a definitions set made of a `_common` file: that file's schema id, which the library's relative
   * references (`../_common/<name>`) resolve to. A reference to either id is a use of this artefact.
   */
  alias?: string;
}

export const ARTEFACT_INDEX = '_artefacts.yaml';
export const CODE_LISTS_DIR = '_code-lists';
/** The version every `_common` file has as a definitions set. */
export const COMMON_VERSION = '1.0.0';

type ReadYaml = (file: string) => Promise<unknown>;
type Fail = (message: string) => Error;

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

function parsed(value: unknown, file: string, fail: Fail): Artefact {
  try {
    return parseArtefact(value);
  } catch (error) {
    if (error instanceof ArtefactError) throw fail(`${file}: ${error.problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`);
    throw error;
  }
}

/** The bundled artefacts of a standards folder, in name order. `common` are the `_common` files already read. */
export async function loadBundledArtefacts(
  dir: string,
  common: { id: string; name: string; file: string; schema: AnySchemaObject }[],
  readYaml: ReadYaml,
  fail: Fail,
): Promise<LibraryArtefact[]> {
  const index = ((await entries(dir)).includes(ARTEFACT_INDEX) ? await readYaml(join(dir, ARTEFACT_INDEX)) : {}) ?? {};
  if (typeof index !== 'object' || Array.isArray(index)) throw fail(`${join(dir, ARTEFACT_INDEX)}: must map artefact names to { status, contentHash }`);
  const recorded = index as Record<string, { status?: BundledStatus; contentHash?: string }>;
  const found: LibraryArtefact[] = [];
  const add = (artefact: Artefact, file: string, alias?: string): void => {
    const entry = recorded[artefactName(artefact)];
    found.push({
      artefact,
      file,
      status: entry?.status ?? 'draft',
      ...(entry?.contentHash ? { recordedHash: entry.contentHash } : {}),
      ...(alias !== undefined ? { alias } : {}),
    });
  };
  for (const { id, name, file, schema } of common) {
    const title = typeof schema.title === 'string' ? schema.title : name;
    add(parsed({ kind: 'definitions', id: name, version: COMMON_VERSION, title, owner: 'Conform standards library', schema }, file, fail), file, id);
  }
  const listsDir = join(dir, CODE_LISTS_DIR);
  for (const id of await entries(listsDir)) {
    const versions = (await entries(join(listsDir, id))).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length));
    for (const version of versions.sort(semver.compare)) {
      const file = join(listsDir, id, `${version}.yaml`);
      const artefact = parsed(await readYaml(file), file, fail);
      if (artefact.kind !== 'code-list' || artefact.id !== id || artefact.version !== version) {
        throw fail(`${file}: must be code list ${id} version ${version} (it declares ${artefact.kind} ${artefact.id} ${artefact.version})`);
      }
      add(artefact, file);
    }
  }
  for (const name of Object.keys(recorded)) {
    if (!found.some((f) => artefactName(f.artefact) === name)) throw fail(`${join(dir, ARTEFACT_INDEX)}: ${name} is recorded but has no file`);
  }
  return found;
}
