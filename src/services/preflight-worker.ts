/**
 * The publish preflight worker: runs a publish's first checks on each body posted to it, a standard's
 * (publish-preflight.ts) or an artefact's (artefact-preflight.ts), and posts the result, one at a time;
 * long-lived. The main thread terminates it when one runs past its time budget.
 */
import { answerJobs } from '../validation/parallel/standing-worker.js';
import { runArtefactPreflight } from './artefact-preflight.js';
import { runPreflight, type AnyPreflightJob } from './publish-preflight.js';

answerJobs((job: AnyPreflightJob) => ('artefact' in job ? runArtefactPreflight(job) : runPreflight(job)));
