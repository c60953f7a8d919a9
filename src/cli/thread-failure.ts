/**
 * The command line's words for a local validation that a thread's bound or death stopped (`conform validate`
 * without --server): a thread out of its memory, past its time budget or its stack (the file's records
 * reach the bound, and do every time), the thread holding the file's report lost, or a thread that crashed.
 * One line naming the bound and what to do; no report was made. Never the error's own text, which a crash
 * could take from a record: only the bound's figure and the reason in a word (pool.ts, ThreadLoss).
 */
import { DomainError } from '../services/errors.js';
import { InputError, StackExceeded, ThreadLost, ThreadOutOfMemory, ThreadTimeout } from '../validation/errors.js';
import type { ThreadLoss } from '../validation/parallel/pool.js';

/** A local validation stopped by a validation thread (exit code 2, as any input that cannot be validated). */
export class ThreadFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadFailure';
  }
}

const STOPPED = 'validation stopped and no report was made';

/** The bound a thread error names, in the CLI's words, with what to do; undefined for any other error. */
function boundWords(error: Error): string | undefined {
  if (error instanceof ThreadOutOfMemory) {
    return `${STOPPED}: a validation thread ran out of its ${error.maxMiB} MiB of memory (the bound each thread has) on records too large for this version's checks (many items or fields, each failing many checks); split or trim the largest records and validate again`;
  }
  if (error instanceof StackExceeded) {
    const stack = error.maxMiB === undefined ? 'stack' : `${error.maxMiB} MiB of stack (the bound each thread has)`;
    return `${STOPPED}: checking a record needed more than the validation thread's ${stack}: a record is nested too deeply for this version's checks, which follow its schema into itself ($ref) at each level; nest the records less deeply and validate again`;
  }
  if (error instanceof ThreadTimeout) {
    return `${STOPPED}: a validation thread ran past its time budget of ${error.ms} ms (the bound each file has) on records too large for this version's checks; split the file or trim the largest records and validate again`;
  }
  return undefined;
}

/** What the thread that died was stopped by, in a few words (ThreadLoss.reason). */
const lossWords = (loss: ThreadLoss | undefined): string =>
  loss?.reason === 'memory' ? 'ran out of its memory' : loss?.reason === 'time' ? 'ran past its time budget' : 'stopped unexpectedly';

/**
 * The CLI's error for a local validation that failed with `error`, where `losses` are the threads the run's
 * pool lost (PoolOptions.onThreadLost); undefined when no validation thread stopped it (the error stands).
 */
export function threadFailure(error: unknown, losses: readonly ThreadLoss[]): ThreadFailure | undefined {
  // The service turns a bound into a refusal (a 422) and a lost thread into a 503; the thread's error is its cause.
  const thread = error instanceof DomainError && error.cause instanceof Error ? error.cause : error;
  if (!(thread instanceof Error)) return undefined;
  const bound = boundWords(thread);
  if (bound !== undefined) return new ThreadFailure(bound);
  const loss = losses.at(-1);
  if (thread instanceof ThreadLost) {
    return new ThreadFailure(
      `${STOPPED}: the validation thread holding this file's state ${lossWords(loss)} before the file was done; run the command again, and if it stops again, validate the file in smaller parts`,
    );
  }
  // A thread that died otherwise (a crash, not a bound): its error's text may come from a record, so it is not shown.
  // A refusal or an input that cannot be read is its own answer, whatever a thread did before it.
  if (loss !== undefined && !(error instanceof DomainError) && !(thread instanceof InputError)) {
    return new ThreadFailure(
      `${STOPPED}: a validation thread ${lossWords(loss)} while validating this file (a fault, not a bound of the file's); run the command again, and if it stops again, report it with the standard and version (never the file)`,
    );
  }
  return undefined;
}
