/**
 * Where a submission is validated: one rule for the API, the web pages and the CLI.
 * - NDJSON of 16 MiB or more (or of unknown size, such as a chunked upload or standard input) is cut into
 *   pieces validated on all the pool's threads at once, wherever it runs (`parallel`);
 * - in a process that serves requests, the main thread never validates: it must stay free to answer them
 *   (and `/ready`), and what one record costs is not bounded by its size (Ajv collects every error, so a
 *   30 KB record of 9,990 items against an `anyOf` of 500 branches held it 22 s). A file declared under
 *   1 MiB goes to the small-file lane (`small`: its own thread, so it never waits behind a large file, with
 *   the thread's memory bound and a time budget, CONFORM_SMALL_FILE_TIMEOUT_MS); any other is validated
 *   whole, in order, on one of the pool's threads (`whole`: a CSV row may hold line breaks and its header is
 *   read once, so it is not cut blindly; NDJSON that must be read in order too). CSV is no exception: a
 *   cell is a scalar, but one cell can fail an `anyOf` of hundreds of branches, and a header may name
 *   thousands of columns;
 * - the CLI's main thread has nothing else to do, and starting a thread costs more than it saves: it
 *   validates the rest itself (`here`; `--workers` sends them to the pool anyway).
 */
import { availableParallelism } from 'node:os';
import type { InputFormat } from '../validation/report-types.js';

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;
export const WHOLE_FROM_BYTES = 1024 * 1024;

/** Threads in the worker pool when none are configured: one per core the process may use. */
export const DEFAULT_WORKERS = availableParallelism();

export type Lane = 'here' | 'small' | 'whole' | 'parallel';

/**
 * Where a submission of `format` and (when known) `bytes` is validated, with a pool of `poolSize` threads,
 * in a process that serves requests (`serving`) or not.
 */
export function laneFor(format: InputFormat, bytes: number | undefined, poolSize: number, serving: boolean): Lane {
  if (poolSize <= 0) return 'here';
  if (format === 'ndjson' && (bytes === undefined || bytes >= PARALLEL_FROM_BYTES)) return 'parallel';
  if (!serving) return 'here';
  return bytes !== undefined && bytes < WHOLE_FROM_BYTES ? 'small' : 'whole';
}
