/**
 * The pool's piece buffers go back on its free list only once no thread may read them (pool.ts,
 * buffer-pool.ts): when the thread holding a piece answers it, never when a thread dies holding it (the
 * piece is sent again from the same shared bytes); a recycled buffer validates as a fresh one does, stale
 * bytes after its piece and all. And an observer's typed arrays are handed to the main thread, not copied
 * (ndjson-worker.ts). Uses the build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = '../../dist/src/validation';
const { Validators } = (await import(`${dist}/validators.js`)) as typeof import('../../src/validation/validators.js');
const { WorkerPool } = (await import(`${dist}/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { jobSetup } = (await import(`${dist}/parallel/ordered-job.js`)) as typeof import('../../src/validation/parallel/ordered-job.js');
const { PIECE_ROOM } = (await import(`${dist}/parallel/buffer-pool.js`)) as typeof import('../../src/validation/parallel/buffer-pool.js');
const { ThreadOutOfMemory } = (await import(`${dist}/errors.js`)) as typeof import('../../src/validation/errors.js');
type PieceResult = import('../../src/validation/parallel/protocol.js').PieceResult;
type Pool = InstanceType<typeof WorkerPool>;

const version = new Validators().compile({ id: 'b', version: '1.0.0', contentHash: 'buffers1' }, 'https://conform.invalid/standards/b/1.0.0', {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', maximum: 49 } },
});
const context = { submittedAt: '2026-12-06T08:00:00.000Z' };

// A worker observer: a record {"die":"memory"} fills the thread's heap; each state carries a typed array
// and says whether the one before it left the thread (handed over: its buffer detached there).
const observerFile = join(mkdtempSync(join(tmpdir(), 'conform-buffers-')), 'observer.mjs');
writeFileSync(
  observerFile,
  `export function createWorkerObserver() {
    let last;
    return {
      observe(value) {
        if (value && value.die === 'memory') { const hoard = []; for (;;) hoard.push(new Array(1 << 20).fill(0.5)); }
      },
      unreadable() {},
      state() {
        const handedOver = last === undefined ? null : last.byteLength === 0;
        last = new Float64Array([1, 2, 3]);
        return { numbers: last, handedOver };
      },
      absorb() {},
    };
  }\n`,
);
const observer = { main: { observe() {}, unreadable() {}, state: () => undefined, absorb() {} }, module: pathToFileURL(observerFile).href, plan: {} };

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

const lines = (records: number, from = 0): Buffer => Buffer.from(Array.from({ length: records }, (_, i) => `{"id":${from + i}}\n`).join(''));
/** `text` in a buffer of the pool's (a view of its length). */
const inPool = (pool: Pool, text: Buffer): Uint8Array => {
  const bytes = pool.buffers.take(text.length);
  bytes.set(text);
  return bytes;
};
/** `text` in fresh shared memory of its own. */
const fresh = (text: Buffer): Uint8Array => {
  const bytes = new Uint8Array(new SharedArrayBuffer(text.length));
  bytes.set(text);
  return bytes;
};

/** A job on `pool` whose answers and failure are recorded; settles when `expected` pieces are answered or it fails. */
function track(pool: Pool, owner: string, expected: number, withObserver = false) {
  const answers: PieceResult[] = [];
  let failure: Error | undefined;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const setup = jobSetup(version, { maxRecordBytes: 1 << 20, context, owner, ...(withObserver ? { observer } : {}) });
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
  return { job, answers, done, failure: () => failure };
}

const counted = (answers: PieceResult[]) => [...answers].sort((a, b) => a.seq - b.seq).map((a) => [a.part.records, a.part.valid]);

