/**
 * A `conform serve` process for the shutdown and cluster tests: spawned from bin/conform.js (the built
 * CLI), its JSON log lines collected, its port read from the 'conform is serving' line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/conform.js', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** The log lines so far (parsed JSON). */
  lines(): { msg: string; [key: string]: unknown }[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServe(env: Record<string, string>, timeoutMs = 30_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; [key: string]: unknown });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const serving = lines().find((l) => l.msg === 'conform is serving');
    if (serving) return { child, port: Number(new URL(String(serving.uri)).port), lines, stderr: () => err, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`conform serve did not start: ${err.trim() || out.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
