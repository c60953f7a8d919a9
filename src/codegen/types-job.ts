/**
 * Generating a version's types for the HTTP route without holding the server. json-schema-to-typescript
 * and its formatter run synchronously for seconds on a large schema (a 0.7 MB version of 999 fields, under
 * every publish limit: 1.7 to 4.9 s, during which the process answered nothing, /health included), so
 * from the build (dist/) each generation runs on a long-lived worker thread (parallel/standing-worker.ts:
 * started on the first generation, idle without keeping the process alive, replaced after a timeout, a
 * crash, running out of its memory limit, or WORKER_JOBS generations, and let go after a minute idle), one
 * at a time, within a time budget, and at most `maxWaiting` more wait their turn: a caller beyond that is
 * told the server is busy rather than queued without bound. Types have a queue and a worker of their own,
 * so no number of requests for them (anyone may ask) can refuse a publish its checks or comparisons. From
 * TypeScript sources (tests), where the worker script is not built, it runs in this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SerialQueue } from '../validation/parallel/serial-queue.js';
import { StandingWorker } from '../validation/parallel/standing-worker.js';
import type { CodegenSource } from './source.js';

/** Messages from the types worker. */
export type TypesWorkerMessage = { text: string } | { error: string };

/**
 * `failed`: the generator threw, or ran out of its memory, on this content: it will again, every time (the
 * generation is a function of the content alone). `stopped`: the worker ended without an answer, which
 * says nothing about the content. `busy` and `timeout` are the bounds.
 */
export type TypesResult =
  { kind: 'ok'; text: string } | { kind: 'timeout'; ms: number } | { kind: 'busy'; max: number } | { kind: 'failed'; message: string } | { kind: 'stopped' };

export interface TypesJobLimits {
  /** Time one generation may take on its worker. */
  timeoutMs: number;
  /** Generations that may wait behind the running one. */
  maxWaiting: number;
}

export const DEFAULT_TYPES_LIMITS: Readonly<TypesJobLimits> = { timeoutMs: 30_000, maxWaiting: 4 };

/** Generations one worker runs before it is replaced (bounds what its heap accumulates). */
const WORKER_JOBS = 100;

function workerScript(): URL | undefined {
  const url = new URL('./types-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** One generation at a time (a SerialQueue) on one standing worker, and at most `maxWaiting` more waiting. */
export class TypesJobs {
  private readonly queue = new SerialQueue();
  private readonly worker: StandingWorker<CodegenSource, TypesWorkerMessage> | undefined;

  constructor(readonly limits: Readonly<TypesJobLimits> = DEFAULT_TYPES_LIMITS) {
    const script = workerScript();
    // A schema that makes the generator allocate without bound ends the worker, not the process.
    this.worker = script && new StandingWorker(script, { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 }, maxJobs: WORKER_JOBS });
  }

  /** Generations running or waiting now. */
  get inUse(): number {
    return this.queue.inUse;
  }

  /** Types workers started since this was made (none from TypeScript sources). */
  get workerStarts(): number {
    return this.worker?.starts ?? 0;
  }

  /** The types of `source`, or why there are none: `busy` at once when 1 + maxWaiting are already queued. */
  generate(source: CodegenSource): Promise<TypesResult> {
    const worker = this.worker;
    const run = (): Promise<TypesResult> => (worker ? inWorker(worker, source, this.limits.timeoutMs) : inThread(source));
    return this.queue.run(run, this.limits.maxWaiting) ?? Promise.resolve({ kind: 'busy', max: this.limits.maxWaiting + 1 });
  }

  /** Ends the worker (the server's stop); a generation running answers `stopped`. */
  close(): Promise<void> {
    return this.worker?.close() ?? Promise.resolve();
  }
}

async function inThread(source: CodegenSource): Promise<TypesResult> {
  const { generateTypes } = await import('./typescript-types.js');
  try {
    return { kind: 'ok', text: await generateTypes(source) };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

async function inWorker(worker: StandingWorker<CodegenSource, TypesWorkerMessage>, source: CodegenSource, timeoutMs: number): Promise<TypesResult> {
  const result = await worker.run(source, timeoutMs);
  switch (result.kind) {
    case 'ok':
      return 'text' in result.answer ? { kind: 'ok', text: result.answer.text } : { kind: 'failed', message: result.answer.error };
    case 'timeout':
      return result;
    case 'failed':
      return result.memory ? { kind: 'failed', message: 'ran out of memory' } : { kind: 'stopped' };
  }
}
