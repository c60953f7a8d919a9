/** Submissions: validate a dataset (streamed, never buffered whole), and read stored reports. */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { SubmissionService, ValidationRequest } from '../services/submissions.js';
import type { Report } from '../validation/report-types.js';
import type { InputFormat } from '../validation/report-types.js';
import { principalOf } from './auth.js';
import { operationOutcome } from './fhir.js';
import { randomUUID } from 'node:crypto';
import { busAckLines, inPieces } from '../validation/ack-file.js';
import { headerText } from './headers.js';
import { DomainError } from '../services/errors.js';
import { requestCharsets } from './body-text.js';
import { preferredType } from './accept.js';
import { untilAnswered } from '../answer-sent.js';
import { jsonAnswer } from './json-pieces.js';
import { contractRoute } from './contract/route.js';
import { pageCursor, pageLimit, pageResponse } from './paging.js';
import { streamedBody } from '../body-timeout.js';
import { clientGone } from '../client-gone.js';
import { findingsCsvPieces } from '../validation/findings-csv.js';
import { ackDownload, csvDownload, piecesStream } from '../downloads.js';
import { submissionFilters } from '../services/submission-filters.js';
import { sanitiseFileName } from '../services/submission-file.js';
import { dispositionFileName } from './content-disposition.js';
import {
  getSubmission,
  getSubmissionBusAck,
  getSubmissionBusAckJson,
  getSubmissionFindings,
  getTrial,
  getTrialBusAck,
  getTrialBusAckJson,
  getTrialFindings,
  getTrialInfAck,
  getSubmissionInfAck,
  listSubmissions,
  SUBMISSION_MEDIA_TYPES,
  trialSubmission,
  validateSubmission,
  withdrawSubmission,
} from './contract/operations/index.js';

/** The declared content types (contract/operations/submissions.ts) and the format each is read in. */
const FORMATS: Record<string, InputFormat> = SUBMISSION_MEDIA_TYPES;

/**
 * A body sent as a file (`application/octet-stream`) declares no format: its name (`?filename=`) says it,
 * by the rule every face follows with what the version says of its own files (a batch file's `.dat`).
 */
const NAMED_FILE = 'application/octet-stream';

/**
 * A body streamed to the engine: never buffered, no payload or socket timeout (body-timeout.ts watches for
 * stalls); its charset is the version's to accept (body-text.ts, services/submissions.ts).
 */
const STREAMED = {
  payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false },
  timeout: { socket: false },
  app: { charsetByVersion: true },
} as const;

/**
 * What validate and trial are asked: the standard and version, the format by content type, the period and
 * the findings cap. A refused, stalled or failed upload's body is not read to its end: the answer closes
 * the connection (hapi does so while a body is pending), so it never holds the service.
 */
function validationRequest(request: Request): ValidationRequest {
  const { id, version } = request.params as { id: string; version: string };
  const { maxFindings, period, mapping } = request.query as { maxFindings?: string; period?: string; mapping?: string };
  const filename = fileNameOf(request);
  const mime = headerText(request, 'content-type').split(';')[0]!.trim().toLowerCase();
  const declared = headerText(request, 'content-length');
  if (mime === NAMED_FILE && filename === undefined) {
    throw new DomainError(
      'unsupported-media-type',
      `a body sent as ${NAMED_FILE} is read in the format its name says: give its name (?filename=, or a Content-Disposition header with filename=), or declare its format, one of ${Object.keys(FORMATS).join(', ')}`,
    );
  }
  return {
    standardId: id,
    versionSpec: version,
    ...(mime === NAMED_FILE ? {} : { format: FORMATS[mime]! }),
    charsets: requestCharsets(request),
    ...(period !== undefined ? { period } : {}),
    ...(filename !== undefined ? { fileName: filename } : {}),
    source: streamedBody(request),
    // body-coding.ts has refused any coding but gzip, and named it so.
    ...(headerText(request, 'content-encoding') === 'gzip' ? { declaredGzip: true } : {}),
    ...(declared !== '' ? { sizeHint: Number(declared) } : {}),
    ...(maxFindings !== undefined ? { maxFindings: Number(maxFindings) } : {}),
    ...(mapping === 'none' ? { useMapping: false } : {}),
    // A client that goes away stops its validation, frees its slot and stores nothing (client-gone.ts).
    signal: clientGone(request),
    // The BusAck answer lists every failed row: the run keeps them whatever the findings cap.
    ...(acceptsAck(request) ? { outcomes: true } : {}),
  };
}

/**
 * The file's name: `?filename=`, or the `Content-Disposition` header's filename (or filename*) as many
 * clients send it. Both may be given when they name the same file (compared as the service keeps a name:
 * folders and control characters dropped); names that differ are refused, naming both, rather than one
 * chosen silently.
 */
function fileNameOf(request: Request): string | undefined {
  const query = (request.query as { filename?: string }).filename;
  const header = dispositionFileName(headerText(request, 'content-disposition'));
  if (query === undefined || header === undefined) return query ?? header;
  if (sanitiseFileName(query) !== sanitiseFileName(header)) {
    const detail = 'names another file than the other; give the name once, or the same name in both';
    throw new DomainError('invalid-input', "the file's name is given twice, by ?filename= and by the Content-Disposition header, and the two differ", [
      { in: 'query', name: 'filename', pointer: '/filename', detail },
      { in: 'header', name: 'Content-Disposition', detail },
    ]);
  }
  return query;
}

/** The answers validate and trial give: the report (the default), as a FHIR OperationOutcome, or the BusAck file. */
const ANSWERS = ['application/json', 'application/fhir+json', 'text/csv'] as const;
const answerType = (request: Request) => preferredType(headerText(request, 'accept'), ANSWERS);

