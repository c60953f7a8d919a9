/**
 * A record nested thousands of levels deep against a version whose schema refers to itself. A recursive
 * `$ref` is within every publish limit (the schema below is 101 fields), and a record of 5,000 levels is
 * within the record bounds (10,000 values); Ajv's validator calls itself once a level, and the fatter the
 * recursive schema the more stack each call takes. A validation thread's stack overflowed ("Maximum call
 * stack size exceeded"), and every lane answered 500 ("a validation worker could not validate a piece").
 * It is a 422 naming the validation stack, as the same file fails the same way every time; the thread
 * caught it and goes on validating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send as sendOnce, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '1' });
});
afterAll(async () => live.stop());

/** Sends `body` with its Content-Length, or chunked (no Content-Length); status and body. */
const send = (method: string, path: string, token: string, type: string, body: string, chunked = false) =>
  sendOnce(live.port, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body, chunked });

const fields: Record<string, object> = { a: { $ref: '#/$defs/node' } };
for (let i = 0; i < 100; i++) fields[`p${i}`] = { type: 'string', pattern: `^x${i}$`, maxLength: 5 };
const schema = { $defs: { node: { type: 'object', properties: fields } }, $ref: '#/$defs/node' };
/** `{"a":{"a":…{}…}}`, `levels` deep. */
const nested = (levels: number): string => '{"a":'.repeat(levels) + '{}' + '}'.repeat(levels);
/** A JSON body over 1 MiB (the whole-file lane, not the small-file lane), white space after the array. */
const large = (text: string): string => text.padEnd(1024 * 1024 + 16, ' ');

describe('a record nested too deeply for its recursive schema', () => {
  it('is a 422 naming the validation stack in every lane, where it was a 500; the thread then validates as before', { timeout: 120_000 }, async () => {
    const meta = await send(
      'PUT',
      '/v1/standards/deep',
      live.admin,
      'application/json',
      JSON.stringify({ title: 'Deep', owner: 'Test', description: 'Deep.' }),
    );
    expect(meta.status, meta.body).toBe(201);
    const published = await send('PUT', '/v1/standards/deep/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema));
    expect(published.status, published.body.slice(0, 300)).toBe(201);
    const token = await live.supplier('DEEP1');
    const trial = '/v1/standards/deep/versions/1.0.0/trial';

    const deep = nested(5000);
    const lanes: [string, string, string, boolean][] = [
      ['small-file lane, NDJSON', 'application/x-ndjson', `${deep}\n`, false],
      ['small-file lane, JSON', 'application/json', `[${deep}]`, false],
      ['NDJSON cut into pieces (chunked)', 'application/x-ndjson', `{}\n${deep}\n{}\n`, true],
      ['whole-file lane, JSON', 'application/json', large(`[{},${deep}]`), false],
      // A CSV header's dots write a nested field: 5,000 of them nest the row's one cell as deep.
      ['small-file lane, CSV', 'text/csv', `${Array.from({ length: 5001 }, () => 'a').join('.')}\n1\n`, false],
    ];
    for (const [lane, type, body, chunked] of lanes) {
      const answer = await send('POST', trial, token, type, body, chunked);
      expect(answer.status, `${lane}: ${answer.body.slice(0, 300)}`).toBe(422);
      const problem = JSON.parse(answer.body) as { detail: string; errors: { in: string; limit?: string; max?: number }[] };
      expect(problem.detail, lane).toContain('needed more than the 4 MiB of stack a validation thread has');
      expect(problem.detail, lane).toContain('a record is nested too deeply');
      expect(problem.errors, lane).toEqual([expect.objectContaining({ in: 'body', limit: 'validation stack', max: 4 })]);
    }
    expect(live.logs()).not.toContain('could not validate a piece');
    expect(live.logs()).not.toContain('Maximum call stack size exceeded');

    // The thread goes on: a record nested 200 deep, and one failing a field, are validated as before.
    for (const chunked of [false, true]) {
      const next = await send('POST', trial, token, 'application/x-ndjson', `${nested(200)}\n{"a":{"p1":"nope"}}\n`, chunked);
      expect(next.status, next.body.slice(0, 300)).toBe(200);
      expect(JSON.parse(next.body)).toMatchObject({ valid: false, stats: { records: 2, valid: 1, invalid: 1 }, findings: [{ record: 2, path: '/a/p1' }] });
    }
  });
});
