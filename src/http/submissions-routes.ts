/** Submissions: validate a dataset (streamed, never buffered whole), and read stored reports. */
import type { Server } from '@hapi/hapi';
import type { Readable } from 'node:stream';
import type { SubmissionService } from '../services/submissions.js';
import { DomainError } from '../services/errors.js';
import type { InputFormat } from '../validation/report-types.js';
import { principalOf } from './auth.js';
import { operationOutcome } from './fhir.js';
import { headerText } from './headers.js';

const FORMATS: Record<string, InputFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};
const SUPPLIERS = { strategy: 'bearer', access: { scope: ['supplier', 'admin'] } };
const READERS = { strategy: 'bearer', access: { scope: ['supplier', 'author', 'admin'] } };

function maxFindings(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new DomainError('invalid-input', 'maxFindings must be a whole number from 0 to 1000000');
  return value;
}

export function registerSubmissionRoutes(server: Server, submissions: SubmissionService): void {
  server.route([
    {
      method: 'POST',
      path: '/v1/standards/{id}/versions/{version}/validate',
      options: {
        auth: SUPPLIERS,
        payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false, allow: Object.keys(FORMATS) },
        timeout: { socket: false },
      },
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const mime = headerText(request, 'content-type').split(';')[0]!.trim().toLowerCase();
        const declared = request.headers['content-length'];
        const body = request.payload as Readable;
        try {
          const findings = maxFindings((request.query as { maxFindings?: string }).maxFindings);
          const report = await submissions.submit(
            {
              standardId: id,
              versionSpec: version,
              format: FORMATS[mime]!,
              source: body,
              ...(declared !== undefined ? { sizeHint: Number(declared) } : {}),
              ...(findings !== undefined ? { maxFindings: findings } : {}),
            },
            principalOf(request),
          );
          const fhir = headerText(request, 'accept').includes('application/fhir+json');
          return h
            .response(fhir ? operationOutcome(report) : report)
            .type(fhir ? 'application/fhir+json' : 'application/json')
            .code(201)
            .header('Location', `/v1/submissions/${report.submission!.id}`);
        } catch (error) {
          body.resume(); // drain what is left, so the connection is not left half-read
          throw error;
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/submissions',
      options: { auth: READERS },
      handler: async (request) => {
        const query = request.query as { standard?: string; limit?: string };
        const limit = Math.min(1000, Math.max(1, Number(query.limit ?? 100) || 100));
        return { submissions: await submissions.list(principalOf(request), { limit, ...(query.standard ? { standardId: query.standard } : {}) }) };
      },
    },
    {
      method: 'GET',
      path: '/v1/submissions/{id}',
      options: { auth: READERS },
      handler: async (request) => submissions.get((request.params as { id: string }).id, principalOf(request)),
    },
  ]);
}
