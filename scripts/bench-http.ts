/**
 * One HTTP benchmark measurement: starts the service (bench-serve.ts) in its own process, streams the
 * file to it over loopback as one POST with its Content-Length, and reports the time to the whole
 * report, the report's stats and the server's peak RSS.
 *
 * Each measurement makes two rounds on the same service: the first upload after the service started
 * (`coldSeconds`: its threads' code is still being optimised), then the same upload again, the service's
 * steady state (`seconds`), as a long-running service meets every upload after its first. Both rounds
 * must give the same report; the peak RSS covers both.
 *
 * The client reads the file into memory once the service has started (sendable) and sends it from
 * there, a MiB at a time: a supplier's client runs on its own machine, and reading the file during the
 * upload took about 0.2 s of this machine's CPU per 1M records, about 2% of what the service spends on
 * them, on the same two cores.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { STANDARD, VERSION } from './bench-generate.js';
import type { RunResult } from './bench-modes.js';
import { SERVICE_START_ENV, SERVICE_START_FLAGS } from '../src/heap-tuning.js';

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

/** The service in its own process; `next()` reads its next JSON line (the start line, then the peak RSS after SIGTERM). */
function startService(env: Record<string, string> = {}) {
  // As `npm start` and scripts/cluster.sh start the service (heap-tuning.ts), then any flags given for the run.
  const flags = [...SERVICE_START_FLAGS, ...(process.env.BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean)];
  const server = spawn(process.execPath, [...flags, SERVE_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...SERVICE_START_ENV, ...process.env, ...env },
  });
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
  return { server, next };
}

/**
 * The file in memory, read once the service runs: read before it started, the service's peak RSS would
 * include the client's (the kernel's peak RSS of a process carries over from the fork that starts it,
 * when the child still shares the parent's pages), and a 1M-record file read first made it 496 MiB.
 */
const sendable = (file: string): Buffer => readFileSync(file);

/** Bytes written to the socket at a time, as a file stream of 1 MiB chunks would give them. */
const SEND_BYTES = 1 << 20;

/** Sends `body` as one POST with its Content-Length, a MiB at a time as the socket drains; resolves with the report's text (201 only). */
function upload(port: number, token: string, format: 'ndjson' | 'csv', body: Buffer): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent: false,
        method: 'POST',
        path: `/v1/standards/${STANDARD}/versions/${VERSION}/validate`,
        headers: {
          'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
          'content-length': body.length,
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
    let sent = 0;
    const send = (): void => {
      while (sent < body.length) {
        const room = req.write(body.subarray(sent, sent + SEND_BYTES));
        sent += SEND_BYTES;
        if (!room) {
          req.once('drain', send);
          return;
        }
      }
      req.end();
    };
    send();
  });
}

type Stats = { records: number; valid: number; invalid: number; findings: number };

const counted = (body: string): Stats => {
  const { records, valid, invalid, findings } = (JSON.parse(body) as { stats: Stats }).stats;
  return { records, valid, invalid, findings };
};

function sameReports(what: string, all: Stats[]): void {
  if (all.some((s) => JSON.stringify(s) !== JSON.stringify(all[0]))) throw new Error(`${what} gave different reports: ${JSON.stringify(all)}`);
}

export async function measureOverHttp(format: 'ndjson' | 'csv', file: string): Promise<RunResult> {
  const { server, next } = startService();
  const { port, token } = (await next()) as { port: number; token: string };
  const body = sendable(file);
  const rounds: { seconds: number; stats: Stats }[] = [];
  for (let round = 0; round < 2; round++) {
    const started = performance.now();
    const report = await upload(port, token, format, body);
    rounds.push({ seconds: (performance.now() - started) / 1000, stats: counted(report) });
  }
  server.kill('SIGTERM');
  const { maxRssMiB } = (await next()) as { maxRssMiB: number };
  sameReports(
    'the first and the second upload',
    rounds.map((r) => r.stats),
  );
  const [cold, warm] = rounds as [(typeof rounds)[0], (typeof rounds)[0]];
  return {
    mode: format === 'csv' ? 'http-csv' : 'http-ndjson',
    records: warm.stats.records,
    seconds: warm.seconds,
    coldSeconds: cold.seconds,
    maxRssMiB,
    stats: warm.stats,
  };
}

/**
 * `streams` suppliers (each with its own organisation's token) stream the NDJSON file at once, each over
 * its own connection, to a service that admits them all (CONFORM_MAX_VALIDATIONS = streams). The time is
 * from the first byte sent to the last report received; each upload's own time is kept for the p99. As
 * for one stream, two rounds: the first after the service started (`coldSeconds`), then the steady state.
 */
export async function measureConcurrentOverHttp(file: string, streams: number): Promise<RunResult> {
  const { server, next } = startService({ BENCH_SUPPLIERS: String(streams), CONFORM_MAX_VALIDATIONS: String(streams) });
  const { port, suppliers } = (await next()) as { port: number; suppliers: string[] };
  const body = sendable(file);
  const rounds: { seconds: number; uploads: { seconds: number; stats: Stats }[] }[] = [];
  for (let round = 0; round < 2; round++) {
    const started = performance.now();
    const uploads = await Promise.all(
      suppliers.map(async (token) => {
        const t0 = performance.now();
        const report = await upload(port, token, 'ndjson', body);
        return { seconds: (performance.now() - t0) / 1000, stats: counted(report) };
      }),
    );
    rounds.push({ seconds: (performance.now() - started) / 1000, uploads });
  }
  server.kill('SIGTERM');
  const { maxRssMiB } = (await next()) as { maxRssMiB: number };
  sameReports(
    'the concurrent uploads',
    rounds.flatMap((r) => r.uploads.map((u) => u.stats)),
  );
  const [cold, warm] = rounds as [(typeof rounds)[0], (typeof rounds)[0]];
  const first = warm.uploads[0]!.stats;
  return {
    mode: 'http-concurrent',
    records: first.records * warm.uploads.length,
    seconds: warm.seconds,
    coldSeconds: cold.seconds,
    maxRssMiB,
    stats: first,
    uploadSeconds: warm.uploads.map((u) => u.seconds),
  };
}
