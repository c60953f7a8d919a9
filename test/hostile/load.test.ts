/**
 * Many slow uploads at once, on real sockets against a server on loopback: validations beyond the
 * admission bounds are refused at once with 429 (one supplier's share) or 503 (the process's) and
 * Retry-After, before their bodies are read; the worker pool never runs more threads than its size;
 * GET /health stays fast throughout; bodies that stall end with 408 after the (shortened) idle timeout
 * and free their slots, so an honest upload then succeeds; a slow but steady upload is never cut; idle
 * bodies on other routes (PUT /v1/standards/{id}, POST /sign-in) end with 408 too; and concurrent honest
 * uploads on the pool give the same reports as one thread.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, sleep, startLiveApp, watchHealth, type LiveApp, type RawResponse } from './support.js';

const LIMITS = {
  CONFORM_WORKERS: '2',
  CONFORM_MAX_VALIDATIONS: '4',
  CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '2',
  CONFORM_RETRY_AFTER_SECONDS: '7',
  CONFORM_BODY_TIMEOUT_SECONDS: '1',
  // The trickles below (a byte every 250 ms) hold their slots: no minimum rate here (body-rate.test.ts).
  CONFORM_MIN_BODY_RATE: '0',
};
const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp(LIMITS);
});
afterAll(async () => live.stop());

/** An upload declaring 100 MB of NDJSON, whose body the test writes by hand. */
async function slowUpload(ods: string) {
  const token = await live.supplier(ods);
  const upload = rawRequest(
    live.port,
    `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n`,
  );
  upload.write('{');
  return upload;
}

function expectRefusal(answer: RawResponse, status: 429 | 503): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['retry-after']).toBe('7');
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.headers.connection).toBe('close');
  const body = JSON.parse(answer.body) as { status: number; type: string; detail: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(status === 429 ? /over-limit$/ : /unavailable$/);
  expect(body.detail).toMatch(/try again later/);
}

/** An honest NDJSON upload sent in chunks without a declared length (so it goes to the pool). */
function honestUpload(token: string, data: Buffer): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: live.port,
        method: 'POST',
        path: VALIDATE,
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A report without what differs between two runs (timing, the stored submission's id). */
const comparable = (report: Record<string, unknown>) => ({ ...report, stats: { ...(report.stats as object), seconds: 0 }, submission: undefined });

describe('many slow uploads', () => {
  it('are refused beyond the bounds with 429 or 503 and Retry-After, stall into 408 and free their slots; /health stays fast; the pool keeps its size', async () => {
    const health = watchHealth(live.port);
    // Three from one supplier, one after another: two are admitted (they get no answer), the third is over its share.
    const first = [await slowUpload('AAA01'), await slowUpload('AAA01')];
    await sleep(300);
    expect(first.map((u) => u.answered())).toEqual([false, false]);
    const third = await slowUpload('AAA01');
    expectRefusal(await third.answer, 429);
    expect((await third.answer).ms).toBeLessThan(1_000); // refused before its 100 MB arrived

    // Then 36 at once from twelve other suppliers: two more fit the process's bound of four, the rest are refused.
    const crowd = await Promise.all(Array.from({ length: 36 }, (_, i) => slowUpload(`B${String(i % 12).padStart(2, '0')}`)));
    const admitted = [...first];
    const refused: RawResponse[] = [];
    // Trickle a byte every 250 ms for 2.5 s: longer than the 1 s idle timeout, so steady uploads are not cut.
    for (let tick = 0; tick < 10; tick++) {
      for (const u of [...first, ...crowd]) u.write(' ');
      await sleep(250);
    }
    for (const u of crowd) {
      if (u.answered()) refused.push(await u.answer);
      else admitted.push(u);
    }
    expect(admitted).toHaveLength(4);
    expect(refused).toHaveLength(34);
    for (const answer of refused) expectRefusal(answer, answer.status === 429 ? 429 : 503);
    expect(refused.filter((a) => a.status === 503).length).toBeGreaterThan(0);

    // Now the admitted four stall: each ends with 408 after about a second.
    const stalled = await Promise.all(admitted.map((u) => u.answer));
    for (const answer of stalled) {
      expect(answer.status).toBe(408);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 408, detail: 'the request body stopped arriving for more than 1 second' });
    }

    // Their slots are free: four honest uploads (two suppliers, two each) are all admitted and complete on the pool.
    const honest = await Promise.all(['AAA01', 'AAA01', 'B00', 'B00'].map(async (ods) => honestUpload(await live.supplier(ods), SAMPLE)));
    expect(honest.map((h) => h.status)).toEqual([201, 201, 201, 201]);

    const { slowest, count } = await health.stop();
    expect(count).toBeGreaterThan(20);
    expect(slowest).toBeLessThan(1_000);
    const pool = live.app.pool.stats();
    expect(pool.size).toBe(2);
    expect(pool.peakThreads).toBeLessThanOrEqual(2);
    expect(pool.started).toBeGreaterThan(0); // the honest uploads ran on the pool's threads
    expect(pool.started).toBeLessThanOrEqual(2);
    expect(live.logs()).not.toMatch(/request failed/);
  }, 20_000);

  it('gives concurrent honest uploads on the pool the same reports as one thread', async () => {
    const lines = SAMPLE.toString('utf8').trimEnd().split('\n');
    // Different data per upload: the sample, reversed, doubled, and with a broken line in it.
    const bodies = [lines, [...lines].reverse(), [...lines, ...lines], [...lines.slice(0, 10), '{"oops": ', ...lines.slice(10)]].map((l) =>
      Buffer.from(l.join('\n') + '\n'),
    );
    const answers = await Promise.all(bodies.map(async (body, i) => honestUpload(await live.supplier(`C0${i}`), body)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(201);
      const report = JSON.parse(answer.body) as Record<string, unknown> & { submission: { createdAt: string } };
      // One thread, the same data, the same submission time (the scorecard's timeliness counts from it).
      const single = await live.app.services.submissions.validate(
        {
          standardId: 'emergency-care-attendance',
          versionSpec: '2',
          format: 'ndjson',
          source: [bodies[i]!],
          workers: 0,
        },
        new Date(report.submission.createdAt),
      );
      expect(comparable(report)).toEqual(comparable(single as unknown as Record<string, unknown>));
      expect((report.stats as { records: number }).records).toBe(bodies[i]!.toString().trimEnd().split('\n').length);
    }
    expect(live.app.pool.stats().peakThreads).toBeLessThanOrEqual(2);
  }, 20_000);
});

