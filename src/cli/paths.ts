/** The standards folder the CLI uses: --standards, then CONFORM_STANDARDS_DIR, then the bundled one. */
import { resolve } from 'node:path';
import { bundledStandardsDir } from '../registry/bundled.js';

export function standardsDir(flag: string | undefined, cwd: string): string {
  const chosen = flag ?? process.env.CONFORM_STANDARDS_DIR;
  return chosen ? resolve(cwd, chosen) : bundledStandardsDir();
}
