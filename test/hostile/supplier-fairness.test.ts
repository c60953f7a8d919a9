/**
 * One supplier cannot take the validation pool from another. Supplier A opens three large uploads at once
 * (each validated whole, in order, on one thread); they used to be pinned across both of the pool's
 * threads, so supplier B's upload shared a thread with them and waited behind their pieces. The pool now
 * counts its turns by supplier and lets one supplier's whole files hold at most all threads but one
 * (pool.ts): A's three share one thread, B's upload has the other to itself and is answered while A's are
 * still being validated. Which thread each piece went to is read from the pool, so nothing here is timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send as sendOnce, startLiveApp, type LiveApp } from './support.js';

let live: LiveApp;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_WORKERS: '2', CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '3' });
  await live.app.pool.warm(); // as `conform serve` does: no upload waits for a thread to start
});
afterAll(async () => live.stop());

const send = (method: string, path: string, token: string, type: string, body: string | Buffer) =>
  sendOnce(live.port, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

describe("two suppliers' uploads on a pool of two threads", () => {
  it("answers B's upload on a thread none of A's three large uploads is on, while A's are still being validated", { timeout: 120_000 }, async () => {
    const meta = await send(
      'PUT',
      '/v1/standards/fair-ids',
      live.admin,
      'application/json',
      JSON.stringify({ title: 'Ids', owner: 'Test', description: 'Ids.' }),
    );
    expect(meta.status, meta.body).toBe(201);
    const schema = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } };
    const published = await send('PUT', '/v1/standards/fair-ids/versions/1.0.0', live.admin, 'application/json', JSON.stringify(schema));
    expect(published.status, published.body.slice(0, 300)).toBe(201);
    const [tokenA, tokenB] = [await live.supplier('FAIRA'), await live.supplier('FAIRB')];
    const trial = '/v1/standards/fair-ids/versions/1.0.0/trial';

    // Whose each job on the pool is (A's are opened before B's upload is sent), the owner the service gave
    // it, and which thread each piece went to.
    const { pool } = live.app;
    let sender = 'A';
    const jobs = new Map<number, { sender: string; owner: string | undefined }>();
    const open = pool.open.bind(pool);
    pool.open = (setup, onResult, onFailure) => {
      const job = open(setup, onResult, onFailure);
      jobs.set(job.id, { sender, owner: setup.owner });
      return job;
    };
    const threadsOf = new Map<string, Set<number>>();
    pool.onPiece = (piece) => {
      const of = jobs.get(piece.job)!.sender;
      if (!threadsOf.has(of)) threadsOf.set(of, new Set());
      threadsOf.get(of)!.add(piece.thread);
    };

    // A: three uploads of 6 MiB (between 1 and 16 MiB: each validated whole on one thread); B: 1.2 MiB.
    const large = Buffer.from('{"id":1}\n'.repeat(700_000));
    const small = Buffer.from('{"id":2}\n'.repeat(140_000));
    const answeredA: number[] = [];
    const uploadsA = [0, 1, 2].map((i) =>
      send('POST', trial, tokenA, 'application/x-ndjson', large).then((answer) => {
        answeredA.push(i);
        return answer;
      }),
    );
    // B's upload is sent once A's three are on the pool, each pinned to its thread.
    while (pool.stats().pinned < 3 || !threadsOf.has('A')) await new Promise((resolve) => setTimeout(resolve, 5));
    sender = 'B';
    const answerB = await send('POST', trial, tokenB, 'application/x-ndjson', small);
    expect(answerB.status, answerB.body.slice(0, 300)).toBe(200);
    expect(JSON.parse(answerB.body)).toMatchObject({ valid: true, stats: { records: 140_000 } });
    expect(answeredA).toEqual([]);
    for (const answer of await Promise.all(uploadsA)) {
      expect(answer.status, answer.body.slice(0, 300)).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ valid: true, stats: { records: 700_000 } });
    }

    // Every piece of A's three went to one thread; B's to the other.
    const aThreads = [...threadsOf.get('A')!];
    const bThreads = [...threadsOf.get('B')!];
    expect(aThreads).toHaveLength(1);
    expect(bThreads).toHaveLength(1);
    expect(bThreads[0]).not.toBe(aThreads[0]);
    // The service opened each job for its supplier's organisation.
    expect([...jobs.values()].map((j) => `${j.sender}:${j.owner}`).sort()).toEqual(['A:FAIRA', 'A:FAIRA', 'A:FAIRA', 'B:FAIRB']);
    expect(pool.stats()).toMatchObject({ jobs: 0, pinned: 0, suppliers: 0 });
  });
});
