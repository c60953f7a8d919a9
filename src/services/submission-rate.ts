/**
 * Stored submissions per organisation, counted in fixed one-minute windows (window-counts.ts): from the
 * `perMinute`-th in a window, a submission is refused at once, before its body is read (`over-limit`, 429,
 * with the seconds to the end of the window and one item naming the limit, never the organisation).
 * Admission bounds how many validations run at once, not how many follow one another: a supplier sending
 * small files one after another stored some 33 a second, each a report in the store, until the disk was
 * full for everyone. Trials store nothing and are held within their own bounds (trial-reports.ts), so they
 * are not counted. A submission then turned away before it was validated (admission's 429 or 503: "try
 * again later") is given back (`Taken.giveBack`): a caller told to retry does not lose its minute's share
 * to the refusals.
 *
 * The counts are in this process's memory, so each replica counts its own (N replicas allow N times the
 * rate), as admission does (docs/deployment.md). At most MAX_ORGANISATIONS are tracked (expired windows
 * are dropped first, then the oldest).
 */
import { DomainError } from './errors.js';
import { WindowCounts } from './window-counts.js';
import { countWords } from '../validation/count-words.js';

const MAX_ORGANISATIONS = 10_000;

/** One submission counted. */
export interface Taken {
  /** Takes it back (it was refused before it was validated); calling it again does nothing. */
  giveBack(): void;
}

export class SubmissionRate {
  private readonly counts: WindowCounts;

  constructor(
    readonly perMinute: number,
    now: () => number = Date.now,
  ) {
    this.counts = new WindowCounts(MAX_ORGANISATIONS, now);
  }

  /** Counts a submission for `organisation`, or refuses it (`over-limit`) when its window is full. */
  take(organisation: string): Taken {
    const wait = this.counts.waitMs(organisation, this.perMinute);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new DomainError(
        'over-limit',
        `this organisation has sent ${countWords(this.counts.count(organisation), 'submission')} in the last minute (at most ${this.perMinute} a minute); try again in ${countWords(seconds, 'second')}, or send fewer, larger files`,
        [{ limit: 'submissions-per-minute', max: this.perMinute, detail: `at most ${countWords(this.perMinute, 'submission')} a minute for one organisation` }],
        seconds,
      );
    }
    return { giveBack: this.counts.add(organisation) };
  }

  /** How many organisations are tracked (for tests). */
  get size(): number {
    return this.counts.size;
  }
}
