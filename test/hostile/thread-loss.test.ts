/**
 * One supplier's file that runs a validation thread out of memory must not give another supplier's file a
 * verdict. With one pool thread, supplier A's record of 9,990 items against an `anyOf` of 500 branches
 * (thread-memory.test.ts) fills the thread's heap while supplier B's file has work on that thread. The
 * pool failed every job the thread held with A's error, so B's sound file was a 422 naming `validation
 * thread memory`. Now A's upload alone is that 422; B's piece the thread had not begun is validated on the
 * new thread (201, its report right), and a B file whose state died with the thread is a 503 with
 * Retry-After, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { send as sendOnce, sleep, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '1' });
  const branches = Array.from({ length: 500 }, (_, i) => ({ type: 'object', required: [`k${i}`], properties: { [`k${i}`]: { const: i } } }));
  const schema = { type: 'object', properties: { xs: { type: 'array', items: { anyOf: branches } } } };
  const meta = await send(
    'PUT',
    '/v1/standards/wide-loss',
    live.admin,
    'application/json',
    JSON.stringify({ title: 'Wide', owner: 'Test', description: 'Wide items.' }),
  );
  expect(meta.status, meta.body).toBe(201);
  const published = await send('PUT', '/v1/standards/wide-loss/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema));
  expect(published.status, published.body.slice(0, 300)).toBe(201);
}, 60_000);
afterAll(async () => live.stop());

function send(method: string, path: string, token: string, type: string, body: string, chunked = false) {
  return sendOnce(live.port, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body, chunked });
}

const VALIDATE = '/v1/standards/wide-loss/versions/1.0.0/validate';
/** The hostile file: one record whose checks fill a thread's 128 MiB. */
const hostile = `${JSON.stringify({ xs: Array.from({ length: 9990 }, () => 1) })}\n`;
/** `n` sound records, one in `every` invalid (an item matching no branch), each with a note of `pad` characters. */
const sound = (n: number, every = 2, pad = 0) =>
  Array.from({ length: n }, (_, i) => `${JSON.stringify({ note: 'x'.repeat(pad), xs: i % every === every - 1 ? [1] : [{ k0: 0 }] })}\n`).join('');

const stats = () => live.app.pool.stats();
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let waited = 0; !ok(); waited += 10) {
    if (waited > 30_000) throw new Error(`waited 30 s for ${what}`);
    await sleep(10);
  }
}
const storedFor = async (token: string) => {
  const list = await send('GET', '/v1/submissions', token, 'application/json', '');
  expect(list.status, list.body.slice(0, 300)).toBe(200);
  return (JSON.parse(list.body) as { submissions: unknown[] }).submissions.length;
};

describe("a thread killed by one supplier's file", () => {
  it("refuses that file (422), and validates another supplier's file it held on a new thread (201, its report right)", { timeout: 120_000 }, async () => {
    const a = await live.supplier('LOSSA1');
    const b = await live.supplier('LOSSB1');
    const before = stats();
    const refused = send('POST', VALIDATE, a, 'application/x-ndjson', hostile, true);
    // A's one piece is in the thread's hands (it takes seconds to fill the heap): B's piece then joins it there.
    await until("A's piece in hand", () => stats().piecesSent > before.piecesSent && stats().busy === 1);
    const accepted = send('POST', VALIDATE, b, 'application/x-ndjson', sound(200), true);
    const [aAnswer, bAnswer] = await Promise.all([refused, accepted]);

    expect(aAnswer.status, aAnswer.body.slice(0, 300)).toBe(422);
    expect(JSON.parse(aAnswer.body).errors).toContainEqual(expect.objectContaining({ limit: 'validation thread memory', max: 128 }));
    expect(bAnswer.status, bAnswer.body.slice(0, 300)).toBe(201);
    expect(JSON.parse(bAnswer.body)).toMatchObject({ valid: false, stats: { records: 200, invalid: 100 } });
    // B's piece was held by the dying thread and sent again (so this test saw the case it is about).
    expect(stats()).toMatchObject({ threadsLost: before.threadsLost + 1, piecesRerun: before.piecesRerun + 1 });
    expect(await storedFor(a)).toBe(0);
    expect(await storedFor(b)).toBe(1);
    const { body: scraped } = await live.app.metrics.text();
    expect(scraped).toMatch(/^conform_worker_pool_threads_lost_total 1$/m);
    expect(scraped).toMatch(/^conform_worker_pool_pieces_rerun_total 1$/m);
  });

  it(
    'answers 503 with Retry-After, storing nothing, for a file whose state died with the thread; it is validated when sent again',
    { timeout: 120_000 },
    async () => {
      const a = await live.supplier('LOSSA2');
      const b = await live.supplier('LOSSB2');
      // B's file, over 1 MiB with its Content-Length, is validated whole on the one thread: its first 600 KB go first.
      const body = Buffer.from(sound(6_000, 100, 200));
      expect(body.length).toBeGreaterThan(1 << 20);
      const before = stats();
      const req = request({
        host: '127.0.0.1',
        port: live.port,
        method: 'POST',
        path: VALIDATE,
        agent: false,
        headers: { authorization: `Bearer ${b}`, 'content-type': 'application/x-ndjson', 'content-length': String(body.length) },
      });
      const bAnswer = new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        });
        req.on('error', reject);
      });
      req.write(body.subarray(0, 600_000));
      // The thread has answered B's first piece: it holds B's reader and report now.
      await until("B's first piece answered", () => stats().piecesSent > before.piecesSent && stats().busy === 0 && stats().pinned === 1);
      const refused = send('POST', VALIDATE, a, 'application/x-ndjson', hostile, true);
      await until("A's piece in hand", () => stats().piecesSent > before.piecesSent + 1 && stats().busy === 1);
      req.end(body.subarray(600_000));
      const [aAnswer, lost] = await Promise.all([refused, bAnswer]);

      expect(aAnswer.status, aAnswer.body.slice(0, 300)).toBe(422);
      expect(lost.status, lost.body.slice(0, 300)).toBe(503);
      expect(Number(lost.headers['retry-after'])).toBeGreaterThan(0);
      const problem = JSON.parse(lost.body) as { detail: string; errors: { limit?: string }[] };
      expect(problem.detail).toContain('stopped by another submission; nothing was stored; send it again');
      expect(problem.errors).toContainEqual(expect.objectContaining({ limit: 'validation thread' }));
      expect(lost.body).not.toContain('validation thread memory');
      expect(stats()).toMatchObject({ jobsLost: before.jobsLost + 1 });
      expect(await storedFor(b)).toBe(0);
      expect((await live.app.metrics.text()).body).toMatch(/^conform_worker_pool_jobs_lost_total 1$/m);

      // Sent again, B's file is validated as before.
      const again = await send('POST', VALIDATE, b, 'application/x-ndjson', body.toString());
      expect(again.status, again.body.slice(0, 300)).toBe(201);
      expect(JSON.parse(again.body)).toMatchObject({ stats: { records: 6_000, invalid: 60 } });
      expect(await storedFor(b)).toBe(1);
    },
  );
});
