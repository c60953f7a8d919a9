/**
 * The contracts: every API route is registered from its declaration, hapi validates parameters and
 * bodies with the declared schemas (400 for a repeated, unknown or malformed parameter, 422 for a body
 * that breaks its schema, each named), and the OpenAPI document describes exactly the routes there are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { openApiDocument } from '../../src/http/openapi.js';
import { isApiPath } from '../../src/api-paths.js';
import { standardMetadataSchema, standardMetaSchema } from '../../src/registry/standard-meta.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const NDJSON = '{"localPatientId": "P1"}\n';
type Role = 'admin' | 'author' | 'supplier';

/** Each API route that takes query parameters: a request that is good but for its query. */
const QUERY_ROUTES: { name: string; method: 'GET' | 'POST'; path: string; query: string; role?: Role; parameter: string; repeated: string }[] = [
  {
    name: 'changes',
    method: 'GET',
    path: '/v1/standards/patient-demographics/changes',
    query: 'from=1.0.0',
    parameter: 'from',
    repeated: 'from=1.0.0&from=1.1.0',
  },
  {
    name: 'submissions',
    method: 'GET',
    path: '/v1/submissions',
    query: 'limit=5',
    role: 'admin',
    parameter: 'standard',
    repeated: 'standard=patient-demographics&standard=emergency-care-attendance',
  },
  {
    name: 'quality',
    method: 'GET',
    path: '/v1/quality',
    query: 'standard=patient-demographics',
    role: 'author',
    parameter: 'standard',
    repeated: 'standard=patient-demographics&standard=patient-demographics',
  },
  { name: 'audit', method: 'GET', path: '/v1/audit', query: 'limit=5', role: 'admin', parameter: 'limit', repeated: 'limit=1&limit=2' },
  {
    name: 'validate',
    method: 'POST',
    path: '/v1/standards/patient-demographics/versions/1/validate',
    query: 'maxFindings=3',
    role: 'supplier',
    parameter: 'maxFindings',
    repeated: 'maxFindings=1&maxFindings=2',
  },
];

const request = (route: (typeof QUERY_ROUTES)[number], query: string) =>
  t.call({
    method: route.method,
    url: `${route.path}?${query}`,
    ...(route.method === 'POST' ? { payload: NDJSON } : {}),
    headers: { ...(route.method === 'POST' ? { 'content-type': 'application/x-ndjson' } : {}), ...(route.role ? bearer(t.tokens[route.role]) : {}) },
  });

const badRequest = (path: string, detail: string, errors: unknown[]) => ({
  type: 'https://conform.invalid/problems/bad-request',
  title: 'Bad request',
  status: 400,
  detail,
  instance: path,
  errors,
});

