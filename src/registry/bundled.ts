/** The standards folder shipped with the package, found from this file whether it runs from src/ or dist/src/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function bundledStandardsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'standards'))) return join(dir, 'standards');
    dir = dirname(dir);
  }
  throw new Error('the bundled standards folder was not found next to package.json');
}
