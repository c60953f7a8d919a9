/** Submissions: validate a dataset (streamed), and read stored reports. */
import { cursor, limit, standardId, versionSpec } from '../parameters.js';
import { SUBMISSION_FILTER_NAMES, SUBMISSION_FILTERS } from '../../../services/submission-filters.js';
import { DEFAULT_MAX_FINDINGS, FINDINGS_CAP_PATTERN, FINDINGS_CAP_WORDS } from '../../../services/findings-cap.js';
import { MAX_PERIOD_ID_LENGTH } from '../../../services/reporting-period.js';
import { json, link, location, pageOf, problem, retryAfter } from '../responses.js';
import { BusAckJson, OperationOutcome, Report, SubmissionSummary, WithdrawalRequest } from '../schemas.js';
import type { Operation, ParameterSpec } from '../types.js';
import type { FilterRule } from '../../../services/submission-filters.js';
import { READERS, SUPPLIERS } from './access.js';

const GZIP = 'plain or gzip-compressed (recognised by its content)';

/** Every content type a submission may be sent as, and the format it is read in. */
export const SUBMISSION_MEDIA_TYPES = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
} as const;

const BODIES: Record<keyof typeof SUBMISSION_MEDIA_TYPES, string> = {
  'application/json': `One JSON record, or an array of records; ${GZIP}`,
  'application/x-ndjson': `NDJSON: one JSON record per line; ${GZIP}`,
  'application/ndjson': `NDJSON, as application/x-ndjson; ${GZIP}`,
  'application/jsonl': `JSON Lines, as application/x-ndjson; ${GZIP}`,
  'text/csv': `CSV: a header row naming the fields (dotted for nested fields), then one record per row; ${GZIP}`,
};

/** The query of both validate and trial: the reporting period and the findings cap. */
/** The request headers validate and trial read beyond the body's own (Content-Type, Content-Encoding). */
const VALIDATION_HEADERS: Operation['headers'] = {
  'Content-Disposition': {
    description:
      "The file's name as many clients send it (RFC 6266): `attachment; filename=\"FLU_Vaccinations_v5_B86001_20240610T18332500.csv\"`, or `filename*=UTF-8''…` (RFC 8187: percent-encoded UTF-8 or ISO-8859-1), which wins over `filename` in the same header. Read when `?filename=` is not given, and used as `filename` is (the same dropping of folders and control characters, the same format and convention checks). " +
      'When both are given they must name the same file: two names that differ are a 400 naming both, rather than one chosen silently. A header that cannot be read (an unclosed quote, a parameter given twice, filename* in another charset or not percent-encoded) is a 400 naming the header.',
    schema: { type: 'string', maxLength: 4096, examples: ["attachment; filename*=UTF-8''Caf%C3%A9%20returns.csv"] },
  },
};

