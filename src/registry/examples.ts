/** A version's examples file (`<standard>/examples/<version>.yaml`): records declared valid and invalid. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { readYaml } from './library.js';

export interface VersionExample {
  name: string;
  record: unknown;
  /** For an invalid example: the findings (path and rule) it must give. */
  expect?: { path: string; rule: string }[];
}

export interface ExampleFile {
  valid: VersionExample[];
  invalid: VersionExample[];
}

/** The path of a version's examples file in its standard's folder. */
export const examplesFile = (standardDir: string, version: string): string => join(standardDir, 'examples', `${version}.yaml`);

/** A version's examples, read once; undefined when it has no examples file. */
export async function readExamples(standardDir: string, version: string): Promise<ExampleFile | undefined> {
  const file = examplesFile(standardDir, version);
  try {
    await access(file);
  } catch {
    return undefined;
  }
  const content = (await readYaml(file)) as Partial<ExampleFile> | null;
  return { valid: content?.valid ?? [], invalid: content?.invalid ?? [] };
}

/** The valid examples of a version; none when it has no examples file. */
export async function validExamples(standardDir: string, version: string): Promise<VersionExample[]> {
  return (await readExamples(standardDir, version))?.valid ?? [];
}
