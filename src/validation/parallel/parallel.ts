/**
 * Validates an NDJSON submission on the shared worker pool (pool.ts). The main thread only cuts the
 * decoded bytes into pieces of whole lines (about a chunk each) and posts them to the submission's job;
 * the pool's threads parse and validate them; the results are absorbed into the report strictly in input
 * order, so the report is the same as a single thread's. At most a few pieces per thread of the pool are
 * in flight for one submission, fewer when others share the pool, so memory stays flat however many
 * submissions share it.
 */
import { ReportBuilder } from '../report-builder.js';
import type { CompiledVersion } from '../validators.js';
import type { ObserverSpec } from '../observer.js';
import { workerScript, type WorkerPool } from './pool.js';
import { jobSetup, OrderedJob } from './ordered-job.js';
import { copyInto, type BufferPool } from './buffer-pool.js';
import type { ValidationContext } from '../context.js';

const IN_FLIGHT_PER_THREAD = 3;
/** Bytes of whole lines sent to a worker at a time. */
const PIECE_BYTES = 1 << 20;
/**
 * A submission's first piece is cut at about this many bytes, and each next one at four times the last, up
 * to PIECE_BYTES: the pool's threads get work after a socket read or two rather than after a whole MiB. When
 * twenty submissions arrive at once, the main thread admits them and reads their first bytes in turn, and
 * with 1 MiB first pieces the threads waited for that before their first record (docs/benchmarks.md).
 */
const FIRST_PIECE_BYTES = 1 << 16;
const PIECE_GROWTH = 4;
/** A piece buffer's room: a piece plus the chunk that takes it past PIECE_BYTES (a larger chunk grows it). */
const PIECE_CAPACITY = PIECE_BYTES + (1 << 18);
const NEWLINE = 10;
/**
 * Once this share of a submission's declared length is validated, the records a byte so far give the
 * observer a guess of the records in all (RecordObserver.expect: the scorecard sizes its key set once).
 */
const GUESS_AFTER = 1 / 16;

export function canRunInWorkers(): boolean {
  return workerScript() !== undefined;
}

/** A larger buffer holding the first `filled` bytes of `bytes`, for a piece whose line runs on. */
function grown(pool: BufferPool, bytes: Uint8Array, filled: number, needed: number): Uint8Array {
  const larger = pool.take(Math.max(needed, bytes.length * 2));
  copyInto(larger, bytes.subarray(0, filled), 0);
  pool.give(bytes);
  return larger;
}

export async function validateNdjsonInWorkers(
  chunks: AsyncIterable<Buffer>,
  version: CompiledVersion,
  builder: ReportBuilder,
  options: {
    pool: WorkerPool;
    maxRecordBytes: number;
    context: ValidationContext;
    onChunk?: () => void;
    observer?: ObserverSpec;
    /** The supplier the submission belongs to, for the pool's fair turns (pool.ts). */
    owner?: string;
    /** Fires when the submission's caller went away: the job closes (its queued pieces are dropped) and this rejects. */
    signal?: AbortSignal;
    /** The input's declared length in bytes as decoded (Content-Length of a body not sent gzip), if known. */
    sizeHint?: number;
  },
): Promise<void> {
  const setup = jobSetup(version, options);
  // The pool's in-flight pieces are shared as its turns are (pool.ts): alone, a submission keeps three pieces
  // per thread in flight; with others, its share (at least one): its supplier's equal part, split among
  // that supplier's submissions. Twenty submissions at once on two threads then hold about two piece
  // buffers each instead of seven, the threads are still never idle, and a supplier with one submission
  // keeps as many pieces queued as one with eight (so it has a piece waiting when its turn comes).
  const maxInFlight = (): number => Math.max(1, Math.floor(options.pool.size * IN_FLIGHT_PER_THREAD * job.share));

  let recordOffset = 0;
  let lineOffset = 0;
  // Bytes of each piece posted and not yet absorbed (pieces are absorbed in the order they were posted),
  // and of those absorbed, until the guess of the records in all is made.
  const expect = Number.isFinite(options.sizeHint) && options.sizeHint! > 0 ? options.observer?.main.expect?.bind(options.observer.main) : undefined;
  const pending: number[] = [];
  let absorbedBytes = expect ? 0 : -1;
  const job = new OrderedJob(
    options.pool,
    setup,
    (next) => {
      builder.absorb(next.part, recordOffset, lineOffset);
      if (next.observed !== undefined) options.observer?.main.absorb(next.observed, lineOffset);
      recordOffset += next.part.records;
      lineOffset += next.lines;
      if (absorbedBytes >= 0 && (absorbedBytes += pending.shift() ?? 0) >= options.sizeHint! * GUESS_AFTER) {
        expect!(Math.ceil((recordOffset * options.sizeHint!) / absorbedBytes));
        absorbedBytes = -1;
      }
    },
    options.signal,
  );
  const pool = job.buffers;

  const send = async (bytes: Uint8Array): Promise<void> => {
    await job.room(maxInFlight);
    if (absorbedBytes >= 0) pending.push(bytes.length);
    job.post(bytes, builder.findingsWanted);
  };
  /** A line longer than the limit is counted here, as the single-thread reader would count it. */
  const sendOversized = (): void => {
    const part = new ReportBuilder(builder.maxFindings);
    part.fail([
      { record: 1, line: 1, path: '', rule: 'record-too-large', message: `the line is longer than ${options.maxRecordBytes} bytes`, severity: 'error' },
    ]);
    options.observer?.main.unreadable();
    if (absorbedBytes >= 0) pending.push(0);
    job.local({ lines: 1, part: part.part() });
  };

  try {
    // Each chunk is copied at once into the piece being filled (sockets deliver 64 KiB chunks; none is held
    // after its copy); once a piece holds about its size (FIRST_PIECE_BYTES, growing to PIECE_BYTES) it is
    // cut after its last newline, and the rest starts the next one.
    let piece = pool.take(PIECE_CAPACITY);
    let filled = 0;
    let cutAt = FIRST_PIECE_BYTES; // the size at which this piece is cut (PIECE_BYTES from the third piece on)
    let searched = 0; // bytes of the piece known to hold no newline
    let oversized = false; // skipping the rest of a line longer than the limit
    for await (const incoming of chunks) {
      job.check();
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
      copyInto(piece, chunk, filled);
      filled += chunk.length;
      if (filled < cutAt) continue;
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
      copyInto(next, piece.subarray(cut + 1, filled), 0);
      await send(piece.subarray(0, cut + 1));
      piece = next;
      filled -= cut + 1;
      searched = 0;
      cutAt = Math.min(PIECE_BYTES, cutAt * PIECE_GROWTH);
    }
    if (oversized) sendOversized();
    else if (filled > 0) {
      if (filled + 1 > piece.length) piece = grown(pool, piece, filled, filled + 1);
      piece[filled] = NEWLINE;
      await send(piece.subarray(0, filled + 1));
    }
    await job.finish();
  } finally {
    job.close();
  }
}
