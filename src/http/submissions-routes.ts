/** Submissions: validate a dataset (streamed, never buffered whole), and read stored reports. */
import type { Server } from '@hapi/hapi';
import type { SubmissionService } from '../services/submissions.js';
import type { InputFormat } from '../validation/report-types.js';
import { principalOf } from './auth.js';
import { operationOutcome } from './fhir.js';
import { busAck } from '../validation/ack-file.js';
import { headerText } from './headers.js';
import { contractRoute } from './contract/route.js';
import { pageCursor, pageLimit, pageResponse } from './paging.js';
import { streamedBody } from '../body-timeout.js';
import { getSubmission, listSubmissions, SUBMISSION_MEDIA_TYPES, validateSubmission } from './contract/operations/index.js';

/** The declared content types (contract/operations/submissions.ts) and the format each is read in. */
const FORMATS: Record<string, InputFormat> = SUBMISSION_MEDIA_TYPES;

export function registerSubmissionRoutes(server: Server, submissions: SubmissionService): void {
  server.route([
    contractRoute(validateSubmission, {
      options: {
        payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false },
        timeout: { socket: false },
      },
      handler: async (request, h) => {
        const { id, version } = request.params as { id: string; version: string };
        const { maxFindings, period, filename } = request.query as { maxFindings?: string; period?: string; filename?: string };
        const mime = headerText(request, 'content-type').split(';')[0]!.trim().toLowerCase();
        const declared = headerText(request, 'content-length');
        // A refused, stalled or failed upload's body is not read to its end: the answer closes the connection
        // (hapi does so while a body is pending), so it never holds the service.
        const report = await submissions.submit(
          {
            standardId: id,
            versionSpec: version,
            format: FORMATS[mime]!,
            ...(period !== undefined ? { period } : {}),
            ...(filename !== undefined ? { fileName: filename } : {}),
            source: streamedBody(request),
            ...(declared !== '' ? { sizeHint: Number(declared) } : {}),
            ...(maxFindings !== undefined ? { maxFindings: Number(maxFindings) } : {}),
          },
          principalOf(request),
        );
        const accept = headerText(request, 'accept');
        const location = `/v1/submissions/${report.submission!.id}`;
        if (accept.includes('text/csv')) {
          // The pipeline's acknowledgement shape (validation/ack-file.ts), rows numbered under the stored submission's id.
          const ack = busAck(report, { messageId: report.submission!.id, receivedAt: report.submission!.createdAt });
          return h.response(ack).type('text/csv; charset=utf-8').code(201).header('Location', location);
        }
        const fhir = accept.includes('application/fhir+json');
        return h
          .response(fhir ? operationOutcome(report) : report)
          .type(fhir ? 'application/fhir+json' : 'application/json')
          .code(201)
          .header('Location', `/v1/submissions/${report.submission!.id}`);
      },
    }),
    contractRoute(listSubmissions, {
      handler: async (request, h) => {
        const { standard } = request.query as { standard?: string };
        const page = await submissions.list(principalOf(request), {
          limit: pageLimit(request),
          ...pageCursor(request),
          ...(standard ? { standardId: standard } : {}),
        });
        return pageResponse(request, h, 'submissions', page.submissions, page.next);
      },
    }),
    contractRoute(getSubmission, {
      handler: async (request) => submissions.get((request.params as { id: string }).id, principalOf(request)),
    }),
  ]);
}
