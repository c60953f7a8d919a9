/**
 * Code generation for versions of standards: for each version, its types (`<id>.v<version>.ts`), its
 * validator (`.validate.ts`) and the Ajv code under it (`.ajv.ts`), plus the shared runtime
 * (`conform-runtime/`). Output is deterministic: the same sources give byte-identical files, listed in
 * path order.
 */
import type { Library, LibraryVersion } from '../registry/library.js';
import { runtimeFiles, type GeneratedFile } from './runtime-files.js';
import { codegenSource, fileBase, type CodegenSource } from './source.js';
import { standaloneValidatorCode } from './standalone.js';
import { generateTypes } from './typescript-types.js';
import { validatorModule } from './validator-module.js';

export type { GeneratedFile } from './runtime-files.js';

/** The source of a library version (with the library's shared documents). */
export function librarySource(library: Library, version: LibraryVersion): CodegenSource {
  return codegenSource(
    version,
    [...library.shared].map(([id, s]) => [id, s.schema] as const),
  );
}

/** The three files of one version. */
export async function versionFiles(source: CodegenSource): Promise<GeneratedFile[]> {
  const base = fileBase(source);
  return [
    { path: `${base}.ts`, content: await generateTypes(source) },
    { path: `${base}.ajv.ts`, content: standaloneValidatorCode(source) },
    { path: `${base}.validate.ts`, content: validatorModule(source) },
  ];
}

/** Every file for the given versions and the runtime they share, in path order. */
export async function generateFiles(sources: readonly CodegenSource[]): Promise<GeneratedFile[]> {
  const files = [...(await runtimeFiles())];
  for (const source of sources) files.push(...(await versionFiles(source)));
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two generated files would be written to ${file.path}`);
    seen.add(file.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Sources for every version of every standard in the library, in id and version order. */
export function allLibrarySources(library: Library): CodegenSource[] {
  return [...library.standards.values()].flatMap((standard) => standard.versions.map((v) => librarySource(library, v)));
}
