/**
 * One pool of worker threads per process, shared by every submission validated in it (API, web pages and
 * CLI alike). Threads start when first needed, up to `size`, and are reused; a thread that fails is
 * replaced on demand, so at most `size` threads ever run at once. Submissions open a job each; their
 * pieces wait in per-job queues and are handed out fairly by supplier first, then by job: the suppliers
 * with work queued take turns (each submission's organisation, `JobSetup.owner`; the CLI and every job
 * without an owner count as one party), and within a supplier its jobs take turns. A supplier with eight
 * submissions open and one with one each get every other piece while both have work queued, so neither a
 * large submission nor a supplier's many starve another's. An NDJSON job's pieces go to any thread with
 * room (parallel.ts); a job opened `oneThread` (a submission validated whole, in order: stream-job.ts) is
 * pinned to a thread when its first piece goes out, and all its pieces follow. One supplier's pinned jobs
 * hold at most max(1, size − 1) threads (`pinnedThreadsPerOwner`): its first go to the threads with the
 * fewest pinned jobs, its further ones, once it holds that many, to the least loaded of the threads it
 * already holds, so another supplier always has a thread that none of its whole files is pinned to. Idle
 * threads do not keep the process alive. A pool made with a time budget (the service's small-file lane:
 * PoolOptions) gives each thread one piece at a time, once it has started, and ends a thread whose piece
 * runs past what is left of its job's budget: the job fails with ThreadTimeout.
 *
 * A thread that dies (out of memory, past a budget, a crash) fails only the job whose piece it was running
 * (the thread writes which piece that is into a few shared bytes the pool reads after its death: no cost
 * per record), with the error it earned. Every other job it held is not judged by it: a piece it had not
 * answered is sent again to another thread, once, when its bytes are shared (BufferPool's buffers are: the
 * thread reads them where they are, nothing is copied, and they stay the main thread's); a job pinned to it
 * that it had answered nothing of starts again elsewhere the same way; a pinned job whose state died with
 * the thread (or a piece already sent again once, or one whose bytes were handed over) fails with
 * ThreadLost, which the services answer with a 503 and Retry-After, never a verdict on the file.
 */
import { AsyncResource } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BoundedCache } from './bounded-cache.js';
import { BufferPool } from './buffer-pool.js';
import { InputError, StackExceeded, ThreadLost, ThreadOutOfMemory, ThreadTimeout } from '../errors.js';
import {
  WORKER_CACHE_ENTRIES,
  WORKER_OBSERVER_ENTRIES,
  type PieceRequest,
  type PieceResult,
  type PieceSetup,
  type StreamPiece,
  type ThreadMessage,
  type WorkerMessage,
} from './protocol.js';

/** Pieces queued in one thread at a time (so it never waits for the main thread between pieces). */
const IN_FLIGHT_PER_THREAD = 2;
const MIB = 1024 * 1024;
/**
 * Each thread's semi-space (MiB). Parsing allocates an object tree per record that dies young, and the
 * scavenger runs each time a semi-space fills: its cost is mostly per collection, not per byte. V8 sizes a
 * young generation as three semi-spaces (the two it copies between, and as much for large new objects).
 * V8 grows a thread's semi-space up to this size as it sees fit (a serving process first clears its main
 * thread's cap for them: heap-tuning.ts). Against 2 MiB, 4 MiB took about 9% off the threads' CPU for a
 * 1M-record NDJSON upload, for 15–20 MiB more at the service's peak; 6 and 8 MiB were no quicker within
 * this machine's noise and added 20–25 MiB more (docs/benchmarks.md).
 */
export const THREAD_SEMI_SPACE_MB = 4;
/**
 * Each thread's heap limits (128 MiB of old generation: a few compiled versions and the pieces in hand), and
 * its stack (4 MiB, Node's default for a worker, named here as a bound: a recursive schema's validator calls
 * itself once for each level of a record, so a record nested thousands of levels deep can need more; that
 * record's file is refused with StackExceeded, and the thread goes on).
 */
