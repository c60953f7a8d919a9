/**
 * A publish's first checks on the body as sent, before anything reads the store: it is parsed (JSON or
 * YAML, duplicate keys and nesting), its root texts and titles are checked, and its size, loops and names
 * (checkBudget), its references (checkShape) and its content hash are found. On a body at the size limit
 * (a 1 MiB schema with a 60,000-key `default`) that is some 0.3 s, so from the build it runs on a
 * long-lived worker thread (preflight-worker.ts; parallel/standing-worker.ts: started on the first publish,
 * replaced after a timeout, a crash or WORKER_JOBS bodies), one at a time behind a bounded queue (the schema
 * checks' bound: past it a 503 with Retry-After), within the compile time budget; from TypeScript sources (tests), in
 * this thread. The shape and the hash are found against the shared documents as they were when the job
 * was made: the caller uses them only while those are unchanged (checkReferences may load more), and
 * refuses a shape problem only after its own reference check, so the refusals come in the order they did.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject } from 'ajv';
import { contentHash } from '../registry/content-hash.js';
import { SerialQueue } from '../validation/parallel/serial-queue.js';
import { StandingWorker } from '../validation/parallel/standing-worker.js';
import { DomainError, type ErrorItem, type ErrorKind, type Subject } from './errors.js';
import { badFreeText, FREE_TEXT_RULE } from './free-text.js';
import { checkBudget, checkShape, checksBusy, type SchemaGuard } from './schema-guard.js';
import { MAX_SCHEMA_TITLE, schemaTitleProblems } from './schema-titles.js';
import { parseSchemaText } from './standard-input.js';
import type { ArtefactPreflightJob, ArtefactPreflightResult } from './artefact-preflight.js';

export interface PreflightJob {
  body: string;
  schemaId: string;
  shared: [string, unknown][];
  guard: SchemaGuard;
}

/** A DomainError as plain data (posted from the worker). */
export interface RefusalData {
  kind: ErrorKind;
  message: string;
  errors: ErrorItem[];
  retryAfter?: number;
  subject?: Subject;
}

export type PreflightResult =
  /** `shape`: the refusal checkShape made, to be thrown after the caller's reference check. */
  { kind: 'ok'; schema: AnySchemaObject; hash: string; shape?: RefusalData } | { kind: 'refused'; refusal: RefusalData } | { kind: 'failed'; message: string };

export const dataOf = (error: DomainError): RefusalData => ({
  kind: error.kind,
  message: error.message,
  errors: error.errors,
  ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
  ...(error.subject !== undefined ? { subject: error.subject } : {}),
});

/** The DomainError a refusal's data describes. */
export function refusalOf(data: RefusalData): DomainError {
  const error = new DomainError(data.kind, data.message, data.errors, data.retryAfter);
  return data.subject === undefined ? error : error.about(data.subject);
}

