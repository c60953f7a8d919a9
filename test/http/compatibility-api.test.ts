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

describe('a file-name convention widened or narrowed on publish', () => {
  const batch = (ods: Record<string, unknown>) => ({
    title: 'Flu batch',
    description: 'A batch file named FLU_{ODS}_{timestamp}.csv.',
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: 'string', maxLength: 20, description: 'Row id' } },
    'x-file-name': {
      description: 'FLU_{ODS}_{timestamp}.csv',
      upperCase: true,
      extensions: ['CSV'],
      separator: '_',
      parts: [
        { name: 'vaccine', values: ['FLU'] },
        { name: 'ods', minLength: 3, characters: 'letters-and-digits', ...ods },
        { name: 'timestamp', format: 'compact-date-time', length: 17 },
      ],
    },
  });
  const put = (version: string, schema: object) =>
    t.call({
      method: 'PUT',
      url: `/v1/standards/flu-batch/versions/${version}`,
      payload: JSON.stringify(schema),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });

  it('publishes a widening as a MINOR, and refuses a narrowing as a MINOR with a problem naming the part and what changed', async () => {
    expect((await put('1.0.0', batch({ maxLength: 5 }))).statusCode).toBe(201);
    // ODS codes of up to 10 characters, and a timestamp checked on its first 15: every old name still passes.
    const wider = batch({ maxLength: 10 });
    (wider['x-file-name'].parts[2] as Record<string, unknown>) = { name: 'timestamp', format: 'compact-date-time', formatPrefix: 15 };
    const widened = await put('1.1.0', wider);
    expect(widened.statusCode).toBe(201);

    const refused = await put('1.2.0', batch({ maxLength: 4 }));
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    const body = JSON.parse(refused.payload);
    expect(body).toMatchObject({
      type: 'https://conform.invalid/problems/incompatible',
      status: 422,
      detail: 'flu-batch 1.2.0 does not follow semver under its BACKWARD compatibility policy',
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        kind: 'file-name-narrowed',
        breaksSuppliers: true,
        breaksConsumers: false,
        detail:
          "1.1.0 → 1.2.0 is a MINOR release, but file-name-narrowed at / breaks suppliers (a supplier's file valid under 1.1.0 may be refused by 1.2.0), so under BACKWARD it needs a new MAJOR (2.0.0): file name part 2 'ods': maxLength 10 → 4: refuses values of more than 4 characters (narrowing): a file name the old version accepted may now be refused",
      }),
      expect.objectContaining({
        kind: 'file-name-narrowed',
        detail: expect.stringContaining(
          "file name part 3 'timestamp': length 17 added, formatPrefix 15 removed: refuses values of fewer than 17 characters; refuses values of more than 17 characters;",
        ),
      }),
    ]);
    expect(await t.app.store.getVersion('flu-batch', '1.2.0')).toBeUndefined();
    expect((await put('2.0.0', batch({ maxLength: 4 }))).statusCode).toBe(201);
  });

  it('lists the widening between the versions as a MINOR', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/flu-batch/changes?from=1.0.0&to=1.1.0' });
    const body = response.result as { requiredBump: string; changes: { kind: string; explanation: string }[] };
    expect(body.requiredBump).toBe('minor');
    expect(body.changes.map((c) => c.kind)).toEqual(['file-name-widened', 'file-name-widened']);
    expect(body.changes[0]!.explanation).toMatch(
      /^file name part 2 'ods': maxLength 5 → 10: accepts every name the old convention accepted, and more \(widening\)/,
    );
  });
});

describe("an author's pairs through publish: what old data still passes decides the verdict", () => {
  const episode = (properties: Record<string, unknown>) => ({
    title: 'Clinic episode',
    description: 'One clinic episode, closed by unevaluatedProperties.',
    type: 'object',
    required: ['episodeId'],
    properties,
    unevaluatedProperties: false,
  });
  const base = {
    episodeId: { type: 'string', maxLength: 20, description: 'Local id' },
    clinicCode: { type: 'string', maxLength: 5, description: 'Clinic code' },
  };
  const put = (version: string, schema: object) =>
    t.call({
      method: 'PUT',
      url: `/v1/standards/clinic-episode/versions/${version}`,
      payload: JSON.stringify(schema),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });

  it('refuses, as a MINOR, a field dropped from a record closed by unevaluatedProperties: old data carrying it is now rejected', async () => {
    expect((await put('1.0.0', episode(base))).statusCode).toBe(201);
    const refused = await put('1.1.0', episode({ episodeId: base.episodeId }));
    expect(refused.statusCode).toBe(422);
    expect(JSON.parse(refused.payload).errors).toEqual([
      expect.objectContaining({
        pointer: '/clinicCode',
        kind: 'property-removed',
        breaksSuppliers: true,
        detail:
          '1.0.0 → 1.1.0 is a MINOR release, but property-removed at /clinicCode breaks suppliers (a supplier\'s file valid under 1.0.0 may be refused by 1.1.0), so under BACKWARD it needs a new MAJOR (2.0.0): field "clinicCode" removed, and fields not listed are rejected: old data may now be rejected',
      }),
    ]);
  });

  it('publishes a field made nullable as anyOf [its old schema, null] as a MINOR', async () => {
    const nullable = episode({ ...base, clinicCode: { anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }], description: 'Clinic code' } });
    expect((await put('1.1.0', nullable)).statusCode).toBe(201);
    const changes = await t.call({ method: 'GET', url: '/v1/standards/clinic-episode/changes?from=1.0.0&to=1.1.0' });
    expect(changes.result).toMatchObject({ requiredBump: 'minor', problems: [] });
    expect((changes.result as { changes: { kind: string; explanation: string }[] }).changes.map((c) => c.explanation)).toContain(
      'anyOf added; its option 0 accepts every value the old version accepted here: old and new data both still valid',
    );
  });

  it('refuses a pattern that accepts more as a MINOR, saying the checker cannot decide and counts it as breaking', async () => {
    const coded = (pattern: string) => episode({ ...base, clinicCode: { type: 'string', pattern, description: 'Clinic code' } });
    expect((await put('2.0.0', coded('^[A-Z]{3}$'))).statusCode).toBe(201);
    const refused = await put('2.1.0', coded('^[A-Z]{3,5}$'));
    expect(refused.statusCode).toBe(422);
    expect(JSON.parse(refused.payload).errors).toEqual([
      expect.objectContaining({
        pointer: '/clinicCode',
        kind: 'pattern-changed',
        detail: expect.stringContaining(
          "cannot be decided and counts as breaking (a supplier's file valid under 2.0.0 may be refused by 2.1.0, and a file valid under 2.1.0 may be refused by a system still reading 2.0.0), so under BACKWARD it needs a new MAJOR (3.0.0): pattern changed from ^[A-Z]{3}$ to ^[A-Z]{3,5}$; two patterns cannot be compared",
        ),
      }),
    ]);
  });
});
