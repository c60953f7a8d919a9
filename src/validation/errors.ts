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
