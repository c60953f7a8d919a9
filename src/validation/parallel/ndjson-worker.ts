/**
 * A worker thread that validates pieces of an NDJSON submission. Each piece is whole lines; the worker
 * answers with the piece's counts and findings numbered from 1 within the piece, which the main thread
 * shifts into place (parallel.ts). It compiles the version itself from the schemas it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Validators } from '../validators.js';
import { NdjsonReader } from '../readers/ndjson.js';
import { ReportBuilder } from '../report-builder.js';
import { reportingSink } from '../record-sink.js';
import type { PieceRequest, PieceResult, WorkerSetup } from './protocol.js';
import type { RecordObserver } from '../observer.js';

const setup = workerData as WorkerSetup;
const validators = new Validators();
for (const [id, schema] of setup.source.shared) validators.addShared(id, schema);
const { validate } = validators.compile(setup.source.ref, setup.source.schemaId, setup.source.schema);
type ObserverModule = { createWorkerObserver(plan: unknown): RecordObserver };
const observerModule = setup.observer ? ((await import(setup.observer.module)) as ObserverModule) : undefined;
const observer = observerModule?.createWorkerObserver(setup.observer!.plan);

parentPort!.on('message', (request: PieceRequest) => {
  const builder = new ReportBuilder(request.findingsWanted);
  const reader = new NdjsonReader(reportingSink(builder, validate, observer), setup.maxRecordBytes);
  reader.push(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength));
  reader.end();
  const result: PieceResult = {
    seq: request.seq,
    lines: reader.lines,
    part: builder.part(),
    bytes: request.bytes,
    ...(observer ? { observed: observer.state() } : {}),
  };
  parentPort!.postMessage(result, [request.bytes.buffer as ArrayBuffer]);
});
