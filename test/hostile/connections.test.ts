/**
 * Connections, on real sockets against a server on loopback: beyond CONFORM_MAX_CONNECTIONS a new
 * connection is answered at once with a 503 problem and Retry-After and closed (never silently dropped),
 * and counted; a place frees when a connection closes. Idle connections and slow-loris senders do not
 * hold their places for ever: headers must all arrive within CONFORM_HEADERS_TIMEOUT_SECONDS, however
 * they trickle. The per-address bound, when set, refuses one address's extra connections while others'
 * are served.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, sleep, startLiveApp, type LiveApp, type RawResponse } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_MAX_CONNECTIONS: '5', CONFORM_HEADERS_TIMEOUT_SECONDS: '1', CONFORM_RETRY_AFTER_SECONDS: '3' });
});
afterAll(async () => live.stop());

/** A connection that sends nothing; resolves once the server has accepted it. */
function idle(port: number, localAddress = '127.0.0.1'): Promise<{ socket: net.Socket; closed: Promise<number>; received: () => string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.on('data', (d) => (received += String(d)));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - started)));
    socket.once('connect', () => resolve({ socket, closed, received: () => received }));
    socket.once('error', reject);
  });
}

const metric = async (app: LiveApp, name: string): Promise<number> => {
  const line = (await app.app.metrics.text()).body.split('\n').find((l) => l.startsWith(name));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
};

async function openConnections(app: LiveApp, count: number): Promise<void> {
  const started = Date.now();
  while ((await metric(app, 'conform_http_connections ')) !== count) {
    if (Date.now() - started > 2_000) throw new Error(`not ${count} connections open`);
    await sleep(10);
  }
}

function expectRefused(answer: RawResponse, limit: string, max: number): void {
  expect(answer.status).toBe(503);
  expect(answer.headers['retry-after']).toBe('3');
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.headers.connection).toBe('close');
  expect(JSON.parse(answer.body)).toMatchObject({
    status: 503,
    title: 'Service unavailable',
    type: expect.stringMatching(/unavailable$/) as unknown,
    detail: expect.stringMatching(/try again later$/) as unknown,
    errors: [{ limit, max }],
  });
  expect(answer.body).not.toMatch(/127\.0\.0/); // never the client's address
  expect(answer.ms).toBeLessThan(1_000);
}

describe('the connection bound', () => {
  it('answers a connection beyond it with a 503 problem and Retry-After, closes it, counts it, and frees a place when one closes', async () => {
    const refusedBefore = await metric(live, 'conform_connection_refusals_total{reason="connections"}');
    const held = await Promise.all(Array.from({ length: 5 }, () => idle(live.port)));
    await openConnections(live, 5);

    const extra = rawRequest(live.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expectRefused(await extra.answer, 'connections-per-process', 5);
    expect(await metric(live, 'conform_connection_refusals_total{reason="connections"}')).toBe(refusedBefore + 1);
    await openConnections(live, 5); // the refused one never counted

    held[0]!.socket.destroy();
    await openConnections(live, 4);
    const served = await rawRequest(live.port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n').answer;
    expect(served.status).toBe(200);
    for (const h of held) h.socket.destroy();
    await openConnections(live, 0);
  });

  it('does not let idle connections keep their places: each ends with a 408 once the headers timeout passes', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, () => idle(live.port)));
    await openConnections(live, 5);
    const closedAfter = await Promise.all(held.map((h) => h.closed));
    for (const ms of closedAfter) expect(ms).toBeLessThan(3_000);
    expect(held[0]!.received()).toMatch(/^HTTP\/1\.1 408 /);
    await openConnections(live, 0);
  });

  it('ends a slow-loris sender whose header bytes keep trickling in with a 408 when the headers timeout passes', async () => {
    const loris = rawRequest(live.port, 'GET /v1/standards HTTP/1.1\r\nHost: x\r\n');
    let sent = 0;
    while (!loris.answered() && sent < 50) {
      loris.write(`X-${sent}: y\r\n`); // a header line every 100 ms: never idle, never done
      sent++;
      await sleep(100);
    }
    const answer = await loris.answer;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, detail: "the request's headers did not all arrive in time" });
    expect(answer.ms).toBeLessThan(3_000);
    expect(sent).toBeLessThan(30);
  });
});

describe('the per-address bound', () => {
  let apart: LiveApp;
  beforeAll(async () => {
    apart = await startLiveApp({ CONFORM_MAX_CONNECTIONS_PER_ADDRESS: '2', CONFORM_RETRY_AFTER_SECONDS: '3' });
  });
  afterAll(async () => apart.stop());

  it("refuses one address's connections beyond it while another address is served", async () => {
    const held = await Promise.all([idle(apart.port), idle(apart.port)]);
    await openConnections(apart, 2);
    expectRefused(await rawRequest(apart.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n').answer, 'connections-per-address', 2);
    expect(await metric(apart, 'conform_connection_refusals_total{reason="connections-per-address"}')).toBe(1);

    // Another loopback address (Linux routes all of 127.0.0.0/8 to lo) has its own two.
    const other = await idle(apart.port, '127.0.0.2');
    other.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await other.closed;
    expect(other.received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const h of held) h.socket.destroy();
  });
});
