/**
 * One benchmark measurement, run by scripts/bench.ts in a fresh process so that its peak RSS is its own:
 *   node dist/scripts/bench-run.js floor|ndjson|ndjson-scorecard|ndjson-workers|csv|http-ndjson|http-csv|http-concurrent <file>
 * Prints one JSON line: records, seconds (of reading and validating only), peak RSS and, for the
 * engine, the report's stats.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadLibrary } from '../src/registry/library.js';
import { resolveVersion } from '../src/registry/resolve.js';
import { WorkerPool } from '../src/validation/parallel/pool.js';
import { validateStream } from '../src/validation/validate.js';
import { readChunks } from '../src/cli/files.js';
import { ROOT, STANDARD, VERSION } from './bench-generate.js';
import { CONCURRENT_SUPPLIERS, WORKERS, type Mode, type RunResult } from './bench-modes.js';
import { measureConcurrentOverHttp, measureOverHttp } from './bench-http.js';
import { scorecardPass } from '../src/quality/observer.js';
import { BATCH_FILE_NAME, BATCH_STANDARD, BATCH_VERSION } from './bench-generate-batch.js';

const CHUNK = 1 << 20;

/** The floor: what reading the NDJSON costs at least. 1 MiB chunks, lines split on byte 10, JSON.parse. */
async function floor(file: string): Promise<number> {
  let records = 0;
  let pending: Buffer | undefined;
  let objects = 0;
  const parse = (bytes: Buffer, start: number, end: number): void => {
    if (end === start) return;
    records++; // a malformed line counts as a record, as the engine counts it
    try {
      if (typeof JSON.parse(bytes.toString('utf8', start, end)) === 'object') objects++;
    } catch {
      // the engine reports it; the floor only reads
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let start = 0;
    let newline = chunk.indexOf(10);
    if (pending && newline !== -1) {
      const line = Buffer.concat([pending, chunk.subarray(0, newline)]);
      pending = undefined;
      parse(line, 0, line.length);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    while (newline !== -1) {
      parse(chunk, start, newline);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) pending = pending ? Buffer.concat([pending, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
  }
  if (pending) parse(pending, 0, pending.length);
  return objects > 0 ? records : 0;
}

async function main(): Promise<void> {
  const [modeArg, file] = process.argv.slice(2);
  const modes: readonly string[] = [
    'floor',
    'ndjson',
    'ndjson-scorecard',
    'ndjson-workers',
    'csv',
    'http-ndjson',
    'http-csv',
    'http-concurrent',
    'batch-floor',
    'batch-csv',
  ];
  if (!file || !modeArg || !modes.includes(modeArg)) throw new Error(`usage: bench-run.js ${modes.join('|')} <file>`);
  const mode = modeArg as Mode;
  if (mode === 'http-concurrent') {
    process.stdout.write(`${JSON.stringify(await measureConcurrentOverHttp(file, CONCURRENT_SUPPLIERS))}\n`);
    return;
  }
  if (mode === 'http-ndjson' || mode === 'http-csv') {
    // The client side: the service runs in its own process and reports its own peak RSS.
    process.stdout.write(`${JSON.stringify(await measureOverHttp(mode === 'http-csv' ? 'csv' : 'ndjson', file))}\n`);
    return;
  }
  const batch = mode === 'batch-csv';
  const [standardId, versionId] = batch ? [BATCH_STANDARD, BATCH_VERSION] : [STANDARD, VERSION];
  const library = mode === 'floor' || mode === 'batch-floor' ? undefined : await loadLibrary(join(ROOT, 'standards'));
  const version = library && resolveVersion(library, standardId, versionId);
  const compiled = version?.compiled;
  // 'ndjson' is validation alone; the scorecard modes add the quality pass, as conform validate does.
  const quality =
    library && version && (mode === 'ndjson-scorecard' || mode === 'ndjson-workers' || mode === 'csv' || batch)
      ? scorecardPass(library.validators.ajv, version.schema, version.schemaId, library.standards.get(standardId)!.meta)
      : undefined;
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  let result: Omit<RunResult, 'seconds' | 'maxRssMiB'>;
  if (compiled === undefined) {
    result = { mode, records: await floor(file) };
  } else {
    const pool = mode === 'ndjson-workers' ? new WorkerPool(WORKERS) : undefined;
    // The file read as conform validate reads it (readChunks: a few buffers used in turn).
    const report = await validateStream(readChunks(file), compiled, {
      format: mode === 'csv' || batch ? 'csv' : 'ndjson',
      // The batch file is validated under its batch name: the vaccine type (COVID) comes from it.
      ...(batch ? { context: { submittedAt: new Date().toISOString(), fileName: BATCH_FILE_NAME } } : {}),
      ...(pool ? { pool } : {}),
      ...(quality ? { observer: quality.observer } : {}),
    }).finally(() => pool?.close());
    if (quality) report.scorecard = quality.scorecard();
    const { records, valid, invalid, findings } = report.stats;
    result = { mode, records, stats: { records, valid, invalid, findings } };
  }
  const seconds = (performance.now() - started) / 1000;
  const out: RunResult = { ...result, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
