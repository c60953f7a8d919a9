/**
 * Comparisons off the event loop. Two versions within every schema limit can take most of a second to
 * compare, and anyone may ask for the changes between any two versions; so from the build (dist/) each
 * comparison runs on a worker thread of its own, within a time budget (past it the worker is terminated
 * and the answer is `timeout`). They run one at a time, and at most `maxWaiting` wait behind the running one
 * (a SerialQueue): a comparison past that answers `busy` at once, holding neither its schemas nor its
 * caller (identical comparisons asked at once share one: services/comparisons.ts). From TypeScript sources
 * (tests), where the worker script is not built, a comparison runs in this thread without the time budget,
 * through the same queue.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SerialQueue } from '../../validation/parallel/serial-queue.js';
import { runCompareJob, type CompareAnswers, type CompareJob, type CompareKind, type CompareWorkerMessage } from './compare-job.js';

export type CompareResult<T> =
  | { kind: 'ok'; answer: T }
  | { kind: 'timeout'; ms: number }
  | { kind: 'failed'; message: string }
  /** Refused unrun: `max` comparisons were already running or waiting. */
  | { kind: 'busy'; max: number };

export interface CompareLimits {
  /** Time allowed for one comparison (on the worker). */
  timeoutMs: number;
  /** Comparisons that may wait behind the running one. */
  maxWaiting: number;
}

/** Comparisons that may wait behind the running one, by default. */
export const DEFAULT_MAX_WAITING_COMPARISONS = 8;
/** Time allowed for one comparison, by default. */
export const DEFAULT_COMPARE_TIMEOUT_MS = 10_000;

/** The compiled worker script, or undefined when running from TypeScript sources. */
function workerScript(): URL | undefined {
  const url = new URL('./compare-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

const queue = new SerialQueue();
let computed = 0;

/** How many comparisons have been computed (run, on whichever thread) since the process started. */
export function comparisonsComputed(): number {
  return computed;
}

/** Runs a comparison (see the module comment); `busy` at once past `limits.maxWaiting`. */
export function compareOffThread<K extends CompareKind>(job: CompareJob, limits: CompareLimits): Promise<CompareResult<CompareAnswers[K]>> {
  const script = workerScript();
  const run = async (): Promise<CompareResult<unknown>> => {
    computed++;
    if (script) return inWorker(script, job, limits.timeoutMs);
    try {
      return { kind: 'ok', answer: runCompareJob(job) };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
  const queued = queue.run(run, limits.maxWaiting) ?? Promise.resolve({ kind: 'busy', max: limits.maxWaiting + 1 } as const);
  return queued as Promise<CompareResult<CompareAnswers[K]>>;
}

function inWorker(script: URL, job: CompareJob, timeoutMs: number): Promise<CompareResult<unknown>> {
  return new Promise((resolve) => {
    const worker = new Worker(script, {
      workerData: job,
      // A comparison that allocates without bound ends the worker, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (result: CompareResult<unknown>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle({ kind: 'timeout', ms: timeoutMs }), timeoutMs);
    worker.on('message', (message: CompareWorkerMessage) => {
      settle('answer' in message ? { kind: 'ok', answer: message.answer } : { kind: 'failed', message: message.failed });
    });
    worker.on('error', (error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle({ kind: 'failed', message: memory ? 'ran out of memory' : 'failed' });
    });
    worker.on('exit', () => settle({ kind: 'failed', message: 'stopped' }));
  });
}