describe('a refusal while the client is still sending', () => {
  it('reaches a client sending at full speed as a whole 429 with Retry-After', async () => {
    const holders = [await slowUpload('D01'), await slowUpload('D01')];
    await sleep(200);
    const big = Buffer.concat(Array.from({ length: 200 }, () => SAMPLE)); // about 8 MB, sent at full speed
    const token = await live.supplier('D01');
    const answers = await Promise.all([1, 2, 3].map(() => honestUpload(token, big)));
    for (const answer of answers) {
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('7');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 429, type: expect.stringMatching(/over-limit$/) as unknown });
    }
    for (const u of holders) u.close();
  });
});

describe('idle bodies on other routes', () => {
  it('end a PUT /v1/standards/{id} body that goes idle with a 408 problem', async () => {
    const put = rawRequest(
      live.port,
      `PUT /v1/standards/emergency-care-attendance HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${live.admin}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"recordKey":`,
    );
    const answer = await put.answer;
    expect(answer.status).toBe(408);
    expect(answer.ms).toBeGreaterThan(900);
    expect(answer.ms).toBeLessThan(3_000);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 408,
      title: 'Request timeout',
      detail: 'the request body stopped arriving for more than 1 second',
    });
  });

  it('end a POST /sign-in body that goes idle with a 408 page', async () => {
    const signIn = rawRequest(
      live.port,
      'POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\ntoken=abc',
    );
    const answer = await signIn.answer;
    expect(answer.status).toBe(408);
    expect(answer.ms).toBeLessThan(3_000);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('the request body stopped arriving for more than 1 second');
  });
});

describe('the web upload pages', () => {
  const cookiesOf = (headers: Record<string, unknown>): string =>
    ([] as string[])
      .concat((headers['set-cookie'] as string[] | string | undefined) ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');

  /** Signs a supplier of `ods` in; the session cookie and the crumb. */
  async function signIn(ods: string): Promise<{ cookie: string; crumb: string }> {
    const form = await live.app.server.inject({ method: 'GET', url: '/sign-in' });
    const crumb = /name="crumb" value="([^"]+)"/.exec(form.payload)![1]!;
    const cookie = cookiesOf(form.headers);
    const response = await live.app.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ crumb, token: await live.supplier(ods), next: '/validate' }).toString(),
    });
    expect(response.statusCode).toBe(302);
    return { cookie: `${cookie}; ${cookiesOf(response.headers)}`, crumb };
  }

  it("answer an upload beyond the supplier's share with a 429 page and Retry-After, and a stalled one with 408", async () => {
    const { cookie, crumb } = await signIn('WEB01');
    const upload = () => {
      const u = rawRequest(
        live.port,
        `POST /validate/upload?standard=emergency-care-attendance%402&name=big.ndjson HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${crumb}\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000000\r\n\r\n`,
      );
      u.write('{');
      return u;
    };
    const admitted = [upload(), upload()];
    await sleep(300);
    const third = await upload().answer;
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('7');
    expect(third.headers['content-type']).toMatch(/^text\/html/);
    expect(third.body).toContain('this organisation already has 2 validations running (at most 2 at once); try again later');
    // The two admitted ones stall: 408 pages.
    for (const answer of await Promise.all(admitted.map((u) => u.answer))) {
      expect(answer.status).toBe(408);
      expect(answer.body).toContain('the request body stopped arriving for more than 1 second');
    }
  });

  it('answer a form upload (no JavaScript) that stalls with a 408 page', async () => {
    const { cookie, crumb } = await signIn('WEB02');
    const boundary = '----conformtest';
    const form = rawRequest(
      live.port,
      `POST /validate HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 100000\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="crumb"\r\n\r\n${crumb}\r\n--${boundary}\r\nContent-Disposition: form-data; name="standard"\r\n\r\npatient-demographics@1.1.0\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.ndjson"\r\n\r\n{"a":`,
    );
    const answer = await form.answer;
    expect(answer.status).toBe(408);
    expect(answer.ms).toBeLessThan(3_000);
    expect(answer.body).toContain('the request body stopped arriving for more than 1 second');
  });
});
