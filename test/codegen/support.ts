/**
 * Shared by the codegen tests: the library, the committed generated folder (test/codegen/generated, made by
 * `conform types --all --out test/codegen/generated`), scratch folders inside the project (so generated
 * code resolves `ajv` from its node_modules) and the library's examples.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { loadLibrary, type Library, type LibraryStandard, type LibraryVersion } from '../../src/registry/library.js';

export const HERE = join(process.cwd(), 'test', 'codegen');
export const GENERATED = join(HERE, 'generated');
export const REGENERATE = 'npm run conform -- types --all --out test/codegen/generated';

export const library = (): Promise<Library> => loadLibrary(bundledStandardsDir());

/** A scratch folder under test/codegen (git-ignored), and a function removing it. */
export async function scratch(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(HERE, '.tmp-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Example {
  name: string;
  record: unknown;
  expect?: { path: string; rule: string }[];
}

export async function examples(standard: LibraryStandard, version: LibraryVersion): Promise<{ valid: Example[]; invalid: Example[] }> {
  const file = join(standard.dir, 'examples', `${version.version}.yaml`);
  const content = parse(await readFile(file, 'utf8')) as { valid?: Example[]; invalid?: Example[] };
  return { valid: content.valid ?? [], invalid: content.invalid ?? [] };
}