export const THREAD_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * THREAD_SEMI_SPACE_MB, maxOldGenerationSizeMb: 128, stackSizeMb: 4 } as const;

/** The compiled worker script, or undefined when running from TypeScript sources (tests), where it is not built. */
export function workerScript(): URL | undefined {
  const url = new URL('./ndjson-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** What a job's pieces are validated with; the keys name the content (a hash), the rest is sent once per thread. */
export interface JobSetup {
  versionKey: string;
  version: NonNullable<PieceSetup['version']>;
  observerKey?: string;
  observer?: NonNullable<PieceSetup['observer']>;
  maxRecordBytes: number;
  context: PieceSetup['context'];
  /** Every piece to one thread, in order (a submission validated whole there: stream-job.ts). */
  oneThread?: boolean;
  /**
   * The supplier the submission belongs to (its organisation), whose jobs share one turn of the pool; never
   * sent to a thread. Jobs without one (the CLI's) are one party.
   */
  owner?: string;
}

export interface PoolStats {
  size: number;
  /** Threads running now. */
  threads: number;
  /** Threads with a piece in hand now. */
  busy: number;
  /** The most threads that ever ran at once. */
  peakThreads: number;
  /** Threads started since the pool was made (more than `size` only when failed threads were replaced). */
  started: number;
  /** Open jobs (submissions on the pool). */
  jobs: number;
  /** Pieces waiting for a thread. */
  queued: number;
  /** Observers the threads hold now (each submission's, until it closes). */
  observers: number;
  /** Times an observer's plan was sent to a thread (once per thread and submission when the caches hold). */
  observersSent: number;
  /** Open jobs pinned to a thread (submissions validated whole on one). */
  pinned: number;
  /** Suppliers with a job open (the parties that take turns; the jobs without an owner count as one). */
  suppliers: number;
  /** Pieces handed to threads since the pool was made. */
  piecesSent: number;
  /** Queued pieces dropped unsent because their submission ended first (its caller went away, or it failed). */
  piecesDropped: number;
  /** Threads that died (out of memory, past a budget, a crash) rather than being closed; each is replaced on demand. */
  threadsLost: number;
  /** Pieces sent again to another thread because the thread holding them died running another job's piece. */
  piecesRerun: number;
  /** Jobs failed with ThreadLost: their state died with a thread running another job's piece (a 503, not a verdict). */
  jobsLost: number;
}

interface Piece {
  seq: number;
  /** In a SharedArrayBuffer, the thread reads them in place and they can be sent again if it dies; otherwise they are handed over. */
  bytes: Uint8Array;
  findingsWanted: number;
  stream?: StreamPiece;
  /** Set when the piece was sent again after a thread died holding it (it is sent again at most once). */
  rerun?: true;
}

/** Whether a piece's bytes stay the main thread's when sent (shared, not handed over), so it can be sent again. */
const kept = (piece: Piece): boolean => piece.bytes.buffer instanceof SharedArrayBuffer;

/** How a pool's threads are used: the defaults are the shared pool's; the small-file lane sets a budget (app.ts). */
export interface PoolOptions {
  /**
   * Milliseconds of a thread's work one job may use per MiB of its input sent (decompressed; at least one
   * MiB's worth), summed over its pieces: past it the thread is terminated (and replaced on demand) and
   * the job fails with ThreadTimeout. With a budget a thread holds one piece at a time, so a piece's time
   * in hand is its own work.
   */
  budgetMs?: number;
  /**
   * Pieces are sent in shared memory and kept until answered (BufferPool), so a piece held by a thread that
   * dies running another submission's piece is sent again to another thread. The service's pools, where
   * suppliers share threads; not the command line's (one party: a dying thread ends its own file).
   */
  keepPieces?: boolean;
  /**
   * Told when a thread dies (rather than being closed), for the operator's log: why, in a word (never the
   * error's text, which a crash could take from a record), and what became of the submissions it held.
   */
  onThreadLost?: (loss: ThreadLoss) => void;
}

/** A thread's death as the pool's operator is told of it (PoolOptions.onThreadLost). */
export interface ThreadLoss {
  reason: 'memory' | 'time' | 'crash';
  /** Submissions refused for it: the one whose piece it was running (0 when none is known). */
  refused: number;
  /** Submissions answered 503 (ThreadLost): their state died with it. */
  lost: number;
  /** Pieces of other submissions it held, sent again to another thread. */
  rerun: number;
}

interface InFlight {
  job: Job;
  seq: number;
  piece: Piece;
  bytes: number;
  sentAt: number;
  /** When its job's budget began to count for it (with a budget: when sent, to a thread that has started). */
  budgetFrom?: number;
}

interface Thread {
  id: number;
  /** Whether it has started and built its validator instance. */
  started: boolean;
  /** Ends the thread, failing the jobs it holds with `error`. */
  fail: (error: Error) => void;
  /** Fires when the piece in hand runs past its job's budget. */
  budget: NodeJS.Timeout | undefined;
  worker: Worker;
  inFlight: Set<InFlight>;
  versions: BoundedCache<true>;
  observers: BoundedCache<true>;
  /** Open jobs pinned to this thread. */
  pinned: number;
  /** Open jobs pinned to this thread, by owner. */
  pinnedBy: Map<string, number>;
  /** Settles when the thread has started and built its validator instance (or has died). */
  ready: Promise<void>;
  /** Written by the thread: [its running piece's job id + 1 (0: none), that piece's seq] (ndjson-worker.ts). */
  running: Float64Array;
}

/** A piece a thread answered, for the pool's `onPiece` hook (logs): which job, which piece, how long it took. */
export interface PieceDone {
  job: number;
  seq: number;
  records: number;
  bytes: number;
  ms: number;
  thread: number;
}

/** A supplier's open jobs, which take turns within the supplier's one turn of the pool. */
interface Party {
  owner: string;
  jobs: Job[];
  /** The index in `jobs` whose turn is next. */
  turn: number;
}

/** The party of the jobs that name no owner (the CLI, and any caller without an organisation). */
const NO_OWNER = '';

/** The most threads one supplier's pinned jobs may hold in a pool of `size`: all but one, so another supplier always has one. */
export function pinnedThreadsPerOwner(size: number): number {
  return Math.max(1, size - 1);
}

/** Removes `item` from `list`, keeping a round-robin index on the same next item. */
function removeInTurn<T>(list: T[], item: T, turn: number): number {
  const index = list.indexOf(item);
  if (index === -1) return turn;
  list.splice(index, 1);
  if (index < turn) turn--;
  return list.length === 0 || turn >= list.length ? 0 : turn;
}

/** One submission's share of the pool: post pieces in order; results come back through `onResult`. */
export class Job {
  readonly queue: Piece[] = [];
  closed = false;
  /** The async context the job was opened in (the request's), so its answers and logs run in it. */
  readonly context = new AsyncResource('conform.pool-job');
  /** A `oneThread` job's thread, from its first piece on. */
  pinned: Thread | undefined;
  /** Milliseconds its pieces have been in threads' hands, and bytes sent (against the pool's budget). */
  usedMs = 0;
  sentBytes = 0;
  /** Pieces threads have answered (a pinned job none of whose pieces were answered can start again on another thread). */
  answered = 0;

  constructor(
    private readonly pool: WorkerPool,
    readonly id: number,
    readonly setup: JobSetup,
    readonly onResult: (result: PieceResult) => void,
    readonly onFailure: (error: Error) => void,
  ) {}

  /** Its supplier (the party whose turn it shares). */
  get owner(): string {
    return this.setup.owner ?? NO_OWNER;
  }

  /** The part of the pool's turns it gets while every open job has work queued (its supplier's share, split among the supplier's jobs). */
  get share(): number {
    return this.pool.shareOf(this);
  }

  post(piece: Piece): void {
    if (this.closed) throw new Error('the job is closed');
    this.queue.push(piece);
    this.pool.pump();
  }

  /**
   * Ends the job: queued pieces are dropped and answers still on their way are ignored (the pieces a
   * thread already holds stay in its in-flight set until it answers, so its room is counted right).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.forget(this, this.queue.length);
    this.queue.length = 0;
  }
}

export class WorkerPool {
  private readonly threads: Thread[] = [];
  private observersSent = 0;
  private piecesSent = 0;
  private piecesDropped = 0;
  private jobs: Job[] = [];
  /** The suppliers with a job open, in the order they take turns. */
  private parties: Party[] = [];
  private nextJob = 0;
  /** The index in `parties` whose turn is next. */
  private turn = 0;
  private closed = false;
  private peak = 0;
  private startedCount = 0;
  private threadIds = 0;
  private threadsLost = 0;
  private piecesRerun = 0;
  private jobsLost = 0;
  private readonly inFlightPerThread: number;
  /**
   * Its jobs' piece buffers (shared when it keeps its pieces): a piece's goes back here when the thread
   * holding it answers, for the next piece of any job (buffer-pool.ts).
   */
  readonly buffers: BufferPool;
  /** Called for each piece a thread answers, in the context of the job's submission (its request id). */
  onPiece: ((piece: PieceDone) => void) | undefined;

  constructor(
    readonly size: number,
    private readonly script: URL | undefined = workerScript(),
    private readonly options: PoolOptions = {},
  ) {
    this.inFlightPerThread = options.budgetMs !== undefined ? 1 : IN_FLIGHT_PER_THREAD;
    this.buffers = new BufferPool(options.keepPieces === true);
  }

  /** Whether its jobs' pieces go in shared memory, kept to be sent again (PoolOptions.keepPieces). */
  get keepsPieces(): boolean {
    return this.options.keepPieces === true;
  }

  /** Whether this pool can validate on threads (it has a size and the worker script is built). */
  get available(): boolean {
    return this.size > 0 && this.script !== undefined && !this.closed;
  }

  /** Submissions on the pool now. */
  get openJobs(): number {
    return this.jobs.length;
  }

  stats(): PoolStats {
    return {
      size: this.size,
      threads: this.threads.length,
      busy: this.threads.filter((t) => t.inFlight.size > 0).length,
      peakThreads: this.peak,
      started: this.startedCount,
      jobs: this.jobs.length,
      queued: this.jobs.reduce((n, j) => n + j.queue.length, 0),
      observers: this.threads.reduce((n, t) => n + t.observers.size, 0),
      observersSent: this.observersSent,
      pinned: this.threads.reduce((n, t) => n + t.pinned, 0),
      suppliers: this.parties.length,
      piecesSent: this.piecesSent,
      piecesDropped: this.piecesDropped,
      threadsLost: this.threadsLost,
      piecesRerun: this.piecesRerun,
      jobsLost: this.jobsLost,
    };
  }

  open(setup: JobSetup, onResult: (result: PieceResult) => void, onFailure: (error: Error) => void): Job {
    if (!this.available) throw new Error('the worker pool is not available');
    const job = new Job(this, this.nextJob++, setup, onResult, onFailure);
    this.jobs.push(job);
    let party = this.parties.find((p) => p.owner === job.owner);
    if (!party) this.parties.push((party = { owner: job.owner, jobs: [], turn: 0 }));
    party.jobs.push(job);
    return job;
  }

  /** @internal an open job's part of the turns: 1 / (suppliers with a job open × that supplier's open jobs); 0 once closed. */
  shareOf(job: Job): number {
    const party = this.parties.find((p) => p.owner === job.owner);
    return party?.jobs.includes(job) ? 1 / (this.parties.length * party.jobs.length) : 0;
  }

  /** Stops every thread; open jobs fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const threads = this.threads.splice(0);
    this.parties = [];
    for (const job of this.jobs.splice(0)) job.onFailure(new Error('the worker pool is closed'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** @internal a job that closed (with `dropped` pieces still queued): the threads drop its observer when no other open job uses it. */
  forget(job: Job, dropped: number): void {
    this.piecesDropped += dropped;
    this.jobs = this.jobs.filter((j) => j !== job);
    const party = this.parties.find((p) => p.owner === job.owner);
    if (party) {
      party.turn = removeInTurn(party.jobs, job, party.turn);
      if (party.jobs.length === 0) this.turn = removeInTurn(this.parties, party, this.turn);
    }
    const pinned = job.pinned;
    if (pinned) {
      job.pinned = undefined;
      pinned.pinned--;
      const left = (pinned.pinnedBy.get(job.owner) ?? 1) - 1;
      if (left > 0) pinned.pinnedBy.set(job.owner, left);
      else pinned.pinnedBy.delete(job.owner);
      // The thread drops the submission's state after any piece of it still in hand (none after its last).
      if (this.threads.includes(pinned)) pinned.worker.postMessage({ forgetStream: job.id } satisfies ThreadMessage);
    }
    const key = job.setup.observerKey;
    if (key === undefined || this.jobs.some((j) => j.setup.observerKey === key)) return;
    for (const thread of this.threads) {
      if (thread.observers.delete(key)) thread.worker.postMessage({ forgetObserver: key } satisfies ThreadMessage);
    }
  }

  /**
   * @internal hands queued pieces to threads with room: supplier after supplier, and within a supplier job
   * after job. A job whose thread has no room is passed over (its supplier's turn goes to its next job, or
   * to the next supplier), so every thread with room gets work while any job that may use it has some.
   */
  pump(): void {
    while (!this.closed && this.sendNext());
  }

  /** Sends the next piece in turn, if any can go now. */
  private sendNext(): boolean {
    const { parties } = this;
    for (let p = 0; p < parties.length; p++) {
      const partyIndex = (this.turn + p) % parties.length;
      const party = parties[partyIndex]!;
      for (let j = 0; j < party.jobs.length; j++) {
        const jobIndex = (party.turn + j) % party.jobs.length;
        const job = party.jobs[jobIndex]!;
        if (job.queue.length === 0) continue;
        const thread = job.setup.oneThread ? this.pinnedThread(job) : this.threadWithRoom();
        // With a budget, a thread gets work once it has started: its start is not the job's work (it pumps when ready).
        if (!thread || (this.options.budgetMs !== undefined && !thread.started)) continue;
        party.turn = (jobIndex + 1) % party.jobs.length;
        this.turn = (partyIndex + 1) % parties.length;
        this.send(thread, job, job.queue.shift()!);
        return true;
      }
    }
    return false;
  }

  /**
   * A `oneThread` job's thread if it has room: the one it is pinned to, or else the one with the fewest
   * pinned jobs (then the fewest pieces in hand) among those its supplier may take: any, while its pinned
   * jobs hold fewer than `pinnedThreadsPerOwner` threads, else only those they hold.
   */
  private pinnedThread(job: Job): Thread | undefined {
    if (!job.pinned) {
      const owner = job.owner;
      const held = this.threads.filter((t) => t.pinnedBy.has(owner)).length;
      const mayTake = (t: Thread): boolean => held < pinnedThreadsPerOwner(this.size) || t.pinnedBy.has(owner);
      let thread = this.threads.length < this.size && held < pinnedThreadsPerOwner(this.size) ? this.start() : undefined;
      for (const t of this.threads) {
        if (!mayTake(t)) continue;
        if (!thread || t.pinned < thread.pinned || (t.pinned === thread.pinned && t.inFlight.size < thread.inFlight.size)) thread = t;
      }
      if (!thread) return undefined;
      job.pinned = thread;
      thread.pinned++;
      thread.pinnedBy.set(owner, (thread.pinnedBy.get(owner) ?? 0) + 1);
    }
    return job.pinned.inFlight.size < this.inFlightPerThread ? job.pinned : undefined;
  }

  /**
   * Starts every thread now rather than on the first submission's first piece, so a service's first
   * upload does not wait for threads to load and build their validator instances (about 0.2 s each).
   */
  warm(): Promise<void> {
    while (this.threads.length < this.size) this.start();
    return Promise.all(this.threads.map((t) => t.ready)).then(() => undefined);
  }

  private threadWithRoom(): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) if (t.inFlight.size < this.inFlightPerThread && (!best || t.inFlight.size < best.inFlight.size)) best = t;
    if (best && best.inFlight.size === 0) return best;
    if (this.threads.length < this.size) return this.start();
    return best;
  }

  private send(thread: Thread, job: Job, piece: Piece): void {
    const { setup } = job;
    const request: PieceRequest = {
      job: job.id,
      seq: piece.seq,
      bytes: piece.bytes,
      findingsWanted: piece.findingsWanted,
      ...(piece.stream ? { stream: piece.stream } : {}),
      versionKey: setup.versionKey,
      maxRecordBytes: setup.maxRecordBytes,
      context: setup.context,
    };
    // The thread's cache is mirrored here: send what it does not hold, in the order it will see it.
    if (!thread.versions.get(setup.versionKey)) {
      thread.versions.set(setup.versionKey, true);
      request.version = setup.version;
    }
    if (setup.observerKey !== undefined) {
      request.observerKey = setup.observerKey;
      if (!thread.observers.get(setup.observerKey)) {
        thread.observers.set(setup.observerKey, true);
        request.observer = setup.observer!;
        this.observersSent++;
      }
    }
    if (thread.inFlight.size === 0) thread.worker.ref();
    const entry: InFlight = { job, seq: piece.seq, piece, bytes: piece.bytes.byteLength, sentAt: performance.now() };
    thread.inFlight.add(entry);
    const budgetMs = this.options.budgetMs;
    if (budgetMs !== undefined) {
      // One piece in hand at a time: past what is left of its job's budget, the thread is ended.
      job.sentBytes += piece.bytes.byteLength;
      const allowed = budgetMs * Math.max(1, Math.ceil(job.sentBytes / MIB));
      entry.budgetFrom = entry.sentAt;
      thread.budget = setTimeout(() => thread.fail(new ThreadTimeout(budgetMs)), Math.max(0, allowed - job.usedMs));
      thread.budget.unref();
    }
    this.piecesSent++;
    // Shared bytes are read in place (and kept, to send again if the thread dies); others are handed over.
    thread.worker.postMessage(request satisfies ThreadMessage, kept(piece) ? [] : [piece.bytes.buffer as ArrayBuffer]);
  }

  private deliver(thread: Thread, entry: InFlight, result: PieceResult): void {
    const { job } = entry;
    job.context.runInAsyncScope(() => {
      // An input that cannot be read at all is the same error as on the calling thread (a 4xx, not a failure of the service).
      if (result.inputError !== undefined) return job.onFailure(new InputError(result.inputError.code, result.inputError.message));
      // A record too deep for the thread's stack: the thread caught it and goes on; the file is refused, not the service failing.
      if (result.stackExceeded === true) return job.onFailure(new StackExceeded(THREAD_RESOURCE_LIMITS.stackSizeMb));
      if (result.error !== undefined) return job.onFailure(new Error(`a validation worker could not validate a piece: ${result.error}`));
      const ms = performance.now() - entry.sentAt;
      this.onPiece?.({ job: job.id, seq: entry.seq, records: result.part.records, bytes: entry.bytes, ms, thread: thread.id });
      job.onResult(result);
    });
  }

  /**
   * What becomes of the jobs a thread held when it died with `error`: the job whose piece it was running
   * (the thread's own word, else, for a budget it ran past, its one piece in hand) fails with `error`.
   * Every other job is requeued where it can start again, else fails with ThreadLost; a piece sent again
   * once that the thread was running is its own job's fault (the culprit). Returns the jobs to fail.
   */
  private lost(thread: Thread, entries: InFlight[], error: Error): Map<Job, Error> {
    const [jobPlusOne, seq] = thread.running;
    const culprit = entries.find((e) => e.job.id === jobPlusOne! - 1 && e.seq === seq) ?? (error instanceof ThreadTimeout ? entries[0] : undefined);
    const failed = new Map<Job, Error>();
    if (culprit && !culprit.job.closed) failed.set(culprit.job, error);
    const requeue = new Map<Job, Piece[]>();
    const affected = new Set(entries.map((e) => e.job));
    // A job pinned to this thread lost its reader and report with it, unless the thread answered none of its pieces.
    for (const job of this.jobs) if (job.pinned === thread) affected.add(job);
    for (const job of affected) {
      if (job.closed || failed.has(job)) continue;
      const pieces = entries.filter((e) => e.job === job).map((e) => e.piece);
      const again = pieces.every((p) => kept(p) && !p.rerun) && (job.pinned !== thread || job.answered === 0);
      if (!again) {
        failed.set(job, new ThreadLost());
        continue;
      }
      if (job.pinned === thread) job.pinned = undefined; // pinned afresh when its first piece goes out again
      requeue.set(job, pieces);
    }
    for (const [job, pieces] of requeue) {
      pieces.sort((a, b) => a.seq - b.seq);
      for (const piece of pieces) piece.rerun = true;
      job.queue.unshift(...pieces);
      this.piecesRerun += pieces.length;
    }
    return failed;
  }

  private start(): Thread {
    const running = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
    const worker = new Worker(this.script!, { resourceLimits: THREAD_RESOURCE_LIMITS, workerData: { running: running.buffer } });
    let markReady!: () => void;
    const thread: Thread = {
      id: ++this.threadIds,
      fail: () => undefined,
      started: false,
      budget: undefined,
      worker,
      ready: new Promise<void>((resolve) => (markReady = resolve)),
      inFlight: new Set(),
      versions: new BoundedCache(WORKER_CACHE_ENTRIES),
      observers: new BoundedCache(WORKER_OBSERVER_ENTRIES),
      pinned: 0,
      pinnedBy: new Map(),
      running,
    };
    worker.unref();
    this.threads.push(thread);
    this.startedCount++;
    this.peak = Math.max(this.peak, this.threads.length);
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        thread.started = true;
        markReady();
        return this.pump();
      }
      const result = message;
      for (const entry of thread.inFlight) {
        if (entry.job.id === result.job && entry.seq === result.seq) {
          thread.inFlight.delete(entry);
          // The thread is done with the piece (and no other holds it: a piece is in one thread's hands at a
          // time, and one sent again left a thread that died): its buffer is free, the job open or not.
          const back = kept(entry.piece) ? entry.piece.bytes : result.bytes;
          if (back) this.buffers.give(back);
          entry.job.answered++;
          clearTimeout(thread.budget);
          if (entry.budgetFrom !== undefined) entry.job.usedMs += performance.now() - entry.budgetFrom;
          if (!entry.job.closed) this.deliver(thread, entry, result);
          break;
        }
      }
      if (thread.inFlight.size === 0) worker.unref();
      this.pump();
    });
    const fail = (error: Error): void => {
      const index = this.threads.indexOf(thread);
      if (index === -1) return;
      this.threads.splice(index, 1);
      clearTimeout(thread.budget);
      this.threadsLost++;
      const entries = [...thread.inFlight];
      thread.inFlight.clear();
      const rerunBefore = this.piecesRerun;
      const loss: ThreadLoss = {
        reason: error instanceof ThreadOutOfMemory ? 'memory' : error instanceof ThreadTimeout ? 'time' : 'crash',
        refused: 0,
        lost: 0,
        rerun: 0,
      };
      for (const [job, failure] of this.lost(thread, entries, error)) {
        if (failure instanceof ThreadLost) {
          this.jobsLost++;
          loss.lost++;
        } else loss.refused++;
        job.context.runInAsyncScope(() => job.onFailure(failure));
      }
      loss.rerun = this.piecesRerun - rerunBefore;
      this.options.onThreadLost?.(loss);
      markReady(); // a thread that died is not waited for
      void worker.terminate();
      this.pump();
    };
    thread.fail = fail;
    worker.on('error', (error) =>
      fail(
        (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ThreadOutOfMemory(THREAD_RESOURCE_LIMITS.maxOldGenerationSizeMb)
          : new Error(`a validation worker failed: ${error.message}`),
      ),
    );
    worker.on('messageerror', (error) => fail(new Error(`a validation worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`a validation worker stopped unexpectedly (exit code ${code})`)));
    return thread;
  }
}
