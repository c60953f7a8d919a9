/**
 * Something that watches every record as the engine validates it (the quality scorecard does), fed by
 * the same single pass. On worker threads each worker runs its own observer, built from `module` and
 * `plan`, and the main observer absorbs their states in input order.
 */
import type { Finding } from './report-types.js';

export interface RecordObserver {
  /**
   * A record that was read; `findings` is undefined when it has none. A record with findings of severity
   * `warning` only is valid (the report counts it so) and still gets them here. `line` is the 1-based line
   * the record starts on (within the piece, on a worker thread), `row` its spreadsheet row (CSV only).
   */
  observe(value: unknown, findings: readonly Finding[] | undefined, line: number, row?: number): void;
  /** A record that could not be read. */
  unreadable(): void;
  /**
   * What this observer counted since the last call, as plain data, and a fresh start (a worker thread
   * sends one state per piece and keeps its observer, and the observer's compiled code, warm). A typed
   * array at the state's top level that fills its own buffer is handed to the main thread, not copied
   * (ndjson-worker.ts): the observer must not keep it.
   */
  state(): unknown;
  /** Adds a worker's state, in input order; its piece starts after `lineOffset` lines of the input. */
  absorb(state: unknown, lineOffset: number): void;
  /**
   * About how many records the whole input holds, guessed once part of it is read (parallel.ts: from its
   * declared length and the records a byte so far), so the observer can size what it keeps per record
   * once rather than by doubling. A guess: it may be wrong either way.
   */
  expect?(records: number): void;
}

export interface ObserverSpec {
  /** The observer that counts on this thread and absorbs the workers'. */
  main: RecordObserver;
  /** A module exporting `createWorkerObserver(plan): RecordObserver`, for worker threads (one per thread). */
  module: string;
  plan: unknown;
}
