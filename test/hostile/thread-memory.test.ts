/**
 * A validation thread that runs out of memory. Ajv collects every error of a record (allErrors), so a
 * record of many items each failing many checks makes it hold millions of them: 9,990 items against an
 * `anyOf` of 500 object branches (a schema within every publish limit) are some ten million errors from a
 * 30 KB file. On the worker pool (a chunked upload, or a large file) the thread hit its heap limit and the
 * upload was answered 500 ("a validation worker failed"). It is a 422 naming the limit, as the same file
 * fails the same way every time; the pool replaces the thread and validates as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send as sendOnce, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '1' });
});
afterAll(async () => live.stop());

/** Sends `body` chunked (no Content-Length) or with its Content-Length; status and body. */
const send = (method: string, path: string, token: string, type: string, body: string, chunked: boolean) =>
  sendOnce(live.port, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body, chunked });

describe('a validation thread out of memory', () => {
  it('is a 422 naming the validation thread memory limit, where it was a 500; the pool then validates as before', { timeout: 120_000 }, async () => {
    const branches = Array.from({ length: 500 }, (_, i) => ({ type: 'object', required: [`k${i}`], properties: { [`k${i}`]: { const: i } } }));
    const schema = { type: 'object', properties: { xs: { type: 'array', items: { anyOf: branches } } } };
    const meta = await send(
      'PUT',
      '/v1/standards/wide-items',
      live.admin,
      'application/json',
      JSON.stringify({ title: 'Wide', owner: 'Test', description: 'Wide items.' }),
      false,
    );
    expect(meta.status, meta.body).toBe(201);
    const published = await send('PUT', '/v1/standards/wide-items/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema), false);
    expect(published.status, published.body.slice(0, 300)).toBe(201);

    const token = await live.supplier('MEM01');
    const trial = '/v1/standards/wide-items/versions/1.0.0/trial';
    const wide = await send('POST', trial, token, 'application/x-ndjson', `${JSON.stringify({ xs: Array.from({ length: 9990 }, () => 1) })}\n`, true);
    expect(wide.status, wide.body.slice(0, 300)).toBe(422);
    const problem = JSON.parse(wide.body) as { detail: string; errors: { limit?: string; max?: number }[] };
    expect(problem.detail).toContain('needed more than the 128 MiB of memory a validation thread has');
    expect(problem.errors).toContainEqual(expect.objectContaining({ in: 'body', limit: 'validation thread memory', max: 128 }));
    expect(live.logs()).not.toContain('a validation worker failed');

    // The thread was replaced: a narrow record is validated on the pool as before.
    const narrow = await send('POST', trial, token, 'application/x-ndjson', `${JSON.stringify({ xs: [{ k0: 0 }, 1] })}\n`, true);
    expect(narrow.status, narrow.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(narrow.body)).toMatchObject({ valid: false, stats: { records: 1, invalid: 1 } });
  });
});
