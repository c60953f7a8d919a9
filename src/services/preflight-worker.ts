/**
 * The publish preflight worker: runs a publish's first checks on one body (publish-preflight.ts) and
 * posts the result. The main thread terminates it when it runs past its time budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runPreflight, type PreflightJob } from './publish-preflight.js';

parentPort!.postMessage(runPreflight(workerData as PreflightJob));
