/**
 * Hostile: a chunked body (no Content-Length, so nothing to refuse up front) past a route's limit. Every
 * route answered it with its 413 problem but /v1/suggest, which reads its raw body whole (`parse: false`):
 * hapi's reader destroyed the request stream it read, and with it the socket, so the client got no
 * answer at all (curl: "Connection reset by peer"; the log's status 0). Each is now the route's 413.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveApp, timedHealth, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({});
});
afterAll(async () => live.stop());

/** Sends `pieces` as chunks (no Content-Length); the answer, or the socket error that came instead. */
function chunked(method: string, path: string, headers: Record<string, string>, pieces: Buffer[]) {
  return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port: live.port, method, path, headers: { ...headers, 'transfer-encoding': 'chunked' }, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    void (async () => {
      for (const piece of pieces) {
        if (req.destroyed) break;
        req.write(piece);
        await new Promise((r) => setTimeout(r, 10));
      }
      if (!req.destroyed) req.end();
    })();
  });
}

describe('a chunked body past the limit', () => {
  it("is /v1/suggest's 413 problem, where the connection was reset with no answer", async () => {
    const token = await live.supplier('RX1');
    const piece = Buffer.alloc(30 * 1024, 'a');
    const answer = await chunked('POST', '/v1/suggest', { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, [piece, piece, piece, piece]);
    expect(answer).toMatchObject({ status: 413 });
    const problem = JSON.parse((answer as { body: string }).body) as { status: number; detail: string; errors: unknown[] };
    expect(problem).toMatchObject({
      status: 413,
      detail: 'the body is larger than 64 KiB, or the CSV header row does not end within it',
      errors: [{ in: 'body', pointer: '' }],
    });
    expect(await timedHealth(live.port)).toBeLessThan(2_000);
  });

  it('still reads a chunked body within the limit', async () => {
    const token = await live.supplier('RX1');
    const answer = await chunked('POST', '/v1/suggest', { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, [
      Buffer.from('nhsNumber,given'),
      Buffer.from('Name,familyName\n'),
    ]);
    expect(answer).toMatchObject({ status: 200 });
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({ columns: 3 });
  });
});
