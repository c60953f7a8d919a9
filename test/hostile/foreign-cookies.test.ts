/**
 * Cookies another site on the same domain set, that RFC 6265 does not allow (a space in a value, a name
 * left empty, an unclosed quote, empty pairs): each is left out, never the whole header. hapi's strict
 * reading answered every page with a 400 for one of them, a signed-in supplier's too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from './web-support.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

const FOREIGN = ['=; ;;; other=1', 'theme=a b', 'x="quoted', 'foo=bar;;', 'a=1; a=2', 'SESSIONID=4/7/2016 18:31:45 PM'];

describe('cookies of another site on the same domain', () => {
  it('leave a public page answered', async () => {
    for (const foreign of FOREIGN) {
      const response = await t.server.inject({ method: 'GET', url: '/', headers: { cookie: foreign } });
      expect(response.statusCode, foreign).toBe(200);
    }
  });

  it('leave a signed-in supplier signed in, before or after the session cookie', async () => {
    for (const foreign of FOREIGN) {
      for (const header of [`${foreign}; ${cookie}`, `${cookie}; ${foreign}`]) {
        const response = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie: header } });
        expect(response.statusCode, header).toBe(200);
        expect(response.payload, header).toContain('Sign out');
      }
    }
  });

  it('do not sign anyone in: a garbled session cookie is no session', async () => {
    const name = cookie.split('=')[0]!;
    const response = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie: `${name}=not a session; theme=a b` } });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toMatch(/sign-in/);
  });
});
