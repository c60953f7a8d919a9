/**
 * Validates a whole submission (CSV, JSON, or NDJSON that keeps row outcomes or has a rule across rows) on
 * one thread of the shared worker pool, so the main thread, which serves every request, only copies bytes.
 * CSV cannot be cut into pieces that validate apart (a quoted cell may hold line breaks, the header is read
 * once), so the main thread sends the decoded bytes in order, cut anywhere, to the one thread the pool
 * pinned the job to, which keeps the reader, the report builder, the cross-row rules and the row outcomes
 * between pieces (stream-runs.ts) and answers each piece with what it counted since the last. The report
 * is the one this thread would build: the same records, lines, findings, caps, summary and outcomes.
 */
import type { ReportBuilder } from '../report-builder.js';
import type { CompiledVersion } from '../validators.js';
import type { ObserverSpec } from '../observer.js';
import type { ValidationContext } from '../context.js';
import type { InputFormat } from '../report-types.js';
import type { StreamPiece } from './protocol.js';
import type { WorkerPool } from './pool.js';
import { jobSetup, OrderedJob } from './ordered-job.js';
import { copyInto } from './buffer-pool.js';

/** Bytes sent to the thread at a time: about 20 ms of its work on 2,600 CSV rows, and few messages. */
const PIECE_BYTES = 512 * 1024;
/** Pieces of one submission on their way or in the thread's hands (the thread is then never idle waiting). */
const IN_FLIGHT = 2;

export interface StreamJobOptions {
  pool: WorkerPool;
  format: InputFormat;
  maxRecordBytes: number;
  context: ValidationContext;
  /** Whether the text began with a byte-order mark: known once the first chunk has been decoded. */
  bom: () => boolean;
  outcomes: boolean;
  observer?: ObserverSpec;
  /** The supplier the submission belongs to, for the pool's fair turns and its bound on pinned threads (pool.ts). */
  owner?: string;
  onChunk?: () => void;
  /** Fires when the submission's caller went away: the job closes (its queued pieces are dropped) and this rejects. */
  signal?: AbortSignal;
}

export async function validateWholeInWorker(
  chunks: AsyncIterable<Buffer>,
  version: CompiledVersion,
  builder: ReportBuilder,
  options: StreamJobOptions,
): Promise<void> {
  const job = new OrderedJob(
    options.pool,
    jobSetup(version, options, true),
    (next) => {
      // (A piece that failed never arrives here: the pool fails the job with its error.)
      builder.absorbDrained(next.part);
      if (next.observed !== undefined) options.observer?.main.absorb(next.observed, 0); // lines and rows are already the submission's
      if (next.outcomes) builder.adoptOutcomes(next.outcomes);
    },
    options.signal,
  );
  const buffers = job.buffers;
  let first = true;

  const send = async (bytes: Uint8Array, last: boolean): Promise<void> => {
    await job.room(() => IN_FLIGHT);
    const stream: StreamPiece = { format: options.format, first, last };
    if (first) {
      stream.bom = options.bom();
      stream.maxFindings = builder.findingsWanted;
      stream.outcomes = options.outcomes;
      first = false;
    }
    job.post(bytes, 0, stream);
  };

  try {
    let piece = buffers.take(PIECE_BYTES);
    let filled = 0;
    for await (const incoming of chunks) {
      job.check();
      options.onChunk?.();
      let chunk = incoming;
      while (chunk.length > 0) {
        const room = piece.length - filled;
        const taken = Math.min(room, chunk.length);
        copyInto(piece, chunk.subarray(0, taken), filled);
        filled += taken;
        chunk = chunk.subarray(taken);
        if (filled === piece.length) {
          await send(piece, false);
          piece = buffers.take(PIECE_BYTES);
          filled = 0;
        }
      }
    }
    await send(piece.subarray(0, filled), true);
    await job.finish();
  } finally {
    job.close();
  }
}
