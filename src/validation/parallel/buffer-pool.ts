/**
 * Reusable piece buffers for the worker pool's jobs (parallel.ts, stream-job.ts). One free list per pool
 * (pool.ts), shared by its jobs: a buffer goes back on the list when a thread has answered its piece, so
 * a warm service's upload takes the buffers the last one left rather than allocating its own handful.
 * Fresh 1.25 MiB blocks each upload, freed when it ended, left glibc's malloc raising its mmap threshold
 * and keeping the freed blocks in the main thread's heap.
 *
 * A buffer is given back only once no thread may read it: by the pool, when the thread that held its
 * piece answers it (an answer from a thread that already died, or for a piece sent again elsewhere, gives
 * nothing back). A piece dropped unsent, or whose thread died, leaves its buffer to the garbage collector.
 *
 * For a pool that keeps its pieces (the service's, where suppliers share threads: PoolOptions.keepPieces)
 * they are shared (SharedArrayBuffer): a thread reads a piece where it is, nothing is copied, and the pool
 * still holds it to send to another thread if the first dies running another submission's piece (pool.ts).
 * Otherwise (the command line: one party, whose own file is the one a dying thread ends) they are ordinary
 * buffers, handed over to the thread and back: shared memory cost the command line's 1M-record run a few
 * MiB more at its peak.
 */

/**
 * Copies `source` into `target` at `at` (which has room for it). Into shared memory V8's `set` copies
 * with relaxed atomic stores, as it must for memory other threads may read: a word at a time, or a byte
 * at a time where source and target are not aligned alike (a piece's bytes go on from wherever the last
 * line ended); Buffer's `fill` with bytes of exactly the range's length is one memcpy. The main thread
 * copies every byte of an upload into piece buffers, and `set` was about a tenth of its CPU
 * (docs/benchmarks.md). A thread reads a piece only after it is posted, so a plain copy is safe.
 */
export function copyInto(target: Uint8Array, source: Uint8Array, at: number): void {
  if (source.length === 0) return;
  if (!(target.buffer instanceof SharedArrayBuffer)) return target.set(source, at);
  Buffer.from(target.buffer, target.byteOffset, target.length).fill(source, at, at + source.length);
}

/** The room of a buffer the pool makes, at least: an NDJSON piece and the chunk that takes it past 1 MiB (parallel.ts). */
export const PIECE_ROOM = (1 << 20) + (1 << 18);
/** The largest buffer kept for reuse (one grown for a long line); a larger one is left to the garbage collector. */
const LARGEST_KEPT = 4 << 20;
/** Buffers kept free, by default: about the pieces two threads hold and queue for one submission. */
export const FREE_BUFFERS = 8;

export class BufferPool {
  private readonly free: ArrayBufferLike[] = [];

  constructor(
    private readonly shared: boolean,
    /** The most buffers kept free: what an idle pool holds (FREE_BUFFERS × PIECE_ROOM, 10 MiB, by default). */
    private readonly most = FREE_BUFFERS,
  ) {}

  /** Buffers on the free list now. */
  get held(): number {
    return this.free.length;
  }

  /** A view of `length` bytes over a free buffer with room for them, or a new one of at least PIECE_ROOM. */
  take(length: number): Uint8Array {
    const index = this.free.findIndex((b) => b.byteLength >= length);
    const size = Math.max(length, PIECE_ROOM);
    const buffer = index === -1 ? (this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size)) : this.free.splice(index, 1)[0]!;
    return new Uint8Array(buffer, 0, length);
  }

  /**
   * Puts the buffer under `bytes` back on the free list, once nothing else may read it, if it is one this
   * pool would make (its kind, PIECE_ROOM to 4 MiB: never a caller's own small buffer) and the list has room.
   */
  give(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (this.free.length >= this.most || buffer.byteLength < PIECE_ROOM || buffer.byteLength > LARGEST_KEPT) return;
    if (buffer instanceof SharedArrayBuffer !== this.shared || this.free.includes(buffer)) return;
    this.free.push(buffer);
  }
}
