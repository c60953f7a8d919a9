/**
 * Reads stored reports off the event loop. A report of 100,000 findings is 13 to 26 MB of JSON: its SQLite
 * read (45 to 150 ms) and `JSON.parse` (130 to 280 ms) ran on the event loop in one stretch, on every read
 * of it (its API answer, its findings.csv and acknowledgement files, its page). Now a long-lived worker
 * thread (store/report-worker.ts) reads it from the SQLite file by id, over a read-only connection of its own
 * (from PostgreSQL, or an in-memory SQLite store, the serving thread reads the text, which does not block
 * it on PostgreSQL, and hands it over), parses it and writes it back split (report-split.ts); the serving
 * thread parses the head and then a piece of at most 500 items per turn of the event loop. Reads run one
 * at a time; the service bounds how many wait (services/admission.ts, report reads).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StandingWorker } from '../validation/parallel/standing-worker.js';
import { SerialQueue } from '../validation/parallel/serial-queue.js';
import { joinReport, type ReportAnswer, type ReportJob } from '../store/report-split.js';

/** Time one read may take on the worker (a 26 MB report takes well under a second). */
export const REPORT_READ_TIMEOUT_MS = 30_000;
/** Reads one worker makes before it is replaced (bounds what its heap accumulates). */
const WORKER_JOBS = 500;

/** A stored report that could not be read (its worker failed or ran past its time): the read may be asked again. */
export class ReportReadFailed extends Error {
  constructor(reason: string) {
    super(`the stored report could not be read (${reason})`);
    this.name = 'ReportReadFailed';
  }
}

/** The compiled worker script, or undefined when running from TypeScript sources (reports are then parsed on this thread). */
function workerScript(): URL | undefined {
  const url = new URL('../store/report-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface ReportSource {
  /** The SQLite file the worker reads from; absent for PostgreSQL and an in-memory store. */
  file?: string;
  /** The report's text, read on this thread; undefined when there is no such submission. */
  text(id: string): Promise<string | undefined>;
}

export class ReportReader {
  private readonly worker: StandingWorker<ReportJob, ReportAnswer> | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly source: ReportSource,
    script: URL | undefined = workerScript(),
  ) {
    // A report's parse takes some ten times its size in heap: 26 MB of JSON within 512 MiB.
    this.worker = script && new StandingWorker(script, { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 }, maxJobs: WORKER_JOBS });
  }

  /** The parsed report of a submission, or undefined when there is none. */
  async read(id: string): Promise<unknown> {
    const worker = this.worker;
    if (!worker) {
      const text = await this.source.text(id);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    }
    let job: ReportJob;
    if (this.source.file !== undefined) job = { file: this.source.file, id };
    else {
      const text = await this.source.text(id);
      if (text === undefined) return undefined;
      job = { text };
    }
    // Callers take turns already (the service's report reads); the queue keeps the worker's one job at a time whoever calls.
    const result = await this.queue.run(() => worker.run(job, REPORT_READ_TIMEOUT_MS), Number.MAX_SAFE_INTEGER)!;
    if (result.kind === 'timeout') throw new ReportReadFailed(`it took longer than ${result.ms} ms`);
    if (result.kind === 'failed') throw new ReportReadFailed(result.memory ? 'its thread ran out of memory' : 'its thread stopped');
    if (!result.answer.found) {
      if (result.answer.error !== undefined) throw new ReportReadFailed(result.answer.error);
      return undefined;
    }
    return joinReport(result.answer.split);
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }
}
