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
