/**
 * A version stored before patterns were analysed at publish (here written straight through the store
 * adapter) may hold a pattern that takes exponential time. The compatibility check never runs such a
 * pattern against a candidate's listed values or field names: the change it would decide is undecidable,
 * saying the pattern could not be checked safely (registry/diff/pattern-runs.ts, services/pattern-gate.ts).
 * Without that, each publish below would backtrack 2^34 times on the main thread and the test time out.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import type { Store } from '../../src/store/types.js';

const CATASTROPHIC = '^(a+)+$';
const HOSTILE = `${'a'.repeat(34)}!`;
const NOT_CHECKED = `the pattern ${JSON.stringify(CATASTROPHIC)} could not be checked safely`;

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

interface Problem {
  detail: string;
  errors?: { pointer?: string; detail: string; breaksSuppliers?: boolean; breaksConsumers?: boolean }[];
}

describe.each(storeFactories)('a stored version with a catastrophic pattern, on $name', (factory) => {
  let t: TestApp;
  let store: Store;
  let dispose: () => Promise<void>;

  async function stored(id: string, schema: object): Promise<void> {
    await store.createStandard(
      { id, title: id, owner: 'Test', description: 'Stored before patterns were analysed', metadata: { compatibility: 'BACKWARD' } },
      'token:test',
      'test',
    );
    const text = JSON.stringify(schema);
    await store.publishVersion({
      standardId: id,
      version: '1.0.0',
      status: 'published',
      schema: text,
      contentHash: hash(text),
      changelog: '',
      publishedBy: 'test',
    });
  }

  const publish = async (id: string, version: string, schema: object) => {
    const response = await t.call({
      method: 'PUT',
      url: `/v1/standards/${id}/versions/${version}`,
      payload: JSON.stringify(schema),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
    });
    return { status: response.statusCode, body: JSON.parse(response.payload) as Problem };
  };

  beforeAll(async () => {
    const opened = await factory.open();
    store = opened.store;
    t = await startTestApp({}, store);
    dispose = async () => {
      await t.stop();
      await opened.dispose();
    };
    await stored('coded', { type: 'object', properties: { code: { type: 'string', pattern: CATASTROPHIC } } });
    await stored('named', { type: 'object', patternProperties: { [CATASTROPHIC]: { type: 'string' } } });
  }, 60_000);
  afterAll(() => dispose());

  it("does not match a candidate's listed values against it: the pattern's removal is undecidable, saying why", async () => {
    // The code kept optional and its pattern dropped, its one value listed: the old pattern would decide whether that loosens.
    const candidate = { type: 'object', properties: { code: { type: 'string', const: HOSTILE } } };
    const refused = await publish('coded', '1.1.0', candidate);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('coded 1.1.0 does not follow semver under its BACKWARD compatibility policy');
    const removal = refused.body.errors!.find((e) => e.detail.includes('pattern ^(a+)+$ removed'));
    expect(removal).toMatchObject({ pointer: '/code', breaksSuppliers: true, breaksConsumers: true });
    expect(removal!.detail).toContain(`${NOT_CHECKED} (it was not shown to run in linear time), so nothing was matched against it`);
    expect(removal!.detail).toContain('the rules cannot decide, so it counts as breaking both ways');

    // A new MAJOR may carry any change, so it is published; and the changes between the two say the same.
    expect((await publish('coded', '2.0.0', candidate)).status).toBe(201);
    const response = await t.call({ method: 'GET', url: '/v1/standards/coded/changes?from=1.0.0&to=2.0.0' });
    expect(response.statusCode).toBe(200);
    const changes = (JSON.parse(response.payload) as { changes: { kind: string; undecidable?: boolean; explanation: string }[] }).changes;
    expect(changes.find((c) => c.kind === 'pattern-removed')).toMatchObject({ undecidable: true, explanation: expect.stringContaining(NOT_CHECKED) });
  });

  it("does not match a candidate's field names against a patternProperties name: the field's addition is undecidable", async () => {
    const candidate = { type: 'object', properties: { [HOSTILE]: { type: 'string' } }, patternProperties: {} };
    const refused = await publish('named', '1.0.1', candidate);
    expect(refused.status).toBe(422);
    const added = refused.body.errors!.find((e) => e.detail.includes(`field "${HOSTILE}" added`));
    expect(added).toMatchObject({ breaksSuppliers: true, breaksConsumers: true });
    expect(added!.detail).toContain(`what the other version allows for it is unknown: ${NOT_CHECKED}`);
  });
});