const VALIDATION_QUERY: Operation['query'] = {
  period: {
    description:
      'The reporting period the file is for (docs/quality.md): a month `2026-11`, a calendar quarter `2026-Q3`, an NHS financial-year quarter `2026-27-Q1`, a financial year `2026-27`, or inclusive dates `2026-04-01/2026-06-30`. ' +
      "Timeliness is judged against the period's published deadline (in UK time), as if the file arrived on its due date, never against the moment it is validated, so an on-time historical file validated again scores what it did; a file that arrives after the deadline is reported as such (`period.afterDeadline`), not scored; the report and the stored submission carry the period. A standard that declares a kind of period (standard.yaml `reportingPeriod`) accepts only that kind (422). " +
      `An id that cannot be read (empty, longer than ${MAX_PERIOD_ID_LENGTH} characters, or no period) is a 400 saying how to write one, in the words every face gives.`,
    // Read by the service's one rule (services/reporting-period.ts), which every face's refusal words: an id
    // that cannot be read, empty or longer than MAX_PERIOD_ID_LENGTH, is a 400 saying how to write one.
    schema: { type: 'string', examples: ['2026-27-Q1'] },
  },
  filename: {
    description:
      "The file's name, kept with the stored report and shown with it (folders and control characters are dropped; at most 255 characters are kept). When the standard has a file-name convention (such as the immunisation batch file's `{VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv`), a name that breaks it is a `file-name` finding, and parts of it (the vaccine type) may choose the code lists rows are checked against. A name that says another format than the Content-Type (`attendances.csv` sent as `application/json`) is a 400 naming `filename`, before the body is read, as the web pages and the CLI refuse the same file; a name that says no format is read as the Content-Type declares. With `application/octet-stream` the name says the format (required, here or in a Content-Disposition header: without either, a 415).",
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
      examples: ['FLU_Vaccinations_v5_B86001_20240610T18332500.csv'],
    },
    message: 'must be a file name of at most 1000 characters, without control characters',
  },
  // (the file's name may come from a Content-Disposition header instead: VALIDATION_HEADERS)
  mapping: {
    description:
      "`none` validates a CSV's header as it is; by default (`saved`) the caller's organisation's saved column mapping for the standard renames header cells first (`PUT /v1/standards/{id}/column-mappings`); the report lists what it renamed in `columnMapping`",
    schema: { type: 'string', enum: ['saved', 'none'] },
    message: 'must be saved or none',
  },
  maxFindings: {
    description: `Findings about records kept in the report in full: ${FINDINGS_CAP_WORDS} (default ${DEFAULT_MAX_FINDINGS}); the summary counts all. Findings about the file as a whole (record 0: its name, its header, an empty file) are kept whatever the cap, up to 100. (The report is built in memory, answered and stored whole: about 150 bytes a finding, so 100,000 is some 15 MB)`,
    // The numbers the service's rule allows (findings-cap.ts: 0 to MAX_FINDINGS_CAP), as a pattern OpenAPI shows.
    schema: { type: 'string', pattern: FINDINGS_CAP_PATTERN, examples: [String(DEFAULT_MAX_FINDINGS)] },
    message: `must be ${FINDINGS_CAP_WORDS}`,
  },
};

/** A stored submission's id. */
const submissionId: ParameterSpec = {
  description: 'The submission id (a UUID) from the report or its Location',
  schema: { type: 'string', format: 'uuid' },
  required: true,
  message: 'must be a submission id (a UUID)',
};

