/**
 * Reproduces the slow-upload attack at full size against a service it starts on loopback (in its own
 * process, hostile-serve.ts, which reports its own peak RSS), and measures what the bounds give:
 *
 *   node dist/scripts/hostile-uploads.js [--slow 200] [--honest 20] [--mib 45] [--trickle-ms 3000]
 *
 * - `--slow` uploads, each declaring a 100 MB NDJSON body and sending one byte every `--trickle-ms`
 *   (from two attacker organisations), kept open for the whole run; the service's minimum body rate
 *   (CONFORM_MIN_BODY_RATE, 1000 bytes a second) ends the admitted ones with 408 after the body timeout
 *   (30 s), so their slots come free; `CONFORM_MIN_BODY_RATE=0` keeps them open, the worst case;
 * - `--honest` honest uploads of `--mib` MiB of NDJSON each, all at once at full speed, from ten
 *   organisations (two each); a refusal (429/503 with Retry-After) is retried after Retry-After seconds,
 *   at most 10 times;
 * - GET /health every 100 ms throughout.
 *
 * It prints the server's peak RSS, /health p50/p99/max, the pool's and the process's threads, the answers
 * to the slow uploads, and each honest upload's outcome, then the verdict against the targets (peak RSS
 * ≤ 768 MiB, /health p99 < 1 s, every honest upload completes or is refused with Retry-After). The run is
 * bounded: everything stops after --deadline seconds (default 300).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({
  options: {
    slow: { type: 'string', default: '200' },
    honest: { type: 'string', default: '20' },
    mib: { type: 'string', default: '45' },
    'trickle-ms': { type: 'string', default: '3000' },
    deadline: { type: 'string', default: '300' },
  },
});
const SLOW = Number(values.slow);
const HONEST = Number(values.honest);
const HONEST_BYTES = Number(values.mib) * 1024 * 1024;
const TRICKLE_MS = Number(values['trickle-ms']);
const DEADLINE = Date.now() + Number(values.deadline) * 1000;
const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const ATTACKERS = ['EVIL1', 'EVIL2'];
const HONEST_ORGS = Array.from({ length: 10 }, (_, i) => `R${String(i).padStart(2, '0')}`);

const SERVE_SCRIPT = fileURLToPath(new URL('./hostile-serve.js', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../test/fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** About `bytes` of NDJSON: the sample's records over and over, each with its own attendance id. */
function honestData(bytes: number): Buffer {
  const records = readFileSync(SAMPLE, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({ ...records[i % records.length], attendanceId: `RH8A${String(i).padStart(7, '0')}` }) + '\n';
    parts.push(line);
    size += line.length;
  }
  return Buffer.from(parts.join(''));
}

function startServer(): Promise<{ port: number; tokens: Record<string, string>; stop(): Promise<Record<string, unknown>> }> {
  const child = spawn(process.execPath, [SERVE_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HOSTILE_ORGS: [...ATTACKERS, ...HONEST_ORGS].join(',') },
  });
  const messages: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    for (let i = buffered.indexOf('\n'); i !== -1; i = buffered.indexOf('\n')) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      if (line.startsWith('{')) messages.push(JSON.parse(line) as Record<string, unknown>);
      wake?.();
    }
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (messages.length === 0) await new Promise<void>((r) => (wake = r));
    return messages.shift()!;
  };
  return next().then((first) => ({
    port: first.port as number,
    tokens: first.tokens as Record<string, string>,
    stop: async () => {
      child.kill('SIGTERM');
      return next();
    },
  }));
}

interface SlowUpload {
  status?: number;
  retryAfter?: string;
  socket: net.Socket;
}

function slowUpload(port: number, token: string): SlowUpload {
  const socket = net.connect(port, '127.0.0.1');
  const upload: SlowUpload = { socket };
  socket.on('error', () => undefined);
  let head = '';
  socket.on('data', (d) => {
    if (upload.status !== undefined) return;
    head += String(d);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
    if (status && head.includes('\r\n\r\n')) {
      upload.status = Number(status[1]);
      upload.retryAfter = /\r\nretry-after: *(\d+)/i.exec(head)?.[1];
    }
  });
  socket.write(
    `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n{`,
  );
  return upload;
}

function post(port: number, token: string, body: Buffer): Promise<{ status: number; retryAfter?: string; records?: number }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: VALIDATE,
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          const records = res.statusCode === 201 ? (JSON.parse(text) as { stats: { records: number } }).stats.records : undefined;
          resolve({ status: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}), ...(records !== undefined ? { records } : {}) });
        });
      },
    );
    // A refused upload's connection is closed by the server before the body is sent: that is its answer.
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

