/**
 * Every comparison the services make (the changes between two versions of a standard or an artefact, and
 * a publish's check against earlier versions) goes through here: the stored patterns not yet shown safe
 * are analysed first (pattern-gate.ts), then the comparison runs off the event loop, one at a time behind
 * a bounded queue, within a time budget (registry/diff/compare-off-thread.ts), in one of two lanes: the
 * changes anyone may ask for (`public`, bounded by `maxWaiting`) and a publish's (`publish`, bounded by
 * `maxWaitingPublish`), so that no number of public requests can refuse a publish. Identical comparisons
 * asked while one is under way (the same key: the versions' content hashes and the policy) share it, the
 * pattern check included. A lane's queue full is a 503 with Retry-After (nothing was compared); a comparison past its
 * time budget is a 422 naming the budget (the same two versions take as long every time, so waiting would
 * not help); a worker that fails is a 422 too, never a 500.
 */
import { compareOffThread, type CompareLane, type CompareResult } from '../registry/diff/compare-off-thread.js';
import type { CompareAnswers, CompareInputs, CompareJob, CompareKind } from '../registry/diff/compare-job.js';
import { reachedDocuments } from '../validation/schema-refs.js';
import { DomainError } from './errors.js';
import type { PatternVerdicts } from './pattern-gate.js';
import type { SchemaGuard } from './schema-guard.js';

/** Seconds a comparison refused while the queue is full is told to wait. */
const BUSY_RETRY_AFTER_SECONDS = 5;

export interface ComparisonLimits {
  /** Time allowed for one comparison (on the worker). */
  timeoutMs: number;
  /** Public comparisons that may wait behind the running one. */
  maxWaiting: number;
  /** Publishes' comparisons that may wait behind the running one. */
  maxWaitingPublish: number;
}

/** The comparison limits the guard sets (its configuration). */
export function comparisonLimits(guard: SchemaGuard): ComparisonLimits {
  return { timeoutMs: guard.compareTimeoutMs, maxWaiting: guard.maxWaitingComparisons, maxWaitingPublish: guard.maxWaitingPublishComparisons };
}

export class Comparisons {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly patterns: PatternVerdicts,
    private readonly limits: ComparisonLimits,
  ) {}

  /**
   * The answer to a comparison of this kind, of `documents` (each with the id its relative `$ref`s resolve
   * against; the gate judges their patterns) with the shared documents they reach. `key` names what it
   * computes (equal keys, equal answers); undefined shares it with none. `lane`: `publish` for the check a
   * publish makes (an authenticated write), `public` for the changes anyone may ask for.
   */
  run<K extends CompareKind>(
    lane: CompareLane,
    kind: K,
    inputs: CompareInputs[K],
    documents: { schema: unknown; id: string }[],
    shared: ReadonlyMap<string, unknown>,
    key: string | undefined,
  ): Promise<CompareAnswers[K]> {
    const sharing = key === undefined ? undefined : this.inFlight.get(key);
    if (sharing) return sharing as Promise<CompareAnswers[K]>;
    const answer = this.compute(lane, kind, inputs, documents, shared);
    if (key !== undefined) {
      this.inFlight.set(key, answer);
      void answer.then(
        () => this.inFlight.delete(key),
        () => this.inFlight.delete(key),
      );
    }
    return answer;
  }

  private async compute<K extends CompareKind>(
    lane: CompareLane,
    kind: K,
    inputs: CompareInputs[K],
    documents: { schema: unknown; id: string }[],
    shared: ReadonlyMap<string, unknown>,
  ): Promise<CompareAnswers[K]> {
    // The worker is given the shared documents the two sides reach, not every one the registry holds.
    const reached = reachedDocuments(documents, shared);
    const safePatterns = await this.patterns.safeSources([...documents.map((d) => d.schema), ...reached.values()]);
    const job = { ...inputs, kind, shared: [...reached], safePatterns } as CompareJob;
    const maxWaiting = lane === 'publish' ? this.limits.maxWaitingPublish : this.limits.maxWaiting;
    return answerOf(await compareOffThread<K>(job, { timeoutMs: this.limits.timeoutMs, maxWaiting }, lane), lane);
  }
}

function answerOf<T>(result: CompareResult<T>, lane: CompareLane): T {
  switch (result.kind) {
    case 'ok':
      return result.answer;
    case 'busy':
      return comparisonsBusy(result.max, lane);
    case 'timeout': {
      const detail = `comparing the versions took longer than the comparison time budget of ${result.ms} ms; they differ too much to compare`;
      throw new DomainError('rejected', detail, [{ detail, limit: 'comparison time budget', max: result.ms }]);
    }
    case 'failed': {
      const detail = `the versions could not be compared: the comparison ${result.message}`;
      throw new DomainError('rejected', detail, [{ detail }]);
    }
  }
}

/** The lane's comparisons queue was full: a 503 with Retry-After, as nothing was compared. */
function comparisonsBusy(max: number, lane: CompareLane): never {
  const which = lane === 'publish' ? ' for publishes' : '';
  throw new DomainError(
    'unavailable',
    `the registry is already comparing ${max} pairs of versions${which}, one at a time, as many as it queues; nothing was done: try again shortly`,
    [],
    BUSY_RETRY_AFTER_SECONDS,
  );
}
