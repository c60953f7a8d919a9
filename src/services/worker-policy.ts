/**
 * When a submission is validated on the process's worker pool: one rule for the API, the web pages and
 * the CLI. NDJSON bodies of 16 MiB or more (or of unknown size, such as a chunked upload or standard
 * input) go to the pool's threads; the rest, and JSON and CSV (a CSV row may hold line breaks, so it
 * cannot be cut blindly), stay on the calling thread.
 */
import { availableParallelism } from 'node:os';
import type { InputFormat } from '../validation/report-types.js';

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;

/** Threads in the worker pool when none are configured: one per core the process may use. */
export const DEFAULT_WORKERS = availableParallelism();

/** Whether a submission of `format` and (when known) `bytes` goes to a pool of `poolSize` threads. */
export function onWorkers(format: InputFormat, bytes: number | undefined, poolSize: number): boolean {
  if (format !== 'ndjson' || poolSize <= 0) return false;
  return bytes === undefined || bytes >= PARALLEL_FROM_BYTES;
}
