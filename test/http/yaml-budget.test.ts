/** A YAML body is parsed on the event loop, so its size in structural marks is bounded; JSON is not (it parses natively). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const wide = (keys: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`f${i}`, { type: 'string', maxLength: 10 }])),
});
const publish = (body: string, type: string) =>
  t.call({ method: 'PUT', url: '/v1/standards/wide-yaml/versions/1.0.0', payload: body, headers: { 'content-type': type, ...bearer(t.tokens.author) } });

describe('YAML bodies', () => {
  it('refuses a YAML schema with more structural marks than the bound, saying to send JSON, and stores nothing', async () => {
    const response = await publish(stringify(wide(3000)), 'application/yaml');
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(response.payload)).toMatchObject({
      status: 413,
      detail: 'a YAML body may have at most 10000 structural marks (keys, items, lines); send a schema this large as JSON',
    });
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/wide-yaml' })).statusCode).toBe(404);
  });

  it('reads the same schema as JSON, where the schema limits decide', async () => {
    const response = await publish(JSON.stringify(wide(3000)), 'application/json');
    expect(response.statusCode).toBe(422);
    expect(response.payload).toContain('1000');
  });

  it('still publishes a YAML schema of an ordinary size', async () => {
    const response = await publish(stringify({ ...wide(40), title: 'Wide' }), 'application/yaml');
    expect(response.statusCode).toBe(201);
  });
});

/** `[` … `]` nested `depth` deep: the value of a keyword that is not a schema (`default`), which no schema limit measures. */
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const publishDeep = (body: string, type: string) =>
  t.call({ method: 'PUT', url: '/v1/standards/deep-values/versions/1.0.0', payload: body, headers: { 'content-type': type, ...bearer(t.tokens.author) } });

describe('bodies nested deeply', () => {
  it('refuses a JSON schema whose default value is nested thousands deep with a 422 naming where, never a 500', async () => {
    // It once reached the content hash, which recursed until the stack ran out: a 500.
    for (const depth of [20_000, 200_000]) {
      const response = await publishDeep(`{"type":"object","properties":{"a":{"default":${nestedArrays(depth)}}}}`, 'application/json');
      expect(response.statusCode).toBe(422);
      const body = JSON.parse(response.payload) as { detail: string; errors: { pointer: string; detail: string }[] };
      expect(body.detail).toBe('the body is nested more deeply than the registry reads: at most 256 levels of objects and arrays');
      expect(body.errors).toEqual([
        {
          in: 'body',
          pointer: `/properties/a/default${'/0'.repeat(253)}`,
          detail: 'objects and arrays are nested more than 256 deep here; a schema or artefact may nest at most 256 levels',
        },
      ]);
    }
    expect(t.logs()).not.toContain('Maximum call stack');
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/deep-values' })).statusCode).toBe(404);
  });

  it("refuses YAML nested past what its parser can read as too deep, with the line and column, not as the engine's stack message", async () => {
    for (const body of [`a: ${nestedArrays(3000)}\n`, `a:\n  ${'- '.repeat(4500)}1\n`]) {
      const response = await publishDeep(body, 'application/yaml');
      expect(response.statusCode).toBe(422);
      const { detail } = JSON.parse(response.payload) as { detail: string };
      expect(detail).toMatch(/^the body is nested more deeply than the registry reads \(line \d+, column \d+\): at most 256 levels of objects and arrays$/);
    }
  });

  it('refuses YAML that its parser reads but that nests more than 256 deep, naming the pointer', async () => {
    const response = await publishDeep(`type: object\ndefault: ${nestedArrays(300)}\n`, 'application/yaml');
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload)).toMatchObject({ errors: [{ pointer: `/default${'/0'.repeat(255)}` }] });
  });

  it('applies to artefacts too: a definitions set with a deep value is a 422', async () => {
    const doc = `{"kind":"definitions","id":"deep-value","version":"1.0.0","title":"Deep","description":"d","owner":"o","changelog":"c","schema":{"$defs":{"a":{"const":${nestedArrays(5000)}}}}}`;
    const response = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/definitions/deep-value/versions/1.0.0',
      payload: doc,
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload)).toMatchObject({
      detail: 'the body is nested more deeply than the registry reads: at most 256 levels of objects and arrays',
    });
  });

  it('still publishes a schema whose values nest within the bound', async () => {
    const response = await publishDeep(`{"type":"object","title":"Nested default","properties":{"a":{"default":${nestedArrays(200)}}}}`, 'application/json');
    expect(response.statusCode).toBe(201);
  });
});
