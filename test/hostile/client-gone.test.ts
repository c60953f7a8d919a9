/**
 * A client that goes away before its answer, on real sockets against a server on loopback: the validation
 * stops. Its admission slot is free at once (a second upload for the same organisation, whose share is
 * one, is admitted instead of refused with 429), the pool is handed none of its pieces after it (and drops
 * those still queued), nothing is stored for it, and one line is logged with the request's id and no
 * record value. NDJSON in pieces on the worker pool, CSV whole on one of its threads and the web's upload form, cut off
 * mid-body, and a body read to its end whose validation was still running.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, send, sleep, startLiveApp, type LiveApp } from './support.js';
import { BOUNDARY, multipartParts, signIn } from './web-support.js';

const VALIDATE = '/v1/standards/emergency-care-attendance/versions/2/validate';
const NDJSON = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
const CSV = readFileSync(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url));

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '2', CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '1', CONFORM_BODY_TIMEOUT_SECONDS: '60' });
});
afterAll(async () => live.stop());

/** Polls `check` every 5 ms until it is true; the milliseconds it took (fails after `withinMs`). */
async function within(withinMs: number, check: () => boolean): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(5);
  }
  return Date.now() - started;
}

/** An upload declaring 100 MB, of which the test writes `body` and then nothing more (the server waits for the rest). */
async function cutShort(ods: string, type: string, body: Buffer) {
  const token = await live.supplier(ods);
  const upload = rawRequest(
    live.port,
    `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nContent-Length: 100000000\r\n\r\n`,
  );
  upload.write(body.toString('latin1'));
  return upload;
}

/** A whole upload; its status and body. */
const upload = (token: string, type: string, body: Buffer) =>
  send(live.port, { method: 'POST', path: VALIDATE, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

const stored = async (): Promise<number> => (await live.app.store.listSubmissions({ limit: 1000 })).length;
const stopLines = () =>
  live
    .logs()
    .split('\n')
    .filter((l) => l.includes('validation stopped: the client went away'));

describe('a client that goes away mid-body', () => {
  it('stops an NDJSON validation on the pool: slot free at once, no more pieces, nothing stored, one log line', async () => {
    const before = await stored();
    const lines = stopLines().length;
    // About 4 MB of whole lines: four pieces go to the pool, then the server waits for the rest of the 100 MB.
    const data = Buffer.concat(Array.from({ length: 1100 }, () => NDJSON));
    const cut = await cutShort('GONE1', 'application/x-ndjson', data);
    await within(5_000, () => live.app.pool.stats().piecesSent > 0 && live.app.admission.inUse('GONE1') === 1);
    // Its organisation's one slot is taken: another upload is refused.
    const refused = await upload(await live.supplier('GONE1'), 'application/x-ndjson', NDJSON);
    expect(refused.status).toBe(429);

    cut.close();
    const ms = await within(1_000, () => live.app.admission.inUse('GONE1') === 0);
    expect(ms).toBeLessThan(500);
    await within(1_000, () => live.app.pool.stats().jobs === 0);
    const sent = live.app.pool.stats().piecesSent;
    await sleep(300);
    expect(live.app.pool.stats().piecesSent).toBe(sent); // not one more piece of it reached a thread

    // The slot is free: the next upload for the same organisation is admitted and stored.
    const next = await upload(await live.supplier('GONE1'), 'application/x-ndjson', NDJSON);
    expect(next.status).toBe(201);
    expect(await stored()).toBe(before + 1);

    const logged = stopLines().slice(lines);
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ standard: 'emergency-care-attendance', format: 'ndjson', reqId: expect.any(String) as unknown });
    // What it was validating and for how long: no organisation, token or record value.
    expect(Object.keys(line).sort()).toEqual(['format', 'level', 'msg', 'pid', 'reqId', 'seconds', 'service', 'standard', 'time']);
    const metrics = (await live.app.metrics.text()).body;
    expect(metrics).toMatch(/conform_validations_total\{standard="emergency-care-attendance",outcome="abandoned"\} 1/);
  }, 20_000);

  it('stops a CSV validation: slot free at once, nothing stored, one log line', async () => {
    const before = await stored();
    const lines = stopLines().length;
    const [header, ...rows] = CSV.toString('utf8').trimEnd().split('\n');
    const data = Buffer.from(`${header!}\n${Array.from({ length: 500 }, () => rows.join('\n')).join('\n')}\n`);
    expect(data.length).toBeGreaterThan(512 * 1024); // one piece of it goes to a thread before the server waits
    const cut = await cutShort('GONE2', 'text/csv', data);
    await within(5_000, () => live.app.admission.inUse('GONE2') === 1 && live.app.pool.stats().pinned === 1);
    await sleep(200); // it has read what was sent and waits for more
    expect((await upload(await live.supplier('GONE2'), 'text/csv', CSV)).status).toBe(429);

    cut.close();
    expect(await within(1_000, () => live.app.admission.inUse('GONE2') === 0)).toBeLessThan(500);
    await within(1_000, () => live.app.pool.stats().jobs === 0 && live.app.pool.stats().pinned === 0); // its thread forgets it
    expect((await upload(await live.supplier('GONE2'), 'text/csv', CSV)).status).toBe(201);
    expect(await stored()).toBe(before + 1);
    const logged = stopLines().slice(lines);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ format: 'csv' });
  }, 20_000);
});

