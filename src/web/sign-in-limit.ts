/**
 * Failed sign-ins, counted per client address and for all addresses together in fixed one-minute windows:
 * once either count reaches its limit, sign-ins (from that address, or from everyone) answer 429 with
 * Retry-After until the window is over. Successful sign-ins are not counted, so another address's failures
 * can block a person only through the overall limit.
 *
 * The counts are in this process's memory, so each replica counts its own (N replicas allow N times the
 * limits). That is deliberate: tokens are 192 random bits, so guessing is hopeless and the limit is about
 * load and noise, not secrecy; sharing counts through the store would turn every failed attempt into a
 * database write, which is the load being limited. At most MAX_ADDRESSES addresses are tracked (expired
 * windows are dropped first, then the oldest); the overall limit still holds when they are.
 * The address is the connection's (request.info.remoteAddress): behind a proxy it is the proxy's, and
 * X-Forwarded-For is not trusted (anyone can send it).
 */
const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 10_000;

interface Window {
  start: number;
  count: number;
}

export interface SignInLimits {
  perAddress: number;
  total: number;
}

export class SignInLimiter {
  private readonly byAddress = new Map<string, Window>();
  private total: Window = { start: 0, count: 0 };

  constructor(
    private readonly limits: SignInLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whole seconds before this address may try again (0: it may try now). */
  retryAfter(address: string): number {
    const now = this.now();
    const waits = [this.wait(this.byAddress.get(address), this.limits.perAddress, now), this.wait(this.total, this.limits.total, now)];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /** Counts a failed sign-in from this address. */
  failed(address: string): void {
    const now = this.now();
    if (now - this.total.start >= WINDOW_MS) this.total = { start: now, count: 0 };
    this.total.count += 1;
    let own = this.byAddress.get(address);
    if (!own || now - own.start >= WINDOW_MS) {
      this.byAddress.delete(address);
      if (this.byAddress.size >= MAX_ADDRESSES) this.sweep(now);
      own = { start: now, count: 0 };
      this.byAddress.set(address, own);
    }
    own.count += 1;
  }

  /** How many addresses are tracked (for tests). */
  get size(): number {
    return this.byAddress.size;
  }

  private wait(window: Window | undefined, limit: number, now: number): number {
    if (!window || window.count < limit) return 0;
    return Math.max(0, window.start + WINDOW_MS - now);
  }

  /** Windows are kept in the order they started (one that restarts is inserted again), so the expired ones come first. */
  private sweep(now: number): void {
    for (const [address, window] of this.byAddress) {
      if (now - window.start < WINDOW_MS && this.byAddress.size < MAX_ADDRESSES) break;
      this.byAddress.delete(address);
    }
  }
}