export const validateSubmission: Operation = {
  operationId: 'validateSubmission',
  method: 'POST',
  path: '/v1/standards/{id}/versions/{version}/validate',
  summary: 'Validate a submission (JSON record or array, NDJSON, CSV; optionally gzip) and store its report',
  description:
    'The body is streamed record by record. The size limit counts bytes after decompression. `Accept: application/fhir+json` returns a FHIR R4 OperationOutcome instead of the report. ' +
    'Validations running at once are bounded per supplier (429) and per process (503); a refusal comes before the body is read, with `Retry-After`, and closes the connection. ' +
    'A body that stops arriving for longer than the idle timeout ends with 408; a slow but steady upload is never cut. ' +
    'The token is checked again before the report is stored: one revoked while the body arrived is a 401, and nothing is stored. ' +
    "`Accept: text/csv` returns the failed records as the national immunisation pipeline's BusAck acknowledgement file (`|`-delimited; rows `{submission id}^{row}`, the data row as the pipeline numbers it; no record value, so LOCAL_ID is empty) instead of the report; the report is stored either way. " +
    'The BusAck lists every failed record whatever `maxFindings` is: up to 100,000 runs of consecutive rows that fail the same way, then a last row without a row number saying how many failed rows are not listed. ' +
    'A file without a BusAck (one that fails its file-level checks, such as its name or header, so its InfAck is a Failure; or an empty file: the pipeline writes none for either) is answered with an empty body, not even the header.',
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: standardId, version: versionSpec },
  query: VALIDATION_QUERY,
  headers: VALIDATION_HEADERS,
  payload: {
    content: {
      ...Object.fromEntries(Object.entries(BODIES).map(([type, description]) => [type, { description }])),
      'application/octet-stream': {
        description:
          "A file whose name (`filename`, or a Content-Disposition header's filename; one of them required with this type) says its format: .json, .ndjson or .jsonl, .csv (each optionally .gz), or one of the extensions of the version's file-name convention when the version also declares a CSV layout (the immunisation batch file's `.dat`, read as its pipe-delimited CSV), as the web's upload and the CLI read the same file; a name that says no format is a 400 naming `filename`. " +
          GZIP,
      },
    },
  },
  responses: {
    201: {
      description: 'The report, with the stored submission id',
      content: {
        'application/json': Report,
        'application/fhir+json': OperationOutcome,
        'text/csv': {
          type: 'string',
          description:
            "The national immunisation pipeline's BusAck file: a header and one row per failed record (every one, whatever maxFindings; past the bound, a last row says how many are not listed); empty for a file without a BusAck (failed at file level, or empty)",
        },
      },
      headers: { Location: location('The stored report') },
    },
    400: problem('The body cannot be read (corrupt gzip, UTF-16, unusable CSV header); `errors[].unreadable` names what is wrong'),
    404: problem('No such standard or version; the detail lists what exists'),
    408: problem('The body stopped arriving for longer than the idle timeout'),
    410: problem('The version is retired'),
    413: problem('The data is larger than the limit (CONFORM_MAX_SUBMISSION_BYTES, counted after decompression), or its Content-Length says it is'),
    415: problem('`application/octet-stream` without a `filename` (or Content-Disposition filename) to tell the format by'),
    422: problem(
      'The reporting period is not of the kind the standard declares (the detail names the kind expected, with an example), or the version cannot validate records: it was stored before publishing refused a schema that applies itself to the same value without end (the detail names the loop; `errors` the version), or validating the file off the main thread needed more memory than a validation thread has (`errors` names the `validation thread memory` limit and its `max` in MiB), or, for a file declared under 1 MiB, more time than the small-file budget allows (`errors` names the `small file time` limit and its `max` in milliseconds per MiB): records too large for the checks of the version, failing the same way every time; or a record nested too deeply for a version whose schema refers to itself needed more stack than a validation thread has (`errors` names the `validation stack` limit and its `max` in MiB)',
    ),
    429: problem(
      'This organisation has as many validations running as it may at once (`errors`: `limit` validations-per-organisation, its `max`), or, for a stored submission, has sent as many as it may this minute (`limit` submissions-per-minute, its `max`); try again after Retry-After seconds',
      { 'Retry-After': retryAfter },
    ),
    503: problem(
      'The service is validating as many submissions as it can (`errors`: `limit` validations-per-process, its `max`), or, where it validates files on its main thread, compiling as many versions as it can (`limit` version-compiles), or the thread validating this file was stopped by another submission (`limit` validation thread: nothing was stored, and nothing is wrong with the file); try again after Retry-After seconds',
      { 'Retry-After': retryAfter },
    ),
  },
};

/** The refusals validate and trial share (all but the 201 itself). */
const { 201: _stored, ...VALIDATION_REFUSALS } = validateSubmission.responses;

export const trialSubmission: Operation = {
  operationId: 'trialSubmission',
  method: 'POST',
  path: '/v1/standards/{id}/versions/{version}/trial',
  summary: 'A trial run: validate a file exactly as a submission is validated and return the full report, storing nothing',
  description:
    'The same bodies, parameters, limits and report as `validateSubmission`, but nothing is stored: no submission, no quality point in the trends, no audit entry. ' +
    'Use it to try a file (or a new export) before submitting it for a reporting period. The report has no `submission`. ' +
    "Its report is held in the memory of the server that ran it, for a limited time (`CONFORM_TRIAL_REPORT_MINUTES`, 60), at the address in `Location` and the report's `trial.url` (`GET /v1/trials/{id}`), for the caller's organisation only; " +
    'behind a load balancer only that replica answers it. A report too large to hold (see `CONFORM_TRIAL_REPORT_MIB`) is answered without an address.',
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: standardId, version: versionSpec },
  query: VALIDATION_QUERY,
  headers: VALIDATION_HEADERS,
  payload: validateSubmission.payload!,
  responses: {
    200: {
      description: 'The report (not stored; held for a while at its Location)',
      content: {
        'application/json': Report,
        'application/fhir+json': OperationOutcome,
        'text/csv': {
          type: 'string',
          description:
            "With `Accept: text/csv`: the national immunisation pipeline's BusAck file for the trial, rows `{trial id}^{row}`, every failed record whatever maxFindings (as for validateSubmission); nothing is stored",
        },
      },
      headers: { Location: location('The held trial report (`GET /v1/trials/{id}`)') },
    },
    ...VALIDATION_REFUSALS,
  },
};

