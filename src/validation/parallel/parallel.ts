/**
 * Validates an NDJSON submission on the shared worker pool (pool.ts). The main thread only cuts the
 * decoded bytes into pieces of whole lines (about a chunk each) and posts them to the submission's job;
 * the pool's threads parse and validate them; the results are absorbed into the report strictly in input
 * order, so the report is the same as a single thread's. At most a few pieces per thread of the pool are
 * in flight for one submission, fewer when others share the pool, so memory stays flat however many
 * submissions share it.
 */
import { createHash } from 'node:crypto';
import { ReportBuilder } from '../report-builder.js';
import type { CompiledVersion } from '../validators.js';
import type { PieceResult } from './protocol.js';
import type { ObserverSpec } from '../observer.js';
import { workerScript, type JobSetup, type WorkerPool } from './pool.js';
import type { ValidationContext } from '../context.js';

const IN_FLIGHT_PER_THREAD = 3;
/** Bytes of whole lines sent to a worker at a time. */
const PIECE_BYTES = 1 << 20;
/** A piece buffer's room: a piece plus the chunk that takes it past PIECE_BYTES (a larger chunk grows it). */
const PIECE_CAPACITY = PIECE_BYTES + (1 << 18);
const NEWLINE = 10;

export function canRunInWorkers(): boolean {
  return workerScript() !== undefined;
}

const contentKey = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/**
 * Piece buffers go to a worker and come back with its answer, to be used again: the main thread then
 * allocates a handful of buffers for the whole submission instead of one per piece.
 */
class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  take(length: number): Uint8Array {
    const index = this.free.findIndex((b) => b.byteLength >= length);
    const buffer = index === -1 ? new ArrayBuffer(Math.max(length, 1 << 20)) : this.free.splice(index, 1)[0]!;
    return new Uint8Array(buffer, 0, length);
  }

  give(bytes: Uint8Array): void {
    // Keep a few ordinary buffers; one made for a rare long line is left to the garbage collector.
    if (this.free.length < 8 && bytes.buffer.byteLength <= 4 << 20) this.free.push(bytes.buffer as ArrayBuffer);
  }
}

/** A larger buffer holding the first `filled` bytes of `bytes`, for a piece whose line runs on. */
function grown(pool: BufferPool, bytes: Uint8Array, filled: number, needed: number): Uint8Array {
  const larger = pool.take(Math.max(needed, bytes.length * 2));
  larger.set(bytes.subarray(0, filled));
  pool.give(bytes);
  return larger;
}

export async function validateNdjsonInWorkers(
  chunks: AsyncIterable<Buffer>,
  version: CompiledVersion,
  builder: ReportBuilder,
  options: { pool: WorkerPool; maxRecordBytes: number; context: ValidationContext; onChunk?: () => void; observer?: ObserverSpec },
): Promise<void> {
  const observer = options.observer ? { module: options.observer.module, plan: options.observer.plan } : undefined;
  const setup: JobSetup = {
    versionKey: contentKey(version.source),
    version: version.source,
    maxRecordBytes: options.maxRecordBytes,
    context: options.context,
    ...(observer ? { observer, observerKey: contentKey(observer) } : {}),
  };
  // The pool's in-flight pieces are shared by the submissions on it: alone, a submission keeps three pieces
  // per thread in flight; with others, its share (at least one). Twenty submissions at once on two threads
  // then hold about two piece buffers each instead of seven, and the threads are still never idle.
  const maxInFlight = (): number => Math.max(1, Math.floor((options.pool.size * IN_FLIGHT_PER_THREAD) / Math.max(1, options.pool.openJobs)));

  const pool = new BufferPool();
  const results = new Map<number, PieceResult>();
  let sent = 0;
  let absorbed = 0;
  let recordOffset = 0;
  let lineOffset = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const waitForProgress = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  const absorbReady = (): void => {
    for (let next = results.get(absorbed); next; next = results.get(absorbed)) {
      results.delete(absorbed);
      builder.absorb(next.part, recordOffset, lineOffset);
      if (next.observed !== undefined) options.observer?.main.absorb(next.observed, lineOffset);
      recordOffset += next.part.records;
      lineOffset += next.lines;
      absorbed++;
    }
  };
  const job = options.pool.open(
    setup,
    (result) => {
      if (result.bytes) pool.give(result.bytes);
      results.set(result.seq, result);
      absorbReady();
      notify();
    },
    (error) => {
      failure ??= error;
      notify();
    },
  );

  const send = async (bytes: Uint8Array): Promise<void> => {
    while (sent - absorbed >= maxInFlight() && failure === undefined) await waitForProgress();
    if (failure !== undefined) throw failure as Error;
    job.post({ seq: sent, bytes, findingsWanted: builder.findingsWanted });
    sent++;
  };
  /** A line longer than the limit is counted here, as the single-thread reader would count it. */
  const sendOversized = (): void => {
    const part = new ReportBuilder(builder.maxFindings);
    part.fail([
      { record: 1, line: 1, path: '', rule: 'record-too-large', message: `the line is longer than ${options.maxRecordBytes} bytes`, severity: 'error' },
    ]);
    options.observer?.main.unreadable();
    results.set(sent, { job: job.id, seq: sent, lines: 1, part: part.part() });
    sent++;
    absorbReady();
  };

  try {
    // Each chunk is copied at once into the piece being filled (sockets deliver 64 KiB chunks; none is held
    // after its copy); once a piece holds about PIECE_BYTES it is cut after its last newline, and the rest
    // starts the next one.
    let piece = pool.take(PIECE_CAPACITY);
    let filled = 0;
    let searched = 0; // bytes of the piece known to hold no newline
    let oversized = false; // skipping the rest of a line longer than the limit
    for await (const incoming of chunks) {
      options.onChunk?.();
      let chunk = incoming;
      if (oversized) {
        const end = chunk.indexOf(NEWLINE);
        if (end === -1) continue;
        oversized = false;
        sendOversized();
        chunk = chunk.subarray(end + 1);
      }
      if (filled + chunk.length > piece.length) piece = grown(pool, piece, filled, filled + chunk.length);
      piece.set(chunk, filled);
      filled += chunk.length;
      if (filled < PIECE_BYTES) continue;
      // Only the bytes added since the last look can hold a newline (a long line is not scanned again).
      const found = piece.subarray(searched, filled).lastIndexOf(NEWLINE);
      const cut = found === -1 ? -1 : searched + found;
      if (cut === -1) {
        searched = filled;
        if (filled > options.maxRecordBytes) {
          oversized = true;
          filled = 0;
          searched = 0;
        }
        continue;
      }
      const next = pool.take(Math.max(PIECE_CAPACITY, filled - cut - 1));
      next.set(piece.subarray(cut + 1, filled));
      await send(piece.subarray(0, cut + 1));
      piece = next;
      filled -= cut + 1;
      searched = 0;
    }
    if (oversized) sendOversized();
    else if (filled > 0) {
      if (filled + 1 > piece.length) piece = grown(pool, piece, filled, filled + 1);
      piece[filled] = NEWLINE;
      await send(piece.subarray(0, filled + 1));
    }
    while (absorbed < sent && failure === undefined) await waitForProgress();
    if (failure !== undefined) throw failure as Error;
  } finally {
    job.close();
  }
}
