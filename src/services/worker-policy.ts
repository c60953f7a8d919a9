/**
 * When a submission is validated on worker threads: one rule for the API, the web pages and the CLI.
 * NDJSON bodies of 16 MiB or more (or of unknown size, such as a chunked upload or standard input) go to
 * the workers; starting them costs about 0.1 s, small beside reading such a body. JSON and CSV stay on one
 * thread (a CSV row may hold line breaks, so it cannot be cut blindly).
 */
import { availableParallelism } from 'node:os';
import type { InputFormat } from '../validation/report-types.js';

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;

/** Worker threads when none are configured: two, or one core's worth on a single-core machine. */
export const DEFAULT_WORKERS = Math.min(2, availableParallelism());

/** Worker threads for a submission of `format` and (when known) `bytes`, given the configured number. */
export function workersFor(format: InputFormat, bytes: number | undefined, configured: number): number {
  if (format !== 'ndjson' || configured <= 0) return 0;
  return bytes === undefined || bytes >= PARALLEL_FROM_BYTES ? configured : 0;
}
