/** What one benchmark measurement is and returns (shared by bench.ts and bench-run.ts). */
import { availableParallelism } from 'node:os';

export type Mode =
  | 'floor'
  | 'ndjson'
  | 'ndjson-scorecard'
  | 'ndjson-workers'
  | 'csv'
  | 'http-ndjson'
  | 'http-csv'
  | 'http-concurrent'
  // the national immunisation batch file (scripts/bench-generate-batch.ts): the floor on its NDJSON form,
  // and the engine (with the scorecard) on its pipe-delimited CSV, named as the pipeline wants it
  | 'batch-floor'
  | 'batch-csv';

/** Suppliers streaming at once in the `http-concurrent` mode, each the 100k NDJSON file. */
export const CONCURRENT_SUPPLIERS = 20;

/** Worker threads for the `ndjson-workers` mode: what `conform validate` uses for a large NDJSON file. */
export const WORKERS = Math.min(2, availableParallelism());

export interface RunResult {
  mode: Mode;
  records: number;
  /** The time measured; for the HTTP modes, the service's steady state (its second round). */
  seconds: number;
  /** The HTTP modes: the same upload as the service's first after it started. */
  coldSeconds?: number;
  maxRssMiB: number;
  stats?: { records: number; valid: number; invalid: number; findings: number };
  /** `http-concurrent`: each upload's own seconds. */
  uploadSeconds?: number[];
}
