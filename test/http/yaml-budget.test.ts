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
