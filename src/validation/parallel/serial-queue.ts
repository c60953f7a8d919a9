/**
 * Jobs that run one at a time, in the order they came, with a bound on how many may wait: a job past it is
 * refused at once rather than queued without bound, as each waiting job holds its input (a schema of up to
 * the publish limit) and its caller's request. The candidate check (candidate.ts) and types generation
 * (codegen/types-job.ts) each run their worker through one.
 */
export class SerialQueue {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Jobs running or waiting now. */
  get inUse(): number {
    return this.queued;
  }

  /** Runs `job` after the jobs before it; undefined at once (and `job` never runs) when 1 + `maxWaiting` are already queued. */
  run<T>(job: () => Promise<T>, maxWaiting: number): Promise<T> | undefined {
    if (this.queued > maxWaiting) return undefined;
    this.queued++;
    const next = this.chain.then(job, job).finally(() => this.queued--);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
