/** Scratch copies of the bundled standards library, for tests that edit it. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { bundledStandardsDir } from '../../src/registry/bundled.js';

export async function copyLibrary(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'conform-library-'));
  const dir = join(root, 'standards');
  await cp(bundledStandardsDir(), dir, { recursive: true });
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Returns a function giving a fresh copy of the library; each copy is removed after its test. */
export function scratchLibraries(): () => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });
  return async () => {
    const copy = await copyLibrary();
    cleanups.push(copy.cleanup);
    return copy.dir;
  };
}
