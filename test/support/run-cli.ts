/** Runs the CLI in-process in a folder and gives its exit code and what it wrote (captureIo). */
import { main } from '../../src/cli/main.js';
import { captureIo } from './cli-io.js';

export async function runCli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(cwd);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}
