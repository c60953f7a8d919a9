/**
 * A thread of the shared worker pool (pool.ts): it validates pieces of NDJSON submissions, whichever
 * submission they come from. Each piece is whole lines; the worker answers with the piece's counts and
 * findings numbered from 1 within the piece, which the main thread shifts into place (parallel.ts). It
 * also validates whole submissions of any format that the pool pinned to it, piece after piece in order
 * (stream-runs.ts, stream-job.ts). It compiles each version once, by the hash of its content, and keeps a
 * few compiled versions for the next pieces, and each open submission's observer until the pool says the
 * submission has ended.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Validators, type CompiledVersion } from '../validators.js';
import { NdjsonReader } from '../readers/ndjson.js';
import { ReportBuilder } from '../report-builder.js';
import { recordCheck, reportingSink } from '../record-sink.js';
import { BoundedCache } from './bounded-cache.js';
import { forgetStream, streamPiece } from './stream-runs.js';
import {
  WORKER_CACHE_ENTRIES,
  WORKER_OBSERVER_ENTRIES,
  type PieceRequest,
  type PieceResult,
  type PieceSetup,
  type ThreadMessage,
  type WorkerMessage,
} from './protocol.js';
import type { RecordObserver } from '../observer.js';
import { StackExceeded } from '../errors.js';

type ObserverModule = { createWorkerObserver(plan: unknown): RecordObserver };

// A version or observer that failed to build is kept as its error, so the cache stays the pool's mirror.
const versions = new BoundedCache<CompiledVersion | Error>(WORKER_CACHE_ENTRIES);
const observers = new BoundedCache<RecordObserver | Error>(WORKER_OBSERVER_ENTRIES);

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

// Building an Ajv instance (its meta-schemas and keywords) takes about 0.2 s: one is built as soon as
// the thread is idle, so the first version to arrive does not wait for it.
let spare: Validators | undefined;
setImmediate(() => {
  spare ??= new Validators();
  parentPort!.postMessage({ ready: true } satisfies WorkerMessage);
});

function freshValidators(): Validators {
  const taken = spare ?? new Validators();
  spare = undefined;
  return taken;
}

function compile(setup: PieceSetup): CompiledVersion | Error {
  if (!setup.version) return versions.get(setup.versionKey) ?? new Error('the worker does not hold this version');
  let built: CompiledVersion | Error;
  try {
    const validators = freshValidators();
    for (const [id, schema] of setup.version.shared) validators.addShared(id, schema);
    built = validators.compile(setup.version.ref, setup.version.schemaId, setup.version.schema);
  } catch (error) {
    built = asError(error);
  }
  versions.set(setup.versionKey, built);
  return built;
}

async function observerFor(setup: PieceSetup): Promise<RecordObserver | Error | undefined> {
  if (setup.observerKey === undefined) return undefined;
  if (!setup.observer) return observers.get(setup.observerKey) ?? new Error('the worker does not hold this observer');
  let built: RecordObserver | Error;
  try {
    const module = (await import(setup.observer.module)) as ObserverModule;
    built = module.createWorkerObserver(setup.observer.plan);
  } catch (error) {
    built = asError(error);
  }
  observers.set(setup.observerKey, built);
  return built;
}

// Pieces are handled strictly one after another (the cache mirror in pool.ts relies on it): an observer
// module may have to be imported first, so each piece waits for the one before.
let previous: Promise<void> = Promise.resolve();

// Which piece this thread is running ([job id + 1, seq]; 0: none), in bytes the pool reads if the thread
// dies, so only that piece's job is failed for it (pool.ts). Written twice a piece, never per record.
const running = new Float64Array((workerData as { running: SharedArrayBuffer }).running);

/**
 * The buffers of an observer's state to hand over rather than copy: each typed array at its top level that
 * is the whole of an ordinary buffer (RecordObserver.state: the observer keeps none of them).
 */
function ownBuffers(state: unknown): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  if (typeof state !== 'object' || state === null) return buffers;
  for (const value of Object.values(state)) {
    if (!ArrayBuffer.isView(value) || !(value.buffer instanceof ArrayBuffer)) continue;
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && !buffers.includes(value.buffer)) buffers.push(value.buffer);
  }
  return buffers;
}

async function handle(request: PieceRequest): Promise<void> {
  running[0] = request.job + 1;
  running[1] = request.seq;
  // Bytes handed over go back with the answer; shared ones stay where they are (the pool holds them).
  const shared = request.bytes.buffer instanceof SharedArrayBuffer;
  const bytes = shared ? {} : { bytes: request.bytes };
  let result: PieceResult;
  try {
    // Both caches are updated before either failure counts, as the pool's mirror expects.
    const version = compile(request);
    const observer = await observerFor(request);
    if (version instanceof Error) throw version;
    if (observer instanceof Error) throw observer;
    if (request.stream) {
      result = { ...(await streamPiece({ ...request, stream: request.stream }, version, observer)), ...bytes };
    } else {
      const builder = new ReportBuilder(request.findingsWanted);
      const reader = new NdjsonReader(reportingSink(builder, recordCheck(version, request.context), observer), request.maxRecordBytes);
      reader.push(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength));
      reader.end();
      result = {
        job: request.job,
        seq: request.seq,
        lines: reader.lines,
        part: builder.part(),
        ...bytes,
        ...(observer ? { observed: observer.state() } : {}),
      };
    }
  } catch (error) {
    const part = new ReportBuilder(0).part();
    const message = error instanceof Error ? error.message : String(error);
    result = {
      job: request.job,
      seq: request.seq,
      lines: 0,
      part,
      ...bytes,
      error: message,
      ...(error instanceof StackExceeded ? { stackExceeded: true as const } : {}),
    };
  }
  // Shared bytes stay where they are (the pool keeps them to send again); others go back for reuse. The
  // observer's typed arrays are handed over too: the main thread reads them without a copy of its own.
  const transfer = ownBuffers(result.observed);
  if (!shared) transfer.push(request.bytes.buffer as ArrayBuffer);
  parentPort!.postMessage(result, transfer);
  running[0] = 0;
}

parentPort!.on('message', (message: ThreadMessage) => {
  // In turn with the pieces, so the cache changes in the order the pool's mirror made them.
  if ('forgetObserver' in message) previous = previous.then(() => void observers.delete(message.forgetObserver));
  else if ('forgetStream' in message) previous = previous.then(() => forgetStream(message.forgetStream));
  else previous = previous.then(() => handle(message));
});