describe('query parameters', () => {
  it.each(QUERY_ROUTES)('$name: the good query is answered', async (route) => {
    expect((await request(route, route.query)).statusCode).toBe(route.method === 'POST' ? 201 : 200);
  });

  it.each(QUERY_ROUTES)('$name: a repeated parameter is a 400 naming it, and changes nothing', async (route) => {
    const submissions = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    const response = await request(route, route.repeated);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.payload)).toEqual(
      badRequest(route.path, `${route.parameter} must be a single value`, [
        { in: 'query', name: route.parameter, pointer: `/${route.parameter}`, detail: 'must be a single value' },
      ]),
    );
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(submissions);
  });

  it.each(QUERY_ROUTES)('$name: an unknown parameter is a 400 naming it', async (route) => {
    const response = await request(route, `${route.query}&colour=red`);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload)).toEqual(
      badRequest(route.path, 'colour is not a parameter of this operation', [
        { in: 'query', name: 'colour', pointer: '/colour', detail: 'is not a parameter of this operation' },
      ]),
    );
  });

  it('refuses unknown parameters where an operation takes none', async () => {
    for (const path of ['/v1/standards', '/v1/standards/patient-demographics/versions/latest', '/health']) {
      const response = await t.call({ method: 'GET', url: `${path}?verbose=1` });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.payload).errors).toEqual([
        { in: 'query', name: 'verbose', pointer: '/verbose', detail: 'is not a parameter of this operation' },
      ]);
    }
  });

  it.each([
    ['/v1/submissions?limit=abc', 'limit', 'must be a whole number from 1 to 1000'],
    ['/v1/submissions?limit=0', 'limit', 'must be a whole number from 1 to 1000'],
    ['/v1/audit?limit=1001', 'limit', 'must be a whole number from 1 to 1000'],
    ['/v1/audit?limit=', 'limit', 'must be a whole number from 1 to 1000'],
    [
      '/v1/submissions?standard=Not_An_Id',
      'standard',
      'must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics',
    ],
    ['/v1/quality?standard=patient-demographics&supplier=leeds', 'supplier', 'must be an ODS code or supplier code (3 to 10 upper-case letters and digits)'],
    ['/v1/quality?standard=patient-demographics&to=2025-13-01', 'to', 'must be a date (YYYY-MM-DD) or date-time'],
  ])('%s is a 400 naming %s', async (url, name, detail) => {
    const response = await t.call({ method: 'GET', url, headers: bearer(t.tokens.admin) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload)).toEqual(badRequest(url.split('?')[0]!, `${name} ${detail}`, [{ in: 'query', name, pointer: `/${name}`, detail }]));
  });

  // A supplier code the national immunisation pipeline maps to a supplier (9 or 10 characters) names an
  // organisation wherever one is named; it was a 400 "must be an ODS code (3 to 8 …)".
  it.each(['8J1100001', 'DPSREDUCED'])('%s is a supplier to filter by and an organisation to own a standard', async (code) => {
    const quality = await t.call({ method: 'GET', url: `/v1/quality?standard=patient-demographics&supplier=${code}`, headers: bearer(t.tokens.admin) });
    expect(quality.statusCode, quality.payload).toBe(200);
    expect(JSON.parse(quality.payload)).toMatchObject({ standard: 'patient-demographics', points: [] });
    const owner = await t.call({ method: 'PUT', url: `/v1/standards/patient-demographics/owners/org:${code}`, headers: bearer(t.tokens.admin) });
    expect(owner.statusCode, owner.payload).toBe(404);
    expect(JSON.parse(owner.payload).errors).toEqual([expect.objectContaining({ in: 'path', name: 'owner' })]);
    const tooLong = await t.call({ method: 'GET', url: `/v1/quality?standard=patient-demographics&supplier=${code}XY`, headers: bearer(t.tokens.admin) });
    expect(tooLong.statusCode).toBe(code.length + 2 > 10 ? 400 : 200);
  });

  it.each([
    ['/v1/submissions?Limit=5', 'Limit', '; did you mean "limit"?'],
    ['/v1/submissions?standrd=x', 'standrd', '; did you mean "standard"?'],
    ['/v1/audit?limits=5', 'limits', '; did you mean "limit"?'],
    ['/v1/submissions?colour=red', 'colour', ''],
    ['/v1/submissions?li=5', 'li', ''],
  ])('an unknown parameter near a declared one says which was meant: %s', async (url, name, meant) => {
    const response = await t.call({ method: 'GET', url, headers: bearer(t.tokens.admin) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload).errors).toEqual([{ in: 'query', name, pointer: `/${name}`, detail: `is not a parameter of this operation${meant}` }]);
  });

  it('a validation upload sent with ?fileName= is told the parameter is filename', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/latest/validate?fileName=a.csv',
      payload: '',
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload).errors).toEqual([
      { in: 'query', name: 'fileName', pointer: '/fileName', detail: 'is not a parameter of this operation; did you mean "filename"?' },
    ]);
  });

  it('names every bad parameter at once, in the declared order, then the unknown ones', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/submissions?x=1&limit=abc&standard=a&standard=b', headers: bearer(t.tokens.admin) });
    expect(JSON.parse(response.payload).errors).toEqual([
      { in: 'query', name: 'standard', pointer: '/standard', detail: 'must be a single value' },
      { in: 'query', name: 'limit', pointer: '/limit', detail: 'must be a whole number from 1 to 1000' },
      { in: 'query', name: 'x', pointer: '/x', detail: 'is not a parameter of this operation' },
    ]);
  });

  it('asks for a token before it looks at the query', async () => {
    expect((await t.call({ method: 'GET', url: '/v1/audit?limit=1&limit=2' })).statusCode).toBe(401);
    expect((await t.call({ method: 'GET', url: '/v1/audit?limit=1&limit=2', headers: bearer(t.tokens.author) })).statusCode).toBe(403);
  });
});

const VERSION_DETAIL =
  'must be a semantic version: an exact version MAJOR.MINOR.PATCH with no leading zeros (such as 2.0.1), latest, or a major or a major and minor (2, 2.1); the registry holds no pre-release (2.1.0-beta.1) or build (2.1.0+5) versions';

