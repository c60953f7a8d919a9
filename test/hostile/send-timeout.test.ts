/**
 * The send timeout (CONFORM_SEND_TIMEOUT_SECONDS) against an answer written in one piece: a page, a report
 * of up to 500 findings or a version's types.ts is handed to the socket whole, so counting what the service
 * wrote saw no progress after the first write, and a client reading it slowly but steadily was cut after the
 * timeout with most of the answer unread. Progress is now what the socket drains (send-timeout.ts): the
 * steady reader gets the whole answer, and a client that stops reading is still cut.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Hapi, { type Server } from '@hapi/hapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSendTimeout } from '../../src/send-timeout.js';

/** More than the loopback's kernel buffers hold on both sides (some 4 to 6 MiB each), written in one piece. */
const BODY = Buffer.alloc(12 * 1024 * 1024, 'x');
const IDLE_MS = 1_000;

let server: Server;
let port: number;
/** How each answer ended on the server: the writes it was handed to its socket in, and when its connection closed. */
let answers: { writes: number; closedAfterMs: number }[] = [];
let answered: () => void = () => undefined;
beforeAll(async () => {
  server = Hapi.server({ port: 0, host: '127.0.0.1' });
  registerSendTimeout(server, IDLE_MS);
  server.route({ method: 'GET', path: '/whole', handler: (_request, h) => h.response(BODY).type('application/octet-stream') });
  server.ext('onPreResponse', (request, h) => {
    // How many writes the answer is handed to its socket in (one: the case the timeout cut).
    const res = request.raw.res;
    const write = res.write.bind(res);
    let writes = 0;
    res.write = ((...args: Parameters<typeof res.write>) => {
      writes += 1;
      return write(...args);
    }) as typeof res.write;
    const started = Date.now();
    res.once('close', () => {
      answers.push({ writes, closedAfterMs: Date.now() - started });
      answered();
    });
    return h.continue;
  });
  await server.start();
  port = (server.listener.address() as AddressInfo).port;
});
afterAll(async () => server.stop({ timeout: 100 }));

interface Reading {
  outcome: Promise<{ received: number; closedEarly: boolean; ms: number }>;
  /** Reads on again, as fast as it comes: a client that stopped reading sees the server's close only when it reads up to it. */
  readOn: () => void;
}

/**
 * Asks for the answer and reads `bytesPerTick` of it every `tickMs` (none once `stopAfter` bytes are read,
 * until `readOn`), until the whole answer has come or the server closes the connection.
 */
function readSlowly(bytesPerTick: number, tickMs: number, stopAfter = Infinity): Reading {
  let readOn = (): void => undefined;
  const outcome = new Promise<{ received: number; closedEarly: boolean; ms: number }>((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /whole HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
    socket.pause();
    let received = 0;
    let ended = false;
    const finish = (closedEarly: boolean): void => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      socket.destroy();
      resolve({ received, closedEarly, ms: Date.now() - started });
    };
    readOn = () => {
      stopAfter = Infinity;
      bytesPerTick = Infinity;
    };
    const timer = setInterval(() => {
      if (received >= stopAfter) return;
      let budget = bytesPerTick;
      for (;;) {
        const piece = socket.read() as Buffer | null;
        if (piece === null) break;
        received += piece.length;
        budget -= piece.length;
        if (budget <= 0) break;
      }
      if (received >= BODY.length) finish(false);
    }, tickMs);
    socket.on('end', () => finish(received < BODY.length));
    socket.on('close', () => finish(received < BODY.length));
    socket.on('error', () => finish(true));
  });
  return { outcome, readOn: () => readOn() };
}

const serverDone = (): Promise<void> => new Promise((resolve) => (answered = resolve));

describe('an answer written in one piece', () => {
  it('is served whole to a client that reads it slowly but steadily, for longer than the timeout', async () => {
    answers = [];
    const done = serverDone();
    // A piece (64 KiB) every 20 ms, some 3 MiB a second: reading the 12 MiB takes several timeouts.
    const outcome = await readSlowly(64 * 1024, 20).outcome;
    await done;
    expect(answers).toMatchObject([{ writes: 1 }]);
    expect(outcome.closedEarly).toBe(false);
    expect(outcome.received).toBeGreaterThanOrEqual(BODY.length);
    expect(outcome.ms).toBeGreaterThan(2 * IDLE_MS);
  }, 30_000);

  it('is still given up when its client stops reading: the connection closed after about the timeout', async () => {
    answers = [];
    const done = serverDone();
    // It reads nothing: what the kernels' buffers hold (a few MiB) is all it would ever get.
    const reading = readSlowly(64 * 1024, 20, 0);
    await done;
    expect(answers).toHaveLength(1);
    expect(answers[0]!.writes).toBe(1);
    expect(answers[0]!.closedAfterMs).toBeGreaterThanOrEqual(IDLE_MS);
    expect(answers[0]!.closedAfterMs).toBeLessThan(10 * IDLE_MS);
    reading.readOn();
    const outcome = await reading.outcome;
    expect(outcome.closedEarly).toBe(true);
    expect(outcome.received).toBeLessThan(BODY.length);
  }, 30_000);
});
