import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Clinic visit 1.0.0',
  description: 'One clinic visit.',
  type: 'object',
  additionalProperties: false,
  required: ['visitId'],
  properties: {
    visitId: { type: 'string', maxLength: 20, description: 'Local visit id' },
    nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber', description: 'NHS number' },
  },
};

const put = (path: string, body: string, type: string, token?: string) =>
  t.call({ method: 'PUT', url: path, payload: body, headers: { 'content-type': type, ...(token ? bearer(token) : {}) } });

describe('reading standards', () => {
  it('lists the bundled standards with their latest version', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards' });
    expect(response.statusCode).toBe(200);
    const { standards } = response.result as { standards: { id: string; latestVersion: string; status: string }[] };
    expect(standards.filter((s) => !s.id.startsWith('clinic')).map((s) => [s.id, s.latestVersion, s.status])).toEqual([
      ['adult-social-care-client-level', '2.1.0', 'published'],
      ['covid-vaccination-event', '3.1.0', 'published'],
      ['emergency-care-attendance', '3.1.0', 'published'],
      ['immunisation-batch', '10.3.0', 'published'],
      ['patient-demographics', '2.1.0', 'published'],
    ]);
  });

  it('returns a standard with its metadata and versions', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/emergency-care-attendance' });
    const body = response.result as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'emergency-care-attendance',
      latestVersion: '3.1.0',
      metadata: { compatibility: 'BACKWARD', eventDate: '/activityStartDateTime' },
    });
    expect((body.versions as { version: string; status: string }[]).map((v) => `${v.version} ${v.status}`)).toEqual([
      '1.0.0 deprecated',
      '2.0.0 deprecated',
      '3.0.0 published',
      '3.0.1 published',
      '3.0.2 published',
      '3.1.0 published',
    ]);
  });

  it('resolves exact, latest and major versions, and lists what exists when none matches', async () => {
    for (const [spec, expected] of [
      ['1.0.0', '1.0.0'],
      ['latest', '3.1.0'],
      ['1', '1.0.0'],
      ['2', '2.0.0'],
      ['3', '3.1.0'],
      ['3.0.0', '3.0.0'],
    ]) {
      const response = await t.call({ method: 'GET', url: `/v1/standards/emergency-care-attendance/versions/${spec}` });
      expect(response.statusCode).toBe(200);
      expect(response.result).toMatchObject({ standard: 'emergency-care-attendance', version: expected, schema: { type: 'object' } });
    }
    const missing = await t.call({ method: 'GET', url: '/v1/standards/emergency-care-attendance/versions/7' });
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.payload)).toEqual({
      type: 'https://conform.invalid/problems/not-found',
      title: 'Not found',
      status: 404,
      detail:
        'emergency-care-attendance has no version matching "7"; its versions are: 1.0.0 (deprecated), 2.0.0 (deprecated), 3.0.0 (published), 3.0.1 (published), 3.0.2 (published), 3.1.0 (published)',
      errors: [
        {
          in: 'path',
          name: 'version',
          pointer: '/version',
          detail:
            'emergency-care-attendance has no version matching "7"; its versions are: 1.0.0 (deprecated), 2.0.0 (deprecated), 3.0.0 (published), 3.0.1 (published), 3.0.2 (published), 3.1.0 (published)',
        },
      ],
      instance: '/v1/standards/emergency-care-attendance/versions/7',
    });
    const unknown = await t.call({ method: 'GET', url: '/v1/standards/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.payload).detail).toBe('unknown standard "nope"; no standard has an id near it');
    const near = await t.call({ method: 'GET', url: '/v1/standards/patient-demographic' });
    expect(JSON.parse(near.payload).detail).toBe('unknown standard "patient-demographic"; did you mean "patient-demographics"?');
  });
});