describe('path parameters', () => {
  it.each([
    ['/v1/standards/Not_An_Id', 'id', 'must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics'],
    [`/v1/standards/${'a'.repeat(65)}`, 'id', 'must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics'],
    ['/v1/standards/patient-demographics/versions/newest', 'version', VERSION_DETAIL],
    // Leading zeros, and more than three numbers, name no version (semver): 400 rather than "no version matching".
    ['/v1/standards/patient-demographics/versions/02.0.1', 'version', VERSION_DETAIL],
    ['/v1/standards/patient-demographics/versions/2.00', 'version', VERSION_DETAIL],
    ['/v1/standards/patient-demographics/versions/2.0.1.0', 'version', VERSION_DETAIL],
    ['/v1/standards/patient-demographics/versions/02.0.1/types.ts', 'version', VERSION_DETAIL],
    ['/v1/standards/patient-demographics/versions/02.0.1/bundle', 'version', VERSION_DETAIL],
    ['/v1/submissions/not-a-uuid', 'id', 'must be a submission id (a UUID)'],
  ])('%s is a 400 naming %s', async (url, name, detail) => {
    const response = await t.call({ method: 'GET', url, headers: bearer(t.tokens.admin) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload)).toEqual(badRequest(url, `${name} ${detail}`, [{ in: 'path', name, pointer: `/${name}`, detail }]));
  });
});

describe('the metadata body of PUT /v1/standards/{id}', () => {
  const put = (id: string, payload: unknown) =>
    t.call({
      method: 'PUT',
      url: `/v1/standards/${id}`,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });

  it('is a 422 naming each bad field: a missing title, a field that is not one, a wrong type', async () => {
    const response = await put('bad-metadata', { owner: 'NHS England', description: 'Bad.', recordKey: 'notarray', eventDate: {}, colour: 'red' });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload)).toEqual({
      type: 'https://conform.invalid/problems/unprocessable',
      title: 'Unprocessable content',
      status: 422,
      detail: 'the standard metadata is not valid',
      instance: '/v1/standards/bad-metadata',
      errors: [
        { in: 'body', pointer: '/title', detail: 'is required' },
        { in: 'body', pointer: '/colour', detail: 'is not a field the schema allows' },
        { in: 'body', pointer: '/recordKey', detail: 'must be an array' },
        { in: 'body', pointer: '/eventDate', detail: 'must be a string' },
      ],
    });
    expect(await t.app.store.getStandard('bad-metadata')).toBeUndefined();
  });

  it.each([
    [{ recordKey: 'notarray' }, [{ in: 'body', pointer: '/recordKey', detail: 'must be an array' }]],
    [{ eventDate: {} }, [{ in: 'body', pointer: '/eventDate', detail: 'must be a string' }]],
    [{ title: '   ' }, [{ in: 'body', pointer: '/title', detail: 'must not be blank' }]],
    [
      { compatibility: 'SOMETIMES' },
      [
        {
          in: 'body',
          pointer: '/compatibility',
          detail: 'must be one of: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE',
        },
      ],
    ],
    [{ sensitiveFields: ['nhsNumber'] }, [{ in: 'body', pointer: '/sensitiveFields/0', detail: 'must match the pattern ^(/[^/]+)+$' }]],
    [
      { quality: { defaultThresholds: { '/ethnicCategory': 2 } } },
      [{ in: 'body', pointer: '/quality/defaultThresholds/~1ethnicCategory', detail: 'must be at most 1' }],
    ],
  ])('%j is a 422 naming the field', async (change, errors) => {
    const response = await put('ward-stay-bad', { title: 'Ward stay', owner: 'NHS England', description: 'A ward stay.', ...change });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload).errors).toEqual(errors);
  });

  it('is a 422 when the JSON is not an object, and a 400 when it is not JSON', async () => {
    const array = await put('ward-stay-bad', ['title']);
    expect(array.statusCode).toBe(422);
    expect(JSON.parse(array.payload).errors).toEqual([{ in: 'body', pointer: '', detail: 'must be an object, but it holds a list (of 1 item)' }]);
    const broken = await t.call({
      method: 'PUT',
      url: '/v1/standards/ward-stay-bad',
      payload: '{"title":',
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(broken.statusCode).toBe(400);
  });

  it('takes every field standard.yaml has (but id and versions), and stores it', async () => {
    const body = {
      title: 'Theatre session',
      owner: 'NHS England (illustrative)',
      description: 'One theatre session.',
      recordKey: ['/sessionId'],
      eventDate: '/start',
      submissionDeadline: 'P30D',
      compatibility: 'FULL',
      sensitiveFields: ['/surgeon'],
      quality: { defaultThresholds: { '/specialty': 0.05 } },
    };
    const response = await put('theatre-session', body);
    expect(response.statusCode).toBe(201);
    const { title, owner, description, ...metadata } = body;
    expect(response.result).toMatchObject({ id: 'theatre-session', title, owner, description, metadata, versions: [] });
  });

  it('is the very schema standard.yaml is checked with', () => {
    expect(openApiDocument.components.schemas.StandardMetadataInput).toEqual(JSON.parse(JSON.stringify(standardMetadataSchema)));
    for (const [name, schema] of Object.entries(standardMetadataSchema.properties))
      expect(standardMetaSchema.properties[name as keyof typeof standardMetaSchema.properties]).toBe(schema);
    expect(Object.keys(standardMetaSchema.properties).sort()).toEqual([...Object.keys(standardMetadataSchema.properties), 'id', 'versions'].sort());
  });
});

