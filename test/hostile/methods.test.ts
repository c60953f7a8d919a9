/**
 * A path the service serves, asked with a method it does not answer there, is a 405 with an `Allow`
 * header listing the methods it does answer: a problem on the API's paths, an error page on the web's.
 * A path that no method serves stays a 404. Checked over every operation the OpenAPI document declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { openApiDocument } from '../../src/http/openapi.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** A value for each path parameter that reaches the route (the route itself then judges it). */
const EXAMPLES: Record<string, string> = { id: 'patient-demographics', version: '2.0.1', owner: 'library', kind: 'code-lists' };
const concrete = (template: string) => template.replace(/\{(\w+)\}/g, (_m, name: string) => EXAMPLES[name] ?? 'x');
const problemOf = (payload: string) => JSON.parse(payload) as Record<string, unknown>;

describe('a method a path does not answer', () => {
  it('is a 405 on every API path, with Allow listing the declared methods (HEAD with GET) and a problem saying so', async () => {
    let checked = 0;
    for (const [template, operations] of Object.entries(openApiDocument.paths)) {
      const declared = Object.keys(operations).map((m) => m.toUpperCase());
      const allow = METHODS.filter((m) => declared.includes(m) || (m === 'HEAD' && declared.includes('GET')));
      const path = concrete(template);
      for (const method of METHODS.filter((m) => !allow.includes(m))) {
        checked++;
        const response = await t.server.inject({ method, url: path, headers: bearer(t.tokens.admin) });
        expect(response.statusCode, `${method} ${path}`).toBe(405);
        expect(response.headers.allow, `${method} ${path}`).toBe(allow.join(', '));
        expect(response.headers['content-type']).toBe('application/problem+json');
        if (method === 'HEAD') continue; // the same answer, without its body
        const detail = `${method} is not a method of this address; it answers ${allow.join(', ')}`;
        expect(problemOf(response.payload)).toEqual({
          type: 'https://conform.invalid/problems/http-405',
          title: 'Method not allowed',
          status: 405,
          detail,
          errors: [{ in: 'method', name: method, allow, detail }],
          instance: path,
        });
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('names the methods of the two paths in the report: DELETE /v1/standards and PUT …/validate', async () => {
    const list = await t.server.inject({ method: 'DELETE', url: '/v1/standards' });
    expect([list.statusCode, list.headers.allow]).toEqual([405, 'GET, HEAD']);
    const validate = await t.server.inject({
      method: 'PUT',
      url: '/v1/standards/patient-demographics/versions/2.0.1/validate',
      headers: bearer(t.tokens.supplier),
    });
    expect([validate.statusCode, validate.headers.allow]).toEqual([405, 'POST']);
    expect(problemOf(validate.payload).detail).toBe('PUT is not a method of this address; it answers POST');
    // A trailing slash is the same path (the router strips it).
    expect((await t.server.inject({ method: 'DELETE', url: '/v1/standards/' })).headers.allow).toBe('GET, HEAD');
  });

  it('keeps 404 for a path that no method serves', async () => {
    for (const url of ['/v1/nothing', '/v1/standards/patient-demographics/versions/2.0.1/nothing', '/v2/standards']) {
      for (const method of ['GET', 'DELETE', 'POST']) {
        const response = await t.server.inject({ method, url, headers: bearer(t.tokens.admin) });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.headers.allow).toBeUndefined();
      }
    }
    const response = await t.server.inject({ method: 'DELETE', url: '/v1/nothing' });
    expect(problemOf(response.payload)).toMatchObject({
      type: 'https://conform.invalid/problems/http-404',
      status: 404,
      errors: [{ in: 'path', pointer: '', detail: 'the API has no address /v1/nothing' }],
    });
  });

  it('is an error page with Allow on the web pages', async () => {
    for (const [method, url, allow] of [
      ['DELETE', '/', 'GET, HEAD'],
      ['PUT', '/validate', 'GET, HEAD, POST'],
      ['PUT', '/sign-in', 'GET, HEAD, POST'],
      ['POST', '/standards/patient-demographics', 'GET, HEAD'],
      ['DELETE', '/assets/nhsuk-frontend.min.css', 'GET, HEAD'],
    ] as const) {
      const response = await t.server.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers.allow, `${method} ${url}`).toBe(allow);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.payload).toContain('There is a problem');
      expect(response.payload).toContain(`${method} is not a method of this address; it answers ${allow}`);
    }
    const missing = await t.server.inject({ method: 'DELETE', url: '/no-such-page' });
    expect([missing.statusCode, missing.headers.allow]).toEqual([404, undefined]);
    expect(missing.payload).toContain('Page not found');
  });
});
