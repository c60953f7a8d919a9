/** Where the CLI reads and writes; tests pass their own. */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  cwd: string;
  /** The environment (CONFORM_SERVER, CONFORM_TOKEN, …); process.env when not given. */
  env?: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env });

/** A usage mistake (exit code 2) with a message that says what to do. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** The environment the CLI reads. */
export const envOf = (io: CliIo): NodeJS.ProcessEnv => io.env ?? process.env;
