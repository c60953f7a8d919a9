/**
 * Hostile: a schema that applies itself to the same value without end. A loop of in-place applicators
 * (`anyOf`, `allOf`, `not`, …) and `$ref`s with no field between was published (201), and every submission
 * to it then overflowed the stack: a 500 on every record. A loop of bare `$ref`s made the compiler overflow,
 * refused as "Maximum call stack size exceeded". Each is a 422 naming the loop, and nothing is stored;
 * recursion through a field still publishes. A version stored with such a loop before this check (or by
 * another replica) is refused at validation with a 422 naming the version, never a 500.
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
  errors: { in?: string; pointer: string; detail: string }[];
}

async function publish(id: string, schema: unknown) {
  const created = await t.call({
    method: 'PUT',
    url: `/v1/standards/${id}`,
    payload: JSON.stringify({ title: 'Loop', owner: 'Someone', description: 'A loop.' }),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
  expect(created.statusCode).toBe(201);
  const response = await t.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/1.0.0`,
    payload: JSON.stringify(schema),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
  return { status: response.statusCode, body: JSON.parse(response.payload) as Problem };
}

const LOOP = 'applies itself to the same value without end';

describe('a schema that applies itself to the same value without end', () => {
  const cases: { name: string; schema: unknown; pointer: string; loop: string }[] = [
    {
      name: 'anyOf through a $ref to its own definition',
      schema: { type: 'object', $defs: { a: { anyOf: [{ $ref: '#/$defs/a' }, { type: 'string' }] } }, properties: { x: { $ref: '#/$defs/a' } } },
      pointer: '/$defs/a',
      loop: '/$defs/a -> /$defs/a/anyOf/0 -> /$defs/a',
    },
    {
      name: 'not, at the root',
      schema: { type: 'object', not: { $ref: '#' } },
      pointer: '',
      loop: '/ -> /not -> /',
    },
    {
      name: 'bare $refs in a ring (the compiler overflowed)',
      schema: { type: 'object', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } },
      pointer: '/$defs/a',
      loop: '/$defs/a -> /$defs/b -> /$defs/a',
    },
    {
      name: 'a field referring to itself',
      schema: { type: 'object', properties: { x: { $ref: '#/properties/x' } } },
      pointer: '/properties/x',
      loop: '/properties/x -> /properties/x',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} with a 422 naming the loop, and stores nothing`, async () => {
      const id = `loop-${cases.indexOf(c)}`;
      const { status, body } = await publish(id, c.schema);
      expect(status).toBe(422);
      expect(body.detail).toBe(`the schema ${LOOP}: ${c.loop}`);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ in: 'body', pointer: c.pointer });
      expect(body.errors[0]!.detail).toContain(`${LOOP} (${c.loop})`);
      expect(body.detail).not.toContain('call stack');
      const stored = await t.server.inject({ method: 'GET', url: `/v1/standards/${id}/versions/1.0.0` });
      expect(stored.statusCode).toBe(404);
    });
  }

  it('publishes recursion through a field, and validates with it', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, next: { $ref: '#' }, any: { anyOf: [{ $ref: '#/properties/next' }, { type: 'string' }] } },
    };
    const { status } = await publish('linked', schema);
    expect(status).toBe(201);
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/linked/versions/1.0.0/trial',
      payload: '{"name":"a","next":{"name":"b","next":{"name":1}},"any":"s"}\n',
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(200);
    const report = JSON.parse(response.payload) as { stats: { records: number; invalid: number } };
    expect(report.stats).toMatchObject({ records: 1, invalid: 1 });
  });

  it('refuses to validate against a version stored with such a loop before the check: a 422 naming the version, where every record was a 500', async () => {
    const store = t.app.store;
    await store.createStandard({ id: 'stored-loop', title: 'Stored loop', owner: 'x', description: '', metadata: {} }, 'library', 'test');
    const schema = { type: 'object', $defs: { a: { allOf: [{ $ref: '#/$defs/a' }] } }, properties: { x: { $ref: '#/$defs/a' } } };
    await store.publishVersion({
      standardId: 'stored-loop',
      version: '1.0.0',
      status: 'published',
      schema: JSON.stringify(schema),
      contentHash: 'sha256:stored-loop',
      changelog: '',
      publishedBy: 'test',
    });
    for (const route of ['validate', 'trial']) {
      const response = await t.call({
        method: 'POST',
        url: `/v1/standards/stored-loop/versions/1.0.0/${route}`,
        payload: '{"x":"s"}\n',
        headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
      });
      expect(response.statusCode, route).toBe(422);
      const problem = JSON.parse(response.payload) as Problem;
      expect(problem.detail).toBe(
        'stored-loop 1.0.0 cannot validate records: its schema applies itself to the same value without end (/$defs/a -> /$defs/a/allOf/0 -> /$defs/a); publish a corrected version',
      );
      expect(problem.errors).toEqual([expect.objectContaining({ in: 'path', name: 'version' })]);
    }
    expect(await store.listSubmissions({ limit: 10 })).toEqual([]);
  });

  it("refuses a definitions set with such a loop, pointing into the body's schema, as its size limits now do", async () => {
    const put = (id: string, schema: unknown) =>
      t.call({
        method: 'PUT',
        url: `/v1/artefacts/definitions/${id}/versions/1.0.0`,
        payload: JSON.stringify({
          kind: 'definitions',
          id,
          version: '1.0.0',
          title: 'Loop',
          description: 'A loop.',
          owner: 'Someone',
          changelog: 'First.',
          schema,
        }),
        headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
      });
    const loop = await put('looping-set', { $defs: { a: { anyOf: [{ $ref: '#/$defs/a' }, { type: 'string' }] } } });
    expect(loop.statusCode).toBe(422);
    expect((JSON.parse(loop.payload) as Problem).errors).toEqual([
      expect.objectContaining({
        in: 'body',
        pointer: '/schema/$defs/a',
        detail: expect.stringContaining(`${LOOP} (/$defs/a -> /$defs/a/anyOf/0 -> /$defs/a)`) as unknown,
      }),
    ]);
    // The size limits pointed at the schema's own place (/$defs/big/enum), which the body does not have.
    const big = await put('big-set', { $defs: { big: { enum: Array.from({ length: 2_001 }, (_, i) => i) } } });
    expect(big.statusCode).toBe(422);
    expect((JSON.parse(big.payload) as Problem).errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/schema/$defs/big/enum' })]);
    const pattern = await put('pattern-set', { $defs: { code: { type: 'string', pattern: '^(a|a)*$' } } });
    expect(pattern.statusCode).toBe(422);
    expect((JSON.parse(pattern.payload) as Problem).errors).toEqual([expect.objectContaining({ pointer: '/schema/$defs/code/pattern' })]);
    expect((await t.server.inject({ method: 'GET', url: '/v1/artefacts/definitions/looping-set/versions/1.0.0' })).statusCode).toBe(404);
  });
});
