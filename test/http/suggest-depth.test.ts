/**
 * `POST /v1/suggest` reads the field names of a file's first records. A record of thousands of levels
 * (a 64 KiB sample holds some 13,000) overflowed the stack of the walk that names its fields: a 500. A
 * record nested more than MAX_RECORD_DEPTH levels deep is unreadable when validated, and names no fields
 * here; the records beside it are read as before.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { sampleFieldNames } from '../../src/validation/sample-fields.js';
import { MAX_RECORD_DEPTH } from '../../src/validation/readers/types.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

/** `{"a":{"a":…{"leaf":1}…}}`, `levels` objects in all. */
const nested = (levels: number): string => '{"a":'.repeat(levels - 1) + '{"leaf":1}' + '}'.repeat(levels - 1);

describe('the suggestions, given a record nested too deep', () => {
  it('answer from the other records, where the walk of its fields overflowed the stack (500)', async () => {
    const line = (await readFile('test/fixtures/emergency-care-attendance-sample.ndjson', 'utf8')).split('\n')[0]!;
    const alone = await t.call({
      method: 'POST',
      url: '/v1/suggest',
      payload: `${line}\n`,
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });
    expect(alone.statusCode, alone.payload).toBe(200);
    for (const [type, payload] of [
      ['application/x-ndjson', `${nested(5_000)}\n${line}\n`],
      ['application/json', `[${nested(5_000)},${line}]`],
    ] as const) {
      const response = await t.call({ method: 'POST', url: '/v1/suggest', payload, headers: { 'content-type': type, ...bearer(t.tokens.supplier) } });
      expect(response.statusCode, response.payload.slice(0, 300)).toBe(200);
      // The same answer as for the readable record alone: the deep one names nothing.
      expect(JSON.parse(response.payload)).toEqual(JSON.parse(alone.payload));
    }
    expect(t.logs()).not.toContain('Maximum call stack size exceeded');
  });

  it('read a record at the limit, and none past it', async () => {
    const names = (text: string) => sampleFieldNames(Buffer.from(text), 'ndjson', true);
    expect(await names(`${nested(MAX_RECORD_DEPTH)}\n`)).toEqual([`${'a.'.repeat(MAX_RECORD_DEPTH - 1)}leaf`]);
    expect(await names(`${nested(MAX_RECORD_DEPTH + 1)}\n{"id":1}\n`)).toEqual(['id']);
  });
});
