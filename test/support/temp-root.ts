/**
 * Vitest's global setup: every test run gets a temporary folder of its own as TMPDIR (os.tmpdir() in the
 * test processes, the CLIs and services they start), removed with everything in it when the run ends. A
 * test that makes a folder and fails before removing it, or a spooled upload left by a killed process, then
 * leaves nothing behind on the machine, and no test depends on what an earlier run left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set while a run's folder exists: vitest runs a global setup once for the run and once for each project. */
const RUN_FOLDER = 'CONFORM_TEST_TMPDIR';

export default function setup(): () => void {
  if (process.env[RUN_FOLDER] !== undefined) return () => undefined;
  const root = mkdtempSync(join(tmpdir(), 'conform-tests-'));
  process.env[RUN_FOLDER] = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
