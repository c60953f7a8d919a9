/** A fault of a record's text that its parsed value no longer shows (readers/json-integrity.ts): a finding at the field. */
export interface RecordProblem {
  path: string;
  rule: string;
  message: string;
}

/** What a record reader tells the engine as it reads. */
export interface RecordSink {
  /**
   * A record that was read, with the 1-based line it starts on and, for CSV, the spreadsheet row it is on
   * (csv-rows.ts); `problems`: faults of its text, each an error finding, the record validated all the same.
   */
  record(value: unknown, line: number, row?: number, problems?: readonly RecordProblem[]): void;
  /** A record that could not be read: it counts as a record, with this one finding (at its line, and row for CSV). */
  unreadable(line: number, rule: string, message: string, row?: number): void;
  /** A problem with the input as a whole that does not belong to one record (an error unless told otherwise), at a line when it has one. */
  fileProblem(rule: string, message: string, severity?: 'error' | 'warning', line?: number): void;
  /**
   * Fields (pointers) the header lacks although every record must have them: the header finding says
   * so once, and each record's `required` finding for them is left out (the record still fails).
   */
  muteRequired?(pointers: ReadonlySet<string>): void;
}

/** A reader takes decoded (decompressed, BOM-free) bytes chunk by chunk and calls the sink. */
export interface RecordReader {
  /** Told, before the first chunk, that the text began with a UTF-8 byte-order mark (dropped from the bytes). */
  byteOrderMark?(): void;
  push(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Records larger than this are reported (rule `record-too-large`) and skipped, bounding memory. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
