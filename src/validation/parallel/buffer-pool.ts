/**
 * Reusable piece buffers for the worker pool's jobs (parallel.ts, stream-job.ts). Piece buffers go to a worker and come back with its answer, to be used again: the main thread then
 * allocates a handful of buffers for the whole submission instead of one per piece. They are shared
 * (SharedArrayBuffer): a thread reads a piece where it is, nothing is copied, and the pool still holds it
 * to send to another thread if the first dies running another submission's piece (pool.ts).
 */
export class BufferPool {
  private readonly free: SharedArrayBuffer[] = [];

  take(length: number): Uint8Array {
    const index = this.free.findIndex((b) => b.byteLength >= length);
    const buffer = index === -1 ? new SharedArrayBuffer(Math.max(length, 1 << 20)) : this.free.splice(index, 1)[0]!;
    return new Uint8Array(buffer, 0, length);
  }

  give(bytes: Uint8Array): void {
    // Keep a few ordinary buffers; one made for a rare long line is left to the garbage collector.
    if (this.free.length < 8 && bytes.buffer.byteLength <= 4 << 20 && bytes.buffer instanceof SharedArrayBuffer) this.free.push(bytes.buffer);
  }
}
