/**
 * The compare worker: runs one comparison (compare-job.ts) and posts its answer. The main thread
 * terminates it when it runs past its time budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCompareJob, type CompareJob, type CompareWorkerMessage } from './compare-job.js';

const post = (message: CompareWorkerMessage): void => parentPort!.postMessage(message);

try {
  post({ answer: runCompareJob(workerData as CompareJob) });
} catch (error) {
  post({ failed: error instanceof Error ? error.message : String(error) });
}
