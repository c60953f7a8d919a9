/** What one benchmark measurement is and returns (shared by bench.ts and bench-run.ts). */
import { availableParallelism } from 'node:os';

export type Mode = 'floor' | 'ndjson' | 'ndjson-scorecard' | 'ndjson-workers' | 'csv' | 'http-ndjson' | 'http-csv';

/** Worker threads for the `ndjson-workers` mode: what `conform validate` uses for a large NDJSON file. */
export const WORKERS = Math.min(2, availableParallelism());

export interface RunResult {
  mode: Mode;
  records: number;
  seconds: number;
  maxRssMiB: number;
  stats?: { records: number; valid: number; invalid: number; findings: number };
}
