/**
 * `npm run load`: load figures for the service over loopback, with autocannon. Starts the service in its
 * own process (bench-serve.ts, in-memory store, with supplier tokens), then for each scenario runs a
 * fixed number of connections for a fixed time and prints requests/s, latency p50 and p99, and the
 * status codes seen (a 5xx fails the run). Scenarios: catalogue reads, one version read, and small
 * validations (ten NDJSON records each, spread over the suppliers' tokens).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SERVE_SCRIPT = fileURLToPath(new URL('./bench-serve.js', import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20);
const SUPPLIERS = 10;

const record = (i: number) =>
  JSON.stringify({ localPatientId: `P${i}`, givenName: 'Alex', familyName: 'Smith', dateOfBirth: '1980-02-29', lastUpdated: '2025-05-01T10:00:00Z' });
const SMALL_SUBMISSION = Array.from({ length: 10 }, (_, i) => record(i)).join('\n') + '\n';

interface Started {
  port: number;
  suppliers: string[];
  stop(): Promise<number>;
}

async function startServer(): Promise<Started> {
  const child = spawn(process.execPath, [SERVE_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SUPPLIERS: String(SUPPLIERS) } });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    for (let i = buffered.indexOf('\n'); i !== -1; i = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
    }
    wake?.();
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return JSON.parse(lines.shift()!) as Record<string, unknown>;
  };
  const first = (await next()) as { port: number; suppliers: string[] };
  return {
    port: first.port,
    suppliers: first.suppliers,
    async stop() {
      child.kill('SIGTERM');
      return ((await next()) as { maxRssMiB: number }).maxRssMiB;
    },
  };
}

interface Scenario {
  name: string;
  options: Partial<autocannon.Options>;
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.fromEntries(Object.entries(stats).map(([code, s]) => [code, s.count]));
}

const server = await startServer();
const base = `http://127.0.0.1:${server.port}`;
let turn = 0;
const scenarios: Scenario[] = [
  { name: 'GET /v1/standards (catalogue)', options: { url: `${base}/v1/standards` } },
  { name: 'GET a version (latest)', options: { url: `${base}/v1/standards/emergency-care-attendance/versions/latest` } },
  {
    name: 'POST validate, 10 NDJSON records',
    options: {
      url: `${base}/v1/standards/patient-demographics/versions/latest/validate`,
      method: 'POST',
      body: SMALL_SUBMISSION,
      headers: { 'content-type': 'application/x-ndjson' },
      setupClient: (client) => {
        client.setHeaders({ 'content-type': 'application/x-ndjson', authorization: `Bearer ${server.suppliers[turn++ % server.suppliers.length]!}` });
      },
    },
  },
];

let failed = false;
console.log(`load: ${CONNECTIONS} connections, ${SECONDS} s per scenario, on loopback`);
console.log('scenario                              req/s    p50 ms   p99 ms   statuses');
for (const scenario of scenarios) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...scenario.options } as autocannon.Options);
  const statuses = statusCounts(result);
  if (Object.keys(statuses).some((code) => code.startsWith('5')) || result.errors > 0) failed = true;
  console.log(
    `${scenario.name.padEnd(36)} ${result.requests.average.toFixed(0).padStart(7)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(8)}   ${JSON.stringify(statuses)}${result.errors ? ` errors ${result.errors}` : ''}`,
  );
}
const rss = await server.stop();
console.log(`server peak RSS: ${rss.toFixed(0)} MiB`);
if (failed) {
  console.log('FAIL: a scenario saw a 5xx or a connection error');
  process.exit(1);
}
