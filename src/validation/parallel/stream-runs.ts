/**
 * The worker thread's side of submissions validated whole on one thread (stream-job.ts): for each, the
 * reader, the report builder, the record check (its cross-row rules included) and the row outcomes it
 * keeps between pieces, exactly as the main thread would keep them (validate.ts). After each piece it
 * answers with what was counted since the last (ReportBuilder.drain), numbered as the submission's own.
 * A submission is forgotten after its last piece, when it fails, or when the pool says it ended early.
 */
import { CsvReader } from '../readers/csv.js';
import { JsonReader } from '../readers/json.js';
import { NdjsonReader } from '../readers/ndjson.js';
import type { RecordReader } from '../readers/types.js';
import { ReportBuilder } from '../report-builder.js';
import { recordCheck, reportingSink } from '../record-sink.js';
import { InputError, StackExceeded } from '../errors.js';
import type { CompiledVersion } from '../validators.js';
import type { RecordObserver } from '../observer.js';
import type { PieceRequest, PieceResult, StreamPiece } from './protocol.js';

interface Run {
  reader: RecordReader;
  builder: ReportBuilder;
  /**
   * The observer the run's sink counts into: its own reference, so the run keeps it even if the thread's
   * cache drops it meanwhile (its state is taken after each of the run's pieces, as for any piece).
   */
  observer: RecordObserver | undefined;
}

/** Submissions open on this thread, by job. At most one per open job the pool pinned here. */
const runs = new Map<number, Run>();

function start(request: PieceRequest, stream: StreamPiece, version: CompiledVersion, observer: RecordObserver | undefined): Run {
  const builder = new ReportBuilder(stream.maxFindings, { outcomes: stream.outcomes === true });
  const sink = reportingSink(builder, recordCheck(version, request.context), observer);
  const reader: RecordReader =
    stream.format === 'csv'
      ? new CsvReader(sink, (header) => version.column(header), request.maxRecordBytes, version.csvLayout)
      : stream.format === 'json'
        ? new JsonReader(sink, request.maxRecordBytes)
        : new NdjsonReader(sink, request.maxRecordBytes);
  if (stream.bom === true) reader.byteOrderMark?.();
  return { reader, builder, observer };
}

/** Validates one piece of a submission validated whole on this thread; never throws. */
export async function streamPiece(
  request: PieceRequest & { stream: StreamPiece },
  version: CompiledVersion,
  observer: RecordObserver | undefined,
): Promise<Omit<PieceResult, 'bytes'>> {
  const { stream } = request;
  const base = { job: request.job, seq: request.seq, lines: 0 };
  let run = runs.get(request.job);
  try {
    if (stream.first) {
      run = start(request, stream, version, observer);
      runs.set(request.job, run);
    }
    if (!run) throw new Error('the worker does not hold this submission');
    // Read where it is, not copied: the readers copy what they keep of a piece past its push (its last,
    // unfinished line, record or character), so the piece's buffer can go back to the main thread for reuse
    // with this answer. A copy of each 512 KiB piece outlived the thread's young collections while its rows
    // were read and was freed only by a full collection (docs/benchmarks.md).
    await run.reader.push(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength));
    if (stream.last) {
      await run.reader.end();
      runs.delete(request.job);
    }
    const outcomes = stream.last ? run.builder.keptOutcomes : undefined;
    return {
      ...base,
      part: run.builder.drain(),
      ...(run.observer ? { observed: run.observer.state() } : {}),
      ...(outcomes ? { outcomes } : {}),
    };
  } catch (error) {
    runs.delete(request.job);
    // The observer's counts for the piece are dropped with it: the submission has failed.
    (run?.observer ?? observer)?.state();
    const part = new ReportBuilder(0).part();
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      part,
      error: message,
      ...(error instanceof InputError ? { inputError: { code: error.code, message } } : {}),
      ...(error instanceof StackExceeded ? { stackExceeded: true as const } : {}),
    };
  }
}

/** Drops a submission that ended early (the pool sends this in turn with its pieces). */
export function forgetStream(job: number): void {
  runs.delete(job);
}
