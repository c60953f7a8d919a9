/**
 * A small file sent with its Content-Length, whose records are too wide for their schema's checks. Ajv
 * collects every error of a record, so 9,990 items against an `anyOf` of 500 object branches (a schema
 * within every publish limit) are some ten million errors from a 30 KB file. Such a file was
 * validated on the main thread (small files stayed there): it held the event loop 22 s and grew the process
 * by some 700 MiB. In a serving process every file is validated off the main thread now, a small one in
 * the small-file lane, within the thread's memory and the small-file time budget: the upload is a 422
 * naming the bound it reached, `/health` keeps answering meanwhile, and the next file is validated as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send as sendOnce, startLiveApp, timedHealth, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '1', CONFORM_SMALL_FILE_TIMEOUT_MS: '3000' });
});
afterAll(async () => live.stop());

/** Sends `body` with its Content-Length; status and body. */
const send = (method: string, path: string, token: string, type: string, body: string) =>
  sendOnce(live.port, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

/** Sends `upload()` while polling `/health`; the upload's answer and the slowest `/health` answer. */
async function whilePolling<T>(upload: () => Promise<T>): Promise<{ answer: T; slowest: number; polls: number; ms: number }> {
  let done = false;
  let slowest = 0;
  let polls = 0;
  const poller = (async () => {
    while (!done) {
      slowest = Math.max(slowest, await timedHealth(live.port));
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const answer = await upload();
  const ms = performance.now() - started;
  done = true;
  await poller;
  return { answer, slowest, polls, ms };
}

const branches = Array.from({ length: 500 }, (_, i) => ({ type: 'object', required: [`k${i}`], properties: { [`k${i}`]: { const: i } } }));
const wideRecord = `${JSON.stringify({ xs: Array.from({ length: 9990 }, () => 1) })}\n`;

describe('a small file too wide for its schema, sent with its Content-Length', () => {
  it('is a 422 naming the bound it reached while /health keeps answering; the next files are validated as before', { timeout: 120_000 }, async () => {
    const meta = await send(
      'PUT',
      '/v1/standards/wide-items',
      live.admin,
      'application/json',
      JSON.stringify({ title: 'Wide', owner: 'Test', description: 'Wide.' }),
    );
    expect(meta.status, meta.body).toBe(201);
    const schema = { type: 'object', properties: { xs: { type: 'array', items: { anyOf: branches } }, n: { type: 'integer' } } };
    const published = await send('PUT', '/v1/standards/wide-items/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema));
    expect(published.status, published.body.slice(0, 300)).toBe(201);
    const token = await live.supplier('WIDE1');
    const trial = '/v1/standards/wide-items/versions/1.0.0/trial';
    expect(Buffer.byteLength(wideRecord)).toBeLessThan(40_000);

    for (const [type, body] of [
      ['application/x-ndjson', wideRecord],
      ['application/json', `[${wideRecord.trim()}]`],
    ] as const) {
      const { answer, slowest, polls, ms } = await whilePolling(() => send('POST', trial, token, type, body));
      expect(answer.status, answer.body.slice(0, 300)).toBe(422);
      const problem = JSON.parse(answer.body) as { detail: string; errors: { in: string; limit?: string; max?: number }[] };
      const limits = problem.errors.map((e) => e.limit);
      expect(
        limits.some((l) => l === 'validation thread memory' || l === 'small file time'),
        problem.detail,
      ).toBe(true);
      expect(problem.errors[0]).toMatchObject({ in: 'body' });
      // The bound is reached within the budget (and the replacement's start), not after the event loop's 22 s.
      expect(ms).toBeLessThan(10_000);
      // The poller runs on the same event loop as the server: a held loop shows as too few polls.
      expect(polls).toBeGreaterThan(ms / 250);
      expect(slowest, `the slowest /health took ${Math.round(slowest)} ms`).toBeLessThan(250);
    }
    expect(live.logs()).not.toContain('a validation worker failed');

    // The lane's thread was replaced: ordinary small files are validated as before, NDJSON and CSV alike.
    const narrow = await send('POST', trial, token, 'application/x-ndjson', `${JSON.stringify({ xs: [{ k0: 0 }], n: 'x' })}\n{"n":1}\n`);
    expect(narrow.status, narrow.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(narrow.body)).toMatchObject({ valid: false, stats: { records: 2, invalid: 1 } });
  });

  it('past the small-file time budget is a 422 naming the budget', { timeout: 120_000 }, async () => {
    // Records that cost time but not the thread's memory: 500 items each failing 200 branches (a hundred thousand errors) per record of 1 KB.
    const meta = await send(
      'PUT',
      '/v1/standards/slow-items',
      live.admin,
      'application/json',
      JSON.stringify({ title: 'Slow', owner: 'Test', description: 'Slow.' }),
    );
    expect(meta.status, meta.body).toBe(201);
    const ranges = Array.from({ length: 200 }, (_, i) => ({ type: 'integer', minimum: i * 10, maximum: i * 10 + 1 }));
    const schema = { type: 'object', properties: { xs: { type: 'array', items: { anyOf: ranges } } } };
    const published = await send('PUT', '/v1/standards/slow-items/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema));
    expect(published.status, published.body.slice(0, 300)).toBe(201);
    const token = await live.supplier('WIDE2');
    const trial = '/v1/standards/slow-items/versions/1.0.0/trial';
    const lines = Array.from({ length: 300 }, () => JSON.stringify({ xs: Array.from({ length: 500 }, () => 5) })).join('\n');
    const { answer, slowest, polls, ms } = await whilePolling(() => send('POST', trial, token, 'application/x-ndjson', `${lines}\n`));
    expect(answer.status, answer.body.slice(0, 300)).toBe(422);
    const problem = JSON.parse(answer.body) as { detail: string; errors: { limit?: string; max?: number }[] };
    expect(problem.detail).toContain('3000 ms');
    expect(problem.errors).toContainEqual(expect.objectContaining({ in: 'body', limit: 'small file time', max: 3000 }));
    expect(ms).toBeLessThan(6_000);
    expect(polls).toBeGreaterThan(ms / 250);
    expect(slowest, `the slowest /health took ${Math.round(slowest)} ms`).toBeLessThan(250);
    const next = await send('POST', trial, token, 'application/x-ndjson', `${JSON.stringify({ xs: [1, 10] })}\n`);
    expect(next.status, next.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(next.body)).toMatchObject({ valid: true, stats: { records: 1 } });
  });
});
