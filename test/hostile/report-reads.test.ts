/**
 * Hostile: many reads of large stored reports at once. A report of 100,000 findings is 12 to 26 MB of
 * JSON, read from the store, parsed and written out on the event loop, and held in memory while its
 * answer is sent, for as long as the client takes to read it. How many were read at once had no bound:
 * a few downloads held /health for seconds, and a client that stopped reading held its report without
 * end. Now at most CONFORM_MAX_REPORT_READS are under way in the process (past it a 503) and
 * CONFORM_MAX_REPORT_READS_PER_SUPPLIER for one organisation (a 429), each with Retry-After and a
 * problem naming the limit, on the API and the pages; a slot is held until the answer is sent or the
 * client has gone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from './web-support.js';
import { jsonPieces, ITEMS_PER_PIECE } from '../../src/http/json-pieces.js';

let t: TestApp;
let port: number;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

/** A report of some 60,000 findings: its findings.csv (some 10 MB) is more than the sockets' buffers hold. */
const BIG = `localPatientId,nhsNumber,dateOfBirth\n${'=1,123,not-a-date\n'.repeat(20_000)}`;

beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_MAX_REPORT_READS: '2', CONFORM_MAX_REPORT_READS_PER_SUPPLIER: '1' });
  await t.server.start();
  port = (t.server.listener.address() as AddressInfo).port;
  tokens.A = t.tokens.supplier;
  for (const org of ['B', 'C'])
    tokens[org] = (await t.app.services.access.issue({ name: `supplier ${org}`, role: 'supplier', organisation: `RX${org}` }, 'test')).token;
  for (const org of ['A', 'B', 'C']) {
    const submitted = await t.server.inject({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/2.0.1/validate?maxFindings=100000',
      headers: { ...bearer(tokens[org]!), 'content-type': 'text/csv' },
      payload: org === 'A' ? BIG : 'localPatientId,nhsNumber\nLP-1,9434765919\n',
    });
    expect(submitted.statusCode).toBe(201);
    ids[org] = (JSON.parse(submitted.payload) as { submission: { id: string } }).submission.id;
  }
}, 60_000);
afterAll(async () => t.stop());

/** A download whose client reads its head and then stops reading: the answer cannot be sent whole. */
function stalled(path: string, token: string): Promise<{ status: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers: bearer(token), agent: false }, (response) => {
      response.pause();
      resolve({
        status: response.statusCode ?? 0,
        close: () =>
          new Promise((done) => {
            request.destroy();
            // The server sees the connection close on its next turn.
            setTimeout(done, 100);
          }),
      });
    });
    request.on('error', reject);
  });
}

const read = (org: string, path = `/v1/submissions/${ids[org]}`) => t.server.inject({ method: 'GET', url: path, headers: bearer(tokens[org]!) });