/** The checks themselves, on whichever thread runs them; a DomainError is answered as `refused`. */
export function runPreflight(job: PreflightJob): PreflightResult {
  try {
    const schema = parseSchemaText(job.body);
    firstChecks(schema);
    const shared = new Map(job.shared);
    checkBudget(schema, job.schemaId, shared, job.guard);
    let shape: RefusalData | undefined;
    try {
      checkShape(schema, job.schemaId, shared, job.guard);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      shape = dataOf(error);
    }
    return { kind: 'ok', schema, hash: shape ? '' : contentHash(schema, job.schemaId, shared), ...(shape ? { shape } : {}) };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'refused', refusal: dataOf(error) };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** No `$id`; the root's title, description and $comment, and every title, as text can show them. */
function firstChecks(schema: AnySchemaObject): void {
  if ('$id' in schema)
    throw new DomainError('rejected', 'the schema must not declare $id: the registry gives each version its own', [{ pointer: '/$id', detail: 'remove $id' }]);
  // The root's title, description and $comment are stored as text of their own (the standard's title and
  // description on a first publish, the version's changelog): the free-text rule applies to them.
  const uncontrolled = (['title', 'description', '$comment'] as const).filter((key) => typeof schema[key] === 'string' && badFreeText(schema[key]));
  if (uncontrolled.length > 0) {
    throw new DomainError(
      'rejected',
      `the schema's ${uncontrolled.join(', ')} ${FREE_TEXT_RULE}`,
      uncontrolled.map((key) => ({ pointer: `/${key}`, detail: FREE_TEXT_RULE })),
    );
  }
  // Every title (a field's is its label in reports): bounded and plain text, each named by its pointer.
  const titles = schemaTitleProblems(schema);
  if (titles.count > 0) {
    const which = titles.count === 1 ? '1 title' : `${titles.count} titles`;
    throw new DomainError(
      'rejected',
      `the schema has ${which} that cannot be shown as written: a title (a field's is its label in every report) is plain text of at most ${MAX_SCHEMA_TITLE} characters${titles.count > titles.problems.length ? ` (the first ${titles.problems.length} named)` : ''}`,
      titles.problems,
    );
  }
}

/** The compiled worker script, or undefined when running from TypeScript sources. */
function workerScript(): URL | undefined {
  const url = new URL('./preflight-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Bodies one worker checks before it is replaced (bounds what its heap accumulates). */
const WORKER_JOBS = 200;

/** A job the preflight worker runs: a standard's body (this module) or an artefact's (artefact-preflight.ts). */
export type AnyPreflightJob = PreflightJob | ArtefactPreflightJob;
type AnyPreflightResult = PreflightResult | ArtefactPreflightResult;

const queue = new SerialQueue();
const script = workerScript();
const worker =
  script &&
  new StandingWorker<AnyPreflightJob, AnyPreflightResult>(script, {
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
    maxJobs: WORKER_JOBS,
  });

/** Preflight workers started since the process started (none from TypeScript sources). */
export function preflightWorkerStarts(): number {
  return worker?.starts ?? 0;
}

/**
 * The checks on a worker (see the module comment): the parsed schema, its hash and any shape refusal;
 * throws the refusal of a body that fails the first checks, `unavailable` past the queue's bound, and
 * `rejected` past the time budget.
 */
export async function preflight(job: PreflightJob): Promise<{ schema: AnySchemaObject; hash: string; shape?: RefusalData }> {
  const result = await onPreflightWorker(job, () => runPreflight(job), SCHEMA_WORK);
  if (result.kind === 'refused') throw refusalOf(result.refusal);
  if (result.kind === 'failed') throw new Error(`the publish checks failed: ${result.message}`);
  return result;
}

/** What a preflight job does, as its refusals say: past the time budget (`slow`), and when its worker fails (`broken`). */
export interface PreflightWork {
  slow: string;
  broken: string;
}

const SCHEMA_WORK: PreflightWork = { slow: 'reading and checking the schema', broken: 'the schema could not be checked: reading it' };

/**
 * Runs `job` on the preflight worker (from TypeScript sources, `here` on this thread), behind the one
 * queue every publish's body waits in: throws `unavailable` past the queue's bound; past the compile time
 * budget, or when the worker fails, answers `refused` (a 422 saying what took too long or failed).
 */
export async function onPreflightWorker<R extends AnyPreflightResult>(
  job: AnyPreflightJob,
  here: () => R,
  what: PreflightWork,
): Promise<R | { kind: 'refused'; refusal: RefusalData }> {
  const run = worker ? () => inWorker(worker, job, what) as Promise<R | { kind: 'refused'; refusal: RefusalData }> : async () => here();
  const result = await queue.run(run, job.guard.maxWaitingChecks);
  if (!result) throw checksBusy(job.guard.maxWaitingChecks + 1);
  return result;
}

async function inWorker(standing: StandingWorker<AnyPreflightJob, AnyPreflightResult>, job: AnyPreflightJob, what: PreflightWork): Promise<AnyPreflightResult> {
  const timeoutMs = job.guard.compileTimeoutMs;
  const result = await standing.run(job, timeoutMs);
  if (result.kind === 'ok') return result.answer;
  const detail =
    result.kind === 'timeout'
      ? `${what.slow} took longer than the compile time budget of ${timeoutMs} ms; simplify it`
      : `${what.broken} ${result.memory ? 'ran out of memory' : 'failed'}; simplify it`;
  const errors = result.kind === 'timeout' ? [{ detail, limit: 'compile time budget', max: timeoutMs }] : [{ detail }];
  return { kind: 'refused', refusal: { kind: 'rejected', message: detail, errors } };
}
