/**
 * The retention job: stored reports older than the retention period are deleted (the store audits how
 * many), once at start and then periodically. A failure is reported to `onError` and retried on the
 * next round; the timer never keeps the process alive.
 */
import type { SubmissionService } from './submissions.js';

export interface RetentionJob {
  /** One round now (the periodic rounds call the same). */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export function startRetention(
  submissions: Pick<SubmissionService, 'prune'>,
  options: { retentionDays: number; everyMs: number; onPruned?: (count: number) => void; onError: (error: unknown) => void },
): RetentionJob {
  let running: Promise<number> | undefined;
  const runOnce = (): Promise<number> => {
    running ??= submissions
      .prune(options.retentionDays)
      .then((count) => {
        if (count > 0) options.onPruned?.(count);
        return count;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const round = () => {
    runOnce().catch(options.onError);
  };
  round();
  const timer = setInterval(round, options.everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
