/**
 * An input that cannot be read at all (corrupt gzip, UTF-16, an unusable CSV header). Problems with
 * single records are findings, never errors; this is for the file as a whole. Messages never quote data.
 */
export type InputErrorCode = 'corrupt-gzip' | 'encoding' | 'csv-header' | 'unreadable' | 'too-large';

export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * A validation thread of the pool ran out of its heap (its resourceLimits) while validating a job: the
 * records are too large for the checks of their schema (each item of a wide record failing many checks
 * makes Ajv, collecting every error, hold millions of them). The same file fails the same way every time.
 */
export class ThreadOutOfMemory extends Error {
  constructor(readonly maxMiB: number) {
    super(`a validation thread ran out of its ${maxMiB} MiB of memory`);
    this.name = 'ThreadOutOfMemory';
  }
}

/**
 * A job of the small-file lane ran past its time budget (CONFORM_SMALL_FILE_TIMEOUT_MS): its thread was
 * terminated and is replaced. The same file takes as long every time.
 */
export class ThreadTimeout extends Error {
  constructor(readonly ms: number) {
    super(`a validation thread ran past its time budget of ${ms} ms`);
    this.name = 'ThreadTimeout';
  }
}

/**
 * The validation thread holding this job's state (a file validated whole on it) died running another
 * job's piece, or died twice under one of this job's pieces while running others': nothing is wrong with
 * this file, and nothing of it survives to go on with. The services answer 503 with Retry-After (send it
 * again), never a verdict on the file.
 */
export class ThreadLost extends Error {
  constructor() {
    super('the validation thread holding this file was stopped by another submission');
    this.name = 'ThreadLost';
  }
}

/**
 * Checking a record needed more stack than the thread validating it has: a version whose schema refers to
 * itself (`$ref` recursion, within every publish limit) met a record nested deep enough for it, and its
 * validator calls itself once a level, each call's frame as large as the recursive schema's code. A record
 * is held to MAX_RECORD_DEPTH levels (readers/types.ts: deeper is one unreadable record), so this is the last
 * line of defence: a recursive schema of hundreds of fields, whose 64 levels need more than the thread's
 * stack. The thread is unharmed (the error unwinds its stack) and goes on with other files; the same file
 * fails the same way every time. `maxMiB`: the thread's stack, when it is
 * one of the pool's (THREAD_RESOURCE_LIMITS); unknown on the calling thread.
 */
export class StackExceeded extends Error {
  constructor(readonly maxMiB?: number) {
    super(`checking a record needed more than the ${maxMiB === undefined ? '' : `${maxMiB} MiB of `}stack a validation thread has`);
    this.name = 'StackExceeded';
  }
}

/** Whether `error` is V8's stack overflow (a RangeError, "Maximum call stack size exceeded"). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('Maximum call stack size exceeded');
}
