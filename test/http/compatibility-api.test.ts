import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const v1 = {
  title: 'Referral 1.0.0',
  description: 'One referral.',
  type: 'object',
  additionalProperties: false,
  required: ['referralId', 'priority'],
  properties: {
    referralId: { type: 'string', maxLength: 20, description: 'Local id' },
    priority: { type: 'string', enum: ['routine', 'urgent', 'two-week-wait'], description: 'Priority' },
  },
};
const publish = (version: string, schema: object) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/referral/versions/${version}`,
    payload: JSON.stringify(schema),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });

describe('semantic versioning on publish', () => {
  it('accepts an optional property as a MINOR', async () => {
    expect((await publish('1.0.0', v1)).statusCode).toBe(201);
    const v11 = { ...v1, properties: { ...v1.properties, referrerOdsCode: { $ref: '../_common/identifiers#/$defs/odsCode', description: 'Referrer' } } };
    expect((await publish('1.1.0', v11)).statusCode).toBe(201);
  });

  it('refuses a breaking change as a MINOR with a 422 listing each breaking change, and accepts it as the next MAJOR', async () => {
    const latest = JSON.parse((await t.app.store.getVersion('referral', '1.1.0'))!.schema);
    const breaking = {
      ...latest,
      required: [...latest.required, 'referrerOdsCode'],
      properties: { ...latest.properties, priority: { ...latest.properties.priority, enum: ['routine', 'urgent'] } },
    };
    const refused = await publish('1.2.0', breaking);
    expect(refused.statusCode).toBe(422);
    const body = JSON.parse(refused.payload);
    expect(body.detail).toBe('referral 1.2.0 does not follow semver under its BACKWARD compatibility policy');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointer: '/referrerOdsCode',
          kind: 'required-added',
          breaksSuppliers: true,
          detail: expect.stringContaining('1.1.0 → 1.2.0 is a MINOR release, but required-added at /referrerOdsCode breaks suppliers'),
        }),
        expect.objectContaining({ pointer: '/priority', kind: 'enum-value-removed', breaksSuppliers: true }),
      ]),
    );
    expect(await t.app.store.getVersion('referral', '1.2.0')).toBeUndefined();
    expect((await publish('2.0.0', breaking)).statusCode).toBe(201);
  });

  it('lists the classified changes between two versions', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/referral/changes?from=1.1.0&to=2.0.0' });
    expect(response.statusCode).toBe(200);
    const body = response.result as { requiredBump: string; problems: string[]; changes: { kind: string; path: string; breaksSuppliers: boolean }[] };
    expect(body).toMatchObject({ standard: 'referral', from: '1.1.0', to: '2.0.0', policy: 'BACKWARD', requiredBump: 'major', problems: [] });
    expect(
      body.changes
        .filter((c) => c.breaksSuppliers)
        .map((c) => `${c.kind} ${c.path}`)
        .sort(),
    ).toEqual(['enum-value-removed /priority', 'required-added /referrerOdsCode']);
    const defaults = await t.call({ method: 'GET', url: '/v1/standards/referral/changes' });
    expect(defaults.result).toMatchObject({ from: '1.1.0', to: '2.0.0' });
    const library = await t.call({ method: 'GET', url: '/v1/standards/patient-demographics/changes?from=1.0.0&to=1.1.0' });
    expect(library.result).toMatchObject({ requiredBump: 'minor', problems: [] });
  });

  it('refuses from later than to with a 400 naming both query parameters, not a comparison backwards', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/referral/changes?from=2&to=1.1.0' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.payload)).toEqual({
      type: 'https://conform.invalid/problems/invalid-input',
      title: 'Bad request',
      status: 400,
      instance: '/v1/standards/referral/changes',
      detail: 'from (2.0.0) is later than to (1.1.0): give the earlier version as from and the later as to',
      errors: [
        { in: 'query', name: 'from', pointer: '/from', detail: '2.0.0 is later than to (1.1.0); from is the earlier version' },
        { in: 'query', name: 'to', pointer: '/to', detail: '1.1.0 is earlier than from (2.0.0); to is the later version' },
      ],
    });
    // One version against itself is no change, not a refusal.
    expect((await t.call({ method: 'GET', url: '/v1/standards/referral/changes?from=2.0.0&to=2.0.0' })).result).toMatchObject({ changes: [], problems: [] });
  });
});
