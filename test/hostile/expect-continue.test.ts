/**
 * Hostile: `Expect: 100-continue` with a Content-Length over the route's limit. hapi sent `100 Continue`
 * before it compared the length with the limit (and before a streaming route's handler could refuse the
 * upload), so the client sent the whole body to a 413. Now the 413 problem comes first, with no 100, and
 * the connection closes; an upload within the limit still gets its 100, then its answer.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startLiveApp, timedHealth, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_MAX_SUBMISSION_BYTES: String(1024 * 1024) });
});
afterAll(async () => live.stop());

const TRIAL = '/v1/standards/patient-demographics/versions/2.0.1/trial';

/**
 * Sends the headers only; when `body` is given, sends it once `100 Continue` arrives. Resolves with all
 * the bytes the server sent, when it closes the connection or `waitMs` after its answer began.
 */
function expectContinue(head: string, body?: string, waitMs = 500): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(live.port, '127.0.0.1');
    let received = '';
    let pending = body;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      received += String(data);
      if (pending !== undefined && received.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
        socket.write(pending);
        pending = undefined;
      }
      // Past the 100, the final answer has begun: give it time to finish (a kept-alive connection stays open).
      if (/^(HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.1 [2-5]/.test(received) && timer === undefined) timer = setTimeout(done, waitMs);
    });
    socket.on('close', done);
    socket.write(head);
  });
}

const head = (path: string, token: string, type: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`;

const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);

describe('Expect: 100-continue', () => {
  it("answers a declared length over a submission route's limit with the 413 problem and no 100, and closes", async () => {
    const token = await live.supplier('8KR01');
    const raw = await expectContinue(head(TRIAL, token, 'application/x-ndjson', 50 * 1024 * 1024));
    expect(raw).not.toContain('100 Continue');
    expect(raw).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.toLowerCase()).toContain('connection: close');
    // The same problem as the same request without the Expect (declared-length.test.ts).
    expect(JSON.parse(bodyOf(raw))).toMatchObject({
      type: 'https://conform.invalid/problems/too-large',
      status: 413,
      detail:
        'the submission cannot be read: the data is larger than the limit of 1 MiB: split the file into smaller files (for a CSV, each beginning with the header row) and send each, or ask for the limit (CONFORM_MAX_SUBMISSION_BYTES) to be raised',
      instance: TRIAL,
    });
  });

  it("answers a declared length over a parsed route's limit with the same 413 problem as without the Expect, and no 100", async () => {
    const token = await live.supplier('8KR01');
    const raw = await expectContinue(head('/v1/suggest', token, 'text/csv', 50 * 1024 * 1024));
    expect(raw).not.toContain('100 Continue');
    expect(raw).toMatch(/^HTTP\/1\.1 413 /);
    // Without the Expect, the body is sent and the same limit refuses it.
    const big = 'a,b\n'.repeat(20_000);
    const request = rawRequest(
      live.port,
      `POST /v1/suggest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n`,
    );
    request.write(big);
    const plain = await request.answer;
    expect(plain.status).toBe(413);
    expect(JSON.parse(bodyOf(raw))).toEqual(JSON.parse(plain.body));
    expect(JSON.parse(plain.body)).toMatchObject({ status: 413, instance: '/v1/suggest', errors: [{ in: 'body', pointer: '' }] });
    expect(await timedHealth(live.port)).toBeLessThan(2_000);
  });

  it('still sends 100 Continue, then the answer, to an upload within the limit (streamed and parsed routes)', async () => {
    const token = await live.supplier('8KR01');
    const line = `${JSON.stringify({ localPatientId: 'x' })}\n`;
    const trial = await expectContinue(head(TRIAL, token, 'application/x-ndjson', line.length), line);
    expect(trial).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    expect(JSON.parse(bodyOf(trial.slice('HTTP/1.1 100 Continue\r\n\r\n'.length)))).toMatchObject({ format: 'ndjson', stats: { records: 1 } });
    const csv = 'nhsNumber,givenName\n';
    const suggest = await expectContinue(head('/v1/suggest', token, 'text/csv', csv.length), csv);
    expect(suggest).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('sends no 100 to a request refused before its body is read (no token: 401)', async () => {
    const raw = await expectContinue(head('/v1/suggest', 'cfm_not-a-token', 'text/csv', 3));
    expect(raw).not.toContain('100 Continue');
    expect(raw).toMatch(/^HTTP\/1\.1 401 /);
  });
});
