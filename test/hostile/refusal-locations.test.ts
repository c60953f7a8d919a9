/**
 * Every refusal names where it is: a refusal raised in the services (an unknown or retired version, a
 * version in the wrong state, an unknown standard, submission, trial or owner, a stale cursor, a bad
 * reporting period) reaches the API as a problem whose `errors` names the path or query parameter, as the
 * contract's own 400s do, with the same message the pages show. A refusal of the token, of the body's
 * declared type or coding, or of the body as a whole names the header or the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const retire = await t.call({ method: 'POST', url: '/v1/standards/patient-demographics/versions/2.0.0/retire', headers: bearer(t.tokens.admin) });
  expect(retire.statusCode).toBe(200);
});
afterAll(async () => t.stop());

const PD = '/v1/standards/patient-demographics';
const UUID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const NDJSON = '{"localPatientId":"P1"}\n';
type Case = {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  token?: keyof TestApp['tokens'];
  body?: string;
  status: number;
  in: 'path' | 'query';
  parameter: string;
};

const CASES: Case[] = [
  {
    name: 'an unknown version',
    method: 'POST',
    url: `${PD}/versions/9.9.9/validate`,
    token: 'supplier',
    body: NDJSON,
    status: 404,
    in: 'path',
    parameter: 'version',
  },
  {
    name: 'a retired version',
    method: 'POST',
    url: `${PD}/versions/2.0.0/validate`,
    token: 'supplier',
    body: NDJSON,
    status: 410,
    in: 'path',
    parameter: 'version',
  },
  {
    name: 'a retired version deprecated',
    method: 'POST',
    url: `${PD}/versions/2.0.0/deprecate`,
    token: 'admin',
    status: 409,
    in: 'path',
    parameter: 'version',
  },
  { name: 'a version that is not exact', method: 'POST', url: `${PD}/versions/2/deprecate`, token: 'admin', status: 400, in: 'path', parameter: 'version' },
  { name: 'an unknown version read', method: 'GET', url: `${PD}/versions/7`, status: 404, in: 'path', parameter: 'version' },
  { name: 'an unknown standard', method: 'GET', url: '/v1/standards/no-such-standard', status: 404, in: 'path', parameter: 'id' },
  {
    name: 'an unknown standard validated',
    method: 'POST',
    url: '/v1/standards/no-such-standard/versions/1/validate',
    token: 'supplier',
    body: NDJSON,
    status: 404,
    in: 'path',
    parameter: 'id',
  },
  { name: 'an unknown from', method: 'GET', url: `${PD}/changes?from=9.9.9`, status: 404, in: 'query', parameter: 'from' },
  { name: 'an unknown to', method: 'GET', url: `${PD}/changes?to=9`, status: 404, in: 'query', parameter: 'to' },
  { name: 'an unknown submission', method: 'GET', url: `/v1/submissions/${UUID}`, token: 'admin', status: 404, in: 'path', parameter: 'id' },
  { name: 'an unknown trial', method: 'GET', url: `/v1/trials/${UUID}`, token: 'supplier', status: 404, in: 'path', parameter: 'id' },
  {
    name: 'a cursor not given by the service',
    method: 'GET',
    url: '/v1/submissions?cursor=AAAA',
    token: 'admin',
    status: 400,
    in: 'query',
    parameter: 'cursor',
  },
  { name: 'an owner that is not one', method: 'DELETE', url: `${PD}/owners/org:ABC12`, token: 'admin', status: 404, in: 'path', parameter: 'owner' },
  { name: 'an unknown artefact', method: 'GET', url: '/v1/artefacts/code-lists/no-such-list', status: 404, in: 'path', parameter: 'id' },
  {
    name: 'an unknown artefact version',
    method: 'GET',
    url: '/v1/artefacts/code-lists/ethnic-category/versions/9.9.9',
    status: 404,
    in: 'path',
    parameter: 'version',
  },
  {
    name: 'a bad reporting period',
    method: 'POST',
    url: `${PD}/versions/2.0.1/validate?period=2026-13`,
    token: 'supplier',
    body: NDJSON,
    status: 400,
    in: 'query',
    parameter: 'period',
  },
];

describe('a refusal raised in the services', () => {
  it.each(CASES)('$name: $status naming the $in parameter $parameter', async (c) => {
    const response = await t.call({
      method: c.method,
      url: c.url,
      ...(c.body ? { payload: c.body } : {}),
      headers: { ...(c.token ? bearer(t.tokens[c.token]) : {}), ...(c.body ? { 'content-type': 'application/x-ndjson' } : {}) },
    });
    expect(response.statusCode, response.payload).toBe(c.status);
    const body = JSON.parse(response.payload) as { detail: string; errors?: Record<string, unknown>[] };
    expect(body.errors, response.payload).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ in: c.in, name: c.parameter, pointer: `/${c.parameter}` });
    expect(typeof body.errors![0]!.detail).toBe('string');
  });

  it('says the same on the pages as on the API', async () => {
    const api = JSON.parse((await t.call({ method: 'GET', url: `${PD}/versions/9.9.9` })).payload) as { detail: string };
    const page = await t.server.inject({ method: 'GET', url: '/standards/patient-demographics/9.9.9' });
    expect(page.statusCode).toBe(404);
    expect(page.payload).toContain(api.detail.replaceAll('"', '&quot;'));
  });
});

describe('a refusal of a header or of the body as a whole', () => {
  const MAPPING = '/v1/standards/patient-demographics/column-mappings';
  const cases: {
    name: string;
    method: 'GET' | 'PUT' | 'POST';
    url: string;
    headers: Record<string, string>;
    body?: string;
    status: number;
    where: Record<string, string>;
  }[] = [
    { name: 'no token', method: 'GET', url: '/v1/submissions', headers: {}, status: 401, where: { in: 'header', name: 'Authorization' } },
    {
      name: 'a revoked or unknown token',
      method: 'GET',
      url: '/v1/submissions',
      headers: { authorization: 'Bearer nope' },
      status: 401,
      where: { in: 'header', name: 'Authorization' },
    },
    {
      name: "a supplier's token publishing",
      method: 'POST',
      url: `${PD}/versions/2.0.1/deprecate`,
      headers: { token: 'supplier' },
      status: 403,
      where: { in: 'header', name: 'Authorization' },
    },
    {
      name: 'a type the route does not take',
      method: 'POST',
      url: `${PD}/versions/2.0.1/validate`,
      headers: { token: 'supplier', 'content-type': 'text/plain' },
      body: 'x',
      status: 415,
      where: { in: 'header', name: 'Content-Type' },
    },
    {
      name: 'a coding the service does not read',
      method: 'PUT',
      url: MAPPING,
      headers: { token: 'supplier', 'content-type': 'application/json', 'content-encoding': 'br' },
      body: '{}',
      status: 415,
      where: { in: 'header', name: 'Content-Encoding' },
    },
    {
      name: 'a body that is not JSON',
      method: 'PUT',
      url: MAPPING,
      headers: { token: 'supplier', 'content-type': 'application/json' },
      body: '{"columns":',
      status: 400,
      where: { in: 'body', pointer: '' },
    },
    {
      name: 'a key given twice',
      method: 'PUT',
      url: MAPPING,
      headers: { token: 'supplier', 'content-type': 'application/json' },
      body: '{"columns":{"a":"nhsNumber","a":"nhsNumber"}}',
      status: 400,
      where: { in: 'body', pointer: '/columns/a' },
    },
    {
      name: 'a body over the limit',
      method: 'PUT',
      url: MAPPING,
      headers: { token: 'supplier', 'content-type': 'application/json' },
      body: `{"columns":{"a":"${'x'.repeat(300 * 1024)}"}}`,
      status: 413,
      where: { in: 'body', pointer: '' },
    },
  ];
  it.each(cases)('$name: $status naming it', async (c) => {
    const { token, ...headers } = c.headers;
    const response = await t.call({
      method: c.method,
      url: c.url,
      ...(c.body !== undefined ? { payload: c.body } : {}),
      headers: { ...headers, ...(token ? bearer(t.tokens[token as keyof TestApp['tokens']]) : {}) },
    });
    expect(response.statusCode, response.payload).toBe(c.status);
    const body = JSON.parse(response.payload) as { detail: string; errors?: Record<string, unknown>[] };
    expect(body.errors).toEqual([{ ...c.where, detail: body.detail }]);
  });
});
