/**
 * A pool thread that dies fails only the job whose piece it was running (pool.ts). Another job's piece it
 * held is sent again to another thread (its bytes are shared, so still the main thread's); a whole-file job
 * pinned to it that it answered nothing of starts again elsewhere; one whose state died with it fails with
 * ThreadLost (the services' 503), never with the dying job's ThreadOutOfMemory (a 422 verdict). Driven
 * piece by piece on one thread, so the order is known: the thread runs its pieces in the order sent, and a
 * record `{"die": …}` makes a test observer kill the thread while that piece runs. Uses the build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { jobSetup, OrderedJob } = (await import(`${dist}/parallel/ordered-job.js`)) as typeof import('../../src/validation/parallel/ordered-job.js');
const { ThreadLost, ThreadOutOfMemory, ThreadTimeout } = (await import(`${dist}/errors.js`)) as typeof import('../../src/validation/errors.js');
type PieceResult = import('../../src/validation/parallel/protocol.js').PieceResult;
type StreamPiece = import('../../src/validation/parallel/protocol.js').StreamPiece;

const version = new Validators().compile({ id: 'l', version: '1.0.0', contentHash: 'loss1' }, 'https://conform.invalid/standards/l/1.0.0', {
  type: 'object',
  properties: { id: { type: 'integer', maximum: 49 } },
});
const context = { submittedAt: '2026-12-06T08:00:00.000Z' };

// The worker observer of the hostile jobs: a record {"die":"memory"} fills the thread's heap; {"die":"exit"} ends the
// thread; {"die":"slow"} holds it 5 s (past a budget).
const observerFile = join(mkdtempSync(join(tmpdir(), 'conform-loss-')), 'dying-observer.mjs');
writeFileSync(
  observerFile,
  `export function createWorkerObserver() {
    return {
      observe(value) {
        if (value && value.die === 'memory') { const hoard = []; for (;;) hoard.push(new Array(1 << 20).fill(0.5)); }
        if (value && value.die === 'exit') process.exit(3);
        if (value && value.die === 'slow') { const end = Date.now() + 5000; while (Date.now() < end); }
      },
      unreadable() {},
      state() { return undefined; },
      absorb() {},
    };
  }\n`,
);
const dying = { main: { observe() {}, unreadable() {}, state: () => undefined, absorb() {} }, module: pathToFileURL(observerFile).href, plan: {} };

const pools: InstanceType<typeof WorkerPool>[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));
/** What each pool told its operator of its threads' deaths (PoolOptions.onThreadLost). */
const losses = new Map<InstanceType<typeof WorkerPool>, import('../../src/validation/parallel/pool.js').ThreadLoss[]>();
const poolOf = async (size: number, budgetMs?: number) => {
  const told: import('../../src/validation/parallel/pool.js').ThreadLoss[] = [];
  const pool = new WorkerPool(size, undefined, { ...(budgetMs === undefined ? {} : { budgetMs }), onThreadLost: (loss) => told.push(loss) });
  losses.set(pool, told);
  pools.push(pool);
  await pool.warm();
  return pool;
};

/** NDJSON lines `{"id":0}` … in shared memory, as the service's piece buffers are (BufferPool); ids from 50 up fail. */
const shared = (records: number, from = 0): Uint8Array => {
  const text = Buffer.from(Array.from({ length: records }, (_, i) => `{"id":${from + i}}\n`).join(''));
  const bytes = new Uint8Array(new SharedArrayBuffer(text.length));
  bytes.set(text);
  return bytes;
};
const plain = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));

/** A job on `pool` whose answers and failure are recorded; settles when `expected` pieces are answered or it fails. */
function track(pool: InstanceType<typeof WorkerPool>, owner: string, expected: number, options: { observer?: boolean; whole?: boolean } = {}) {
  const answers: PieceResult[] = [];
  let failure: Error | undefined;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const setup = jobSetup(version, { maxRecordBytes: 1 << 20, context, owner, ...(options.observer ? { observer: dying } : {}) }, options.whole === true);
  const job = pool.open(
    setup,
    (result) => {
      answers.push(result);
      if (answers.length === expected) settle();
    },
    (error) => {
      failure = error;
      settle();
    },
  );
  return {
    job,
    answers,
    done,
    get failure() {
      return failure;
    },
  };
}

const stream = (first: boolean, last: boolean): StreamPiece => ({ format: 'ndjson', first, last, ...(first ? { maxFindings: 100 } : {}) });

