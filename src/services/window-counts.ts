/**
 * Counts per key in fixed windows (a minute unless told): what the per-caller rate limits share (failed
 * sign-ins per address, web/sign-in-limit.ts; stored submissions per organisation, submission-rate.ts).
 * A key's window starts with its first count and ends `windowMs` later; a count after that starts a new
 * one. At most `maxKeys` keys are held, so a caller inventing keys (addresses, organisations) cannot grow
 * the process: when a new window would pass the bound, expired windows are dropped first, then the oldest.
 * The counts are this process's own (each replica counts its own).
 */
interface Window {
  start: number;
  count: number;
}

/** Takes back what one `add` counted, if its window is still the key's; calling it again does nothing. */
export type Undo = () => void;

export class WindowCounts {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly maxKeys: number,
    private readonly now: () => number = Date.now,
    readonly windowMs = 60_000,
  ) {}

  /** The count in the key's window now (0 when it has none, or it has ended). */
  count(key: string): number {
    return this.live(key, this.now())?.count ?? 0;
  }

  /** Milliseconds until the key's window ends, when its count has reached `limit`; 0 when it may go on. */
  waitMs(key: string, limit: number): number {
    const now = this.now();
    const window = this.live(key, now);
    if (!window || window.count < limit) return 0;
    return window.start + this.windowMs - now;
  }

  /** Counts one for the key, starting a window when it has none; `undo` takes it back. */
  add(key: string): Undo {
    const now = this.now();
    let window = this.live(key, now);
    if (!window) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const counted = window;
    let undone = false;
    return () => {
      if (undone) return;
      undone = true;
      // A window that has ended (or been dropped) is not the one counted in: nothing to take back.
      if (this.windows.get(key) === counted && counted.count > 0) counted.count -= 1;
    };
  }

  /** How many keys are held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private live(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && now - window.start < this.windowMs ? window : undefined;
  }

  /** Windows are kept in the order they started (one that restarts is inserted again), so the expired ones come first. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start < this.windowMs && this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
