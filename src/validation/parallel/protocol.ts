/**
 * Messages between the main thread and the validation workers of the shared pool (pool.ts): pieces of NDJSON
 * validated wherever there is room (parallel.ts), and pieces of a whole submission validated in order on
 * one thread (stream-job.ts).
 */
import type { ReportPart } from '../report-builder.js';
import type { VersionSource } from '../validators.js';
import type { ValidationContext } from '../context.js';
import type { InputFormat, RowOutcomes } from '../report-types.js';
import type { InputErrorCode } from '../errors.js';

/** Compiled versions each worker keeps, least recently used first out. */
export const WORKER_CACHE_ENTRIES = 8;
/**
 * Observers each worker keeps. An observer's plan names its submission's time, so each submission has its
 * own: the pool tells the threads to forget one when the last submission using it closes, and this bound
 * (above any admission limit) only guards against a leak. With room for 8 only, twenty submissions at once
 * evicted each other's observers on every piece, and each piece carried its plan and rebuilt its observer.
 */
export const WORKER_OBSERVER_ENTRIES = 64;

/** What a piece is validated with: named by a hash of its content, sent in full only when the worker lacks it. */
export interface PieceSetup {
  versionKey: string;
  /** Present when this worker does not hold `versionKey` yet. */
  version?: VersionSource;
  /** The observer each worker runs (validation/observer.ts), if any. */
  observerKey?: string;
  observer?: { module: string; plan: unknown };
  maxRecordBytes: number;
  /** The submission's validation context (small: sent with every piece). */
  context: ValidationContext;
}

/** Whole lines of one submission (`job`), in input order by `seq`. */
export interface PieceRequest extends PieceSetup {
  job: number;
  seq: number;
  bytes: Uint8Array;
  /**
   * Findings to send back in full: what the report still wants when the piece is sent, at least what it
   * will want when the piece's answer is absorbed (so once the report is full, pieces send none).
   */
  findingsWanted: number;
  /** Present for a piece of a submission validated whole on this thread. */
  stream?: StreamPiece;
}

/**
 * A piece of a submission validated whole on one thread (stream-job.ts): its bytes are any cut of the
 * decoded input, in order, and the thread keeps the submission's reader, report and rule state between them.
 */
export interface StreamPiece {
  format: InputFormat;
  /** The first piece: the thread starts the submission's reader. */
  first: boolean;
  /** The last piece: the thread ends the reader, answers with the rest, and forgets the submission. */
  last: boolean;
  /** With the first piece: the text began with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** With the first piece: the findings about records the report keeps. */
  maxFindings?: number;
  /** With the first piece: keep every failed record's outcome (row-outcomes.ts), sent with the last answer. */
  outcomes?: boolean;
}

export interface PieceResult {
  job: number;
  seq: number;
  /** The request's bytes, handed back for reuse when they were handed over (not with shared bytes, which the pool holds). */
  bytes?: Uint8Array;
  lines: number;
  part: ReportPart;
  /** The worker observer's state for this piece. */
  observed?: unknown;
  /** The piece could not be validated (a schema that no longer compiles, a failing observer). */
  error?: string;
  /** A stream piece whose input cannot be read at all (the reader's InputError, given again on the main thread). */
  inputError?: { code: InputErrorCode; message: string };
  /** Checking a record of the piece needed more stack than the thread has (StackExceeded, given again on the main thread). */
  stackExceeded?: true;
  /** A stream's last answer, when it keeps row outcomes. */
  outcomes?: RowOutcomes;
}

/** What a thread sends: a piece's result, or once, that it is started and has built its validator instance. */
export type WorkerMessage = PieceResult | { ready: true };

/**
 * What a thread is sent: a piece, an observer to drop (no open submission uses it any more), or a
 * submission validated whole on it to drop (it ended early: the client went away, or the input failed).
 */
export type ThreadMessage = PieceRequest | { forgetObserver: string } | { forgetStream: number };
