/** Messages between the main thread and the NDJSON validation workers of the shared pool (pool.ts). */
import type { ReportPart } from '../report-builder.js';
import type { VersionSource } from '../validators.js';
import type { ValidationContext } from '../context.js';

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
}

export interface PieceResult {
  job: number;
  seq: number;
  /** The request's bytes, handed back for reuse. */
  bytes?: Uint8Array;
  lines: number;
  part: ReportPart;
  /** The worker observer's state for this piece. */
  observed?: unknown;
  /** The piece could not be validated (a schema that no longer compiles, a failing observer). */
  error?: string;
}

/** What a thread sends: a piece's result, or once, that it is started and has built its validator instance. */
export type WorkerMessage = PieceResult | { ready: true };

/** What a thread is sent: a piece, or an observer to drop (no open submission uses it any more). */
export type ThreadMessage = PieceRequest | { forgetObserver: string };
