/** Submissions: validate a dataset (streamed, never buffered whole), and read stored reports. */
import type { Request, Server } from '@hapi/hapi';
import type { Readable } from 'node:stream';
import type { SubmissionService } from '../submissions/service.js';
import { RegistryError } from '../registry/errors.js';
import { InputError } from '../validation/errors.js';
import type { InputFormat } from '../validation/report-types.js';
import type { TokenCredentials } from './auth.js';
import { operationOutcome } from './fhir.js';
import { contractRoute } from './contract/route.js';
import { getSubmission, listSubmissions, SUBMISSION_MEDIA_TYPES, validateSubmission } from './contract/operations/index.js';

/** The declared content types (contract/operations/submissions.ts) and the format each is read in. */
const FORMATS: Record<string, InputFormat> = SUBMISSION_MEDIA_TYPES;
/**
 * NDJSON bodies of this size or more (by Content-Length, or of unknown length) are validated on worker
 * threads: starting them costs about 0.1 s, small beside the upload of such a body.
 */
const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;

export interface SubmissionLimits {
  maxSubmissionBytes: number;
  workers: number;
}

const caller = (request: Request) => {
  const { token, actor } = request.auth.credentials as unknown as TokenCredentials;
  return { role: token.role, organisation: token.organisation, actor };
};

function maxFindings(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new RegistryError('bad-request', 'maxFindings must be a whole number from 0 to 1000000');
  return value;
}

export function registerSubmissionRoutes(server: Server, submissions: SubmissionService, limits: SubmissionLimits): void {
  server.route([
    contractRoute(validateSubmission, {
      options: {
        payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false },
        timeout: { socket: false },
      },
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const mime = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const format = FORMATS[mime]!;
        const declared = request.headers['content-length'];
        const large = declared === undefined || Number(declared) >= PARALLEL_FROM_BYTES;
        const findings = maxFindings((request.query as { maxFindings?: string }).maxFindings);
        const body = request.payload as Readable;
        try {
          const report = await submissions.validate({
            standardId: id,
            versionSpec: version,
            format,
            source: body,
            ...(findings !== undefined ? { maxFindings: findings } : {}),
            maxBytes: limits.maxSubmissionBytes,
            workers: format === 'ndjson' && large ? limits.workers : 0,
            caller: caller(request),
          });
          const fhir = String(request.headers.accept ?? '').includes('application/fhir+json');
          return h
            .response(fhir ? operationOutcome(report) : report)
            .type(fhir ? 'application/fhir+json' : 'application/json')
            .code(201)
            .header('Location', `/v1/submissions/${report.submission!.id}`);
        } catch (error) {
          body.resume(); // drain what is left, so the connection is not left half-read
          if (error instanceof InputError) {
            throw new RegistryError(error.code === 'too-large' ? 'too-large' : 'bad-request', `the submission cannot be read: ${error.message}`);
          }
          throw error;
        }
      },
    }),
    contractRoute(listSubmissions, {
      handler: async (request) => {
        const query = request.query as { standard?: string; limit?: string };
        const limit = Math.min(1000, Math.max(1, Number(query.limit ?? 100) || 100));
        return { submissions: await submissions.list(caller(request), { limit, ...(query.standard ? { standardId: query.standard } : {}) }) };
      },
    }),
    contractRoute(getSubmission, {
      handler: async (request) => submissions.get((request.params as { id: string }).id, caller(request)),
    }),
  ]);
}
