/**
 * The Prometheus metrics on their own loopback port: every metric the service documents is there, each
 * moves as traffic flows (requests, validations, records, bytes, findings, the worker pool's use and queue,
 * admission refusals, store queries), labels are bounded (route templates, no ids, organisations or
 * tokens), and one request id runs through a submission's log lines, its worker pieces included. The app
 * is built from dist/ so that the pool runs real threads (npm test builds first).
 */
import { Writable } from 'node:stream';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import type { MetricsListener } from '../../src/metrics-server.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { createLogger } = (await import(`${dist}/log.js`)) as typeof import('../../src/log.js');
const { serveMetrics } = (await import(`${dist}/metrics-server.js`)) as typeof import('../../src/metrics-server.js');

const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
/** About 20 MB of NDJSON: past the 16 MiB worker threshold. */
const BIG = Buffer.concat(Array.from({ length: Math.ceil(20e6 / SAMPLE.length) }, () => SAMPLE));
const BIG_RECORDS = BIG.toString('utf8').split('\n').filter(Boolean).length;
const CSV_SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
const [CSV_HEADER, ...CSV_ROWS] = CSV_SAMPLE.trimEnd().split('\n');
/** About 3 MB of CSV: past the 1 MiB threshold for validating a submission whole on a worker thread. */
const BIG_CSV = `${CSV_HEADER}\n${Array.from({ length: Math.ceil(3e6 / CSV_SAMPLE.length) }, () => CSV_ROWS.join('\n')).join('\n')}\n`;

export const METRIC_NAMES = [
  'conform_http_requests_total',
  'conform_http_request_duration_seconds',
  'conform_validations_total',
  'conform_records_validated_total',
  'conform_bytes_validated_total',
  'conform_findings_total',
  'conform_worker_pool_size',
  'conform_worker_pool_threads',
  'conform_worker_pool_busy_threads',
  'conform_worker_pool_utilisation',
  'conform_worker_pool_queue_length',
  'conform_worker_pool_jobs',
  'conform_worker_pool_suppliers',
  'conform_worker_pool_pinned_jobs',
  'conform_worker_pool_pieces_total',
  'conform_worker_pool_pieces_dropped_total',
  'conform_small_file_lane_threads',
  'conform_small_file_lane_busy',
  'conform_small_file_lane_files',
  'conform_small_file_lane_waiting',
  'conform_small_file_lane_files_total',
  'conform_small_file_lane_refusals_total',
  'conform_worker_pool_threads_lost_total',
  'conform_worker_pool_pieces_rerun_total',
  'conform_worker_pool_jobs_lost_total',
  'conform_trial_reports_held',
  'conform_trial_reports_bytes',
  'conform_admission_refusals_total',
  'conform_http_connections',
  'conform_connection_refusals_total',
  'conform_store_query_duration_seconds',
  'conform_process_resident_memory_bytes',
];

let app: App;
let port: number;
let metrics: MetricsListener;
let logText = '';
let supplier: string;
let author: string;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += String(chunk);
      done();
    },
  });
  app = await buildApp(
    loadConfig({
      CONFORM_DATA_DIR: ':memory:',
      PORT: '0',
      HOST: '127.0.0.1',
      CONFORM_WORKERS: '1',
      CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '1',
      CONFORM_RETRY_AFTER_SECONDS: '3',
    }),
    { logger: createLogger('debug', sink) },
  );
  await app.server.start();
  port = app.server.info.port as number;
  metrics = await serveMetrics(app.metrics, 0, '127.0.0.1');
  supplier = (await app.services.access.issue({ name: 'metrics supplier', role: 'supplier', organisation: 'RX1' }, 'test')).token;
  author = (await app.services.access.issue({ name: 'metrics author', role: 'author', organisation: null }, 'test')).token;
});
afterAll(async () => {
  await metrics.close();
  await app.stop();
});

