/**
 * Reusable piece buffers for the worker pool's jobs (parallel.ts, stream-job.ts). Piece buffers go to a
 * worker and come back with its answer, to be used again: the main thread then allocates a handful of
 * buffers for the whole submission instead of one per piece.
 *
 * For a pool that keeps its pieces (the service's, where suppliers share threads: PoolOptions.keepPieces)
 * they are shared (SharedArrayBuffer): a thread reads a piece where it is, nothing is copied, and the pool
 * still holds it to send to another thread if the first dies running another submission's piece (pool.ts).
 * Otherwise (the command line: one party, whose own file is the one a dying thread ends) they are ordinary
 * buffers, handed over to the thread and back: shared memory cost the command line's 1M-record run a few
 * MiB more at its peak.
 */
export class BufferPool {
  private readonly free: ArrayBufferLike[] = [];

  constructor(private readonly shared: boolean) {}

  take(length: number): Uint8Array {
    const index = this.free.findIndex((b) => b.byteLength >= length);
    const size = Math.max(length, 1 << 20);
    const buffer = index === -1 ? (this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size)) : this.free.splice(index, 1)[0]!;
    return new Uint8Array(buffer, 0, length);
  }

  give(bytes: Uint8Array): void {
    // Keep a few ordinary buffers; one made for a rare long line is left to the garbage collector.
    if (this.free.length < 8 && bytes.buffer.byteLength <= 4 << 20) this.free.push(bytes.buffer);
  }
}
