/**
 * The service over each store (SQLite, and PostgreSQL in CI): twenty concurrent publishes of one new
 * version end with exactly one 201, the rest 200 or 409, one stored row and no 5xx; and a version
 * published through one replica is visible through another at once (they share the store).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const schema = (description: string) =>
  JSON.stringify({
    title: 'Concurrent 1.0.0',
    description,
    type: 'object',
    additionalProperties: false,
    properties: { a: { type: 'string', description: 'A' } },
  });

describe.each(storeFactories)('the service on $name', (factory) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function replica(store: Awaited<ReturnType<typeof factory.open>>['store']): Promise<TestApp> {
    const app = await startTestApp({}, store);
    cleanups.push(() => app.app.server.stop());
    return app;
  }

  it('twenty concurrent publishes of one new version: one 201, the rest 200 or 409, one row, no 5xx', async () => {
    const { store, dispose } = await factory.open();
    cleanups.push(dispose);
    const t = await replica(store);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call({
          method: 'PUT',
          url: '/v1/standards/concurrent/versions/1.0.0',
          payload: schema(i % 2 === 0 ? 'Same.' : `Other ${i}.`),
          headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.every((c) => c === 201 || c === 200 || c === 409)).toBe(true);
    expect(await store.listVersions('concurrent')).toHaveLength(1);
    expect((await store.listAudit(100)).filter((a) => a.action === 'publish' && a.standardId === 'concurrent')).toHaveLength(1);
  });

  it('a version published through one replica is read through another at once', async () => {
    const { store, dispose } = await factory.open();
    cleanups.push(dispose);
    const a = await replica(store);
    const b = await replica(store);
    const published = await a.call({
      method: 'PUT',
      url: '/v1/standards/concurrent/versions/1.0.0',
      payload: schema('Shared.'),
      headers: { 'content-type': 'application/json', ...bearer(a.tokens.author) },
    });
    expect(published.statusCode).toBe(201);
    const read = await b.call({ method: 'GET', url: '/v1/standards/concurrent/versions/latest' });
    expect(read.statusCode).toBe(200);
    expect(read.result).toMatchObject({ version: '1.0.0', schema: { description: 'Shared.' } });
  });

  it('a code list and a standard using it, published through one replica, validate through another (loaded from the store)', async () => {
    const { store, dispose } = await factory.open();
    cleanups.push(dispose);
    const a = await replica(store);
    const b = await replica(store);
    const put = (url: string, payload: string) =>
      a.call({ method: 'PUT', url, payload, headers: { 'content-type': 'application/json', ...bearer(a.tokens.author) } });
    const list = {
      kind: 'code-list',
      id: 'shared-shade',
      version: '1.0.0',
      title: 'Shade',
      codes: [
        { code: 'L', label: 'Light' },
        { code: 'D', label: 'Dark' },
      ],
    };
    expect((await put('/v1/artefacts/code-lists/shared-shade/versions/1.0.0', JSON.stringify(list))).statusCode).toBe(201);
    const standard = { type: 'object', properties: { shade: { $ref: 'conform:code-lists/shared-shade/1.0.0' } } };
    expect((await put('/v1/standards/shaded/versions/1.0.0', JSON.stringify(standard))).statusCode).toBe(201);
    const checked = await b.call({
      method: 'POST',
      url: '/v1/standards/shaded/versions/1.0.0/validate',
      payload: JSON.stringify([{ shade: 'L' }, { shade: 'X' }]),
      headers: { 'content-type': 'application/json', ...bearer(b.tokens.supplier) },
    });
    expect(checked.statusCode).toBe(201);
    expect(JSON.stringify(checked.result)).toContain('"path":"/shade","rule":"enum"');
    // Where it is used, asked of the other replica: recorded at publish, in the store both share.
    const used = await b.call({ method: 'GET', url: '/v1/artefacts/code-lists/shared-shade/versions/1.0.0/used-by' });
    expect((used.result as { usedBy: unknown[] }).usedBy).toEqual([
      {
        standardId: 'shaded',
        version: '1.0.0',
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/shade/$ref', ref: 'conform:code-lists/shared-shade/1.0.0' }],
      },
    ]);
    // Deprecated through the first replica, it reads deprecated through the second at once (nothing cached).
    await a.call({ method: 'POST', url: '/v1/standards/shaded/versions/1.0.0/deprecate', headers: bearer(a.tokens.author) });
    const after = await b.call({ method: 'GET', url: '/v1/artefacts/code-lists/shared-shade/versions/1.0.0/used-by' });
    expect((after.result as { usedBy: { status: string }[] }).usedBy.map((u) => u.status)).toEqual(['deprecated']);
  });

  it("two replicas starting on one store record the library's uses once", async () => {
    const { store, dispose } = await factory.open();
    cleanups.push(dispose);
    await Promise.all([replica(store), replica(store)]);
    const { uses: rows, total } = await store.listArtefactUses('conform:definitions/identifiers/1.0.0', 10_000);
    expect(total).toBe(rows.length);
    const keys = rows.map((r) => `${r.standardId} ${r.version} ${r.pointer} ${r.via ?? ''}`);
    expect(keys.length).toBeGreaterThan(21);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
