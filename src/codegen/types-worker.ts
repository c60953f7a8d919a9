/**
 * The types worker: generates the TypeScript types (typescript-types.ts) of each version posted to it and
 * posts the text, one at a time; long-lived (types-job.ts). The main thread terminates it when one runs
 * past its time budget.
 */
import { answerJobs } from '../validation/parallel/standing-worker.js';
import { generateTypes } from './typescript-types.js';
import type { CodegenSource } from './source.js';
import type { TypesWorkerMessage } from './types-job.js';

answerJobs((source: CodegenSource): Promise<TypesWorkerMessage> =>
  generateTypes(source).then(
    (text) => ({ text }),
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  ),
);
