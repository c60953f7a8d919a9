/**
 * Stored submissions per organisation, counted in fixed one-minute windows: from the `perMinute`-th in a
 * window, a submission is refused at once, before its body is read (`over-limit`, 429, with the seconds to
 * the end of the window and one item naming the limit, never the organisation). Admission bounds how many
 * validations run at once, not how many follow one another: a supplier sending small files one after
 * another stored some 33 a second, each a report in the store, until the disk was full for everyone.
 * Trials store nothing and are held within their own bounds (trial-reports.ts), so they are not counted.
 *
 * The counts are in this process's memory, so each replica counts its own (N replicas allow N times the
 * rate), as admission does (docs/deployment.md). At most MAX_ORGANISATIONS are tracked (expired windows
 * are dropped first, then the oldest).
 */
import { DomainError } from './errors.js';

const WINDOW_MS = 60_000;
const MAX_ORGANISATIONS = 10_000;

interface Window {
  start: number;
  count: number;
}

export class SubmissionRate {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a submission for `organisation`, or refuses it (`over-limit`) when its window is full. */
  take(organisation: string): void {
    const now = this.now();
    let own = this.windows.get(organisation);
    if (!own || now - own.start >= WINDOW_MS) {
      this.windows.delete(organisation);
      if (this.windows.size >= MAX_ORGANISATIONS) this.sweep(now);
      own = { start: now, count: 0 };
      this.windows.set(organisation, own);
    }
    if (own.count >= this.perMinute) {
      const seconds = Math.max(1, Math.ceil((own.start + WINDOW_MS - now) / 1000));
      throw new DomainError(
        'over-limit',
        `this organisation has sent ${own.count} submissions in the last minute (at most ${this.perMinute} a minute); try again in ${seconds} seconds, or send fewer, larger files`,
        [{ limit: 'submissions-per-minute', max: this.perMinute, detail: `at most ${this.perMinute} submissions a minute for one organisation` }],
        seconds,
      );
    }
    own.count += 1;
  }

  /** How many organisations are tracked (for tests). */
  get size(): number {
    return this.windows.size;
  }

  /** Windows are kept in the order they started (one that restarts is inserted again), so the expired ones come first. */
  private sweep(now: number): void {
    for (const [organisation, window] of this.windows) {
      if (now - window.start < WINDOW_MS && this.windows.size < MAX_ORGANISATIONS) break;
      this.windows.delete(organisation);
    }
  }
}
