/**
 * The worker pool's turns are fair by supplier first, then by job (pool.ts): a supplier with many jobs open
 * gets no more of the pool than one with a single job while both have work queued, and one supplier's
 * whole-file (pinned) jobs hold at most all threads but one, so another supplier's upload never waits
 * behind them. The order is counted, not timed: with one thread, answers come back in the order the pieces
 * were handed out. Uses the build (npm test builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { chunked } from './helpers.js';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool, pinnedThreadsPerOwner } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { jobSetup } = (await import(`${dist}/parallel/ordered-job.js`)) as typeof import('../../src/validation/parallel/ordered-job.js');

const version = new Validators().compile({ id: 'f', version: '1.0.0', contentHash: 'fair1' }, 'https://conform.invalid/standards/f/1.0.0', {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer' } },
});
const context = { submittedAt: '2026-12-06T08:00:00.000Z' };

const pools: InstanceType<typeof WorkerPool>[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));
const poolOf = async (size: number) => {
  const pool = new WorkerPool(size);
  pools.push(pool);
  await pool.warm();
  return pool;
};

/** A piece of whole NDJSON lines in a buffer of its own (its memory is handed to the thread). */
const piece = (records: number): Uint8Array => new Uint8Array(Buffer.from(Array.from({ length: records }, (_, i) => `{"id":${i}}\n`).join('')));

describe('the pool hands out its turns by supplier first, then by job', () => {
  it('gives a supplier with one job every other piece while a supplier with four jobs has work queued, and takes the four in turn', async () => {
    const pool = await poolOf(1);
    const answered: string[] = [];
    let settle!: () => void;
    const all = new Promise<void>((resolve) => (settle = resolve));
    const perJob = 10;
    const total = 5 * perJob;
    const open = (name: string, owner: string) =>
      pool.open(
        jobSetup(version, { maxRecordBytes: 1 << 20, context, owner }),
        () => {
          answered.push(name);
          if (answered.length === total) settle();
        },
        (error) => {
          throw error;
        },
      );
    const a = ['a0', 'a1', 'a2', 'a3'].map((name) => ({ name, job: open(name, 'SUPPLIER-A') }));
    const b = { name: 'b', job: open('b', 'SUPPLIER-B') };
    // Supplier A queues all its pieces first, then B: nothing is answered until this block ends.
    for (const { job } of a) for (let seq = 0; seq < perJob; seq++) job.post({ seq, bytes: piece(50), findingsWanted: 0 });
    for (let seq = 0; seq < perJob; seq++) b.job.post({ seq, bytes: piece(50), findingsWanted: 0 });
    expect(pool.stats()).toMatchObject({ jobs: 5, queued: total - 2 }); // the thread holds two pieces at a time
    await all;

    // The two pieces handed out before B had any queued are A's; from then on B has every other turn until its ten are out.
    expect(answered.slice(0, 2)).toEqual(['a0', 'a0']);
    const bTurns = answered.flatMap((name, i) => (name === 'b' ? [i] : []));
    expect(bTurns).toHaveLength(perJob);
    bTurns.slice(1).forEach((turn, i) => expect(turn - bTurns[i]!).toBe(2));
    expect(bTurns[perJob - 1]).toBeLessThanOrEqual(2 + 2 * perJob);
    // Within A, its four jobs take A's turns one after another (after its first two pieces).
    const aWhileB = answered.slice(2, bTurns[perJob - 1]).filter((name) => name !== 'b');
    expect(aWhileB.slice(0, 8)).toEqual(['a1', 'a2', 'a3', 'a0', 'a1', 'a2', 'a3', 'a0']);
    expect(pool.stats()).toMatchObject({ jobs: 5, suppliers: 2, queued: 0 });
    for (const { job } of [...a, b]) job.close();
    expect(pool.stats()).toMatchObject({ jobs: 0, suppliers: 0, queued: 0 });
  });

  it("splits a supplier's share among its jobs: a job's part of the turns, which bounds its pieces in flight", async () => {
    const pool = await poolOf(2);
    const setup = (owner?: string) => jobSetup(version, { maxRecordBytes: 1 << 20, context, ...(owner ? { owner } : {}) });
    const fail = (error: Error) => {
      throw error;
    };
    const a = Array.from({ length: 4 }, () => pool.open(setup('SUPPLIER-A'), () => undefined, fail));
    const b = pool.open(setup('SUPPLIER-B'), () => undefined, fail);
    expect(a.map((job) => job.share)).toEqual([1 / 8, 1 / 8, 1 / 8, 1 / 8]);
    expect(b.share).toBe(1 / 2);
    // Jobs without an owner (the CLI's) are one more party.
    const cli = [pool.open(setup(), () => undefined, fail), pool.open(setup(), () => undefined, fail)];
    expect(cli.map((job) => job.share)).toEqual([1 / 6, 1 / 6]);
    expect(b.share).toBe(1 / 3);
    for (const job of [...a, b, ...cli]) job.close();
    expect(b.share).toBe(0);
  });
});

