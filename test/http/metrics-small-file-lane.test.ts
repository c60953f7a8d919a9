/**
 * The small-file lane's metrics (files declared under 1 MiB, validated on a thread of their own besides the
 * pool: services/worker-policy.ts): its thread's use, the files on it and waiting for it, the files it
 * validated by outcome and those it refused for a bound of its thread. A slow file holds the lane's thread
 * until its time budget ends it; a small file sent meanwhile waits, then is validated. The app is built from
 * dist/ so that the lane runs a real thread (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { MetricsListener } from '../../src/metrics-server.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { serveMetrics } = (await import(`${dist}/metrics-server.js`)) as typeof import('../../src/metrics-server.js');

const BUDGET_MS = 8000;
let app: App;
let base: string;
let metrics: MetricsListener;
let supplier: string;

beforeAll(async () => {
  app = await buildApp(
    loadConfig({
      CONFORM_DATA_DIR: ':memory:',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CONFORM_WORKERS: '1',
      CONFORM_SMALL_FILE_TIMEOUT_MS: String(BUDGET_MS),
    }),
  );
  await app.server.start();
  base = `http://127.0.0.1:${app.server.info.port}`;
  metrics = await serveMetrics(app.metrics, 0, '127.0.0.1');
  supplier = (await app.services.access.issue({ name: 'lane supplier', role: 'supplier', organisation: 'LANE1' }, 'test')).token;
  const author = { role: 'author', organisation: null, name: 'test', actor: 'author:test', tokenId: 't1' } as const;
  // Records that cost time but little memory: 500 items each failing 200 branches (test/hostile/small-file-lane.test.ts).
  const ranges = Array.from({ length: 200 }, (_, i) => ({ type: 'integer', minimum: i * 10, maximum: i * 10 + 1 }));
  const schema = { type: 'object', properties: { xs: { type: 'array', items: { anyOf: ranges } } } };
  await app.services.standards.publish({ standardId: 'lane-items', version: '1.0.0', body: JSON.stringify(schema) }, author);
}, 60_000);
afterAll(async () => {
  await metrics.close();
  await app.stop();
});

const TRIAL = '/v1/standards/lane-items/versions/1.0.0/trial';
/** A string body: sent with its Content-Length, so it is declared small. */
const trial = (body: string) =>
  fetch(`${base}${TRIAL}`, { method: 'POST', body, headers: { authorization: `Bearer ${supplier}`, 'content-type': 'application/x-ndjson' } }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }),
  );

/** One scrape: a sample's value by name and labels (summed over the others). */
async function scrape(): Promise<(name: string, labels?: Record<string, string>) => number> {
  const text = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text();
  const samples = text.split('\n').flatMap((line) => {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) return [];
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    return [{ name: m[1]!, labels, value: Number(m[3]) }];
  });
  return (name, labels = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

/** Scrapes until `ready` holds of a scrape (or `ms` pass); that scrape. */
async function scrapeUntil(ready: (value: Awaited<ReturnType<typeof scrape>>) => boolean, ms = 5000) {
  const until = performance.now() + ms;
  for (;;) {
    const value = await scrape();
    if (ready(value) || performance.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `lines` records of 500 items, each failing 200 branches: some 0.1–0.3 s a record on a shared machine. */
const slowFile = (lines: number) => `${Array.from({ length: lines }, () => JSON.stringify({ xs: Array.from({ length: 500 }, () => 5) })).join('\n')}\n`;
const LANE_NOW = ['conform_small_file_lane_busy', 'conform_small_file_lane_files', 'conform_small_file_lane_waiting'];

describe('the small-file lane on /metrics', () => {
  it('shows its thread busy and a file waiting while a slow file holds it, and counts the files by outcome', { timeout: 60_000 }, async () => {
    const before = await scrape();
    for (const name of LANE_NOW) expect(before(name), name).toBe(0);
    expect(before('conform_small_file_lane_files_total')).toBe(0);
    expect(before('conform_small_file_lane_refusals_total')).toBe(0);

    // A quick file first: the lane validates it (and its thread is warm).
    expect((await trial(`${JSON.stringify({ xs: [1, 10] })}\n`)).status).toBe(200);
    const warm = await scrape();
    expect(warm('conform_small_file_lane_files_total', { outcome: 'valid' })).toBe(1);
    expect(warm('conform_small_file_lane_threads')).toBe(1);

    // A slow file (well within its budget) holds the thread; another small file sent meanwhile waits.
    const slow = trial(slowFile(3));
    const busy = await scrapeUntil((v) => v('conform_small_file_lane_busy') === 1);
    expect([busy('conform_small_file_lane_busy'), busy('conform_small_file_lane_files'), busy('conform_small_file_lane_waiting')]).toEqual([1, 1, 0]);
    const quick = trial(`${JSON.stringify({ xs: [1, 3] })}\n`);
    const waiting = await scrapeUntil((v) => v('conform_small_file_lane_waiting') === 1);
    expect([waiting('conform_small_file_lane_busy'), waiting('conform_small_file_lane_files'), waiting('conform_small_file_lane_waiting')]).toEqual([1, 2, 1]);
    const [slowAnswer, quickAnswer] = await Promise.all([slow, quick]);
    expect(slowAnswer.status).toBe(200);
    expect(slowAnswer.body).toMatchObject({ valid: false, stats: { records: 3 } });
    expect(quickAnswer.status).toBe(200);
    expect(quickAnswer.body).toMatchObject({ valid: false, stats: { records: 1 } });

    const after = await scrape();
    expect(after('conform_small_file_lane_files_total', { outcome: 'valid' })).toBe(1);
    expect(after('conform_small_file_lane_files_total', { outcome: 'invalid' })).toBe(2);
    expect(after('conform_small_file_lane_refusals_total')).toBe(0);
    for (const name of LANE_NOW) expect(after(name), name).toBe(0);
    // The large-file pool saw none of these files.
    expect(after('conform_worker_pool_pieces_total')).toBe(0);
  });

  it('counts a file refused for its time budget (422) as a refusal and a failed file', { timeout: 60_000 }, async () => {
    const before = await scrape();
    const refused = await trial(slowFile(900)); // about 0.9 MB: under the lane's 1 MiB, so one budget; nine times the work that once sufficed
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ limit: 'small file time', max: BUDGET_MS }));
    const after = await scrape();
    expect(after('conform_small_file_lane_refusals_total', { limit: 'time' }) - before('conform_small_file_lane_refusals_total', { limit: 'time' })).toBe(1);
    expect(after('conform_small_file_lane_refusals_total') - before('conform_small_file_lane_refusals_total')).toBe(1);
    expect(after('conform_small_file_lane_files_total', { outcome: 'failed' }) - before('conform_small_file_lane_files_total', { outcome: 'failed' })).toBe(1);
    for (const name of LANE_NOW) expect(after(name), name).toBe(0);
  });
});
