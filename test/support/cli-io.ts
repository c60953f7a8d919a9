/** A CliIo that captures what the CLI writes, for in-process CLI tests. */
import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

export function captureIo(cwd: string, stdin: Readable = Readable.from([])): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin, cwd }, out: () => out, err: () => err };
}
