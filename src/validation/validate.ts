/**
 * The engine: streams a submission through a reader, validates each record as it is read, and builds
 * the report. Memory holds one chunk, one record and the capped findings, whatever the input's size.
 * Bad data never throws: it becomes findings. Only an input that cannot be read at all throws InputError.
 */
import { performance } from 'node:perf_hooks';
import { decodeInput, type InputCounters } from './input.js';
import { JsonReader } from './readers/json.js';
import { NdjsonReader } from './readers/ndjson.js';
import { CsvReader } from './readers/csv.js';
import type { RecordReader } from './readers/types.js';
import { checkRecord, recordCheck, reportingSink } from './record-sink.js';
import type { ValidationContext } from './context.js';
import { consistencyRun } from './consistency-rules.js';
import type { ObserverSpec } from './observer.js';
import { validateNdjsonInWorkers } from './parallel/parallel.js';
import { validateWholeInWorker } from './parallel/stream-job.js';
import type { WorkerPool } from './parallel/pool.js';
import { DEFAULT_MAX_RECORD_BYTES } from './readers/types.js';
import { ReportBuilder, DEFAULT_MAX_FINDINGS } from './report-builder.js';
import type { CompiledVersion } from './validators.js';
import type { Finding, InputFormat, Report } from './report-types.js';
import { fileNameVerdict } from './file-name.js';
import { fileFormatFinding } from './file-format.js';
import { cutText, MAX_FINDING_PATH, shownFindings } from './finding-text.js';
import { wellFormedText } from './lone-surrogates.js';

