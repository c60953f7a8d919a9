/**
 * The compiles a serving process's main thread does itself, bounded. A submission validated on the pool's
 * threads never compiles its version here (validators.ts, prepare); one validated on this thread (no
 * pool: CONFORM_WORKERS=0, or its threads not built) needs the version's validator here, and compiling a
 * large version holds the event loop for up to 1.5 s. So such compiles go through this gate: one at a
 * time, each after a turn of the event loop (what arrived meanwhile is served between two compiles), and
 * at most `maxWaiting` (CONFORM_MAX_WAITING_COMPILES) wait behind the running one; a submission past that
 * is refused at once, before its body is read, with `unavailable` (503) and Retry-After. A version compiled
 * already passes at once.
 */
import { setImmediate as turn } from 'node:timers/promises';
import { SerialQueue } from '../validation/parallel/serial-queue.js';
import type { CompiledVersion } from '../validation/validators.js';
import { DomainError } from './errors.js';

/** Compiles that may wait behind the running one, by default. */
export const DEFAULT_MAX_WAITING_COMPILES = 4;

export class CompileGate {
  private readonly queue = new SerialQueue();

  constructor(
    readonly maxWaiting = DEFAULT_MAX_WAITING_COMPILES,
    /** Seconds a refused caller is told to wait (Retry-After). */
    readonly retryAfterSeconds = 5,
  ) {}

  /** Compiles running or waiting now. */
  get inUse(): number {
    return this.queue.inUse;
  }

  /** Settles once `version`'s validator is compiled on this thread; refused (a DomainError) past the bound. */
  async ready(version: CompiledVersion): Promise<void> {
    if (version.hasValidator) return;
    const queued = this.queue.run(async () => {
      await turn();
      // Another submission of the same version may have compiled it meanwhile.
      void version.validate;
    }, this.maxWaiting);
    if (queued === undefined) {
      const max = this.maxWaiting + 1;
      throw new DomainError(
        'unavailable',
        `the service is preparing as many standard versions for validation as it can (${max}); try again later`,
        [{ limit: 'version-compiles', max, detail: `at most ${max} versions may be compiled or waiting to be compiled at once in this server process` }],
        this.retryAfterSeconds,
      );
    }
    await queued;
  }
}
