/**
 * The types worker: generates one version's TypeScript types (typescript-types.ts) and posts the text. The
 * main thread terminates it when it runs past its time budget (types-job.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateTypes } from './typescript-types.js';
import type { CodegenSource } from './source.js';
import type { TypesWorkerMessage } from './types-job.js';

const post = (message: TypesWorkerMessage): void => parentPort!.postMessage(message);

generateTypes(workerData as CodegenSource).then(
  (text) => post({ text }),
  (error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }),
);
