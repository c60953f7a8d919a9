/** A scratch copy of the bundled standards library, for tests that edit it. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledStandardsDir } from '../../src/cli/paths.js';

export async function copyLibrary(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'conform-library-'));
  const dir = join(root, 'standards');
  await cp(bundledStandardsDir(), dir, { recursive: true });
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