describe('the OpenAPI document and the routes', () => {
  type DocOperation = {
    operationId: string;
    tags: string[];
    security: Record<string, string[]>[];
    responses: Record<string, unknown>;
    parameters?: { name: string; in: string }[];
  };
  const documented = () =>
    Object.entries(openApiDocument.paths as Record<string, Record<string, DocOperation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('documents every API route exactly once, with a unique operationId, tags and the security of its auth scope', () => {
    const routes = t.server.table().filter((route) => isApiPath(route.path));
    const byKey = new Map(documented().map((d) => [d.key, d.operation]));
    const ids = new Set<string>();
    for (const route of routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const operation = byKey.get(key);
      expect(operation, key).toBeDefined();
      expect(ids.has(operation!.operationId), `${operation!.operationId} is unique`).toBe(false);
      ids.add(operation!.operationId);
      expect(route.settings.id, key).toBe(operation!.operationId);
      expect(operation!.tags.length, key).toBeGreaterThan(0);
      const auth = route.settings.auth as { strategies?: string[]; access?: { scope: { selection: string[] } }[] } | false | undefined;
      const scope = auth ? auth.access!.flatMap((a) => a.scope.selection) : [];
      if (auth) expect(auth.strategies, key).toEqual(['bearer']);
      expect(
        operation!.security
          .map((s) => Object.keys(s))
          .flat()
          .sort(),
        key,
      ).toEqual([...scope].sort());
      for (const requirement of operation!.security) expect(Object.keys(requirement), key).toHaveLength(1);
      // a route with a token answers 401, and 403 exactly when some role may not call it
      expect('401' in operation!.responses, key).toBe(scope.length > 0);
      expect('403' in operation!.responses, key).toBe(scope.length > 0 && scope.length < 3);
      // the path parameters are the route's
      expect(
        (operation!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        key,
      ).toEqual([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }
    expect(routes.length).toBe(documented().length);
    expect(
      documented()
        .map((d) => d.key)
        .sort(),
    ).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  });

  it('gives each role its own security scheme, and operations name the roles they allow', () => {
    const schemes = openApiDocument.components.securitySchemes as Record<string, { type: string; scheme: string; description: string }>;
    expect(Object.keys(schemes).sort()).toEqual(['admin', 'author', 'supplier']);
    for (const [role, scheme] of Object.entries(schemes))
      expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', description: expect.stringContaining(`--role ${role}`) });
    const security = (key: string) => documented().find((d) => d.key === key)!.operation.security;
    expect(security('POST /v1/standards/{id}/versions/{version}/validate')).toEqual([{ supplier: [] }, { admin: [] }]);
    expect(security('PUT /v1/standards/{id}/versions/{version}')).toEqual([{ author: [] }, { admin: [] }]);
    expect(security('GET /v1/audit')).toEqual([{ admin: [] }]);
    expect(security('GET /v1/standards')).toEqual([]);
  });

  it('lists every content type the validate and publish routes accept', () => {
    const paths = openApiDocument.paths as unknown as Record<string, Record<string, { requestBody: { content: Record<string, unknown> } }>>;
    expect(Object.keys(paths['/v1/standards/{id}/versions/{version}/validate']!.post!.requestBody.content)).toEqual([
      'application/json',
      'application/x-ndjson',
      'application/ndjson',
      'application/jsonl',
      'text/csv',
      // A file whose name (?filename=) says its format, the version's own extensions included.
      'application/octet-stream',
    ]);
    expect(Object.keys(paths['/v1/standards/{id}/versions/{version}']!.put!.requestBody.content)).toEqual([
      'application/json',
      'application/schema+json',
      'application/yaml',
      'application/x-yaml',
      'text/yaml',
    ]);
  });

  it.each(['application/ndjson', 'application/jsonl'])('validates a body sent as %s', async (type) => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/1/validate',
      payload: NDJSON,
      headers: { 'content-type': type, ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    expect(response.result).toMatchObject({ format: 'ndjson', stats: { records: 1 } });
  });

  it('describes the bundle and the scorecard as they are answered', async () => {
    expect((await t.call({ method: 'GET', url: '/v1/standards/patient-demographics/versions/1.1.0/bundle' })).statusCode).toBe(200);
    const report = await t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/1/validate',
      payload: NDJSON,
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.admin) },
    });
    expect(report.result).toMatchObject({ scorecard: { dimensions: { validity: { measured: true } } } });
  });
});
