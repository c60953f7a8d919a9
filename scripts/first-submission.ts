/**
 * How long the event loop is held when a version is first submitted to (docs/benchmarks.md, "The first
 * submission of a version"). A service in this process (in-memory store, its worker pool) publishes
 * versions of about 1,000 fields with patterns, then trials a small NDJSON, CSV and JSON file against each
 * one for the first time, and once more against a version already used; the longest stretch the event
 * loop went without a turn (perf_hooks.monitorEventLoopDelay) is printed for each. Run after a build:
 * `node dist/scripts/first-submission.js`.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { Writable } from 'node:stream';

const FIELDS = 1_000;

/** A version of FIELDS string fields, each with its own pattern (`note` makes each version's content its own). */
function bigSchema(note: number): Record<string, unknown> {
  const properties: Record<string, object> = {};
  for (let i = 0; i < FIELDS; i++) properties[`f${i}`] = { type: 'string', pattern: `^[A-Z]{2}${i % 10}[0-9]{0,${1 + (note % 5)}}$`, maxLength: 40 };
  return { title: 'Big', type: 'object', required: ['f0'], properties };
}

const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
const app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'error', PORT: '0', HOST: '127.0.0.1' }), {
  logger: createLogger('error', quiet),
});
await app.server.start();
const base = `http://127.0.0.1:${app.server.info.port as number}`;
const admin = app.firstAdminToken!;
const supplier = (await app.services.access.issue({ name: 'bench supplier', role: 'supplier', organisation: 'BENCH1' }, 'bench')).token;

async function send(method: string, path: string, token: string, type: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });
  return { status: response.status, text: await response.text() };
}

const bodies: [string, string, string][] = [
  ['ndjson', 'application/x-ndjson', `${JSON.stringify({ f0: 'AB0', f1: 'x' })}\n${JSON.stringify({ f1: 'CD1' })}\n`],
  ['csv', 'text/csv', 'f0,f1,f2\nAB0,CD1,x\n,,\n'],
  ['json', 'application/json', JSON.stringify([{ f0: 'AB0' }, { f0: 1 }])],
];

// One standard per version, so that each is a first version (no compatibility check between them).
const versions = bodies.length + 1;
const hashes: string[] = [];
for (let v = 0; v < versions; v++) {
  await send('PUT', `/v1/standards/big${v}`, admin, 'application/json', JSON.stringify({ title: `Big ${v}`, owner: 'Bench', description: 'Big.' }));
  const published = await send('PUT', `/v1/standards/big${v}/versions/1.0.0`, admin, 'application/json', JSON.stringify(bigSchema(v)));
  if (published.status !== 201) throw new Error(`publishing big${v}: ${published.status} ${published.text.slice(0, 300)}`);
  hashes.push((JSON.parse(published.text) as { contentHash: string }).contentHash);
}

/** Trials `body` against the version of standard `big{standard}`, answering the longest the event loop was held meanwhile (ms). */
async function held(standard: number, type: string, body: string): Promise<{ ms: number; status: number }> {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  const { status } = await send('POST', `/v1/standards/big${standard}/versions/1.0.0/trial`, supplier, type, body);
  clearInterval(ticker);
  return { ms: Math.round(worst), status };
}

const rows: string[] = [];
for (const [i, [format, type, body]] of bodies.entries()) {
  const first = await held(i, type, body);
  const again = await held(i, type, body);
  rows.push(`${format}: first submission held the event loop ${first.ms} ms (answer ${first.status}); the next ${again.ms} ms`);
}
const cold = await held(versions - 1, 'application/x-ndjson', bodies[0]![2]);
rows.push(`ndjson, another version: ${cold.ms} ms`);
const compiledHere = hashes.filter((hash) => app.services.standards.isCompiled(hash)).length;
rows.push(`versions whose validator the main thread compiled: ${compiledHere} of ${versions}`);
console.log(`versions of ${FIELDS} fields with patterns, ${app.pool.size} pool threads\n${rows.join('\n')}`);
await app.stop();