function call(
  method: string,
  path: string,
  options: { port?: number; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: options.port ?? port, method, path, agent: false, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The scrape as `name{labels}` -> value (label pairs sorted), plus the raw text. */
async function scrape(): Promise<{ text: string; value(name: string, labels?: Record<string, string>): number; has(name: string): boolean }> {
  const { status, body, headers } = await call('GET', '/metrics', { port: metrics.port });
  expect(status).toBe(200);
  expect(String(headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of body.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return {
    text: body,
    has: (name) => body.includes(`# TYPE ${name} `),
    value: (name, labels = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0),
  };
}

describe('GET /metrics on the metrics port', () => {
  it('serves only /metrics', async () => {
    expect((await call('GET', '/', { port: metrics.port })).status).toBe(404);
    const post = await call('POST', '/metrics', { port: metrics.port });
    expect([post.status, post.headers.allow, post.body]).toEqual([405, 'GET, HEAD', 'POST is not a method of /metrics; it answers GET, HEAD\n']);
  });

  it('has every metric, and each moves as traffic flows; labels stay bounded', async () => {
    const before = await scrape();
    for (const name of METRIC_NAMES) expect(before.has(name), name).toBe(true);
    expect(before.value('conform_worker_pool_size')).toBe(1);

    // Catalogue reads, a small valid submission, a big one on the workers with a refusal while it runs.
    for (let i = 0; i < 3; i++) expect((await call('GET', '/v1/standards')).status).toBe(200);
    const small = await call('POST', VALIDATE, {
      headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(small.status).toBe(201);
    const smallReport = JSON.parse(small.body) as { submission: { id: string }; stats: { records: number; findings: number } };

    let busy = 0;
    let jobs = 0;
    let suppliers = 0;
    let queued = 0;
    let utilisation = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await scrape();
        busy = Math.max(busy, s.value('conform_worker_pool_busy_threads'));
        jobs = Math.max(jobs, s.value('conform_worker_pool_jobs'));
        suppliers = Math.max(suppliers, s.value('conform_worker_pool_suppliers'));
        queued = Math.max(queued, s.value('conform_worker_pool_queue_length'));
        utilisation = Math.max(utilisation, s.value('conform_worker_pool_utilisation'));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const big = call('POST', VALIDATE, {
      headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/x-ndjson', 'x-request-id': 'metrics-test-upload-1' },
      body: BIG,
    });
    // While the big upload holds the supplier's one slot, a second is refused (429).
    for (let i = 0; i < 200 && jobs === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const refused = await call('POST', VALIDATE, { headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/x-ndjson' }, body: SAMPLE });
    expect(refused.status).toBe(429);
    const bigAnswer = await big;
    sampling = false;
    await sampler;
    expect(bigAnswer.status).toBe(201);
    const bigReport = JSON.parse(bigAnswer.body) as { stats: { records: number; bytes: number; findings: number } };
    expect(bigReport.stats.records).toBe(BIG_RECORDS);
    expect((await call('GET', `/v1/submissions/${smallReport.submission.id}`, { headers: { authorization: `Bearer ${supplier}` } })).status).toBe(200);
    expect((await call('GET', '/v1/standards/no-such-standard', { headers: { authorization: `Bearer ${author}` } })).status).toBe(404);

    const after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(delta('conform_http_requests_total', { method: 'GET', route: '/v1/standards', status: '200' })).toBe(3);
    expect(delta('conform_http_request_duration_seconds_count', { method: 'GET', route: '/v1/standards', status: '200' })).toBe(3);
    expect(delta('conform_http_requests_total', { method: 'POST', route: '/v1/standards/{id}/versions/{version}/validate', status: '201' })).toBe(2);
    expect(delta('conform_http_requests_total', { route: '/v1/standards/{id}/versions/{version}/validate', status: '429' })).toBe(1);
    expect(delta('conform_http_requests_total', { route: '/v1/submissions/{id}', status: '200' })).toBe(1);
    expect(delta('conform_http_requests_total', { route: '/v1/standards/{id}', status: '404' })).toBe(1);
    expect(delta('conform_validations_total', { standard: 'emergency-care-attendance' })).toBe(2);
    expect(delta('conform_records_validated_total', { format: 'ndjson' })).toBe(smallReport.stats.records + bigReport.stats.records);
    expect(delta('conform_bytes_validated_total', { format: 'ndjson' })).toBe(SAMPLE.length + BIG.length);
    expect(delta('conform_findings_total', { standard: 'emergency-care-attendance' })).toBe(smallReport.stats.findings + bigReport.stats.findings);
    expect(delta('conform_admission_refusals_total', { reason: 'over-limit' })).toBe(1);
    expect(delta('conform_store_query_duration_seconds_count', { operation: 'insert', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(delta('conform_store_query_duration_seconds_count', { operation: 'select', outcome: 'ok' })).toBeGreaterThan(0);
    expect(after.value('conform_worker_pool_threads')).toBe(1);
    expect(jobs).toBe(1);
    expect(suppliers).toBe(1);
    expect(busy).toBe(1);
    expect(utilisation).toBe(1);
    expect(queued).toBeGreaterThanOrEqual(1);
    // After the upload the pool is idle again.
    expect(after.value('conform_worker_pool_jobs')).toBe(0);
    expect(after.value('conform_worker_pool_suppliers')).toBe(0);
    expect(after.value('conform_worker_pool_busy_threads')).toBe(0);

    // Bounded labels: templates, never the submission id, the unknown id, the organisation or a token.
    expect(after.text).not.toContain(smallReport.submission.id);
    expect(after.text).not.toContain('no-such-standard');
    expect(after.text).not.toContain('RX1');
    expect(after.text).not.toContain(supplier);
  });

  it('counts the trial reports held and their bytes: up when a trial is held, down when it expires', async () => {
    const before = await scrape();
    const trial = await call('POST', VALIDATE.replace(/validate$/, 'trial'), {
      headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/x-ndjson' },
      body: SAMPLE,
    });
    expect(trial.status).toBe(200);
    const { trial: held, ...report } = JSON.parse(trial.body) as { trial: { id: string } };
    expect(held.id).toMatch(/^[0-9a-f-]{36}$/);
    const after = await scrape();
    expect(after.value('conform_trial_reports_held') - before.value('conform_trial_reports_held')).toBe(1);
    // The holder keeps the report's JSON without its address: exactly those bytes.
    expect(after.value('conform_trial_reports_bytes') - before.value('conform_trial_reports_bytes')).toBe(Buffer.byteLength(JSON.stringify(report)));
    // Never a trial's id in a label.
    expect(after.text).not.toContain(held.id);
    // Past the time it is held, the scrape no longer counts it.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now + 60 * 60_000 + 1000);
    try {
      const expired = await scrape();
      expect(expired.value('conform_trial_reports_held')).toBe(0);
      expect(expired.value('conform_trial_reports_bytes')).toBe(0);
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps one request id through a submission, its worker pieces included', () => {
    const lines = logText
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reqId?: string; msg: string; route?: string; status?: number; seq?: number });
    const request = lines.find((l) => l.msg === 'request' && l.reqId === 'metrics-test-upload-1');
    expect(request).toMatchObject({ route: '/v1/standards/{id}/versions/{version}/validate', status: 201 });
    // Every piece carries its own request's id (small files, validated in the small-file lane, theirs).
    const pieces = lines.filter((l) => l.msg === 'piece validated on a worker');
    const requestIds = new Set(lines.filter((l) => l.msg === 'request').map((l) => l.reqId));
    for (const piece of pieces) expect(requestIds.has(piece.reqId)).toBe(true);
    const uploads = pieces.filter((p) => p.reqId === 'metrics-test-upload-1');
    expect(uploads.length).toBeGreaterThanOrEqual(Math.floor(BIG.length / 2 ** 20));
    expect(new Set(uploads.map((p) => p.seq)).size).toBe(uploads.length);
    // Requests on their own carry their own ids (hapi's), never one another's.
    const others = lines.filter((l) => l.msg === 'request' && l.route === '/v1/standards');
    expect(others.length).toBe(3);
    expect(new Set(others.map((l) => l.reqId)).size).toBe(3);
  });

  it('validates a CSV of more than 1 MiB whole on one worker thread, off the thread that serves requests', async () => {
    let pinned = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        pinned = Math.max(pinned, (await scrape()).value('conform_worker_pool_pinned_jobs'));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const before = logText.length;
    const answer = await call('POST', VALIDATE, {
      headers: { authorization: `Bearer ${supplier}`, 'content-type': 'text/csv', 'x-request-id': 'metrics-test-csv-1' },
      body: BIG_CSV,
    });
    sampling = false;
    await sampler;
    expect(answer.status).toBe(201);
    const report = JSON.parse(answer.body) as { format: string; stats: { records: number } };
    expect(report).toMatchObject({ format: 'csv', stats: { records: BIG_CSV.trimEnd().split('\n').length - 1 } });
    expect(pinned).toBe(1);
    expect((await scrape()).value('conform_worker_pool_pinned_jobs')).toBe(0);
    // Its pieces (about 512 KiB each) were validated on the worker, in the upload's request.
    const pieces = logText
      .slice(before)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reqId?: string; msg: string })
      .filter((l) => l.msg === 'piece validated on a worker');
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(BIG_CSV.length / (512 * 1024)));
    expect(new Set(pieces.map((p) => p.reqId))).toEqual(new Set(['metrics-test-csv-1']));
  });
});