export const listSubmissions: Operation = {
  operationId: 'listSubmissions',
  method: 'GET',
  path: '/v1/submissions',
  summary: 'Stored submissions, newest first: a supplier sees its own, authors and admins all',
  tags: ['submissions'],
  access: READERS,
  description:
    'Filtered by standard, reporting period and outcome, with the same rule as the /submissions page (services/submission-filters.ts); a bad value is a 400 naming the parameter.',
  query: {
    ...Object.fromEntries(
      SUBMISSION_FILTER_NAMES.map((name) => {
        const rule: FilterRule = SUBMISSION_FILTERS[name];
        const schema = {
          type: 'string',
          minLength: 1,
          maxLength: rule.maxLength,
          ...(rule.pattern !== undefined ? { pattern: rule.pattern } : {}),
          ...(rule.values !== undefined ? { enum: [...rule.values] } : {}),
          examples: [rule.example],
        };
        return [name, { description: rule.description, schema, message: rule.detail } satisfies ParameterSpec];
      }),
    ),
    limit,
    cursor,
  },
  responses: { 200: json('A page of submissions; `next` links to the next page', pageOf('submissions', SubmissionSummary), { Link: link }) },
};

/** The bounds on stored reports read and answered at once (services/admission.ts REPORT_READS), each held until its answer is sent. */
const REPORT_READS_BUSY = {
  429: problem(
    'This organisation has as many stored reports being read and sent at once as it may (CONFORM_MAX_REPORT_READS_PER_SUPPLIER; a download holds its place until it is sent or its client has gone): nothing was read; try again after Retry-After',
    { 'Retry-After': retryAfter },
  ),
  503: problem(
    'The service is reading and sending as many stored reports at once as it may (CONFORM_MAX_REPORT_READS): nothing was read; or the thread reading the report failed (out of its memory, or past its time): it could not be read; try again after Retry-After',
    {
      'Retry-After': retryAfter,
    },
  ),
};

export const getSubmission: Operation = {
  operationId: 'getSubmission',
  method: 'GET',
  path: '/v1/submissions/{id}',
  summary: "A stored report (another supplier's answers exactly like one that does not exist)",
  tags: ['submissions'],
  access: READERS,
  params: { id: submissionId },
  responses: {
    ...REPORT_READS_BUSY,
    200: json('The report', Report),
    404: problem('No such submission'),
  },
};

export const withdrawSubmission: Operation = {
  operationId: 'withdrawSubmission',
  method: 'POST',
  path: '/v1/submissions/{id}/withdrawal',
  summary: 'Withdraw a stored submission, with a reason: it leaves quality trends and aggregates, stays readable, and is audited',
  description:
    "The submitting organisation's suppliers and admins may withdraw a submission; another supplier's answers 404, exactly like one that does not exist. " +
    'The report stays readable with `withdrawn: { at, by, reason }`; the audit log records the withdrawal and its reason.',
  tags: ['submissions'],
  access: SUPPLIERS,
  params: { id: submissionId },
  payload: { content: { 'application/json': WithdrawalRequest }, schema: WithdrawalRequest, invalid: 'a withdrawal is { "reason": "…" }, 1 to 500 characters' },
  responses: {
    ...REPORT_READS_BUSY,
    200: json('The report, with its withdrawal', Report),
    400: problem('The body is not JSON'),
    404: problem('No such submission (or another organisation’s)'),
    409: problem('The submission is withdrawn already'),
    413: problem('The body is larger than 4 KiB'),
  },
};

const NO_ACK =
  'No such submission, or its report has no acknowledgement files (they are kept only for national batch files: standards with a file-name convention)';
