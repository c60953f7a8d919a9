/**
 * A field's `title` is its label in every report (field-label.ts): a published schema whose field title
 * holds a control or bidirectional character, or is longer than MAX_SCHEMA_TITLE characters, is a 422
 * naming each such title by its pointer in the schema, before anything compiles; nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { MAX_SCHEMA_TITLE } from '../../src/services/schema-titles.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const publish = (id: string, schema: object) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/1.0.0`,
    payload: JSON.stringify(schema),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });

const withTitles = (code: string, item: string) => ({
  type: 'object',
  properties: {
    code: { type: 'integer', title: code },
    list: { type: 'array', title: 'List', items: { type: 'object', properties: { v: { type: 'string', title: item } } } },
  },
});

describe("a published schema's field titles", () => {
  it('longer than the limit, or holding a control or bidirectional character, are a 422 naming each', async () => {
    const response = await publish('titled', withTitles('A'.repeat(1_000_000), 'Vaccine\u202e code\u001b[31m'));
    expect(response.statusCode).toBe(422);
    const problem = JSON.parse(response.payload) as { detail: string; errors: { in: string; pointer: string; detail: string }[] };
    expect(problem.detail).toMatch(/^the schema has 2 titles that cannot be shown as written: .*label/);
    expect(problem.errors).toEqual([
      {
        in: 'body',
        pointer: '/properties/code/title',
        detail: `is 1000000 characters long; a title is at most ${MAX_SCHEMA_TITLE} (put more in the description)`,
      },
      { in: 'body', pointer: '/properties/list/items/properties/v/title', detail: expect.stringMatching(/must not hold control characters/) as string },
    ]);
    expect(response.payload).not.toContain('Vaccine');
    expect((await t.call({ method: 'GET', url: '/v1/standards/titled' })).statusCode).toBe(404);
  });

  it('of the limit, with line breaks and tabs, are published', async () => {
    const response = await publish('titled-ok', withTitles('B'.repeat(MAX_SCHEMA_TITLE), 'Vaccine\n\tcode'));
    expect(response.statusCode).toBe(201);
  });
});
