/**
 * One HTTP benchmark measurement: starts the service (bench-serve.ts) in its own process, streams the
 * file to it over loopback as one POST with its Content-Length, and reports the time to the whole
 * report, the report's stats and the server's peak RSS.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { STANDARD, VERSION } from './bench-generate.js';
import type { RunResult } from './bench-modes.js';

const SERVE_SCRIPT = fileURLToPath(new URL('./bench-serve.js', import.meta.url));

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (d: string) => {
    buffered += d;
    for (let i = buffered.indexOf('\n'); i !== -1; i = buffered.indexOf('\n')) {
      onLine(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
    }
  });
}

export async function measureOverHttp(format: 'ndjson' | 'csv', file: string): Promise<RunResult> {
  const server = spawn(process.execPath, [SERVE_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  lines(server.stdout, (line) => {
    if (line.startsWith('{')) messages.push(JSON.parse(line) as Record<string, unknown>);
    wake?.();
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (messages.length === 0) await new Promise<void>((r) => (wake = r));
    return messages.shift()!;
  };
  const { port, token } = (await next()) as { port: number; token: string };
  const started = performance.now();
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1/standards/${STANDARD}/versions/${VERSION}/validate`,
        headers: {
          'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
          'content-length': statSync(file).size,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => (text += d))
          .on('end', () => (res.statusCode === 201 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
  const seconds = (performance.now() - started) / 1000;
  server.kill('SIGTERM');
  const { maxRssMiB } = (await next()) as { maxRssMiB: number };
  const { stats } = JSON.parse(body) as { stats: { records: number; valid: number; invalid: number; findings: number } };
  return { mode: format === 'csv' ? 'http-csv' : 'http-ndjson', records: stats.records, seconds, maxRssMiB, stats };
}