/** When a batch file has no BusAck (validation/file-outcome.ts), for the busack.csv operations. */
export const NO_BUS_ACK =
  'A file that fails its file-level checks (its name or its header: its InfAck is a Failure) has no BusAck, as the pipeline rejects it before processing its rows; nor has an empty file (no data rows: InfAck Success, "Not processed - Empty file"). ' +
  'Either answers 404, its detail saying why; the InfAck still answers.';

export const getSubmissionBusAck: Operation = {
  operationId: 'getSubmissionBusAck',
  method: 'GET',
  path: '/v1/submissions/{id}/busack.csv',
  summary: "A stored batch file's BusAck, as the national immunisation pipeline would answer: one row per failed record, every one; never a value",
  description:
    "The pipeline's BusAck acknowledgement file (`|`-delimited; rows `{submission id}^{row}`, the data row as the pipeline numbers it; LOCAL_ID empty), written from the row outcomes stored with the report of a version with a file-name convention, so it lists every failed record whatever `maxFindings` was: up to 100,000 runs of consecutive rows that fail the same way, then a last row without a row number saying how many are not listed. " +
    'A report stored without row outcomes (another standard) answers 404. ' +
    NO_BUS_ACK,
  tags: ['submissions'],
  access: READERS,
  params: { id: submissionId },
  responses: {
    ...REPORT_READS_BUSY,
    200: { description: 'The BusAck file: a header and one row per failed record', content: { 'text/csv': { type: 'string' } } },
    404: problem(`${NO_ACK}; or the file has no BusAck (failed at file level, or empty)`),
  },
};

export const getSubmissionBusAckJson: Operation = {
  operationId: 'getSubmissionBusAckJson',
  method: 'GET',
  path: '/v1/submissions/{id}/busack.json',
  summary: "A stored batch file's BusAck in the pipeline's JSON form: the same failed rows as busack.csv, with a summary; never a value",
  description:
    "The pipeline's `…_BusAck_{created}.json` report: `failures` lists the same rows as `busack.csv` (`rowId` the data row), and `summary.totalRecords`, `succeeded` and `failed` are the report's record counts, whatever `maxFindings` was. " +
    'A report stored without row outcomes (another standard) answers 404. ' +
    NO_BUS_ACK,
  tags: ['submissions'],
  access: READERS,
  params: { id: submissionId },
  responses: {
    ...REPORT_READS_BUSY,
    200: { description: 'The BusAck JSON report', content: { 'application/json': BusAckJson } },
    404: problem(`${NO_ACK}; or the file has no BusAck (failed at file level, or empty)`),
  },
};

export const getSubmissionInfAck: Operation = {
  operationId: 'getSubmissionInfAck',
  method: 'GET',
  path: '/v1/submissions/{id}/infack.csv',
  summary: "A stored batch file's InfAck, as the national immunisation pipeline would answer: Success, or Failure when the file itself has an error",
  description: 'Written from the row outcomes stored with the report of a version with a file-name convention; a report stored without them answers 404.',
  tags: ['submissions'],
  access: READERS,
  params: { id: submissionId },
  responses: {
    ...REPORT_READS_BUSY,
    200: { description: 'The InfAck file: a header and one row', content: { 'text/csv': { type: 'string' } } },
    404: problem(NO_ACK),
  },
};

export const getSubmissionFindings: Operation = {
  operationId: 'getSubmissionFindings',
  method: 'GET',
  path: '/v1/submissions/{id}/findings.csv',
  summary:
    "A stored report's findings as CSV: record, spreadsheet row (CSV input), line, field (the JSON pointer), rule, severity, message, fieldLabel (the field's label, with its array item in words; else the pointer); never a value",
  description:
    'The findings the report kept (at most its `maxFindings` about records, and those about the file as a whole; the report says when there were more). A trial run stores nothing; its findings are at `GET /v1/trials/{id}/findings.csv` while its report is held.',
  tags: ['submissions'],
  access: READERS,
  params: { id: submissionId },
  responses: {
    ...REPORT_READS_BUSY,
    200: { description: 'The findings, one row each, with a header row', content: { 'text/csv': { type: 'string' } } },
    404: problem('No such submission'),
  },
};
