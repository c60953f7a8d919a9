/**
 * Graceful shutdown of a real `conform serve` process (the built CLI, over a SQLite store in a temp
 * folder): on SIGTERM /ready turns 503 at once while requests are still served for the drain time, then
 * the listener closes (new connections are refused) and an upload already in flight finishes with its
 * report; the process exits 0 and says so in its log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, startServe } from './process.js';

const SAMPLE = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'conform-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('SIGTERM', () => {
  it('turns /ready 503 first, lets an in-flight upload finish, then exits 0', async () => {
    const env = { CONFORM_DATA_DIR: dir, PORT: '0', CONFORM_SHUTDOWN_DRAIN_SECONDS: '1', CONFORM_SHUTDOWN_TIMEOUT_SECONDS: '20', LOG_LEVEL: 'info' };
    const created = execFileSync(process.execPath, [BIN, 'tokens', 'create', '--role', 'supplier', '--name', 'shutdown', '--organisation', 'RX1', '--json'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const token = (JSON.parse(created) as { token: string }).token;
    const serve = await startServe(env);
    try {
      expect(await get(serve.port, '/ready')).toMatchObject({ status: 200 });

      // An upload that takes about 2.5 s to send: ten pieces of the sample, 250 ms apart.
      const upload = request({
        host: '127.0.0.1',
        port: serve.port,
        method: 'POST',
        path: '/v1/standards/emergency-care-attendance/versions/2/validate',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
      });
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        upload.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        upload.on('error', reject);
      });
      upload.write(SAMPLE);
      await new Promise((r) => setTimeout(r, 200));

      const signalled = Date.now();
      serve.child.kill('SIGTERM');
      let notReadyAfter = -1;
      for (let i = 0; i < 50; i++) {
        const ready = await get(serve.port, '/ready');
        if (ready.status === 503) {
          notReadyAfter = Date.now() - signalled;
          expect(JSON.parse(ready.body)).toMatchObject({ status: 'unavailable', detail: 'the replica is shutting down' });
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(notReadyAfter).toBeGreaterThanOrEqual(0);
      expect(notReadyAfter).toBeLessThan(500);
      // Still serving during the drain.
      expect((await get(serve.port, '/health')).status).toBe(200);

      for (let i = 1; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 250));
        upload.write(SAMPLE);
      }
      // By now the drain is over and the listener closed: new connections are refused.
      await expect(get(serve.port, '/health')).rejects.toThrow(/ECONNREFUSED/);
      upload.end();
      const done = await answer;
      expect(done.status).toBe(201);
      expect((JSON.parse(done.body) as { stats: { records: number } }).stats.records).toBe(100);

      const exit = await serve.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const messages = serve.lines().map((l) => l.msg);
      const order = ['stopping', 'draining: /ready answers 503 while the load balancer notices', 'closing the listener; in-flight requests finish', 'stopped'];
      expect(order.map((m) => messages.indexOf(m))).toEqual([...order.map((m) => messages.indexOf(m))].sort((a, b) => a - b));
      for (const m of order) expect(messages).toContain(m);
      // The upload's request line comes after the listener closed: it finished in flight.
      expect(messages.lastIndexOf('request')).toBeGreaterThan(messages.indexOf('closing the listener; in-flight requests finish'));
    } finally {
      serve.child.kill('SIGKILL');
    }
  });
});
