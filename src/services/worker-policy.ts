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
 * - a process that serves nothing (the CLI) validates the rest whole, in order, on one of its pool's threads
 *   (`whole`), for the same reason: a record's cost meets the thread's bounds (its memory and its stack,
 *   pool.ts THREAD_RESOURCE_LIMITS) and is refused with a line naming the bound, whatever the file's size,
 *   format or schema and whatever --workers says. On the CLI's main thread the same record had only the
 *   process's heap, which it filled (V8's fatal out-of-memory and a stack dump, exit code 134), and about
 *   1 MiB of stack where a pool thread has 4 MiB. Starting the thread costs about 0.4 s of CPU a run
 *   (it loads the engine and builds its own Ajv: docs/benchmarks.md), the price of the same bounds;
 * - with no pool threads (CONFORM_WORKERS=0, or a pool whose worker script is not built), the calling thread
 *   validates everything (`here`). The CLI always has one (--workers 0 is one thread, not none).
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
  if (!serving) return 'whole';
  return bytes !== undefined && bytes < WHOLE_FROM_BYTES ? 'small' : 'whole';
}
