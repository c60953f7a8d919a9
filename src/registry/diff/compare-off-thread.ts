/**
 * Comparisons off the event loop. Two versions within every schema limit can take most of a second to
 * compare, and anyone may ask for the changes between any two versions; so from the build (dist/) each
 * comparison runs on a worker thread, within a time budget (past it the worker is terminated and the
 * answer is `timeout`). Comparisons go in one of two lanes, each with its own queue and its own worker:
 * `public` (the changes anyone may ask for) and `publish` (an author's publish checked against earlier
 * versions), so that public requests, however many, can never refuse a publish its comparison. In each
 * lane they run one at a time, and at most `maxWaiting` wait behind the running one (a SerialQueue): a
 * comparison past that answers `busy` at once, holding neither its schemas nor its caller (identical
 * comparisons asked at once share one: services/comparisons.ts). So at most two comparisons run at once,
 * one of each lane. Each lane's worker is long-lived (parallel/standing-worker.ts): started on its first
 * comparison, idle without keeping the process alive, replaced after a timeout, a crash, running out of
 * memory, or WORKER_JOBS comparisons, and let go after a minute idle. From TypeScript sources (tests), where the worker script is not
 * built, a comparison runs in this thread without the time budget, through the same queues.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SerialQueue } from '../../validation/parallel/serial-queue.js';
import { StandingWorker } from '../../validation/parallel/standing-worker.js';
import { runCompareJob, type CompareAnswers, type CompareJob, type CompareKind, type CompareWorkerMessage } from './compare-job.js';

export type CompareResult<T> =
  | { kind: 'ok'; answer: T }
  | { kind: 'timeout'; ms: number }
  | { kind: 'failed'; message: string }
  /** Refused unrun: `max` comparisons were already running or waiting in its lane. */
  | { kind: 'busy'; max: number };

export interface CompareLimits {
  /** Time allowed for one comparison (on the worker). */
  timeoutMs: number;
  /** Comparisons that may wait behind the running one, in the lane. */
  maxWaiting: number;
}

/** The lane a comparison waits in: the changes anyone may ask for, or a publish's. */
export type CompareLane = 'public' | 'publish';

/** Comparisons that may wait behind the running one, by default (each lane). */
export const DEFAULT_MAX_WAITING_COMPARISONS = 8;
/** Time allowed for one comparison, by default. */
export const DEFAULT_COMPARE_TIMEOUT_MS = 10_000;
/** Comparisons one worker runs before it is replaced (bounds what its heap accumulates). */
export const WORKER_JOBS = 200;

/** The compiled worker script, or undefined when running from TypeScript sources. */
function workerScript(): URL | undefined {
  const url = new URL('./compare-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Lane {
  queue: SerialQueue;
  worker: StandingWorker<CompareJob, CompareWorkerMessage> | undefined;
}

const script = workerScript();
const lane = (): Lane => ({
  queue: new SerialQueue(),
  // A comparison that allocates without bound ends the worker, not the process.
  worker: script && new StandingWorker(script, { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 }, maxJobs: WORKER_JOBS }),
});
const lanes: Record<CompareLane, Lane> = { public: lane(), publish: lane() };
let computed = 0;

/** How many comparisons have been computed (run, on whichever thread) since the process started. */
export function comparisonsComputed(): number {
  return computed;
}

/** Compare workers started in a lane since the process started (none from TypeScript sources). */
export function compareWorkerStarts(which: CompareLane): number {
  return lanes[which].worker?.starts ?? 0;
}

/** Runs a comparison in its lane (see the module comment); `busy` at once past `limits.maxWaiting` in that lane. */
export function compareOffThread<K extends CompareKind>(
  job: CompareJob,
  limits: CompareLimits,
  which: CompareLane = 'public',
): Promise<CompareResult<CompareAnswers[K]>> {
  const { queue, worker } = lanes[which];
  const run = async (): Promise<CompareResult<unknown>> => {
    computed++;
    if (worker) return inWorker(worker, job, limits.timeoutMs);
    try {
      return { kind: 'ok', answer: runCompareJob(job) };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
  const queued = queue.run(run, limits.maxWaiting) ?? Promise.resolve({ kind: 'busy', max: limits.maxWaiting + 1 } as const);
  return queued as Promise<CompareResult<CompareAnswers[K]>>;
}

async function inWorker(worker: StandingWorker<CompareJob, CompareWorkerMessage>, job: CompareJob, timeoutMs: number): Promise<CompareResult<unknown>> {
  const result = await worker.run(job, timeoutMs);
  switch (result.kind) {
    case 'ok':
      return 'answer' in result.answer ? { kind: 'ok', answer: result.answer.answer } : { kind: 'failed', message: result.answer.failed };
    case 'timeout':
      return result;
    case 'failed':
      return { kind: 'failed', message: result.memory ? 'ran out of memory' : 'failed' };
  }
}
