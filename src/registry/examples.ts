/** A version's examples file (`<standard>/examples/<version>.yaml`): records declared valid and invalid. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { readYaml } from './library.js';

export interface VersionExample {
  name?: string;
  record: unknown;
}

/** The valid examples of a version; none when it has no examples file. */
export async function validExamples(standardDir: string, version: string): Promise<VersionExample[]> {
  const file = join(standardDir, 'examples', `${version}.yaml`);
  try {
    await access(file);
  } catch {
    return [];
  }
  const content = (await readYaml(file)) as { valid?: VersionExample[] } | null;
  return content?.valid ?? [];
}