describe("a job's piece buffers", () => {
  it('are shared, kept to be sent again, on a pool that keeps its pieces (the service), and handed over on one that does not (the command line)', () => {
    for (const keepPieces of [true, false]) {
      const pool = new WorkerPool(1, undefined, { keepPieces });
      pools.push(pool);
      const job = new OrderedJob(pool, jobSetup(version, { maxRecordBytes: 1 << 20, context }, false), () => {});
      expect(job.buffers.take(100).buffer instanceof SharedArrayBuffer, `keepPieces ${keepPieces}`).toBe(keepPieces);
      job.close();
    }
  });
});

describe('a pool thread that dies running one job', () => {
  it.each(['memory', 'exit'])(
    "(%s) fails only that job: another supplier's pieces it held are validated on a new thread",
    async (how) => {
      const pool = await poolOf(1);
      const hostile = track(pool, 'SUPPLIER-A', 1, { observer: true });
      const sound = track(pool, 'SUPPLIER-B', 3);
      hostile.job.post({ seq: 0, bytes: plain(`{"id":1}\n{"die":"${how}"}\n`), findingsWanted: 10 });
      // The thread holds two pieces: the hostile one (running first) and the sound job's first; the rest wait.
      for (let seq = 0; seq < 3; seq++) sound.job.post({ seq, bytes: shared(100, seq * 100), findingsWanted: 10 });
      expect(pool.stats()).toMatchObject({ queued: 2, busy: 1 });
      await Promise.all([hostile.done, sound.done]);

      if (how === 'memory') expect(hostile.failure).toBeInstanceOf(ThreadOutOfMemory);
      else expect(hostile.failure?.message).toContain('stopped unexpectedly');
      expect(sound.failure).toBeUndefined();
      const bySeq = [...sound.answers].sort((a, b) => a.seq - b.seq);
      expect(bySeq.map((a) => a.seq)).toEqual([0, 1, 2]);
      expect(bySeq.map((a) => [a.part.records, a.part.valid])).toEqual([
        [100, 50],
        [100, 0],
        [100, 0],
      ]);
      expect(pool.stats()).toMatchObject({ threads: 1, started: 2, threadsLost: 1, piecesRerun: 1, jobsLost: 0 });
      // The operator is told why, in a word, and what became of the rest.
      expect(losses.get(pool)).toEqual([{ reason: how === 'memory' ? 'memory' : 'crash', refused: 1, lost: 0, rerun: 1 }]);
      sound.job.close();
      hostile.job.close();
    },
    60_000,
  );

  it('starts again on another thread a whole file pinned to it that it had answered nothing of', async () => {
    const pool = await poolOf(1);
    const hostile = track(pool, 'SUPPLIER-A', 1, { observer: true });
    const sound = track(pool, 'SUPPLIER-B', 2, { whole: true });
    hostile.job.post({ seq: 0, bytes: plain('{"die":"memory"}\n'), findingsWanted: 10 });
    sound.job.post({ seq: 0, bytes: shared(60), findingsWanted: 0, stream: stream(true, false) });
    sound.job.post({ seq: 1, bytes: shared(40, 60), findingsWanted: 0, stream: stream(false, true) });
    await Promise.all([hostile.done, sound.done]);

    expect(hostile.failure).toBeInstanceOf(ThreadOutOfMemory);
    expect(sound.failure).toBeUndefined();
    expect(sound.answers.map((a) => a.seq)).toEqual([0, 1]);
    // The whole file, in order, on the new thread: 100 records, ids 0–49 valid.
    expect(sound.answers.reduce((n, a) => n + a.part.records, 0)).toBe(100);
    expect(sound.answers.reduce((n, a) => n + a.part.valid, 0)).toBe(50);
    expect(pool.stats()).toMatchObject({ started: 2, threadsLost: 1, piecesRerun: 1, jobsLost: 0 });
    sound.job.close();
    hostile.job.close();
  }, 60_000);

  it('fails with ThreadLost, not the hostile job’s ThreadOutOfMemory, a whole file whose state died with the thread; the next files validate as before', async () => {
    const pool = await poolOf(1);
    const sound = track(pool, 'SUPPLIER-B', 1, { whole: true });
    sound.job.post({ seq: 0, bytes: shared(60), findingsWanted: 0, stream: stream(true, false) });
    await sound.done; // the thread holds the file's reader and report now
    expect(sound.answers).toHaveLength(1);

    const hostile = track(pool, 'SUPPLIER-A', 1, { observer: true });
    hostile.job.post({ seq: 0, bytes: plain('{"die":"memory"}\n'), findingsWanted: 10 });
    sound.job.post({ seq: 1, bytes: shared(40, 60), findingsWanted: 0, stream: stream(false, true) });
    await hostile.done;
    expect(hostile.failure).toBeInstanceOf(ThreadOutOfMemory);
    // Failed with the hostile job, at the thread's death.
    const error = sound.failure;
    expect(error).toBeInstanceOf(ThreadLost);
    expect(error).not.toBeInstanceOf(ThreadOutOfMemory);
    expect(pool.stats()).toMatchObject({ threadsLost: 1, jobsLost: 1 });
    sound.job.close();
    hostile.job.close();

    // A new submission on the replaced thread is validated as before.
    const next = track(pool, 'SUPPLIER-B', 1);
    next.job.post({ seq: 0, bytes: shared(80), findingsWanted: 10 });
    await next.done;
    expect(next.failure).toBeUndefined();
    expect(next.answers[0]!.part).toMatchObject({ records: 80, valid: 50 });
    expect(pool.stats()).toMatchObject({ threads: 1, started: 2, jobs: 1 });
    next.job.close();
  }, 60_000);

  it('sends a piece again at most once: a job whose piece was sent again and dies again under it is the culprit', async () => {
    const pool = await poolOf(1);
    const first = track(pool, 'SUPPLIER-A', 1, { observer: true });
    const second = track(pool, 'SUPPLIER-C', 1, { observer: true });
    const hostileBytes = () => {
      const text = Buffer.from('{"die":"memory"}\n');
      const bytes = new Uint8Array(new SharedArrayBuffer(text.length));
      bytes.set(text);
      return bytes;
    };
    first.job.post({ seq: 0, bytes: hostileBytes(), findingsWanted: 10 });
    second.job.post({ seq: 0, bytes: hostileBytes(), findingsWanted: 10 });
    await Promise.all([first.done, second.done]);
    expect(first.failure).toBeInstanceOf(ThreadOutOfMemory);
    expect(second.failure).toBeInstanceOf(ThreadOutOfMemory);
    expect(pool.stats()).toMatchObject({ threadsLost: 2, piecesRerun: 1, started: 2, threads: 0 });
    first.job.close();
    second.job.close();
  }, 60_000);

  it('fails with ThreadLost a piece whose bytes were handed over to the thread (not shared): they cannot be sent again', async () => {
    const pool = await poolOf(1);
    const hostile = track(pool, 'SUPPLIER-A', 1, { observer: true });
    const other = track(pool, 'SUPPLIER-B', 1);
    hostile.job.post({ seq: 0, bytes: plain('{"die":"memory"}\n'), findingsWanted: 10 });
    other.job.post({ seq: 0, bytes: plain('{"id":1}\n'), findingsWanted: 10 });
    await Promise.all([hostile.done, other.done]);
    expect(hostile.failure).toBeInstanceOf(ThreadOutOfMemory);
    expect(other.failure).toBeInstanceOf(ThreadLost);
    expect(pool.stats()).toMatchObject({ threadsLost: 1, piecesRerun: 0, jobsLost: 1 });
    hostile.job.close();
    other.job.close();
  }, 60_000);

  it('past a time budget (the small-file lane), fails that job with ThreadTimeout: a whole file on the thread is ThreadLost, or starts again if it had no answer', async () => {
    const pool = await poolOf(1, 300);
    const answered = track(pool, 'SUPPLIER-B', 1, { whole: true });
    answered.job.post({ seq: 0, bytes: shared(60), findingsWanted: 0, stream: stream(true, false) });
    await answered.done;
    const hostile = track(pool, 'SUPPLIER-A', 1, { observer: true });
    hostile.job.post({ seq: 0, bytes: plain('{"die":"slow"}\n'), findingsWanted: 10 });
    answered.job.post({ seq: 1, bytes: shared(40, 60), findingsWanted: 0, stream: stream(false, true) });
    // Pinned to the same thread, none of it answered yet: its piece waits (one piece in hand with a budget).
    const fresh = track(pool, 'SUPPLIER-C', 2, { whole: true });
    fresh.job.post({ seq: 0, bytes: shared(30), findingsWanted: 0, stream: stream(true, false) });
    fresh.job.post({ seq: 1, bytes: shared(30, 30), findingsWanted: 0, stream: stream(false, true) });
    await Promise.all([hostile.done, fresh.done]);

    expect(hostile.failure).toBeInstanceOf(ThreadTimeout);
    expect(answered.failure).toBeInstanceOf(ThreadLost);
    expect(fresh.failure).toBeUndefined();
    expect(fresh.answers.reduce((n, a) => n + a.part.records, 0)).toBe(60);
    expect(fresh.answers.reduce((n, a) => n + a.part.valid, 0)).toBe(50);
    expect(pool.stats()).toMatchObject({ threadsLost: 1, jobsLost: 1, started: 2 });
    expect(losses.get(pool)).toEqual([{ reason: 'time', refused: 1, lost: 1, rerun: 0 }]);
    for (const job of [answered, hostile, fresh]) job.job.close();
  }, 60_000);
});