/** Whether the caller prefers the BusAck file to the report (`Accept: text/csv`). */
const acceptsAck = (request: Request): boolean => answerType(request) === 'text/csv';

/** The report, or a FHIR OperationOutcome when the caller accepts one. */
function answer(request: Request, h: ResponseToolkit, report: Report) {
  const type = answerType(request);
  if (type === 'text/csv') {
    // The pipeline's acknowledgement shape (validation/ack-file.ts), rows numbered under the stored submission's
    // id (a trial's: its held report's id, or a fresh one), streamed a piece at a time (every failed row:
    // there may be a million).
    const messageId = report.submission?.id ?? report.trial?.id ?? randomUUID();
    const lines = busAckLines(report, { messageId, receivedAt: report.submission?.createdAt ?? new Date().toISOString() });
    return h.response(piecesStream(inPieces(lines))).type('text/csv; charset=utf-8');
  }
  const fhir = type === 'application/fhir+json';
  return fhir ? h.response(operationOutcome(report)).type('application/fhir+json') : reportAnswer(h, report);
}

/** A report as JSON: one of many findings (it may hold 100,000) written a piece at a time as the client reads it (json-pieces.ts). */
const reportAnswer = (h: ResponseToolkit, report: Report) => h.response(jsonAnswer(report)).type('application/json; charset=utf-8');

/** A held trial report's address on the API. */
const trialUrl = (id: string): string => `/v1/trials/${id}`;

/**
 * A trial report as the API answers it: with its address and its downloads' (findings, and the BusAck and
 * InfAck when its row outcomes are held with it), when it is held.
 */
function withTrialUrl(report: Report): Report {
  // The report is this request's own copy: addressed in place, so its row outcomes (not enumerable) stay with it.
  if (report.trial) {
    const url = trialUrl(report.trial.id);
    const acks = report.outcomes ? { busAckUrl: `${url}/busack.csv`, busAckJsonUrl: `${url}/busack.json`, infAckUrl: `${url}/infack.csv` } : {};
    report.trial = { ...report.trial, url, findingsUrl: `${url}/findings.csv`, ...acks };
  }
  return report;
}

/** Findings as a CSV download. */
const findingsDownload = (h: ResponseToolkit, report: Report, name: string) => csvDownload(h, findingsCsvPieces(report), name);

export function registerSubmissionRoutes(server: Server, submissions: SubmissionService): void {
  server.route([
    contractRoute(validateSubmission, {
      options: STREAMED,
      handler: async (request, h) => {
        const report = await submissions.submit(validationRequest(request), principalOf(request));
        return answer(request, h, report).code(201).header('Location', `/v1/submissions/${report.submission!.id}`);
      },
    }),
    contractRoute(trialSubmission, {
      options: STREAMED,
      handler: async (request, h) => {
        // Held for a while in this process's memory (never stored), at its own address.
        const report = withTrialUrl(await submissions.trial(validationRequest(request), principalOf(request)));
        const response = answer(request, h, report).code(200);
        return report.trial?.url ? response.header('Location', report.trial.url) : response;
      },
    }),
    contractRoute(getTrial, {
      handler: async (request, h) => reportAnswer(h, withTrialUrl(submissions.heldTrial((request.params as { id: string }).id, principalOf(request)))),
    }),
    contractRoute(getTrialFindings, {
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        return findingsDownload(h, submissions.heldTrial(id, principalOf(request)), `trial-findings-${id}.csv`);
      },
    }),
    // A held batch file's acknowledgement files, from the row outcomes held with its report (as the web's /trials/{id}/busack.csv).
    ...(
      [
        [getTrialBusAck, 'busack'],
        [getTrialBusAckJson, 'busack-json'],
        [getTrialInfAck, 'infack'],
      ] as const
    ).map(([operation, kind]) =>
      contractRoute(operation, {
        handler: async (request, h) => ackDownload(h, submissions.trialAcknowledgement((request.params as { id: string }).id, kind, principalOf(request))),
      }),
    ),
    contractRoute(listSubmissions, {
      handler: async (request, h) => {
        const { given: _given, ...filters } = submissionFilters(request.query);
        const page = await submissions.list(principalOf(request), { limit: pageLimit(request), ...pageCursor(request), ...filters });
        return pageResponse(request, h, 'submissions', page.submissions, page.next);
      },
    }),
    contractRoute(getSubmission, {
      handler: async (request, h) =>
        reportAnswer(h, await submissions.get((request.params as { id: string }).id, principalOf(request), untilAnswered(request))),
    }),
    contractRoute(getSubmissionFindings, {
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        return findingsDownload(h, await submissions.get(id, principalOf(request), untilAnswered(request)), `findings-${id}.csv`);
      },
    }),
    // A stored batch file's acknowledgement files, from the row outcomes stored with its report.
    ...(
      [
        [getSubmissionBusAck, 'busack'],
        [getSubmissionBusAckJson, 'busack-json'],
        [getSubmissionInfAck, 'infack'],
      ] as const
    ).map(([operation, kind]) =>
      contractRoute(operation, {
        handler: async (request, h) =>
          ackDownload(h, await submissions.acknowledgement((request.params as { id: string }).id, kind, principalOf(request), untilAnswered(request))),
      }),
    ),
    contractRoute(withdrawSubmission, {
      options: { payload: { maxBytes: 4 * 1024 } },
      handler: async (request, h) =>
        reportAnswer(
          h,
          await submissions.withdraw(
            (request.params as { id: string }).id,
            (request.payload as { reason: string }).reason,
            principalOf(request),
            untilAnswered(request),
          ),
        ),
    }),
  ]);
}
