/**
 * When a submission is validated on the process's worker pool: one rule for the API, the web pages and
 * the CLI.
 * - NDJSON of 16 MiB or more (or of unknown size, such as a chunked upload or standard input) is cut into
 *   pieces validated on all the pool's threads at once, wherever it runs;
 * - in a process that serves requests, whose main thread must stay free to answer them (and `/ready`),
 *   CSV and JSON of 1 MiB or more (or of unknown size) are validated whole, in order, on one of its threads
 *   (a CSV row may hold line breaks and its header is read once, so it is not cut blindly), as is NDJSON
 *   that must be read in order (row outcomes, a rule across rows). The CLI's main thread has nothing else
 *   to do, and starting a thread costs more than it saves: it validates those itself (`--workers` sends
 *   them to the pool anyway);
 * - the rest (a few thousand rows at most: milliseconds) stays on the calling thread, where it is answered
 *   without a hop between threads.
 */
import { availableParallelism } from 'node:os';
import type { InputFormat } from '../validation/report-types.js';

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;
export const WHOLE_FROM_BYTES = 1024 * 1024;

/** Threads in the worker pool when none are configured: one per core the process may use. */
export const DEFAULT_WORKERS = availableParallelism();

/**
 * Whether a submission of `format` and (when known) `bytes` goes to a pool of `poolSize` threads, in a
 * process that serves requests (`serving`) or not.
 */
export function onWorkers(format: InputFormat, bytes: number | undefined, poolSize: number, serving: boolean): boolean {
  if (poolSize <= 0) return false;
  if (format === 'ndjson') return bytes === undefined || bytes >= PARALLEL_FROM_BYTES;
  return serving && (bytes === undefined || bytes >= WHOLE_FROM_BYTES);
}
