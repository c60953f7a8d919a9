/** Finds the bundled standards folder, whether running from src/ (tests) or dist/src/ (built). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function bundledStandardsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'standards'))) return join(dir, 'standards');
    dir = dirname(dir);
  }
  throw new Error('the bundled standards folder was not found next to package.json');
}

/** The standards folder: --standards, then CONFORM_STANDARDS_DIR, then the bundled one. */
export function standardsDir(flag: string | undefined, cwd: string): string {
  const chosen = flag ?? process.env.CONFORM_STANDARDS_DIR;
  return chosen ? resolve(cwd, chosen) : bundledStandardsDir();
}
