/**
 * The publish preflight worker: runs a publish's first checks on each body posted to it
 * (publish-preflight.ts) and posts the result, one at a time; long-lived. The main thread terminates it
 * when one runs past its time budget.
 */
import { answerJobs } from '../validation/parallel/standing-worker.js';
import { runPreflight } from './publish-preflight.js';

answerJobs(runPreflight);
