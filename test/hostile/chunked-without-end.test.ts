/**
 * Hostile: a chunked body that goes on without end past its route's limit. hapi's parser refuses it at the
 * limit, then reads and drops the rest of the body before answering: a client that kept sending had 6 GB
 * read for it in 6 s with no answer, for as long as it liked. Now a connection that has carried
 * `overLimitBytes(maxBytes)` for such a body is ended with the route's 413, the answer going out at once.
 * Real sockets (the app from dist/); the body is sent at some 16 MB a second, for at most 10 s.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  // A 2 s body timeout: the watchdog looks every 0.5 s.
  live = await startLiveApp({ CONFORM_BODY_TIMEOUT_SECONDS: '2' });
});
afterAll(async () => live.stop());

/** Sends 64 KiB chunks every 4 ms until an answer's head arrives or 10 s pass; the answer and the bytes sent. */
function endlessChunks(head: string): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(live.port, '127.0.0.1');
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(65536, 'a'), Buffer.from('\r\n')]);
    let answer = '';
    let sent = 0;
    const finish = (): void => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ answer, sent });
    };
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      answer += String(d);
      if (answer.includes('\r\n\r\n') && /"status":\d+/.test(answer)) finish();
    });
    socket.on('close', finish);
    socket.write(head);
    const timer = setInterval(() => {
      if (socket.writable && socket.writableLength < 1024 * 1024) {
        socket.write(chunk);
        sent += 65536;
      }
    }, 4);
    const deadline = setTimeout(finish, 10_000);
  });
}

describe('a chunked body without end past the route limit', () => {
  it.each([
    ['/v1/suggest', 'text/csv', 'supplier', 'the body is larger than 64 KiB'],
    ['/v1/standards/patient-demographics/versions/2.0.1/deprecate', 'application/json', 'admin', 'the body is larger than 1 MiB'],
  ])('POST %s is answered 413 and ended, not read for ever', async (path, type, role, detail) => {
    const token = role === 'admin' ? live.admin : await live.supplier('8KR01');
    const { answer, sent } = await endlessChunks(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer).toContain(detail);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
});
