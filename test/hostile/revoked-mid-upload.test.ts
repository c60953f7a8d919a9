/**
 * Hostile: a token revoked while its submission is arriving (a leaked token an admin stops). The token is
 * checked when the request starts and again before the report is stored: the upload is a 401 saying so,
 * and nothing is stored. Such an upload was stored (201) under the revoked token, however long after the
 * revocation its body ended. Real sockets (the app from dist/), so the revocation falls between the
 * request's authentication and the end of its body.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveApp, type LiveApp } from './support.js';
import { signIn } from './web-support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({});
});
afterAll(async () => live.stop());

const HEAD = 'localPatientId,nhsNumber\n';
const ROW = 'LP-1,9434765919\n';
const VALIDATE = '/v1/standards/patient-demographics/versions/2.0.1/validate';
const ORG = 'RV1';
const stored = async () => (await live.app.store.listSubmissions({ limit: 1000 })).length;

async function supplier(name: string): Promise<{ token: string; id: string }> {
  const issued = await live.app.services.access.issue({ name, role: 'supplier', organisation: ORG }, 'test');
  return { token: issued.token, id: issued.stored.id };
}

/**
 * Sends the first rows, waits until the validation is admitted (its request authenticated, its body being
 * read), runs `between` (the revocation), then sends the rest; the answer's status, headers and body.
 */
function uploadAround(
  path: string,
  headers: Record<string, string>,
  between: () => Promise<void>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: live.port, method: 'POST', path, agent: false, headers: { ...headers, 'content-type': 'text/csv' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.write(HEAD + ROW.repeat(50));
    void (async () => {
      const until = Date.now() + 5000;
      while (live.app.admission.inUse(ORG) === 0) {
        if (Date.now() > until) return reject(new Error('the validation was never admitted'));
        await new Promise((r) => setTimeout(r, 5));
      }
      await between();
      req.end(ROW.repeat(50));
    })();
  });
}

describe('a token revoked while its submission arrives', () => {
  it('the API answers 401 and stores nothing', async () => {
    const { token, id } = await supplier('leaked feed');
    const before = await stored();
    const response = await uploadAround(VALIDATE, { authorization: `Bearer ${token}` }, () => live.app.services.access.revoke(id, 'test'));
    expect(response.status, response.body.slice(0, 300)).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    const problem = JSON.parse(response.body) as { type: string; detail: string };
    expect(problem.type).toBe('https://conform.invalid/problems/http-401');
    expect(problem.detail).toBe('the token was revoked while this submission was being sent; nothing was stored');
    expect(await stored()).toBe(before);
    expect(live.logs()).not.toContain('9434765919');
  });

  it('the web upload shows the form with the refusal and stores nothing', async () => {
    const { token, id } = await supplier('leaked browser');
    const { cookie, crumb } = await signIn(live.app.server, token);
    const before = await stored();
    const response = await uploadAround('/validate/upload?standard=patient-demographics%402.0.1&name=people.csv', { cookie, 'x-csrf-token': crumb }, () =>
      live.app.services.access.revoke(id, 'test'),
    );
    expect(response.status).toBe(401);
    expect(response.body).toContain('the token was revoked while this submission was being sent; nothing was stored');
    expect(await stored()).toBe(before);
  });

  it('a live token is stored as before', async () => {
    const { token } = await supplier('live feed');
    const before = await stored();
    const response = await uploadAround(VALIDATE, { authorization: `Bearer ${token}` }, async () => undefined);
    expect(response.status).toBe(201);
    expect((JSON.parse(response.body) as { stats: { records: number } }).stats.records).toBe(100);
    expect(await stored()).toBe(before + 1);
  });
});
