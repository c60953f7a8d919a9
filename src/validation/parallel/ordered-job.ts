/**
 * One submission's job on the worker pool, as the main thread drives it (parallel.ts, stream-job.ts):
 * pieces are numbered as they are posted, answers are taken strictly in that order (`absorb` sees each
 * once, in turn, however the threads finish), piece buffers come from the pool's free list (a thread's
 * answer puts its piece's back: buffer-pool.ts), and the job fails on the first error: a thread's, or the
 * caller going away (`signal`), which wakes whatever waits here. `close()`
 * (in the caller's `finally`) ends the job: its queued pieces are dropped and late answers ignored.
 */
import { createHash } from 'node:crypto';
import type { Job, JobSetup, WorkerPool } from './pool.js';
import type { PieceResult, StreamPiece } from './protocol.js';
import type { BufferPool } from './buffer-pool.js';
import type { CompiledVersion } from '../validators.js';
import type { ObserverSpec } from '../observer.js';
import type { ValidationContext } from '../context.js';

const contentKey = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');
/** Each version's key, hashed once per version rather than once per submission. */
const versionKeys = new WeakMap<object, string>();

/** What a submission's job is validated with: its version and observer, each named by a hash of its content; and whose it is. */
export function jobSetup(
  version: CompiledVersion,
  options: { maxRecordBytes: number; context: ValidationContext; observer?: ObserverSpec; owner?: string },
  oneThread = false,
): JobSetup {
  let versionKey = versionKeys.get(version.source);
  if (versionKey === undefined) versionKeys.set(version.source, (versionKey = contentKey(version.source)));
  const observer = options.observer ? { module: options.observer.module, plan: options.observer.plan } : undefined;
  return {
    versionKey,
    version: version.source,
    maxRecordBytes: options.maxRecordBytes,
    context: options.context,
    ...(oneThread ? { oneThread } : {}),
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    ...(observer ? { observer, observerKey: contentKey(observer) } : {}),
  };
}

export class OrderedJob {
  readonly buffers: BufferPool;
  private readonly job: Job;
  private readonly results = new Map<number, PieceResult>();
  private sent = 0;
  private absorbed = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private readonly abandon = (): void => this.fail(this.signal!.reason);

  constructor(
    pool: WorkerPool,
    setup: JobSetup,
    private readonly absorb: (result: PieceResult) => void,
    private readonly signal?: AbortSignal,
  ) {
    this.buffers = pool.buffers;
    this.job = pool.open(
      setup,
      (result) => this.take(result),
      (error) => this.fail(error),
    );
    signal?.addEventListener('abort', this.abandon, { once: true });
    if (signal?.aborted) this.abandon();
  }

  /** The job's part of the pool's turns (pool.ts: its supplier's share, split among the supplier's jobs). */
  get share(): number {
    return this.job.share;
  }

  /** Pieces posted and not yet absorbed. */
  get inFlight(): number {
    return this.sent - this.absorbed;
  }

  /** Throws the job's failure, if it has one. */
  check(): void {
    if (this.failure !== undefined) throw this.failure as Error;
  }

  /** Waits until fewer than `most()` pieces are in flight (or the job fails). */
  async room(most: () => number): Promise<void> {
    while (this.inFlight >= most() && this.failure === undefined) await this.progress();
    this.check();
  }

  /** Posts the next piece to the pool (after `room`). */
  post(bytes: Uint8Array, findingsWanted: number, stream?: StreamPiece): void {
    this.job.post({ seq: this.sent++, bytes, findingsWanted, ...(stream ? { stream } : {}) });
  }

  /** Takes, in its turn, an answer made on this thread rather than by a worker. */
  local(result: Omit<PieceResult, 'job' | 'seq'>): void {
    this.take({ ...result, job: this.job.id, seq: this.sent++ });
  }

  /** Waits until every piece posted is absorbed; throws the job's failure. */
  async finish(): Promise<void> {
    while (this.absorbed < this.sent && this.failure === undefined) await this.progress();
    this.check();
  }

  close(): void {
    this.signal?.removeEventListener('abort', this.abandon);
    this.job.close();
  }

  private take(result: PieceResult): void {
    this.results.set(result.seq, result);
    for (let next = this.results.get(this.absorbed); next; next = this.results.get(this.absorbed)) {
      this.results.delete(this.absorbed);
      this.absorbed++;
      this.absorb(next);
    }
    this.notify();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }

  private progress(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
