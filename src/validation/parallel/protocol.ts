/** Messages between the main thread and the NDJSON validation workers. */
import type { ReportPart } from '../report-builder.js';
import type { VersionSource } from '../validators.js';

export interface WorkerSetup {
  source: VersionSource;
  maxRecordBytes: number;
  /** The observer each worker runs (validation/observer.ts), if any. */
  observer?: { module: string; plan: unknown };
}

/** Whole lines of the submission, in input order by `seq`. */
export interface PieceRequest {
  seq: number;
  bytes: Uint8Array;
  /**
   * Findings to send back in full: what the report still wants when the piece is sent, at least what it
   * will want when the piece's answer is absorbed (so once the report is full, pieces send none).
   */
  findingsWanted: number;
}

export interface PieceResult {
  seq: number;
  /** The request's bytes, handed back for reuse. */
  bytes?: Uint8Array;
  lines: number;
  part: ReportPart;
  /** The worker observer's state for this piece. */
  observed?: unknown;
}
