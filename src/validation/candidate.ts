/**
 * Checking a candidate schema (a version not yet accepted): its patterns are analysed (pattern-safety.ts),
 * then it is compiled in a scratch Ajv with the shared definitions. Both can take long on a hostile
 * schema, so from the build (dist/) the check runs on a worker thread of its own, one at a time, with a
 * time budget: past it the worker is terminated and the check answers `timeout`. From TypeScript sources
 * (tests), where the worker script is not built, it runs in this thread without the time budget (the
 * static limits of schema-budget.ts still apply before it). Checks run one at a time, and at most
 * `maxWaiting` wait behind the running one (a SerialQueue): a check past that answers `busy` at once, so
 * a flood of publishes holds neither their schemas nor their callers without bound.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnySchemaObject } from 'ajv';
import { versionAjv } from './ajv.js';
import { patternProblems, schemaPatterns, type PatternProblem } from './pattern-safety.js';
import { SerialQueue } from './parallel/serial-queue.js';
import { escapeSegment } from './pointer.js';

export interface CandidateJob {
  schemaId: string;
  schema: AnySchemaObject;
  shared: [string, AnySchemaObject][];
  /** Time allowed to analyse one pattern. */
  patternTimeoutMs: number;
  /** False: analyse the patterns only (re-checking a stored version). */
  compile: boolean;
  /**
   * Compile each of its own `$defs` on its own too: a definitions set, whose every definition other
   * versions refer to (Ajv compiles a definition only where a `$ref` reaches it). A version's own unused
   * definitions are never reached, and compiling them apart again would only cost time.
   */
  eachDefinition?: boolean;
}

export type CandidateResult =
  | { kind: 'ok' }
  | { kind: 'patterns'; problems: PatternProblem[] }
  | { kind: 'compile'; message: string }
  | { kind: 'timeout'; ms: number; phase: string }
  | { kind: 'failed'; message: string }
  /** Refused unchecked: `max` checks were already running or waiting. */
  | { kind: 'busy'; max: number };

/** Checks that may wait behind the running one, by default (SchemaGuard.maxWaitingChecks). */
export const DEFAULT_MAX_WAITING_CHECKS = 8;

/** The check itself, on whichever thread runs it. */
export async function runCandidate(job: CandidateJob, onPhase: (phase: string) => void = () => {}): Promise<CandidateResult> {
  onPhase('analysing its patterns');
  const problems = await patternProblems(schemaPatterns(job.schema), job.patternTimeoutMs);
  if (problems.length > 0) return { kind: 'patterns', problems };
  if (!job.compile) return { kind: 'ok' };
  onPhase('compiling it');
  // As the version will be compiled (validators.ts): own-property reads only where a field needs them; with
  // Ajv's messages, so that a keyword's value of the wrong shape is refused saying what it must be (without
  // them Ajv wrote "data undefined").
  const { ajv: scratch, root } = versionAjv(job.schemaId, job.schema, job.shared, { messages: true });
  try {
    scratch.compile(root);
    // A definitions set's each definition too: one the set itself does not use was never held to strict
    // mode, and a set was published with a definition no version referring to it could compile.
    for (const name of job.eachDefinition === true ? definitionNames(root) : []) {
      const at = `${job.schemaId}#/$defs/${encodeURIComponent(escapeSegment(name))}`;
      try {
        scratch.getSchema(at);
      } catch (error) {
        // Ajv names the definition's place as the document's root ("…#"): named as the definition instead.
        const message = error instanceof Error ? error.message : String(error);
        return { kind: 'compile', message: message.replace(`"${job.schemaId}#"`, `"${at}"`) };
      }
    }
  } catch (error) {
    return { kind: 'compile', message: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'ok' };
}

/** The names under a schema's own `$defs`. */
function definitionNames(schema: AnySchemaObject): string[] {
  const defs: unknown = schema.$defs;
  return defs !== null && typeof defs === 'object' && !Array.isArray(defs) ? Object.keys(defs) : [];
}

/** The compiled worker script, or undefined when running from TypeScript sources. */
function workerScript(): URL | undefined {
  const url = new URL('./compile-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

export function candidateRunsInWorker(): boolean {
  return workerScript() !== undefined;
}

/** Messages from the compile worker. */
export type WorkerMessage = { phase: string } | { result: CandidateResult };

/** One candidate at a time: the worker is a pool of one, and later checks wait their turn, a bounded number. */
const queue = new SerialQueue();

/** Checks a candidate within `timeoutMs` (on a worker thread when built; see the module comment); `busy` at once past `maxWaiting`. */
export function checkCandidate(job: CandidateJob, timeoutMs: number, maxWaiting = DEFAULT_MAX_WAITING_CHECKS): Promise<CandidateResult> {
  const script = workerScript();
  const run = script ? () => inWorker(script, job, timeoutMs) : () => runCandidate(job);
  return queue.run(run, maxWaiting) ?? Promise.resolve({ kind: 'busy', max: maxWaiting + 1 });
}

function inWorker(script: URL, job: CandidateJob, timeoutMs: number): Promise<CandidateResult> {
  return new Promise((resolve) => {
    const worker = new Worker(script, {
      workerData: job,
      // A schema that makes the compiler allocate without bound ends the worker, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
    });
    let phase = 'starting';
    let settled = false;
    const settle = (result: CandidateResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle({ kind: 'timeout', ms: timeoutMs, phase }), timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if ('phase' in message) phase = message.phase;
      else settle(message.result);
    });
    worker.on('error', (error) => {
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle({ kind: 'failed', message: memory ? `ran out of memory while ${phase}` : `failed while ${phase}` });
    });
    worker.on('exit', () => settle({ kind: 'failed', message: `stopped while ${phase}` }));
  });
}