interface HonestOutcome {
  org: string;
  attempts: { status: number; retryAfter?: string }[];
  records?: number;
  seconds: number;
}

async function honestUpload(port: number, org: string, token: string, body: Buffer): Promise<HonestOutcome> {
  const started = performance.now();
  const attempts: HonestOutcome['attempts'] = [];
  for (let attempt = 0; attempt < 10 && Date.now() < DEADLINE; attempt++) {
    const answer = await post(port, token, body);
    attempts.push({ status: answer.status, ...(answer.retryAfter ? { retryAfter: answer.retryAfter } : {}) });
    if (answer.status === 201) return { org, attempts, records: answer.records!, seconds: (performance.now() - started) / 1000 };
    if ((answer.status !== 429 && answer.status !== 503) || !answer.retryAfter) break;
    await sleep(Number(answer.retryAfter) * 1000);
  }
  return { org, attempts, seconds: (performance.now() - started) / 1000 };
}

function health(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume().on('end', () => resolve(performance.now() - started));
    });
    req.on('error', () => resolve(Number.POSITIVE_INFINITY));
    req.end();
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

async function main(): Promise<void> {
  const body = honestData(HONEST_BYTES);
  const server = await startServer();
  const { port, tokens } = server;
  process.stdout.write(`server on 127.0.0.1:${port}; ${SLOW} slow uploads, then ${HONEST} honest uploads of ${(body.length / 2 ** 20).toFixed(1)} MiB\n`);

  let watching = true;
  const latencies: number[] = [];
  const watcher = (async () => {
    while (watching && Date.now() < DEADLINE) {
      latencies.push(await health(port));
      await sleep(100);
    }
  })();

  const slow: SlowUpload[] = [];
  for (let i = 0; i < SLOW; i++) slow.push(slowUpload(port, tokens[ATTACKERS[i % ATTACKERS.length]!]!));
  const trickle = setInterval(() => {
    for (const u of slow) if (u.status === undefined && !u.socket.destroyed) u.socket.write(' ');
  }, TRICKLE_MS);
  await sleep(2_000);

  const honest = await Promise.all(
    Array.from({ length: HONEST }, (_, i) => HONEST_ORGS[i % HONEST_ORGS.length]!).map((org) => honestUpload(port, org, tokens[org]!, body)),
  );
  clearInterval(trickle);
  watching = false;
  await watcher;
  const slowAnswers = new Map<string, number>();
  for (const u of slow) {
    const key = u.status === undefined ? 'still open (admitted, trickling)' : `${u.status}${u.retryAfter ? ` Retry-After ${u.retryAfter}` : ''}`;
    slowAnswers.set(key, (slowAnswers.get(key) ?? 0) + 1);
    u.socket.destroy();
  }
  const stats = (await server.stop()) as { maxRssMiB: number; pool: { size: number; peakThreads: number; started: number }; peakOsThreads: number };

  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`server peak RSS: ${stats.maxRssMiB.toFixed(0)} MiB`);
  out(`/health: ${latencies.length} requests, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
  out(
    `worker pool: size ${stats.pool.size}, peak ${stats.pool.peakThreads} threads, ${stats.pool.started} started; process threads at most ${stats.peakOsThreads}`,
  );
  out(`slow uploads: ${[...slowAnswers].map(([k, n]) => `${n} × ${k}`).join(', ')}`);
  for (const h of honest) {
    const tries = h.attempts.map((a) => `${a.status}${a.retryAfter ? `(Retry-After ${a.retryAfter})` : ''}`).join(' → ');
    out(`honest ${h.org}: ${h.records !== undefined ? `completed, ${h.records} records` : 'not completed'} in ${h.seconds.toFixed(1)} s: ${tries}`);
  }
  const completed = honest.filter((h) => h.records !== undefined).length;
  const refusedProperly = honest.filter(
    (h) => h.records === undefined && h.attempts.every((a) => (a.status === 429 || a.status === 503) && a.retryAfter),
  ).length;
  out(`honest uploads: ${completed} completed, ${refusedProperly} refused with Retry-After, ${HONEST - completed - refusedProperly} otherwise`);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  out(`${verdict(stats.maxRssMiB <= 768)} peak RSS ≤ 768 MiB`);
  out(`${verdict(p99 < 1000)} /health p99 < 1 s`);
  out(`${verdict(completed + refusedProperly === HONEST)} every honest upload completes or is refused with 429/503 and Retry-After`);
  out(`${verdict(stats.pool.peakThreads <= stats.pool.size)} worker threads never beyond the pool's size`);
}

await main();