export interface ValidateOptions {
  format: InputFormat;
  maxFindings?: number;
  maxRecordBytes?: number;
  /** The most bytes accepted, counted after decompression; more is an InputError('too-large'). */
  maxBytes?: number;
  /**
   * The worker pool; without one, or when its threads are not built, this thread validates. The report is
   * the same either way. NDJSON is cut into pieces validated on every thread at once (parallel.ts); CSV,
   * JSON, and NDJSON that keeps outcomes or has a rule across rows (x-record-actions) are validated whole,
   * in order, on one of its threads (stream-job.ts).
   */
  pool?: WorkerPool;
  /** With a pool: NDJSON too is validated whole, in order, on one of its threads, not cut into pieces (a small file, or one under PARALLEL_FROM_BYTES). */
  whole?: boolean;
  /**
   * With a pool: the supplier the submission belongs to (its organisation). The pool's turns are shared
   * fairly by supplier, then by submission; submissions without one count as one supplier (pool.ts).
   */
  owner?: string;
  /**
   * The input's declared length in bytes as decoded (a Content-Length, not for a gzip body): with a pool,
   * NDJSON cut into pieces tells the observer the records it expects from it (parallel.ts).
   */
  sizeHint?: number;
  /** Watches every record in the same pass (the quality scorecard). */
  observer?: ObserverSpec;
  /**
   * When the data was received and the reporting period it is for, for the cross-field rules; when
   * absent, the time of the call and no period. It reaches worker threads with each piece.
   */
  context?: ValidationContext;
  /** Called after each chunk with the decoded bytes and records so far. */
  onProgress?: (progress: { bytes: number; records: number }) => void;
  /**
   * Keep every failed record's number and error text, uncapped (row-outcomes.ts), for the acknowledgement
   * files (report.outcomes). Such a run is validated in order on one thread (with a pool, one of its threads), NDJSON included.
   */
  outcomes?: boolean;
  /**
   * Stops the validation when it fires (its caller went away): no more of the input is read, the pieces
   * still queued on the pool are dropped, and the promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

/**
 * Validates one value as record 1 (no line), for examples and single-record checks; warnings included. The
 * findings are as a report keeps them: at most `maxFindings` (a report's default), each path and message
 * cut to its bound (finding-text.ts), for a key of an example may be of any length.
 */
export function validateValue(version: CompiledVersion, value: unknown, context?: ValidationContext, maxFindings = DEFAULT_MAX_FINDINGS): Finding[] {
  const findings = checkRecord(recordCheck(version, context), value, 1, 0) ?? [];
  return shownFindings(findings.length > maxFindings ? findings.slice(0, maxFindings) : findings);
}

/** A path as a finding gives it (cut to its bound, lone surrogates written `\uXXXX`): to compare a pointer with findings' paths. */
export const shownPath = (path: string): string => wellFormedText(cutText(path, MAX_FINDING_PATH));

async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** Validates a submission from any byte source: a stream, an async iterable or an array of chunks. */
export async function validateStream(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  version: CompiledVersion,
  options: ValidateOptions,
): Promise<Report> {
  const started = performance.now();
  // The time of the call when no context is given, fixed here so every record and worker sees the same.
  const context = options.context ?? { submittedAt: new Date().toISOString() };
  const pool = options.pool?.available ? options.pool : undefined;
  // A malformed context throws here, before a byte is read. Only a run validated on this thread reads the
  // version's validator (compiling it here if it was not yet): the pool's threads compile their own.
  const check = pool ? undefined : recordCheck(version, context);
  if (pool) consistencyRun(context);
  const source = Symbol.asyncIterator in input ? input : asAsync(input);
  const builder = new ReportBuilder(options.maxFindings ?? DEFAULT_MAX_FINDINGS, { outcomes: options.outcomes === true });
  const { finding: fileName } = fileNameVerdict(version.fileNameRule, context.fileName);
  if (fileName) builder.fileFinding(fileName.rule, fileName.message, fileName.severity, fileName.line);
  const fileFormat = fileFormatFinding(version.fileNameRule, options.format);
  if (fileFormat) builder.fileFinding(fileFormat.rule, fileFormat.message, fileFormat.severity);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;

  const counters: InputCounters = { received: 0, decoded: 0, gzip: false };
  const progress = (): void => options.onProgress?.({ bytes: counters.decoded, records: builder.records });
  // Row outcomes and a rule across rows (x-record-actions) follow the records in order: on one thread.
  if (pool && options.format === 'ndjson' && options.whole !== true && options.outcomes !== true && version.recordActions === undefined) {
    await validateNdjsonInWorkers(decodeInput(source, counters, options.maxBytes, options.signal), version, builder, {
      pool,
      maxRecordBytes,
      context,
      onChunk: progress,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.owner !== undefined ? { owner: options.owner } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.sizeHint !== undefined ? { sizeHint: options.sizeHint } : {}),
    });
  } else if (pool) {
    await validateWholeInWorker(decodeInput(source, counters, options.maxBytes, options.signal), version, builder, {
      pool,
      format: options.format,
      maxRecordBytes,
      context,
      bom: () => counters.bom === true,
      outcomes: options.outcomes === true,
      onChunk: progress,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.owner !== undefined ? { owner: options.owner } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } else {
    const sink = reportingSink(builder, check!, options.observer?.main);
    const reader: RecordReader =
      options.format === 'ndjson'
        ? new NdjsonReader(sink, maxRecordBytes)
        : options.format === 'json'
          ? new JsonReader(sink, maxRecordBytes)
          : new CsvReader(sink, (header) => version.column(header), maxRecordBytes, version.csvLayout);
    let first = true;
    for await (const chunk of decodeInput(source, counters, options.maxBytes, options.signal)) {
      options.signal?.throwIfAborted();
      if (first && counters.bom === true) reader.byteOrderMark?.();
      first = false;
      await reader.push(chunk);
      progress();
    }
    options.signal?.throwIfAborted();
    await reader.end();
  }
  options.signal?.throwIfAborted();
  if (builder.records === 0 && counters.decoded === 0) builder.fileFinding('empty', 'the file is empty');
  else if (builder.records === 0) builder.fileFinding('empty', 'the file contains no records');

  return builder.build({
    standard: version.ref,
    format: options.format,
    gzip: counters.gzip,
    bytes: counters.decoded,
    ...(counters.gzip ? { compressedBytes: counters.received } : {}),
    seconds: Math.round(performance.now() - started) / 1000,
  });
}
