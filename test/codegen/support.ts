/**
 * Shared by the codegen tests: the library, the committed generated folder (test/codegen/generated, made by
 * `conform types --all --out test/codegen/generated`), scratch folders inside the project (so generated
 * code resolves `ajv` from its node_modules) and the library's examples.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parse } from 'yaml';
import { fileBase, type CodegenSource } from '../../src/codegen/source.js';
import { generateFiles } from '../../src/codegen/generate.js';
import { Validators, type CompiledVersion } from '../../src/validation/validators.js';
import type { Finding } from '../../src/validation/report-types.js';
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

/**
 * The generated files of one version in a scratch folder (made before the file's tests, removed after
 * them), its standalone validator loaded from there, and the engine's compile of the same version: what
 * a test comparing the two, record by record, needs.
 */
export function generatedBeside(source: CodegenSource): {
  standalone: () => Promise<{ validate: (v: unknown) => Finding[] }>;
  engine: () => CompiledVersion;
} {
  let work: Awaited<ReturnType<typeof scratch>>;
  beforeAll(async () => {
    work = await scratch();
    for (const file of await generateFiles([source])) {
      await mkdir(dirname(join(work.dir, file.path)), { recursive: true });
      await writeFile(join(work.dir, file.path), file.content);
    }
  });
  afterAll(() => work.remove());
  return {
    standalone: async () => (await import(join(work.dir, `${fileBase(source)}.validate.ts`))) as { validate: (v: unknown) => Finding[] },
    engine: () => new Validators().compile({ id: source.standardId, version: source.version, contentHash: source.contentHash }, source.schemaId, source.schema),
  };
}
