/**
 * The web pages under attack, on a real server on loopback: a large multipart upload keeps memory flat;
 * the form's CSRF crumb is checked before its file is read; `next` never leaves the site; every response
 * carries the security headers; failed sign-ins are limited (429 with Retry-After) while /health answers;
 * a cookie captured before signing out no longer works, on any replica.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, cookiesOf, crumbOf, healthMs, multipartParts, postParts, signIn } from './web-support.js';

const person = JSON.stringify({
  localPatientId: 'P1',
  nhsNumber: '9434765919',
  givenName: 'A',
  familyName: 'B',
  dateOfBirth: '1980-01-01',
  personStatedGender: '1',
  address: { postcode: 'LS1 4AP' },
  lastUpdated: '2024-01-01T00:00:00Z',
});

describe('the streamed upload form', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_COOKIE_INSECURE: 'true' });
    await t.server.start();
    base = t.server.info.uri;
  });
  afterAll(async () => t.stop());

  it('streams a ~100 MB multipart upload into the submission with flat memory, and reports every record', { timeout: 60_000 }, async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const line = `${person}\n`;
    const chunk = Buffer.from(line.repeat(Math.floor((1024 * 1024) / line.length)));
    const repeat = 100;
    const records = (chunk.length / line.length) * repeat;
    const parts = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@1.1.0'],
      ],
      { name: 'people.ndjson', chunk, repeat },
    );
    const bodyBytes = parts.reduce((n, p) => n + p.length, 0);
    expect(bodyBytes).toBeGreaterThan(100_000_000);
    // A first, smaller upload and a first health probe (fetch loads undici) bring the heap to its working
    // size, so what follows measures the body alone.
    await healthMs(base);
    const warmUp = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@1.1.0'],
      ],
      { name: 'people.ndjson', chunk, repeat: 20 },
    );
    expect((await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, warmUp)).status).toBe(303);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const health: number[] = [];
    const probe = setInterval(() => void healthMs(base).then((ms) => health.push(ms)), 500);
    let response;
    try {
      response = await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, parts);
    } finally {
      clearInterval(sampler);
      clearInterval(probe);
    }
    const growth = peak - before;
    console.info(`[hostile web] ${(bodyBytes / 2 ** 20).toFixed(0)} MiB multipart: RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB`);
    expect(response.status, response.body.slice(0, 500)).toBe(303);
    const report = await (await fetch(`${base}${String(response.headers.location)}`, { headers: { cookie } })).text();
    expect(report).toContain('<h1>Validation report</h1>');
    expect(report).toMatch(new RegExp(`Records</dt><dd class="nhsuk-summary-list__value">${records.toLocaleString('en-GB')}</dd>`));
    expect(report).toMatch(new RegExp(`Valid</dt><dd class="nhsuk-summary-list__value">${records.toLocaleString('en-GB')}</dd>`));
    // Buffered whole, the body alone would add 100 MiB; streamed, growth is a few MiB.
    expect(growth, `RSS grew by ${growth} bytes for a ${bodyBytes}-byte body`).toBeLessThan(bodyBytes / 5);
    expect(health.length, 'health was probed during the upload').toBeGreaterThan(0);
    expect(Math.max(...health), `health answered in ${health.map((ms) => ms.toFixed(0)).join(', ')} ms`).toBeLessThan(1000);
  });

  it('refuses a form without its crumb, with a wrong one, or with the crumb after the file (403), before reading the file', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const stored = async () =>
      (await t.app.services.submissions.list(await t.app.services.access.authenticate(t.tokens.supplier).then((p) => p!), { limit: 1000 })).submissions.length;
    const count = await stored();
    const file = { name: 'people.ndjson', chunk: Buffer.from(`${person}\n`), repeat: 3 };
    const cases: [string, Buffer[]][] = [
      ['no crumb', multipartParts([['standard', 'patient-demographics@1.1.0']], file)],
      [
        'a wrong crumb',
        multipartParts(
          [
            ['crumb', `${crumb.slice(0, -2)}xx`],
            ['standard', 'patient-demographics@1.1.0'],
          ],
          file,
        ),
      ],
      ['the crumb after the file', multipartParts([['standard', 'patient-demographics@1.1.0']], file, [['crumb', crumb]])],
    ];
    for (const [what, parts] of cases) {
      const response = await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, parts);
      expect(response.status, what).toBe(403);
      expect(response.body, what).toContain('<h1>You cannot do that</h1>');
      expect(response.body, what).toContain('The form expired. Go back, reload the page and try again.');
    }
    expect(await stored(), 'nothing was stored').toBe(count);

    // The answer comes while the file is still being sent: the server does not read it.
    const answer = await new Promise<{ status: number; bodySent: boolean }>((resolve, reject) => {
      const req = httpRequest(`${base}/validate`, {
        method: 'POST',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(200 * 1024 * 1024) },
      });
      let ended = false;
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, bodySent: ended });
        req.destroy();
      });
      req.on('error', (error) => (ended ? undefined : reject(error)));
      req.write(
        Buffer.concat(
          multipartParts(
            [
              ['crumb', 'forged'],
              ['standard', 'patient-demographics@1.1.0'],
            ],
            { ...file, repeat: 1 },
          ).slice(0, -2),
        ),
      );
      setTimeout(() => {
        ended = true;
      }, 10_000).unref();
    });
    expect(answer).toEqual({ status: 403, bodySent: false });
  });

  it('keeps the choice and shows refusals on the form: no file, a second file, an unknown standard, too many fields', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const post = (parts: Buffer[]) => postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, parts);
    const file = { name: 'people.ndjson', chunk: Buffer.from(`${person}\n`), repeat: 2 };
    const noFile = await post(
      multipartParts(
        [
          ['crumb', crumb],
          ['standard', 'patient-demographics@1.1.0'],
        ],
        { ...file, name: '' },
      ),
    );
    expect(noFile.status).toBe(400);
    expect(noFile.body).toContain('Choose a file');
    expect(noFile.body).toMatch(/<option value="patient-demographics@1.1.0" selected>/);
    const second = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="b.ndjson"\r\n\r\n${person}\r\n`);
    const two = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@1.1.0'],
      ],
      file,
    );
    const twoFiles = await post([...two.slice(0, -1), second, two.at(-1)!]);
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body).toContain('Choose one file');
    const unknown = await post(
      multipartParts(
        [
          ['crumb', crumb],
          ['standard', 'no-such-standard@1.0.0'],
        ],
        file,
      ),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('There is a problem');
    expect(unknown.body).toMatch(/unknown standard/);
    const many = Array.from({ length: 20 }, (_, i): [string, string] => [`f${i}`, 'x']);
    const tooMany = await post(multipartParts([['crumb', crumb], ['standard', 'patient-demographics@1.1.0'], ...many], file));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain('The form has too many fields');
    const long = await post(
      multipartParts(
        [
          ['crumb', crumb],
          ['standard', 'x'.repeat(5000)],
        ],
        file,
      ),
    );
    expect(long.status).toBe(400);
    expect(long.body).toContain('A field of the form is too long');
    expect(await healthMs(base)).toBeLessThan(1000);
  });

  it('applies the submission size limit to the form, counted after decompression (413 on the form)', async () => {
    const small = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true', CONFORM_MAX_SUBMISSION_BYTES: '4096' });
    try {
      const { cookie, crumb } = await signIn(small.server, small.tokens.supplier);
      const parts = multipartParts(
        [
          ['crumb', crumb],
          ['standard', 'patient-demographics@1.1.0'],
        ],
        {
          name: 'people.ndjson',
          chunk: Buffer.from(`${person}\n`),
          repeat: 100,
        },
      );
      const response = await small.server.inject({
        method: 'POST',
        url: '/validate',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: Buffer.concat(parts),
      });
      expect(response.statusCode).toBe(413);
      expect(response.payload).toContain('larger than the limit of 4 KiB');
      expect(response.payload).toContain('<h1>Validate a file</h1>');
    } finally {
      await small.stop();
    }
  });
});

describe('where signing in leads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  });
  afterAll(async () => t.stop());

  const hostile = [
    '//evil.com',
    '/\\evil.com',
    '/\tevil.com',
    '/\t/evil.com',
    '/%5Cevil.com',
    '/%2F/evil.com',
    '/%2fevil.com',
    '///evil.com',
    '/\\/evil.com',
    '\\\\evil.com',
    'https://evil.com',
    'http:/evil.com',
    '//evil.com/validate',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' /x',
    '/x ',
    '/x\r\nSet-Cookie: a=b',
    '/x\nLocation: https://evil.com',
    '/\u0000evil',
    '/\u3000evil',
    '/..//evil.com',
    '/./\\evil.com',
    'evil.com',
    '',
  ];

  it('GET /sign-in puts only a path on this site in the form', async () => {
    for (const next of hostile) {
      const response = await t.server.inject({ method: 'GET', url: `/sign-in?next=${encodeURIComponent(next)}` });
      expect(response.statusCode, JSON.stringify(next)).toBe(200);
      expect(/name="next" value="([^"]*)"/.exec(response.payload)?.[1], JSON.stringify(next)).toBe('/validate');
    }
    const kept = await t.server.inject({ method: 'GET', url: `/sign-in?next=${encodeURIComponent('/quality?standard=patient-demographics')}` });
    expect(/name="next" value="([^"]*)"/.exec(kept.payload)?.[1]).toBe('/quality?standard=patient-demographics');
  });

  it('POST /sign-in redirects only to a path on this site', async () => {
    const form = await t.server.inject({ method: 'GET', url: '/sign-in' });
    const cookie = cookiesOf(form.headers);
    const crumb = crumbOf(form.payload);
    const post = (next: string) =>
      t.server.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ crumb, token: t.tokens.supplier, next }).toString(),
      });
    for (const next of hostile) {
      const response = await post(next);
      expect(response.statusCode, JSON.stringify(next)).toBe(302);
      expect(response.headers.location, JSON.stringify(next)).toBe('/validate');
      expect(response.headers['set-cookie']?.toString(), JSON.stringify(next)).not.toMatch(/(^|,)\s*a=b/);
    }
    for (const [next, location] of [
      ['/quality?standard=patient-demographics', '/quality?standard=patient-demographics'],
      ['/standards/patient-demographics/1.1.0#fields', '/standards/patient-demographics/1.1.0#fields'],
      ['/a/../validate', '/validate'],
    ]) {
      expect((await post(next!)).headers.location, next).toBe(location);
    }
  });
});

describe('security headers', () => {
  const PAGE_CSP =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  let secure: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    secure = await startTestApp();
    plain = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  });
  afterAll(async () => {
    await secure.stop();
    await plain.stop();
  });

  const common = {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };

  it('every page, redirect, error page and asset has the CSP, framing, sniffing, referrer and permissions headers', async () => {
    const { cookie } = await signIn(plain.server, plain.tokens.supplier);
    for (const [url, status, withCookie] of [
      ['/', 200, false],
      ['/sign-in', 200, false],
      ['/standards/patient-demographics/1.1.0', 200, false],
      ['/validate', 302, false],
      ['/validate', 200, true],
      ['/quality?standard=patient-demographics', 200, true],
      ['/standards/nope', 404, false],
      ['/no/such/page', 404, false],
      ['/assets/nhsuk-frontend.min.css', 200, false],
      ['/web/init.js', 200, false],
    ] as const) {
      const response = await plain.server.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers, url).toMatchObject({ ...common, 'content-security-policy': PAGE_CSP });
      expect(response.headers['strict-transport-security'], `${url}: no HSTS over plain HTTP`).toBeUndefined();
    }
    const forged = await plain.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=x',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers).toMatchObject({ ...common, 'content-security-policy': PAGE_CSP });
  });

  it('the API answers with nosniff, no framing and a CSP that loads nothing', async () => {
    for (const [url, status] of [
      ['/health', 200],
      ['/openapi.json', 200],
      ['/v1/standards', 200],
      ['/v1/standards/nope', 404],
      ['/v1/submissions', 401],
    ] as const) {
      const response = await plain.server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers, url).toMatchObject({ ...common, 'content-security-policy': API_CSP });
    }
  });

  it('sends Strict-Transport-Security when the service is served over HTTPS (secure cookies)', async () => {
    for (const url of ['/', '/sign-in', '/health', '/no/such/page']) {
      const response = await secure.server.inject({ method: 'GET', url });
      expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
  });
});

describe('failed sign-ins', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_COOKIE_INSECURE: 'true', CONFORM_SIGN_IN_FAILURES_TOTAL: '40' });
    await t.server.start();
    base = t.server.info.uri;
  });
  afterAll(async () => t.stop());

  async function attempt(token: string, cookie: string, crumb: string): Promise<Response> {
    return fetch(`${base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ crumb, token }).toString(),
      signal: AbortSignal.timeout(5000),
    });
  }

  it('answers 429 with Retry-After after 10 wrong tokens from one address, while /health answers and a good token still signs in', async () => {
    const form = await fetch(`${base}/sign-in`);
    const html = await form.text();
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const crumb = crumbOf(html);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await attempt(`cfm_wrong_${i}`, cookie, crumb);
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual(Array(10).fill(401));
    // A burst of further guesses: all refused without being checked, and the service stays responsive.
    const burst = Array.from({ length: 30 }, (_, i) => attempt(`cfm_burst_${i}`, cookie, crumb));
    const during = await healthMs(base);
    const answers = await Promise.all(burst);
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(429));
    const limited = answers[0]!;
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const page = await limited.text();
    expect(page).toContain('<h1>Too many attempts to sign in</h1>');
    expect(page).toMatch(/Check the token, wait \d+ seconds?, then try again/);
    expect(during, 'GET /health during the attack (ms)').toBeLessThan(1000);
    // A good token from the same address (a proxy's, shared by everyone behind it) still signs in.
    const good = await attempt(t.tokens.supplier, cookie, crumb);
    expect(good.status, 'a valid token signs in, whoever failed before it').toBe(302);
    expect(good.headers.get('set-cookie') ?? '').toContain('conform_session');
  });

  it("another address's failures do not block a person's wrong token until the overall limit, which then refuses anyone's, never a valid one", async () => {
    const form = await t.server.inject({ method: 'GET', url: '/sign-in' });
    const cookie = cookiesOf(form.headers);
    const crumb = crumbOf(form.payload);
    const post = (token: string, remoteAddress: string) =>
      t.server.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ crumb, token }).toString(),
      });
    // 10 failures from 127.0.0.1 so far (the previous test); 10 more from 10.0.0.1 and 10.0.0.2 each.
    for (const address of ['10.0.0.1', '10.0.0.2']) for (let i = 0; i < 10; i++) expect((await post('cfm_wrong', address)).statusCode).toBe(401);
    expect((await post('cfm_wrong', '10.0.0.1')).statusCode).toBe(429);
    expect((await post(t.tokens.supplier, '10.0.0.9')).statusCode, 'another address signs in').toBe(302);
    // The overall limit (40 a minute here): 10 more failures from a fourth address reach it.
    for (let i = 0; i < 10; i++) expect((await post('cfm_wrong', '10.0.0.3')).statusCode).toBe(401);
    const everyone = await post('cfm_wrong', '10.0.0.9');
    expect(everyone.statusCode).toBe(429);
    expect(Number(everyone.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post(t.tokens.supplier, '10.0.0.9')).statusCode, 'a valid token signs in past the overall limit').toBe(302);
  });
});

describe('signing out', () => {
  it('ends the session: a cookie captured before signing out is refused after it', async () => {
    const t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
    try {
      const { cookie } = await signIn(t.server, t.tokens.supplier);
      const page = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.payload).toContain('Signed in as test supplier');
      const out = await t.server.inject({
        method: 'POST',
        url: '/sign-out',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `crumb=${crumbOf(page.payload)}`,
      });
      expect(out.statusCode).toBe(302);
      const replay = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
      expect(replay.statusCode).toBe(302);
      expect(replay.headers.location).toBe('/sign-in?next=%2Fvalidate');
      const publicPage = await t.server.inject({ method: 'GET', url: '/', headers: { cookie } });
      expect(publicPage.payload).not.toContain('Signed in as');
    } finally {
      await t.stop();
    }
  });

  it('works across replicas sharing a store: signed in on one, used and signed out on the other, refused on both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conform-sessions-'));
    const env = { CONFORM_DATA_DIR: dir, CONFORM_COOKIE_INSECURE: 'true', CONFORM_SESSION_SECRET: 'a-shared-secret-of-at-least-32-characters' };
    const a = await startTestApp(env);
    const b = await startTestApp(env);
    try {
      const { cookie } = await signIn(a.server, a.tokens.supplier);
      const onB = await b.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
      expect(onB.statusCode, 'the session works on the other replica').toBe(200);
      const out = await b.server.inject({
        method: 'POST',
        url: '/sign-out',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `crumb=${crumbOf(onB.payload)}`,
      });
      expect(out.statusCode).toBe(302);
      for (const replica of [a, b]) {
        const replay = await replica.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
        expect(replay.statusCode).toBe(302);
        expect(replay.headers.location).toBe('/sign-in?next=%2Fvalidate');
      }
    } finally {
      await a.stop();
      await b.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