describe("the pool's piece buffers", () => {
  it('go back on the free list when their piece is answered, not when the thread holding it dies; a recycled one validates as a fresh one', async () => {
    let heldAtLoss = -1;
    const pool: Pool = new WorkerPool(1, undefined, { keepPieces: true, onThreadLost: () => (heldAtLoss = pool.buffers.held) });
    pools.push(pool);
    await pool.warm();
    const hostile = track(pool, 'SUPPLIER-A', 1, true);
    const sound = track(pool, 'SUPPLIER-B', 3);
    hostile.job.post({ seq: 0, bytes: Buffer.from('{"die":"memory"}\n'), findingsWanted: 10 });
    // The thread holds the hostile piece (running) and the sound job's first; the other two wait in the pool.
    const made = [0, 1, 2].map((seq) => inPool(pool, lines(100, seq * 100)));
    made.forEach((bytes, seq) => sound.job.post({ seq, bytes, findingsWanted: 10 }));
    await Promise.all([hostile.done, sound.done]);
    expect(hostile.failure()).toBeInstanceOf(ThreadOutOfMemory);
    expect(sound.failure()).toBeUndefined();
    // At the thread's death none was free: the piece it held was sent again from its buffer.
    expect(heldAtLoss).toBe(0);
    expect(pool.stats()).toMatchObject({ threadsLost: 1, piecesRerun: 1 });
    expect(counted(sound.answers)).toEqual([
      [100, 50],
      [100, 0],
      [100, 0],
    ]);
    // Each answered once: all three back, and handed out again before any new one is made.
    expect(pool.buffers.held).toBe(3);
    const text = lines(30, 40); // shorter than what the buffer held: stale lines follow it there
    const recycled = inPool(pool, text);
    expect(made.map((b) => b.buffer)).toContain(recycled.buffer);
    expect(pool.buffers.held).toBe(2);

    // The recycled piece held by a thread that dies, sent again, answers as the same bytes fresh do.
    const again = track(pool, 'SUPPLIER-C', 1, true);
    const fromRecycled = track(pool, 'SUPPLIER-B', 1);
    const fromFresh = track(pool, 'SUPPLIER-D', 1);
    again.job.post({ seq: 0, bytes: Buffer.from('{"die":"memory"}\n'), findingsWanted: 10 });
    fromRecycled.job.post({ seq: 0, bytes: recycled, findingsWanted: 10 });
    fromFresh.job.post({ seq: 0, bytes: fresh(text), findingsWanted: 10 });
    await Promise.all([again.done, fromRecycled.done, fromFresh.done]);
    expect(again.failure()).toBeInstanceOf(ThreadOutOfMemory);
    expect(pool.stats()).toMatchObject({ threadsLost: 2, piecesRerun: 2 });
    expect(fromRecycled.failure()).toBeUndefined();
    expect(fromRecycled.answers[0]!.part).toEqual(fromFresh.answers[0]!.part);
    expect(fromRecycled.answers[0]!.part).toMatchObject({ records: 30, valid: 10 });
    expect(fromRecycled.answers[0]!.lines).toBe(30);
    for (const t of [hostile, sound, again, fromRecycled, fromFresh]) t.job.close();
  }, 60_000);

  it('handed over to a thread (the command line) come back with the answer, to the free list, and are used again', async () => {
    const pool: Pool = new WorkerPool(1);
    pools.push(pool);
    const first = track(pool, 'CLI', 1);
    const bytes = inPool(pool, lines(60));
    expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
    first.job.post({ seq: 0, bytes, findingsWanted: 10 });
    expect(bytes.byteLength).toBe(0); // handed over: the main thread cannot touch it while the thread reads it
    expect(pool.buffers.held).toBe(0);
    await first.done;
    expect(pool.buffers.held).toBe(1);
    const next = track(pool, 'CLI', 1);
    const reused = inPool(pool, lines(20, 45));
    expect(reused.buffer.byteLength).toBe(PIECE_ROOM);
    expect(pool.buffers.held).toBe(0);
    next.job.post({ seq: 0, bytes: reused, findingsWanted: 10 });
    await next.done;
    expect(next.answers[0]!.part).toMatchObject({ records: 20, valid: 5 });
    first.job.close();
    next.job.close();
  }, 60_000);
});

describe("a worker observer's typed arrays", () => {
  it('are handed to the main thread with the answer, not copied', async () => {
    const pool: Pool = new WorkerPool(1);
    pools.push(pool);
    const job = track(pool, 'SUPPLIER-A', 2, true);
    job.job.post({ seq: 0, bytes: Buffer.from('{"id":1}\n'), findingsWanted: 10 });
    job.job.post({ seq: 1, bytes: Buffer.from('{"id":2}\n'), findingsWanted: 10 });
    await job.done;
    const states = [...job.answers].sort((a, b) => a.seq - b.seq).map((a) => a.observed as { numbers: Float64Array; handedOver: boolean | null });
    expect(states.map((s) => [...s.numbers])).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(states.map((s) => s.handedOver)).toEqual([null, true]);
    job.job.close();
  }, 60_000);
});
