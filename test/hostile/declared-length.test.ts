/**
 * A submission whose Content-Length is over the limit is refused before its body is read: over a real
 * socket, the answer comes while the client has sent only its headers, where the service used to read the
 * limit's worth (2 GiB by default) before saying 413.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_MAX_SUBMISSION_BYTES: String(1024 * 1024) });
});
afterAll(async () => live.stop());

const head = (path: string, token: string, length: number, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('a declared length over the submission limit', () => {
  it('is a 413 naming the limit before a byte of the body is sent, on validate and trial, and stores nothing', async () => {
    const token = await live.supplier('8KR01');
    const before = (await live.app.store.listSubmissions({ limit: 1000 })).length;
    for (const step of ['validate', 'trial']) {
      const request = rawRequest(live.port, head(`/v1/standards/patient-demographics/versions/2.0.1/${step}`, token, 50 * 1024 * 1024));
      const answer = await request.answer; // the body is never written: the answer cannot wait for it
      expect(answer.status, step).toBe(413);
      expect(JSON.parse(answer.body), step).toMatchObject({
        type: 'https://conform.invalid/problems/too-large',
        detail:
          'the submission cannot be read: the data is larger than the limit of 1 MiB: split the file into smaller files (for a CSV, each beginning with the header row) and send each, or ask for the limit (CONFORM_MAX_SUBMISSION_BYTES) to be raised',
      });
    }
    expect((await live.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  }, 20_000);

  it('is a 413 for a body declared one byte over the limit that is not gzip, once its first bytes have come, and stores nothing', async () => {
    // The gzip slack (0.1% + 64 KiB: gzip grows incompressible data a little) let a plain body declared just
    // over the limit be read up to the limit (2 GiB by default) before its 413; now only gzip data has it.
    const token = await live.supplier('8KR01');
    const before = (await live.app.store.listSubmissions({ limit: 1000 })).length;
    for (const step of ['validate', 'trial']) {
      const request = rawRequest(live.port, head(`/v1/standards/patient-demographics/versions/2.0.1/${step}`, token, 1024 * 1024 + 1));
      request.write(`${JSON.stringify({ localPatientId: 'x' })}\n`);
      const answer = await request.answer; // the rest of the body is never written
      expect(answer.status, step).toBe(413);
      expect(JSON.parse(answer.body), step).toMatchObject({
        type: 'https://conform.invalid/problems/too-large',
        detail: expect.stringContaining('the data is larger than the limit of 1 MiB: split the file'),
      });
    }
    expect((await live.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  }, 20_000);

  it('still reads gzip data declared a little over the limit (without Content-Encoding, recognised by its content), which may hold no more than it', async () => {
    const token = await live.supplier('8KR01');
    // Incompressible bytes under the limit: their gzip is a few hundred bytes over it.
    const body = gzipSync(randomBytes(1024 * 1024 - 64));
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const request = rawRequest(live.port, head('/v1/standards/patient-demographics/versions/2.0.1/trial', token, body.length, 'Connection: close\r\n'));
    request.write(body);
    const answer = await request.answer;
    // Read and inflated: what it holds is refused for what it is (not text), never for its declared length.
    expect(answer.body).not.toContain('Content-Length');
    expect(answer.status).not.toBe(413);
  }, 20_000);

  it('still reads a body whose declared length is within the limit', async () => {
    const token = await live.supplier('8KR01');
    const line = `${JSON.stringify({ localPatientId: 'x' })}\n`;
    const request = rawRequest(live.port, head('/v1/standards/patient-demographics/versions/2.0.1/trial', token, line.length, 'Connection: close\r\n'));
    request.write(line);
    const answer = await request.answer;
    expect(answer.status).toBe(200);
  }, 20_000);
});
