/**
 * An Authorization or Content-Type header given twice. Node keeps the first and drops the rest, so a
 * request with two tokens was served as the first token's, and a body with two types read as the first
 * type, while a proxy in front may read the last. Sent over a real socket (an injected request cannot
 * repeat a header), each is a 400 naming the header, on the API and on the pages, and nothing is stored.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { repeatedHeader } from '../../src/request-headers.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
  port = t.server.info.port as number;
});
afterAll(async () => t.stop());

/** Sends `head` and `body` as written and reads the answer (the request asks to close the connection). */
function send(head: string[], body = '', host = 'Host: localhost'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.on('error', reject);
    socket.on('close', () => {
      const split = received.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0),
        type: /\r\ncontent-type: ([^\r]*)/i.exec(received.slice(0, split))?.[1] ?? '',
        body: received.slice(split + 4),
      });
    });
    socket.end(`${[...head, ...(host ? [host] : []), 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n${body}`);
  });
}

const NDJSON = `${JSON.stringify({ localPatientId: 'x' })}\n`;

describe('a single-valued header given twice', () => {
  it('is a 400 problem naming Authorization, whichever token comes first, and nothing is stored', async () => {
    const other = (await t.app.services.access.issue({ name: 'other', role: 'supplier', organisation: 'OTHER1' }, 'test')).token;
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    const response = await send(
      [
        'POST /v1/standards/patient-demographics/versions/2.0.1/validate HTTP/1.1',
        `Authorization: Bearer ${t.tokens.supplier}`,
        `Authorization: Bearer ${other}`,
        'Content-Type: application/x-ndjson',
      ],
      NDJSON,
    );
    expect([response.status, response.type]).toEqual([400, 'application/problem+json']);
    expect(JSON.parse(response.body)).toMatchObject({
      status: 400,
      detail: 'the Authorization header is given more than once; give it once',
      errors: [{ in: 'header', name: 'Authorization', detail: 'is given more than once; give it once' }],
    });
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
    expect(t.logs()).not.toContain(other);
    expect(t.logs()).not.toContain(t.tokens.supplier);
  });

  it('is a 400 problem naming Content-Type, in any case of the name, where the first type was read', async () => {
    const response = await send(
      [
        'POST /v1/standards/patient-demographics/versions/2.0.1/trial HTTP/1.1',
        `Authorization: Bearer ${t.tokens.supplier}`,
        'Content-Type: text/csv',
        'content-type: application/x-ndjson',
      ],
      NDJSON,
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      detail: 'the Content-Type header is given more than once; give it once',
      errors: [{ in: 'header', name: 'Content-Type' }],
    });
  });

  it('is a 400 page on the pages', async () => {
    const response = await send(['POST /sign-in HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded', 'Content-Type: text/plain'], 'token=x');
    expect([response.status, response.type]).toEqual([400, 'text/html; charset=utf-8']);
    expect(response.body).toContain('The request gives the Content-Type header more than once; give it once.');
  });

  it('is a 400 problem naming Host, given twice (Node served the first; a proxy may route by the last)', async () => {
    const response = await send(['GET /v1/standards?limit=1 HTTP/1.1', 'Host: evil.example'], '', 'Host: localhost');
    expect([response.status, response.type]).toEqual([400, 'application/problem+json']);
    expect(JSON.parse(response.body)).toMatchObject({
      detail: 'the Host header is given more than once; give it once',
      errors: [{ in: 'header', name: 'Host', detail: 'is given more than once; give it once' }],
    });
  });

  it('is a 400 problem naming Host when an HTTP/1.1 request has none (Node answered a bare 400, no body); HTTP/1.0 needs none', async () => {
    const response = await send(['GET /v1/standards?limit=1 HTTP/1.1'], '', '');
    expect([response.status, response.type]).toEqual([400, 'application/problem+json']);
    expect(JSON.parse(response.body)).toMatchObject({
      status: 400,
      detail: 'the request has no Host header, which HTTP/1.1 requires; give the name (and port) of the server it is sent to',
      errors: [{ in: 'header', name: 'Host' }],
    });
    const page = await send(['GET /sign-in HTTP/1.1'], '', '');
    expect([page.status, page.type]).toEqual([400, 'text/html; charset=utf-8']);
    expect(page.body).toContain('The request has no Host header.');
    const old = await send(['GET /v1/standards?limit=1 HTTP/1.0'], '', '');
    expect(old.status).toBe(200);
  });

  it('is a 400 problem naming Transfer-Encoding when it names a coding other than chunked (Node passed it on as the body)', async () => {
    const token = `Authorization: Bearer ${t.tokens.supplier}`;
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    for (const [coding, named] of [
      ['gzip, chunked', 'gzip'],
      ['br, chunked', 'br'],
      ['chunked, chunked', undefined],
    ] as const) {
      const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (chunk) => (received += String(chunk)));
        socket.on('error', reject);
        socket.on('close', () =>
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), body: received.slice(received.indexOf('\r\n\r\n') + 4) }),
        );
        const chunk = NDJSON;
        socket.end(
          `POST /v1/standards/patient-demographics/versions/2.0.1/validate HTTP/1.1\r\nHost: localhost\r\n${token}\r\nContent-Type: application/x-ndjson\r\n` +
            `Transfer-Encoding: ${coding}\r\nConnection: close\r\n\r\n${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
        );
      });
      if (named === undefined) {
        // Node's parser refuses chunked twice itself: still a problem, never a report.
        expect(response.status, coding).toBe(400);
        continue;
      }
      const detail = `names the transfer coding "${named}"; only chunked is read: send the body plain or chunked, and compress it with Content-Encoding: gzip`;
      expect(response.status, coding).toBe(400);
      expect(JSON.parse(response.body), coding).toMatchObject({
        detail: `the Transfer-Encoding header ${detail}`,
        errors: [{ in: 'header', name: 'Transfer-Encoding', detail }],
      });
    }
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  });

  it('leaves one of each alone, and headers that may repeat', async () => {
    const response = await send([
      'GET /v1/standards?limit=1 HTTP/1.1',
      'Accept: application/json',
      'Accept: */*',
      `Authorization: Bearer ${t.tokens.supplier}`,
    ]);
    expect(response.status).toBe(200);
  });

  it('reads an injected request, which has no raw headers, as having none twice', async () => {
    expect(repeatedHeader(undefined)).toBeUndefined();
    expect(repeatedHeader(['authorization', 'a', 'Content-Type', 'b', 'AUTHORIZATION', 'c'])).toBe('Authorization');
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards?limit=1' })).statusCode).toBe(200);
  });
});
