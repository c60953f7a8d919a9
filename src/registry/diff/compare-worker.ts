/**
 * The compare worker: runs each comparison posted to it (compare-job.ts) and posts its answer, one at a
 * time; long-lived (compare-off-thread.ts). The main thread terminates it when one runs past its time budget.
 */
import { answerJobs } from '../../validation/parallel/standing-worker.js';
import { runCompareJob, type CompareJob, type CompareWorkerMessage } from './compare-job.js';

answerJobs((job: CompareJob): CompareWorkerMessage => {
  try {
    return { answer: runCompareJob(job) };
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
});