describe('a client that goes away mid-way through a gzip body', () => {
  it('stops inflating and validating what it already sent: few pieces after the close, not the rest of the buffered body', async () => {
    // 760 KB of gzip that inflates to 112 MB: sent whole at once, it waits in the socket's buffers while the
    // service inflates and validates at its own pace. A close behind it is seen only once the bytes before it
    // are read, and each byte read is about 150 inflated: the service reads the compressed bytes ahead
    // (up to 1 MiB) so that it sees the close, and the inflater and validation stop on it.
    const gzip = gzipSync(Buffer.concat(Array.from({ length: 30_000 }, () => NDJSON)));
    const token = await live.supplier('GONE5');
    const before = await stored();
    const cut = rawRequest(
      live.port,
      `POST ${VALIDATE} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nContent-Encoding: gzip\r\nContent-Length: 100000000\r\n\r\n`,
    );
    cut.write(gzip);
    const { piecesSent: start } = live.app.pool.stats();
    await within(5_000, () => live.app.pool.stats().piecesSent > start && live.app.admission.inUse('GONE5') === 1);
    await sleep(200); // everything it sent has left it: the close is a FIN behind the body, not a reset
    const atClose = live.app.pool.stats().piecesSent;
    cut.close();
    await within(5_000, () => live.app.admission.inUse('GONE5') === 0);
    const afterClose = live.app.pool.stats().piecesSent - atClose;
    // The whole body is over a hundred pieces of 1 MiB; without the read-ahead, the 500 KB still in the socket's
    // buffers (some 75 pieces) were inflated and validated before the close was seen.
    expect(afterClose).toBeLessThan(5);
    await within(1_000, () => live.app.pool.stats().jobs === 0);
    expect(await stored()).toBe(before);
  }, 20_000);
});

describe('a browser that goes away mid-upload', () => {
  it('stops the web form’s validation the same way: slot free at once, nothing stored, one log line', async () => {
    const before = await stored();
    const lines = stopLines().length;
    const { cookie, crumb } = await signIn(live.app.server, await live.supplier('GONE4'));
    const [header, ...rows] = CSV.toString('utf8').trimEnd().split('\n');
    const file = { name: 'attendances.csv', chunk: Buffer.from(`${header!}\n${Array.from({ length: 200 }, () => rows.join('\n')).join('\n')}\n`), repeat: 1 };
    // The form's fields and the start of its file; the rest of the declared 100 MB never comes.
    const parts = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'emergency-care-attendance@2'],
      ],
      file,
    ).slice(0, -2);
    const cut = rawRequest(
      live.port,
      `POST /validate HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 100000000\r\n\r\n`,
    );
    cut.write(Buffer.concat(parts).toString('latin1'));
    await within(5_000, () => live.app.admission.inUse('GONE4') === 1);
    await sleep(200);
    cut.close();
    expect(await within(1_000, () => live.app.admission.inUse('GONE4') === 0)).toBeLessThan(500);
    await sleep(200);
    expect(await stored()).toBe(before);
    const logged = stopLines().slice(lines);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ standard: 'emergency-care-attendance', format: 'csv' });
  }, 20_000);
});

describe('a client that goes away after its body, while its validation runs', () => {
  it('closes the job on the pool (queued pieces dropped), frees the slot at once, stores nothing; the pool then validates as before', async () => {
    const submissions = live.app.services.submissions;
    const principal = { actor: 'test', name: 'supplier GONE3', role: 'supplier' as const, organisation: 'GONE3', tokenId: 'test' };
    const data = Buffer.concat(Array.from({ length: 6000 }, () => NDJSON)); // about 22 MB: twenty pieces
    const chunks = Array.from({ length: Math.ceil(data.length / 65_536) }, (_, i) => data.subarray(i * 65_536, (i + 1) * 65_536));
    const before = await stored();
    const { piecesSent, piecesDropped } = live.app.pool.stats();
    const controller = new AbortController();
    // The whole body is there at once (as when it has all arrived); the client goes when the first piece is answered.
    const stopAt = live.app.pool.onPiece;
    live.app.pool.onPiece = (piece) => {
      stopAt?.(piece);
      if (!controller.signal.aborted) controller.abort(new Error('the client went away'));
    };
    const running = submissions.submit(
      { standardId: 'emergency-care-attendance', versionSpec: '2', format: 'ndjson', source: chunks, sizeHint: data.length, signal: controller.signal },
      principal,
    );
    await expect(running).rejects.toThrow('the client went away');
    live.app.pool.onPiece = stopAt;
    expect(live.app.admission.inUse('GONE3')).toBe(0);
    const after = live.app.pool.stats();
    expect(after.jobs).toBe(0);
    expect(after.piecesDropped).toBeGreaterThan(piecesDropped);
    expect(after.piecesSent - piecesSent).toBeLessThan(20); // far fewer than its twenty pieces reached a thread
    expect(await stored()).toBe(before);

    // The pool's threads, caches and observers are as they were: the same data gives a single thread's report.
    const submittedAt = new Date('2026-11-02T10:00:00Z');
    const onPool = await submissions.validate(
      { standardId: 'emergency-care-attendance', versionSpec: '2', format: 'ndjson', source: chunks, workers: 2 },
      submittedAt,
    );
    const single = await submissions.validate(
      { standardId: 'emergency-care-attendance', versionSpec: '2', format: 'ndjson', source: [data], workers: 0 },
      submittedAt,
    );
    expect({ ...onPool, stats: { ...onPool.stats, seconds: 0 } }).toEqual({ ...single, stats: { ...single.stats, seconds: 0 } });
    expect(live.app.pool.stats().observers).toBe(0);
  }, 30_000);
});
