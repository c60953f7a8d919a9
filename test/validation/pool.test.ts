/**
 * The shared worker pool: threads start lazily up to its size (or all at once when warmed) and are reused; compiled versions are
 * cached per thread (a schema is sent to a thread once); a failed job does not stop the others; idle
 * threads do not keep a process alive; close stops them. Uses the build (npm test builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { chunked, timeless } from './helpers.js';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { BoundedCache } = (await import(`${dist}/parallel/bounded-cache.js`)) as typeof import('../../src/validation/parallel/bounded-cache.js');
const { ThreadTimeout } = (await import(`${dist}/errors.js`)) as typeof import('../../src/validation/errors.js');

const version = (n: number) =>
  new Validators().compile({ id: 'v', version: `${n}.0.0`, contentHash: `h${n}` }, `https://conform.invalid/standards/v/${n}.0.0`, {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer', maximum: n * 100 } },
  });
const data = (records: number) => Buffer.from(Array.from({ length: records }, (_, i) => JSON.stringify({ id: i })).join('\n'));

const pools: InstanceType<typeof WorkerPool>[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));
const poolOf = (size: number) => {
  const pool = new WorkerPool(size);
  pools.push(pool);
  return pool;
};

describe('the bounded cache', () => {
  it('keeps the most recently used entries', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('the worker pool', () => {
  it('warms: starts every thread before any work and settles once each has built its validator instance', async () => {
    const pool = poolOf(2);
    await pool.warm();
    expect(pool.stats()).toMatchObject({ threads: 2, started: 2 });
    await pool.warm(); // again: no more threads
    const report = await validateStream(Readable.from(chunked(data(2_000), 10_000)), version(3), { format: 'ndjson', pool });
    expect(report.stats).toMatchObject({ records: 2_000, invalid: 2_000 - 301 });
    expect(pool.stats()).toMatchObject({ threads: 2, started: 2 });
  });

  it('starts no thread until there is work, then at most its size, reused across submissions of many versions', async () => {
    const pool = poolOf(2);
    expect(pool.stats()).toMatchObject({ threads: 0, started: 0 });
    for (let round = 0; round < 3; round++) {
      const reports = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => validateStream(Readable.from(chunked(data(3_000), 70_000)), version(n), { format: 'ndjson', pool })),
      );
      reports.forEach((r, i) => expect(r.stats).toMatchObject({ records: 3_000, invalid: 3_000 - ((i + 1) * 100 + 1) }));
    }
    expect(pool.stats()).toMatchObject({ size: 2, threads: 2, started: 2, peakThreads: 2, jobs: 0, queued: 0 });
  });

  it('fails the one job whose version cannot be compiled in a worker, and goes on with the others', async () => {
    const pool = poolOf(1);
    const good = version(1);
    // A version whose source no longer compiles (an unknown format), as a worker would receive it.
    const broken = { ...good, source: { ...good.source, schema: { type: 'object', properties: { id: { type: 'string', format: 'no-such' } } } } };
    const [bad, fine] = await Promise.allSettled([
      validateStream(Readable.from(chunked(data(2_000), 50_000)), broken, { format: 'ndjson', pool }),
      validateStream(Readable.from(chunked(data(2_000), 50_000)), good, { format: 'ndjson', pool }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/could not validate a piece: .*no-such/);
    expect(fine.status).toBe('fulfilled');
    const single = await validateStream(Readable.from([data(2_000)]), good, { format: 'ndjson' });
    expect(timeless((fine as PromiseFulfilledResult<never>).value)).toEqual(timeless(single));
    expect(pool.stats()).toMatchObject({ threads: 1, started: 1, jobs: 0 });
  });

  it('refuses work once closed, with no threads left', async () => {
    const pool = poolOf(2);
    await validateStream(Readable.from([data(10)]), version(1), { format: 'ndjson', pool });
    await pool.close();
    expect(pool.stats().threads).toBe(0);
    expect(pool.available).toBe(false);
  });

  it('does not keep a process alive when idle', () => {
    const script = `
      const { WorkerPool } = await import(${JSON.stringify(fileURLToPath(new URL(`${dist}/parallel/pool.js`, import.meta.url)))});
      const { Validators } = await import(${JSON.stringify(fileURLToPath(new URL(`${dist}/validators.js`, import.meta.url)))});
      const { validateStream } = await import(${JSON.stringify(fileURLToPath(new URL(`${dist}/validate.js`, import.meta.url)))});
      const pool = new WorkerPool(2);
      const v = new Validators().compile({ id: 'v', version: '1.0.0', contentHash: 'h' }, 'https://conform.invalid/v', { type: 'object' });
      const r = await validateStream([Buffer.from('{}\\n{}\\n', 'utf8')], v, { format: 'ndjson', pool });
      console.log(r.stats.records, pool.stats().threads);
    `;
    const file = join(mkdtempSync(join(tmpdir(), 'conform-pool-')), 'idle.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 10_000 });
    expect(run.stderr).toBe('');
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe('2 1');
    expect(run.status).toBe(0);
  });
});

describe('a pool with a time budget (the small-file lane)', () => {
  const slow = new Validators().compile({ id: 's', version: '1.0.0', contentHash: 's1' }, 'https://conform.invalid/standards/s/1.0.0', {
    type: 'object',
    properties: { xs: { type: 'array', items: { anyOf: Array.from({ length: 200 }, (_, i) => ({ type: 'integer', minimum: i * 10, maximum: i * 10 + 1 })) } } },
  });
  const slowData = Buffer.from(Array.from({ length: 300 }, () => JSON.stringify({ xs: Array.from({ length: 500 }, () => 5) })).join('\n'));

  it('ends a job past its budget with ThreadTimeout, replaces the thread, and gives a larger file its budget per MiB', async () => {
    const pool = new WorkerPool(1, undefined, { budgetMs: 400 });
    pools.push(pool);
    await pool.warm();
    const started = performance.now();
    const failed = validateStream(Readable.from(chunked(slowData, 64_000)), slow, { format: 'ndjson', pool, whole: true });
    await expect(failed).rejects.toBeInstanceOf(ThreadTimeout);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(pool.stats()).toMatchObject({ threads: 0, started: 1 });

    // 8 MiB of quick records take longer than 400 ms, and less than 400 ms for each of their MiB.
    const quick = data(700_000);
    expect(quick.length).toBeGreaterThan(8 * 2 ** 20);
    const timed = performance.now();
    const report = await validateStream(Readable.from(chunked(quick, 64_000)), version(3), { format: 'ndjson', pool, whole: true });
    expect(report.stats).toMatchObject({ records: 700_000, invalid: 700_000 - 301 });
    expect(performance.now() - timed).toBeGreaterThan(400);
    expect(pool.stats()).toMatchObject({ threads: 1, started: 2 });
  });
});
