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
 * - the CLI's main thread has nothing else to do, and starting a thread costs more than it saves (about
 *   0.3 s of CPU: the thread loads the engine and builds its own Ajv): it validates the rest itself
 *   (`here`; `--workers` sends them to the pool anyway), unless the version's schema refers to itself
 *   (`recursive`: recursive-schema.ts). Such a validator takes stack at each level of a record in
 *   proportion to the schema's size, and the main thread has about 1 MiB where a pool thread has the
 *   service's 4 MiB (pool.ts THREAD_RESOURCE_LIMITS): a record 30 levels deep against a recursive schema of
 *   999 fields a level was refused there (StackExceeded) and validated by the service. So the CLI validates
 *   a recursive version's file whole, in order, on one of its pool's threads (`whole`), as the service
 *   does; any other version's stack is bounded by its schema, which nests at most 32 nodes deep.
 * - with no pool threads (CONFORM_WORKERS=0, --workers 0), the calling thread validates everything (`here`).
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
 * in a process that serves requests (`serving`) or not, against a version whose schema refers to itself
 * (`recursive`, asked only of a process that serves nothing) or not.
 */
export function laneFor(format: InputFormat, bytes: number | undefined, poolSize: number, serving: boolean, recursive: () => boolean = () => false): Lane {
  if (poolSize <= 0) return 'here';
  if (format === 'ndjson' && (bytes === undefined || bytes >= PARALLEL_FROM_BYTES)) return 'parallel';
  if (!serving) return recursive() ? 'whole' : 'here';
  return bytes !== undefined && bytes < WHOLE_FROM_BYTES ? 'small' : 'whole';
}