describe("one supplier's whole files", () => {
  it(
    "hold at most all threads but one: another supplier's whole file goes to a thread none of them is on, and finishes while they run",
    { timeout: 60_000 },
    async () => {
      const pool = await poolOf(2);
      // Whose each job is (A's are opened before B's), and which thread each piece went to.
      let sender = 'A';
      const senders = new Map<number, string>();
      const open = pool.open.bind(pool);
      pool.open = (setup, onResult, onFailure) => {
        const job = open(setup, onResult, onFailure);
        senders.set(job.id, sender);
        return job;
      };
      const threadsOf = new Map<string, Set<number>>();
      pool.onPiece = (done) => {
        const of = senders.get(done.job)!;
        if (!threadsOf.has(of)) threadsOf.set(of, new Set());
        threadsOf.get(of)!.add(done.thread);
      };
      // A's files: three of 4 MiB of records (eight pieces each, in order on one thread); B's: 1 MiB.
      const large = Buffer.from(`{"id":1}\n`.repeat(470_000));
      const small = Buffer.from(`{"id":2}\n`.repeat(117_000));
      const finished: string[] = [];
      const whole = (data: Buffer, owner: string, name: string) =>
        validateStream(Readable.from(chunked(data, 65_536)), version, { format: 'ndjson', pool, whole: true, owner }).then((report) => {
          finished.push(name);
          return report;
        });
      const aRuns = [whole(large, 'SUPPLIER-A', 'a0'), whole(large, 'SUPPLIER-A', 'a1'), whole(large, 'SUPPLIER-A', 'a2')];
      // B's upload starts once A's three are pinned (each has sent its first piece).
      while (pool.stats().pinned < 3 || !threadsOf.has('A')) await new Promise((resolve) => setTimeout(resolve, 5));
      sender = 'B';
      const bReport = await whole(small, 'SUPPLIER-B', 'b');
      expect(bReport.stats).toMatchObject({ records: 117_000, invalid: 0 });
      expect(finished).toEqual(['b']);
      const aReports = await Promise.all(aRuns);
      aReports.forEach((report) => expect(report.stats).toMatchObject({ records: 470_000, invalid: 0 }));
      // A's three files were all on one thread; B's on the other, which none of A's pieces ever reached.
      const aThreads = [...threadsOf.get('A')!];
      const bThreads = [...threadsOf.get('B')!];
      expect(aThreads).toHaveLength(1);
      expect(bThreads).toHaveLength(1);
      expect(bThreads[0]).not.toBe(aThreads[0]);
      expect(pinnedThreadsPerOwner(2)).toBe(1);
      expect(pool.stats()).toMatchObject({ jobs: 0, pinned: 0, suppliers: 0 });
    },
  );
});
