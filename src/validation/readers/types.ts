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

/**
 * The most levels of objects and arrays one record may nest, one inside another (`{}` is one level,
 * `{"a":[{}]}` three; a CSV header `a.b.c` nests three). A standard may refer to itself (`$ref`
 * recursion), so how deep a record goes comes from the data, and Ajv's validator calls itself once a
 * level: a record thousands of levels deep overflowed a thread's stack, and each of its errors had a path
 * as long as its depth (quadratic). No standard needs anything near this: a bundled standard's deepest
 * example is 2 levels, FHIR-like structures are 10 to 15, and a schema may nest at most 32 schema nodes
 * (schema-budget.ts), about 16 levels of data without recursion. 64 leaves four times that, and a record at
 * the limit fits the smallest stack that validates (a calling thread, about 1 MiB: a service or CLI run
 * with no pool threads) against a recursive schema of up to some 300 fields, and a pool thread's 4 MiB
 * (where the service, and the CLI for a recursive version, validate) against several times that; past
 * that, StackExceeded (errors.ts) is the last line of defence.
 */
export const MAX_RECORD_DEPTH = 64;
/** The finding of a record nested deeper than MAX_RECORD_DEPTH: an unreadable record, never validated. */
export const TOO_DEEP_RULE = 'record-too-deep';
export const TOO_DEEP_MESSAGE = `the record nests objects and arrays more than ${MAX_RECORD_DEPTH} levels deep, more than any standard needs, so it was not validated: check how the system that wrote it nests its fields`;
