/**
 * Hostile: requests Node's HTTP parser refuses before hapi sees them. hapi answered every one with a bare
 * `400 Bad Request` and no body: an oversized header was not a 431, headers that never finished not a
 * 408, and no answer said what was wrong. Each is now a problem naming the fault, never the request's
 * bytes, and the connection closes; /health keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startLiveApp, timedHealth, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_HEADERS_TIMEOUT_SECONDS: '1' });
});
afterAll(async () => live.stop());

const MARKER = 'MARKERHEADER9999';
const problemOf = (body: string) => JSON.parse(body) as { type: string; title: string; status: number; detail: string };

describe('requests the HTTP parser refuses', () => {
  it.each([
    [
      'a header too large',
      `GET /v1/standards HTTP/1.1\r\nHost: x\r\nX-Big: ${MARKER}${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      "the request's headers are larger than the service reads (16 KiB in all)",
    ],
    [
      'a control character in a header name',
      `GET /v1/standards HTTP/1.1\r\nHost: x\r\nX-${MARKER}\u0001: y\r\n\r\n`,
      400,
      'the request is not valid HTTP/1.1 (HPE_INVALID_HEADER_TOKEN): its request line or headers cannot be read',
    ],
    [
      'Content-Length with Transfer-Encoding',
      'POST /v1/suggest HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'the request is not valid HTTP/1.1 (HPE_INVALID_TRANSFER_ENCODING): its request line or headers cannot be read',
    ],
    [
      'a method that is not a token',
      `G@T /v1/${MARKER} HTTP/1.1\r\nHost: x\r\n\r\n`,
      400,
      'the request is not valid HTTP/1.1 (HPE_INVALID_METHOD): its request line or headers cannot be read',
    ],
  ])('answers %s with a problem and closes', async (_name, head, status, detail) => {
    const response = await rawRequest(live.port, head).answer;
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers.connection).toBe('close');
    expect(problemOf(response.body)).toMatchObject({ type: `https://conform.invalid/problems/http-${status}`, status, detail });
    expect(response.body).not.toContain(MARKER);
    expect(await timedHealth(live.port)).toBeLessThan(2_000);
  });

  it('answers headers that stop arriving with a 408 problem', async () => {
    const response = await rawRequest(live.port, 'GET /v1/standards HTTP/1.1\r\nHost: x\r\nX-Slow: ').answer;
    expect(response.status).toBe(408);
    expect(problemOf(response.body)).toMatchObject({ status: 408, detail: "the request's headers did not all arrive in time" });
  });

  it('answers an Expect other than 100-continue with a 417 problem naming the header (Node answered a bare 417)', async () => {
    const response = await rawRequest(
      live.port,
      `POST /v1/suggest HTTP/1.1\r\nHost: x\r\nExpect: ${MARKER}\r\nContent-Type: text/csv\r\nContent-Length: 3\r\n\r\na,b`,
    ).answer;
    expect(response.status).toBe(417);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const detail = 'asks for an expectation the service does not meet: the only one it knows is 100-continue';
    expect(problemOf(response.body)).toMatchObject({
      type: 'https://conform.invalid/problems/http-417',
      title: 'Expectation failed',
      status: 417,
      detail: `the Expect header ${detail}`,
      errors: [{ in: 'header', name: 'Expect', detail }],
      instance: '/v1/suggest',
    });
    expect(response.body).not.toContain(MARKER);
    expect(await timedHealth(live.port)).toBeLessThan(2_000);
  });

  it('answers a body cut short by a half-close with a 400 problem (the connection was closed without an answer), on every kind of route', async () => {
    const token = await live.supplier('RX1');
    const detail = 'the body ended before all the bytes its Content-Length declared had arrived: the client closed its side of the connection';
    const before = (await live.app.store.listSubmissions({ limit: 1000 })).length;
    const stopped = () =>
      live
        .logs()
        .split('\n')
        .filter((l) => l.includes('validation stopped: the client went away')).length;
    const stoppedBefore = stopped();
    const cases: [string, string][] = [
      // Streamed to the handler (the submission), read whole by hapi (JSON), and chunked.
      ['POST /v1/standards/patient-demographics/versions/2.0.1/validate', 'Content-Type: application/x-ndjson\r\nContent-Length: 1000'],
      ['POST /v1/suggest', 'Content-Type: text/csv\r\nContent-Length: 1000'],
      ['POST /v1/standards/patient-demographics/versions/2.0.1/validate', 'Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked'],
    ];
    for (const [line, headers] of cases) {
      const chunked = headers.includes('chunked');
      const sent = `{"localPatientId":"${MARKER}"}\n`;
      const request = rawRequest(live.port, `${line} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n${headers}\r\n\r\n`);
      request.write(chunked ? `${sent.length.toString(16)}\r\n${sent}\r\n` : sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
      request.end();
      const response = await request.answer;
      expect(response.status, `${line} ${headers}`).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(problemOf(response.body)).toMatchObject({ status: 400, detail, errors: [{ in: 'body', pointer: '', detail }] });
      expect(response.body).not.toContain(MARKER);
    }
    expect((await live.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
    // The two validations stopped as a gone client's do (the wire cannot tell a half-close from going away).
    expect(stopped() - stoppedBefore).toBe(2);
    expect(live.logs()).not.toContain(MARKER);
    expect(await timedHealth(live.port)).toBeLessThan(2_000);
  });

  it('leaves a fault inside a body hapi is reading to hapi: a problem through the request', async () => {
    const token = await live.supplier('RX1');
    const response = await rawRequest(
      live.port,
      `POST /v1/suggest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    ).answer;
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    // It said the path could not be read (hapi's bare 400 for both, before the route is known).
    const detail =
      'the body cannot be read as HTTP/1.1 (HPE_INVALID_CHUNK_SIZE): its framing is malformed (with Transfer-Encoding: chunked, ' +
      'each chunk is its size in hexadecimal, CRLF, that many bytes and CRLF, ending with a chunk of size 0)';
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, detail, errors: [{ in: 'body', pointer: '', detail }] });
  });
});
