/**
 * A kept-alive connection serves many requests: the body watchdog of each must leave nothing behind on
 * the socket (a listener per request would pile up, and Node warns at eleven).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:http';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  await t.server.start();
});
afterAll(async () => t.stop());

function post(agent: Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: t.server.info.port,
        method: 'POST',
        path: '/v1/standards/patient-demographics/versions/latest/validate',
        headers: { 'content-type': 'application/x-ndjson', 'content-length': Buffer.byteLength(body), ...bearer(t.tokens.supplier) },
      },
      (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('kept-alive connections', () => {
  it('serve many requests with bodies without piling listeners on the socket', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push(await post(agent, `{"localPatientId":"P${i}"}\n`));
      expect(statuses.every((s) => s === 201)).toBe(true);
      const sockets = Object.values(agent.sockets).flat();
      expect(sockets).toHaveLength(0); // idle between requests: kept in agent.freeSockets
      const [socket] = Object.values(agent.freeSockets).flat();
      expect(socket).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      agent.destroy();
    }
  });
});
