/**
 * Hostile: keyword values of the wrong shape in a published schema (an array where Conform's `x-csv` takes
 * an object, a number where a delimiter is text, a negative `maxLength`, a number as a string, an
 * `x-applicable` condition of neither form: a list, or `{ anyCase: [text…] }`). Each was
 * refused, but said only "data undefined" or "data/delimiter undefined" (the compiler's messages are off
 * for findings), naming neither what is wrong nor where. Each now says what the value must be and the
 * pointer of the keyword it is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

interface Problem {
  status: number;
  detail: string;
  errors: { in?: string; pointer?: string; detail: string }[];
}

let n = 0;
async function publish(schema: unknown): Promise<{ status: number; body: Problem }> {
  const id = `odd-values-${n++}`;
  await t.call({
    method: 'PUT',
    url: `/v1/standards/${id}`,
    payload: JSON.stringify({ title: 'Odd', owner: 'Someone', description: 'Odd values.' }),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
  const response = await t.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/1.0.0`,
    payload: JSON.stringify(schema),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
  return { status: response.statusCode, body: JSON.parse(response.payload) as Problem };
}

describe('keyword values of the wrong shape', () => {
  it.each([
    ['x-csv an array', { type: 'object', 'x-csv': [] }, '/x-csv', 'keyword "x-csv" value is invalid at path "#": data must be object'],
    ['x-csv delimiter a number', { type: 'object', 'x-csv': { delimiter: 5 } }, '/x-csv', 'data/delimiter must be equal to one of the allowed values'],
    [
      'x-labels on a field an array',
      { type: 'object', properties: { x: { type: 'string', 'x-labels': [1] } } },
      '/properties/x/x-labels',
      'data must be object',
    ],
    ['maxLength negative', { type: 'object', properties: { x: { type: 'string', maxLength: -1 } } }, '/properties/x/maxLength', 'must be >= 0'],
    ['maxLength a string', { type: 'object', properties: { x: { type: 'string', maxLength: '5' } } }, '/properties/x/maxLength', 'must be integer'],
    [
      'x-applicable anyCase misspelt',
      { type: 'object', 'x-applicable': { '/x': { '/flag': { anycase: ['NEW'] } } } },
      '/x-applicable',
      "data/~1x/~1flag must have required property 'anyCase'",
    ],
    [
      'x-applicable anyCase empty',
      { type: 'object', 'x-applicable': { '/x': { '/flag': { anyCase: [] } } } },
      '/x-applicable',
      'data/~1x/~1flag/anyCase must NOT have fewer than 1 items',
    ],
    [
      'x-applicable anyCase holding a number',
      { type: 'object', 'x-applicable': { '/x': { '/flag': { anyCase: ['NEW', 1] } } } },
      '/x-applicable',
      'data/~1x/~1flag/anyCase/1 must be string',
    ],
    [
      'x-applicable condition a string',
      { type: 'object', 'x-applicable': { '/x': { '/flag': 'NEW' } } },
      '/x-applicable',
      'data/~1x/~1flag must be array,object',
    ],
  ])('%s: a 422 saying what the value must be, and where', async (_name, schema, pointer, says) => {
    const { status, body } = await publish(schema);
    expect(status).toBe(422);
    expect(body.detail).toContain(says);
    expect(body.detail).not.toMatch(/\bundefined\b/);
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', pointer })]);
    expect(body.errors[0]!.detail).toContain(says);
  });
});