describe('publishing', () => {
  it('refuses without a token (401), with a supplier token (403), and with a revoked token (401)', async () => {
    const none = await put('/v1/standards/clinic-visit/versions/1.0.0', JSON.stringify(schema), 'application/json');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const supplier = await put('/v1/standards/clinic-visit/versions/1.0.0', JSON.stringify(schema), 'application/json', t.tokens.supplier);
    expect(supplier.statusCode).toBe(403);
    expect(JSON.parse(supplier.payload)).toMatchObject({ status: 403, detail: "this token's role may not do this" });
    const bogus = await put('/v1/standards/clinic-visit/versions/1.0.0', JSON.stringify(schema), 'application/json', 'cfm_not-a-real-token');
    expect(bogus.statusCode).toBe(401);
    expect(JSON.parse(bogus.payload).detail).toBe('the token is not valid or has been revoked');
    expect(await t.app.store.getStandard('clinic-visit')).toBeUndefined();
  });

  it('refuses a token once it is revoked', async () => {
    // An admin's token: the library's standards are managed by admins.
    const { token, stored } = await t.app.services.access.issue({ name: 'short-lived', role: 'admin', organisation: null }, 'test');
    const ok = await t.call({ method: 'POST', url: '/v1/standards/emergency-care-attendance/versions/1.0.0/deprecate', headers: bearer(token) });
    expect(ok.statusCode).toBe(200);
    await t.app.store.revokeToken(stored.id, 'test');
    const revoked = await t.call({ method: 'POST', url: '/v1/standards/emergency-care-attendance/versions/1.0.0/deprecate', headers: bearer(token) });
    expect(revoked.statusCode).toBe(401);
    expect(JSON.parse(revoked.payload).detail).toBe('the token is not valid or has been revoked');
  });

  it('publishes a new standard from YAML (201), takes a byte-identical or same-content re-publish (200), refuses other content (409)', async () => {
    const created = await put('/v1/standards/clinic-visit/versions/1.0.0', stringify(schema), 'application/yaml', t.tokens.author);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/standards/clinic-visit/versions/1.0.0');
    expect(created.result).toMatchObject({ standard: 'clinic-visit', version: '1.0.0', status: 'published', schema });
    const standard = await t.call({ method: 'GET', url: '/v1/standards/clinic-visit' });
    expect(standard.result).toMatchObject({ id: 'clinic-visit', title: 'Clinic visit', description: 'One clinic visit.', latestVersion: '1.0.0' });

    const again = await put('/v1/standards/clinic-visit/versions/1.0.0', JSON.stringify(schema), 'application/json', t.tokens.author);
    expect(again.statusCode).toBe(200);
    expect((again.result as { contentHash: string }).contentHash).toBe((created.result as { contentHash: string }).contentHash);

    const other = await put(
      '/v1/standards/clinic-visit/versions/1.0.0',
      JSON.stringify({ ...schema, description: 'Changed.' }),
      'application/json',
      t.tokens.author,
    );
    expect(other.statusCode).toBe(409);
    expect(JSON.parse(other.payload).detail).toMatch(
      /^clinic-visit 1\.0\.0 is already published with other content \(sha256:[0-9a-f]{64}\); published versions never change/,
    );
    expect((await t.app.store.getVersion('clinic-visit', '1.0.0'))?.schema).toContain('One clinic visit.');
  });

  it.each([
    ['YAML that does not parse', 'type: [object', 'application/yaml', '1.5.0', 400, /^the body is not valid JSON or YAML \(line 1, column \d+\)/],
    [
      'a version that is not semver',
      JSON.stringify(schema),
      'application/json',
      '1.5',
      400,
      /^version must be a semantic version MAJOR\.MINOR\.PATCH with no leading zeros/,
    ],
    ['an unknown keyword', JSON.stringify({ ...schema, colour: 'blue' }), 'application/json', '1.5.0', 422, /strict mode: unknown keyword: "colour"/],
    [
      'an unknown format',
      JSON.stringify({ ...schema, properties: { visitId: { type: 'string', format: 'shoe-size' } } }),
      'application/json',
      '1.5.0',
      422,
      /unknown format "shoe-size"/,
    ],
    [
      'a remote $ref',
      JSON.stringify({ ...schema, properties: { visitId: { $ref: 'https://example.org/x.json' } } }),
      'application/json',
      '1.5.0',
      422,
      /^the schema refers to something other than itself and the shared definitions: https:\/\/example\.org\/x\.json at \/properties\/visitId\/\$ref$/,
    ],
    [
      'a $ref that does not resolve',
      JSON.stringify({ ...schema, properties: { visitId: { $ref: '../_common/identifiers#/$defs/noSuchThing' } } }),
      'application/json',
      '1.5.0',
      422,
      /can't resolve reference/,
    ],
    [
      'a body that is not an object',
      '[1, 2]',
      'application/json',
      '1.5.0',
      422,
      /^the body must be a JSON Schema object \(a JSON object, or a YAML mapping of "key: value" lines\), but it holds a list \(of 2 items\)$/,
    ],
    ['a YAML body that is one text', 'type object\n', 'application/yaml', '1.5.0', 422, /but it holds a single text$/],
    ['an $id', JSON.stringify({ ...schema, $id: 'https://example.org/mine' }), 'application/json', '1.5.0', 422, /must not declare \$id/],
  ])('answers %s with a problem naming it, and stores nothing', async (_name, body, type, version, status, detail) => {
    const response = await put(`/v1/standards/clinic-visit/versions/${version}`, body, type, t.tokens.author);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.payload).detail).toMatch(detail);
    expect(await t.app.store.getVersion('clinic-visit', version)).toBeUndefined();
  });

  it('answers a body over the limit with 413 and a wrong content type with 415', async () => {
    const huge = JSON.stringify({ ...schema, description: 'x'.repeat(2 * 1024 * 1024) });
    expect((await put('/v1/standards/clinic-visit/versions/1.6.0', huge, 'application/json', t.tokens.author)).statusCode).toBe(413);
    expect((await put('/v1/standards/clinic-visit/versions/1.6.0', 'a,b', 'text/csv', t.tokens.author)).statusCode).toBe(415);
  });

  it('refuses a version that is not newer than the latest', async () => {
    const response = await put('/v1/standards/patient-demographics/versions/1.0.5', JSON.stringify(schema), 'application/json', t.tokens.admin);
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('1.0.5 is not higher than 2.1.0, the latest version') })]),
    );
  });

  it('deprecates a version, audits it, and shows the audit log to admins only', async () => {
    const response = await t.call({ method: 'POST', url: '/v1/standards/clinic-visit/versions/1.0.0/deprecate', headers: bearer(t.tokens.author) });
    expect(response.statusCode).toBe(200);
    expect(response.result).toMatchObject({ version: '1.0.0', status: 'deprecated' });
    expect((await t.call({ method: 'GET', url: '/v1/audit', headers: bearer(t.tokens.author) })).statusCode).toBe(403);
    const audit = await t.call({ method: 'GET', url: '/v1/audit?limit=5', headers: bearer(t.tokens.admin) });
    const entries = (audit.result as { entries: { action: string; standardId: string; version: string; actor: string }[] }).entries;
    expect(entries[0]).toMatchObject({
      action: 'deprecate',
      standardId: 'clinic-visit',
      version: '1.0.0',
      actor: expect.stringContaining('author:test author'),
    });
    expect(entries.some((e) => e.action === 'publish' && e.standardId === 'clinic-visit')).toBe(true);
  });

  it('creates and updates standard metadata, validating it', async () => {
    const body = { title: 'Ward stay', owner: 'NHS England (illustrative)', description: 'A ward stay.', compatibility: 'FULL' };
    const created = await t.call({ method: 'PUT', url: '/v1/standards/ward-stay', payload: body, headers: bearer(t.tokens.author) });
    expect(created.statusCode).toBe(201);
    expect(created.result).toMatchObject({ id: 'ward-stay', title: 'Ward stay', metadata: { compatibility: 'FULL' }, versions: [] });
    const updated = await t.call({
      method: 'PUT',
      url: '/v1/standards/ward-stay',
      payload: { ...body, title: 'Ward stay v2' },
      headers: bearer(t.tokens.author),
    });
    expect(updated.statusCode).toBe(200);
    const bad = await t.call({
      method: 'PUT',
      url: '/v1/standards/ward-stay',
      payload: { title: '', colour: 'red', compatibility: 'SOMETIMES' },
      headers: bearer(t.tokens.author),
    });
    expect(bad.statusCode).toBe(422);
    expect(JSON.parse(bad.payload).errors).toEqual([
      { in: 'body', pointer: '/title', detail: 'must not be blank' },
      { in: 'body', pointer: '/owner', detail: 'is required' },
      { in: 'body', pointer: '/description', detail: 'is required' },
      { in: 'body', pointer: '/colour', detail: 'is not a field the schema allows' },
      {
        in: 'body',
        pointer: '/compatibility',
        detail: 'must be one of: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE',
      },
    ]);
  });
});

describe('operations', () => {
  it('serves health, readiness and the contract', async () => {
    expect((await t.call({ method: 'GET', url: '/health' })).result).toEqual({ status: 'ok' });
    expect((await t.call({ method: 'GET', url: '/ready' })).result).toEqual({ status: 'ready', store: 'sqlite' });
    const doc = (await t.call({ method: 'GET', url: '/openapi.json' })).result as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/standards/{id}/versions/{version}');
  });

  it('answers an unknown route with a problem, never a 500', async () => {
    const response = await t.app.server.inject({ method: 'GET', url: '/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.payload)).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('never logs tokens or request bodies', async () => {
    await put('/v1/standards/clinic-visit/versions/1.7.0', JSON.stringify({ ...schema, description: 'MARKER-BODY-TEXT' }), 'application/json', t.tokens.author);
    const logs = t.logs();
    expect(logs).toContain('"route":"/v1/standards/{id}/versions/{version}"');
    for (const secret of [t.tokens.admin, t.tokens.author, t.tokens.supplier, 'MARKER-BODY-TEXT', 'Bearer']) expect(logs).not.toContain(secret);
  });
});
