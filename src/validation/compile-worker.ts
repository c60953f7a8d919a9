/**
 * The compile worker: checks one candidate schema (candidate.ts, runCandidate) and posts the result. The
 * main thread terminates it when it runs past its time budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCandidate, type CandidateJob, type WorkerMessage } from './candidate.js';

const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

void runCandidate(workerData as CandidateJob, (phase) => post({ phase })).then(
  (result) => post({ result }),
  (error: unknown) => post({ result: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } }),
);
