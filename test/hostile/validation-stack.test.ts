/**
 * A record nested thousands of levels deep against a version whose schema refers to itself. A recursive
 * `$ref` is within every publish limit (the schema below is 101 fields), and a record of 5,000 levels is
 * within the record bounds (10,000 values); Ajv's validator calls itself once a level, and the fatter the
 * recursive schema the more stack each call takes. A validation thread's stack overflowed ("Maximum call
 * stack size exceeded"), and every lane answered 500 ("a validation worker could not validate a piece");
 * then the whole file was refused (a 422 naming the validation stack), one record losing the supplier the
 * report. Now a record may nest at most 64 levels (MAX_RECORD_DEPTH): a deeper one is one unreadable
 * record (`record-too-deep`), never validated, and the file's other records are validated as usual; a
 * CSV column whose dotted name nests too deep is one header finding, and its cells are not read.
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

const tooDeep = { rule: 'record-too-deep', message: expect.stringContaining('more than 64 levels deep') as unknown };
const failsP1 = { path: '/a/p1', rule: 'pattern' };

describe('a record nested too deeply for its recursive schema', () => {
  it('is one unreadable record in every lane, the others validated, where the file was refused (422) and before that a 500', { timeout: 120_000 }, async () => {
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
    const invalid = '{"a":{"p1":"nope"}}';
    const lanes: [string, string, string, boolean, object][] = [
      [
        'small-file lane, NDJSON',
        'application/x-ndjson',
        `${deep}\n${invalid}\n`,
        false,
        {
          stats: { records: 2, invalid: 2 },
          findings: [
            { record: 1, line: 1, ...tooDeep },
            { record: 2, line: 2, ...failsP1 },
          ],
        },
      ],
      [
        'small-file lane, JSON',
        'application/json',
        `[${deep},\n${invalid}]`,
        false,
        {
          stats: { records: 2, invalid: 2 },
          findings: [
            { record: 1, line: 1, ...tooDeep },
            { record: 2, line: 2, ...failsP1 },
          ],
        },
      ],
      [
        'NDJSON cut into pieces (chunked)',
        'application/x-ndjson',
        `{}\n${deep}\n{}\n`,
        true,
        { stats: { records: 3, valid: 2, invalid: 1 }, findings: [{ record: 2, line: 2, ...tooDeep }] },
      ],
      [
        'whole-file lane, JSON',
        'application/json',
        large(`[{},\n${deep}]`),
        false,
        { stats: { records: 2, valid: 1, invalid: 1 }, findings: [{ record: 2, line: 2, ...tooDeep }] },
      ],
      // A CSV header's dots write a nested field: 5,000 of them would nest the row's cell as deep.
      [
        'small-file lane, CSV',
        'text/csv',
        `p1,${Array.from({ length: 5001 }, () => 'a').join('.')}\nx1,1\nnope,1\n`,
        false,
        {
          stats: { records: 2, valid: 1, invalid: 1 },
          findings: [
            { record: 0, line: 0, ...tooDeep },
            { record: 2, line: 3, path: '/p1', rule: 'pattern' },
          ],
        },
      ],
    ];
    for (const [lane, type, body, chunked, report] of lanes) {
      const answer = await send('POST', trial, token, type, body, chunked);
      expect(answer.status, `${lane}: ${answer.body.slice(0, 300)}`).toBe(200);
      const { findings, ...rest } = report as { findings: object[] };
      const got = JSON.parse(answer.body) as { findings: unknown[] };
      expect(got, lane).toMatchObject({ valid: false, ...rest });
      expect(got.findings, lane).toEqual(findings.map((f) => expect.objectContaining(f)));
    }
    expect(live.logs()).not.toContain('could not validate a piece');
    expect(live.logs()).not.toContain('Maximum call stack size exceeded');
    expect(live.logs()).not.toContain('validation stack');

    // A record at the limit (64 levels) is validated, its deepest field too.
    for (const chunked of [false, true]) {
      const atLimit = '{"a":'.repeat(63) + '{"p1":"nope"}' + '}'.repeat(63);
      const next = await send('POST', trial, token, 'application/x-ndjson', `${atLimit}\n${invalid}\n`, chunked);
      expect(next.status, next.body.slice(0, 300)).toBe(200);
      expect(JSON.parse(next.body)).toMatchObject({
        valid: false,
        stats: { records: 2, valid: 0, invalid: 2 },
        findings: [
          { record: 1, path: `${'/a'.repeat(63)}/p1`, rule: 'pattern' },
          { record: 2, ...failsP1 },
        ],
      });
    }
  });
});
