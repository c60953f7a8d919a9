/**
 * One long-lived worker thread that runs jobs one at a time (its caller queues them: a SerialQueue), so
 * a job costs its own work and not a thread's start (some 0.4 s). The worker is started on the first job,
 * unref'd while idle (it never keeps the process alive), and replaced — terminated, the next job starting
 * a new one — when a job runs past its time budget, when it crashes or runs out of memory (its
 * resourceLimits), and after `maxJobs` jobs, which bounds what its heap can accumulate. A worker left idle
 * for `idleMs` is let go too: the heap a large job grew (up to its resourceLimits) is not held between
 * rare jobs, and the next job starts a new one. The worker script
 * answers each job posted to it with one message (answerJobs, on the worker's side).
 */
import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';

export type StandingResult<R> =
  | { kind: 'ok'; answer: R }
  | { kind: 'timeout'; ms: number }
  /** The worker ended during the job: `memory` when it ran out of memory. */
  | { kind: 'failed'; memory: boolean };

export interface StandingOptions {
  resourceLimits: ResourceLimits;
  /** Jobs one worker runs before it is replaced. */
  maxJobs: number;
  /** Milliseconds a worker may stay idle before it is let go (default IDLE_MS). */
  idleMs?: number;
}

/** How long an idle worker is kept, by default: long enough for a burst of jobs, not a heap held for hours. */
export const IDLE_MS = 60_000;

interface Pending<R> {
  settle(result: StandingResult<R>): void;
}

export class StandingWorker<J, R> {
  private worker: Worker | undefined;
  private jobs = 0;
  private pending: Pending<R> | undefined;
  private started = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: URL,
    private readonly options: StandingOptions,
  ) {}

  /** Workers started since this was made (one per replacement). */
  get starts(): number {
    return this.started;
  }

  /** Runs `job` on the worker within `timeoutMs`; one job at a time (a second while one runs is a programming error). */
  run(job: J, timeoutMs: number): Promise<StandingResult<R>> {
    if (this.pending) throw new Error('a standing worker runs one job at a time');
    clearTimeout(this.idle);
    const worker = this.current();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.retire(worker);
        settle({ kind: 'timeout', ms: timeoutMs });
      }, timeoutMs);
      const settle = (result: StandingResult<R>): void => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        clearTimeout(timer);
        if (this.worker === worker) {
          worker.unref();
          if (++this.jobs >= this.options.maxJobs) this.retire(worker);
          else {
            this.idle = setTimeout(() => this.retire(worker), this.options.idleMs ?? IDLE_MS);
            this.idle.unref();
          }
        }
        resolve(result);
      };
      const pending: Pending<R> = { settle };
      this.pending = pending;
      worker.ref();
      worker.postMessage(job);
    });
  }

  /** Terminates the worker (the service's stop); a job running answers `failed`. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    if (worker) {
      this.retire(worker);
      await worker.terminate();
    }
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: this.options.resourceLimits });
    this.started++;
    this.jobs = 0;
    worker.unref();
    worker.on('message', (answer: R) => {
      if (this.worker === worker) this.pending?.settle({ kind: 'ok', answer });
    });
    worker.on('error', (error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.ended(worker, { kind: 'failed', memory });
    });
    worker.on('exit', () => this.ended(worker, { kind: 'failed', memory: false }));
    this.worker = worker;
    return worker;
  }

  /** The worker ended by itself: the job it ran (if any) failed, and the next job starts another. */
  private ended(worker: Worker, result: StandingResult<R>): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.pending?.settle(result);
  }

  /** Lets the worker go: the next job starts another. */
  private retire(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }
}

/** The worker's side: answers each job posted with `answer(job)`'s result (once settled, when it is a promise). */
export function answerJobs<J, R>(answer: (job: J) => R | Promise<R>): void {
  parentPort!.on('message', (job: J) => {
    const answered = answer(job);
    if (answered instanceof Promise) void answered.then((result) => parentPort!.postMessage(result));
    else parentPort!.postMessage(answered);
  });
}
