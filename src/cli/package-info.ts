/** The installed package's own package.json (its version for `conform --version` and reports' tool version). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundledStandardsDir } from '../registry/bundled.js';

let version: string | undefined;

export function packageVersion(): string {
  // package.json sits beside the bundled standards folder, whether running from src/ or an installed dist/.
  version ??= (JSON.parse(readFileSync(join(dirname(bundledStandardsDir()), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