describe('stored reports read at once', () => {
  it("holds a slot while an answer is being sent: the organisation's next read is a 429, and past the process's bound a 503", async () => {
    const first = await stalled(`/v1/submissions/${ids.A}/findings.csv`, tokens.A!);
    expect(first.status).toBe(200);
    try {
      // The same organisation: its one slot is held by the download it is not reading.
      for (const path of [`/v1/submissions/${ids.A}`, `/v1/submissions/${ids.A}/findings.csv`]) {
        const refused = await read('A', path);
        expect(refused.statusCode, path).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        const problem = JSON.parse(refused.payload) as { detail: string; errors: unknown[] };
        expect(problem.detail).toMatch(/^this organisation already has 1 report reads under way \(at most 1 at once\)/);
        expect(problem.errors).toEqual([expect.objectContaining({ limit: 'report-reads-per-organisation', max: 1 })]);
      }
      // Another organisation reads as usual, and its read, once answered, frees its slot.
      expect((await read('B')).statusCode).toBe(200);
      expect((await read('B')).statusCode).toBe(200);
      // With an admin's download of it held too, the process's two slots are full: C is told the service is busy.
      const second = await stalled(`/v1/submissions/${ids.A}/findings.csv`, t.tokens.admin);
      expect(second.status).toBe(200);
      try {
        const busy = await t.call({ method: 'GET', url: `/v1/submissions/${ids.C}`, headers: bearer(tokens.C!) });
        expect(busy.statusCode).toBe(503);
        expect(busy.headers['retry-after']).toBeDefined();
        expect(JSON.parse(busy.payload).errors).toEqual([expect.objectContaining({ limit: 'report-reads-per-process', max: 2 })]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
    // The clients gone, their slots are free.
    expect((await read('A')).statusCode).toBe(200);
    expect((await read('C')).statusCode).toBe(200);
  });

  it('frees the slot of a read that failed (not found), and bounds the pages and their downloads the same way', async () => {
    for (let i = 0; i < 3; i++) expect((await read('B', '/v1/submissions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await read('B')).statusCode).toBe(200);
    const first = await stalled(`/v1/submissions/${ids.A}/findings.csv`, tokens.A!);
    try {
      const { cookie } = await signIn(t.server, tokens.A!);
      for (const path of [`/submissions/${ids.A}`, `/submissions/${ids.A}/findings.csv`]) {
        const page = await t.server.inject({ method: 'GET', url: path, headers: { cookie } });
        expect(page.statusCode, path).toBe(429);
        expect(page.headers['retry-after']).toBeDefined();
        expect(page.payload).toContain('report reads under way');
      }
    } finally {
      await first.close();
    }
  });
});

describe('a large report answered as JSON', () => {
  it('is written in pieces that join to exactly JSON.stringify, whatever the shape', () => {
    const many = Array.from({ length: 1234 }, (_, i) => ({ i, s: `x${i}`, u: undefined }));
    const shapes: unknown[] = [
      { findings: many },
      { a: 1, findings: many, b: [1, 2], c: undefined, d: () => 1, e: 'z' },
      { a: undefined, findings: many, more: many.slice(0, 600) },
      { findings: [...many, undefined, null] },
      {},
      { a: undefined },
      [1, 2],
      'text',
      null,
      { toJSON: () => ({ x: 1 }) },
      { nested: { findings: many } },
    ];
    for (const shape of shapes) {
      const pieces = [...jsonPieces(shape)];
      expect(pieces.join('')).toBe(JSON.stringify(shape));
      for (const piece of pieces) expect(piece.length).toBeLessThan(ITEMS_PER_PIECE * 40 + 100_000);
    }
    expect([...jsonPieces({ findings: many })].length).toBe(2 + Math.ceil(many.length / ITEMS_PER_PIECE));
  });

  it('the API streams a stored report and a withdrawn one (no Content-Length), with the same JSON', async () => {
    const response = await t.call({ method: 'GET', url: `/v1/submissions/${ids.A}`, headers: bearer(tokens.A!) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBeUndefined();
    const report = JSON.parse(response.payload) as { findings: unknown[]; submission: { id: string } };
    expect(report.findings.length).toBeGreaterThan(10 * ITEMS_PER_PIECE);
    expect(report.submission.id).toBe(ids.A);
    const viaService = await t.app.services.submissions.get(ids.A!, (await t.app.services.access.authenticate(tokens.A!))!);
    expect(response.payload).toBe(JSON.stringify(viaService));
    const withdrawn = await t.call({
      method: 'POST',
      url: `/v1/submissions/${ids.C}/withdrawal`,
      headers: { ...bearer(tokens.C!), 'content-type': 'application/json' },
      payload: { reason: 'sent twice' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(JSON.parse(withdrawn.payload)).toMatchObject({ withdrawn: { reason: 'sent twice' } });
  });
});

describe('a client that stops reading a large answer', () => {
  it('is given up after CONFORM_SEND_TIMEOUT_SECONDS without reading: its connection closed, its report and slot freed', async () => {
    const other = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_MAX_REPORT_READS_PER_SUPPLIER: '1', CONFORM_SEND_TIMEOUT_SECONDS: '1' });
    try {
      await other.server.start();
      const otherPort = (other.server.listener.address() as AddressInfo).port;
      const submitted = await other.server.inject({
        method: 'POST',
        url: '/v1/standards/patient-demographics/versions/2.0.1/validate?maxFindings=100000',
        headers: { ...bearer(other.tokens.supplier), 'content-type': 'text/csv' },
        payload: BIG,
      });
      const id = (JSON.parse(submitted.payload) as { submission: { id: string } }).submission.id;
      // A client that reads the head of the answer and then nothing more (it never sees the server close: it reads nothing).
      const served = new Promise<http.ServerResponse>((resolve) => other.server.listener.once('request', (_req, res: http.ServerResponse) => resolve(res)));
      const request = http.get(
        { host: '127.0.0.1', port: otherPort, path: `/v1/submissions/${id}/findings.csv`, headers: bearer(other.tokens.supplier), agent: false },
        (response) => response.pause(),
      );
      request.on('error', () => undefined);
      const socket = (await served).socket!;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        // Held meanwhile: the organisation's one slot is the stalled download's.
        expect(socket.destroyed).toBe(false);
        expect((await other.server.inject({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(other.tokens.supplier) })).statusCode).toBe(429);
        // Given up once it has not read for a second: the server closes the connection (it kept it open for ever).
        await closed;
      } finally {
        request.destroy();
      }
      expect((await other.server.inject({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(other.tokens.supplier) })).statusCode).toBe(200);
    } finally {
      await other.stop();
    }
  }, 30_000);
});
