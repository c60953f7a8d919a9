/**
 * Failed attempts with a credential (a sign-in's token, an API request's bearer token), counted per client
 * address and for all addresses together in fixed one-minute windows (window-counts.ts, the counter the
 * submission rate uses too): once either count reaches its limit, a failed attempt (from that address, or
 * from anyone) is refused with Retry-After, in place of its 401, until the window is over. A valid
 * credential is always accepted, the callers check it first: behind a proxy every client shares one
 * address, and refusing valid credentials there would let one client's failures lock everyone out.
 * Successful attempts are not counted.
 *
 * The counts are in this process's memory, so each replica counts its own (N replicas allow N times the
 * limits). That is deliberate: tokens are 192 random bits, so guessing is hopeless and the limit is about
 * load and noise, not secrecy; sharing counts through the store would turn every failed attempt into a
 * database write, which is the load being limited. At most MAX_ADDRESSES addresses are tracked (expired
 * windows are dropped first, then the oldest); the overall limit still holds when they are.
 * The address is the connection's (request.info.remoteAddress): behind a proxy it is the proxy's, and
 * X-Forwarded-For is not trusted (anyone can send it).
 */
import { WindowCounts } from './window-counts.js';

const MAX_ADDRESSES = 10_000;
/** The one key of the count of every address's failures together. */
const ALL = '';

export interface FailureLimits {
  perAddress: number;
  total: number;
}

export class FailureLimiter {
  private readonly byAddress: WindowCounts;
  private readonly all: WindowCounts;

  constructor(
    readonly limits: FailureLimits,
    now: () => number = Date.now,
  ) {
    this.byAddress = new WindowCounts(MAX_ADDRESSES, now);
    this.all = new WindowCounts(1, now);
  }

  /** Whole seconds before this address may try again (0: it may try now). */
  retryAfter(address: string): number {
    const waits = [this.byAddress.waitMs(address, this.limits.perAddress), this.all.waitMs(ALL, this.limits.total)];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /** Whether the limit reached is everyone's (not only this address's). */
  overall(): boolean {
    return this.all.waitMs(ALL, this.limits.total) > 0;
  }

  /** Counts a failed attempt from this address. */
  failed(address: string): void {
    this.all.add(ALL);
    this.byAddress.add(address);
  }

  /** How many addresses are tracked (for tests). */
  get size(): number {
    return this.byAddress.size;
  }
}
