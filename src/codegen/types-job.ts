/**
 * Generating a version's types for the HTTP route without holding the server. json-schema-to-typescript
 * and its formatter run synchronously for seconds on a large schema (a 0.7 MB version of 999 fields, under
 * every publish limit: 1.7 to 4.9 s, during which the process answered nothing, /health included), so
 * from the build (dist/) each generation runs on a worker thread of its own, one at a time, with a time
 * budget and a memory limit, and at most `maxWaiting` more wait their turn: a caller beyond that is told
 * the server is busy rather than queued without bound. From TypeScript sources (tests), where the worker
 * script is not built, it runs in this thread (as candidate.ts does for compiling).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SerialQueue } from '../validation/parallel/serial-queue.js';
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

function workerScript(): URL | undefined {
  const url = new URL('./types-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** One generation at a time (a SerialQueue), and at most `maxWaiting` more waiting. */
export class TypesJobs {
  private readonly queue = new SerialQueue();

  constructor(readonly limits: Readonly<TypesJobLimits> = DEFAULT_TYPES_LIMITS) {}

  /** Generations running or waiting now. */
  get inUse(): number {
    return this.queue.inUse;
  }

  /** The types of `source`, or why there are none: `busy` at once when 1 + maxWaiting are already queued. */
  generate(source: CodegenSource): Promise<TypesResult> {
    const script = workerScript();
    const run = (): Promise<TypesResult> => (script ? inWorker(script, source, this.limits.timeoutMs) : inThread(source));
    return this.queue.run(run, this.limits.maxWaiting) ?? Promise.resolve({ kind: 'busy', max: this.limits.maxWaiting + 1 });
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

function inWorker(script: URL, source: CodegenSource, timeoutMs: number): Promise<TypesResult> {
  return new Promise((resolve) => {
    // A schema that makes the generator allocate without bound ends the worker, not the process.
    const worker = new Worker(script, { workerData: source, resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 } });
    let settled = false;
    const settle = (result: TypesResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle({ kind: 'timeout', ms: timeoutMs }), timeoutMs);
    worker.on('message', (message: TypesWorkerMessage) =>
      settle('text' in message ? { kind: 'ok', text: message.text } : { kind: 'failed', message: message.error }),
    );
    worker.on('error', (error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(memory ? { kind: 'failed', message: 'ran out of memory' } : { kind: 'stopped' });
    });
    worker.on('exit', () => settle({ kind: 'stopped' }));
  });
}
