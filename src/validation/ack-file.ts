/**
 * The per-row outcome of a report in the shape of the national immunisation pipeline's acknowledgement
 * files, so a supplier can compare Conform's answer with the pipeline's, column for column:
 *
 * - the BusAck CSV (`|`-delimited): a header and one row per record that fails (errors only; a record
 *   with warnings alone succeeds), `{message id}^{n}` where n is the 1-based data row (header and blank
 *   lines not counted, as the pipeline numbers them), and OPERATION_OUTCOME the record's error messages
 *   joined with "; ", each after its column. Written from the report's row outcomes (row-outcomes.ts),
 *   which list every failed record whatever the findings cap; past their bound, a last row without a
 *   row number says how many failed rows are not listed;
 * - the BusAck JSON (busAckJson): the same failed rows in the pipeline's JSON report, with a summary of
 *   the records read, succeeded and failed;
 * - the InfAck CSV: the file-level answer, a Success row, or a Failure row when the file itself has an
 *   error (its name, its header) or cannot be read at all. Which one a file gets, and whether it gets a
 *   BusAck (not when its InfAck is a Failure, nor when it is empty), is file-outcome.ts's rule, the one the
 *   CLI and the service both follow.
 *
 * The pipeline's LOCAL_ID carries the row's UNIQUE_ID^UNIQUE_ID_URI. Conform never copies a record value
 * into a report, so LOCAL_ID is left empty here: the row number in MESSAGE_HEADER_ID identifies the row.
 * MAILBOX_FROM and IMMS_ID are empty, as in the pipeline's failed rows.
 */
import type { Finding, Report } from './report-types.js';
import { failedRecords, lastListed, MAX_OUTCOME_RUNS, outcomeText } from './row-outcomes.js';
import { hasBusAck, infAckOutcome, UNREADABLE, type AckSubject } from './file-outcome.js';
import { baseName } from './file-name.js';
import { spreadsheetSafe } from './csv-cell.js';

export const BUS_ACK_HEADER = [
  'MESSAGE_HEADER_ID',
  'HEADER_RESPONSE_CODE',
  'ISSUE_SEVERITY',
  'ISSUE_CODE',
  'ISSUE_DETAILS_CODE',
  'RESPONSE_TYPE',
  'RESPONSE_CODE',
  'RESPONSE_DISPLAY',
  'RECEIVED_TIME',
  'MAILBOX_FROM',
  'LOCAL_ID',
  'IMMS_ID',
  'OPERATION_OUTCOME',
  'MESSAGE_DELIVERY',
] as const;

export const INF_ACK_HEADER = [
  'MESSAGE_HEADER_ID',
  'HEADER_RESPONSE_CODE',
  'ISSUE_SEVERITY',
  'ISSUE_CODE',
  'ISSUE_DETAILS_CODE',
  'RESPONSE_TYPE',
  'RESPONSE_CODE',
  'RESPONSE_DISPLAY',
  'RECEIVED_TIME',
  'MAILBOX_FROM',
  'LOCAL_ID',
  'MESSAGE_DELIVERY',
] as const;

/** `YYYYMMDDThhmmss00`, the pipeline's `created` form (UTC, offset suffix 00). */
export function ackTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}00`;
}

/** A cell of a `|`-delimited file: quoted when it holds a `|`, a quote or a line break. */
/** A cell, formula-guarded (csv-cell.ts) and quoted when it holds a delimiter, a quote or a line break. */
const cell = (raw: string): string => {
  const text = spreadsheetSafe(raw);
  return /[|"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export interface AckOptions {
  /** The message id the rows are numbered under (the stored submission's id, or a local one). */
  messageId: string;
  /** When the file was received (RFC 3339). */
  receivedAt: string;
}

/** The failed records of a report with their outcome text, in record order, and what is left out. */
function failures(report: Report): { rows: Iterable<[number, string]>; omitted: number; after: number } {
  if (report.outcomes) return { rows: failedRecords(report.outcomes), omitted: report.outcomes.omitted, after: lastListed(report.outcomes) };
  // A report without outcomes (kept before they were, or from a server's JSON): its kept findings, which
  // may be capped; then the acknowledgement says that failed rows may be missing after the last finding.
  const rows = new Map<number, Finding[]>();
  for (const f of report.findings) {
    if (f.severity !== 'error' || f.record === 0) continue;
    const list = rows.get(f.record);
    if (list) list.push(f);
    else rows.set(f.record, [f]);
  }
  const last = report.findings.reduce((n, f) => Math.max(n, f.record), 0);
  const listed = [...rows].map(([record, findings]) => [record, outcomeText(findings)] as [number, string]);
  return { rows: listed, omitted: report.truncated ? -1 : 0, after: last };
}

const FAILED = ['Fatal Error', 'Fatal', 'Fatal Error', '30002', 'Business', '30002', 'Business Level Response Value - Processing Error'];

/**
 * The BusAck CSV of a report, a line at a time (each ending in a line feed): its failed rows only, every
 * one of them (report.outcomes), or when a bound left some out, a last row without a row number saying
 * how many and after which row. A line at a time, so a million failed rows are never one string. None at
 * all for a file without a BusAck (file-outcome.ts: unreadable, failed at file level, or empty).
 */
export function* busAckLines(subject: AckSubject, options: AckOptions): Generator<string> {
  // No BusAck, not even a header (file-outcome.ts).
  if (subject === UNREADABLE || !hasBusAck(subject)) return;
  const report = subject;
  const received = ackTime(options.receivedAt);
  const row = (id: string, outcome: string): string => `${[id, ...FAILED, received, '', '', '', outcome, 'False'].map(cell).join('|')}\n`;
  yield `${BUS_ACK_HEADER.join('|')}\n`;
  const { rows, omitted, after } = failures(report);
  for (const [record, outcome] of rows) yield row(`${options.messageId}^${record}`, outcome);
  if (omitted !== 0) yield row(options.messageId, truncation(omitted, after));
}

/** The BusAck CSV of a report as one string (busAckLines; empty for a file without a BusAck). */
export function busAck(subject: AckSubject, options: AckOptions): string {
  let text = '';
  for (const line of busAckLines(subject, options)) text += line;
  return text;
}

/** Lines gathered into pieces of about `size` characters, for writing to a stream. */
export function* inPieces(lines: Iterable<string>, size = 64 * 1024): Generator<string> {
  let piece = '';
  for (const line of lines) {
    piece += line;
    if (piece.length >= size) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** What the BusAck JSON says beyond the CSV's options: the file's name and who sent it. */
export interface BusAckJsonOptions extends AckOptions {
  /** The file's name as given (its part before the first dot is the JSON's `filename`); '' when not known. */
  fileName?: string | null;
  /** Who sent it: the pipeline gives its supplier system; Conform the submitting organisation's ODS code, or ''. */
  provider?: string | null;
  /** When the acknowledgement is written (RFC 3339; default now), the JSON's `generatedDate`. */
  generatedAt?: string;
}

const JSON_SYSTEM = 'Immunisation FHIR API Batch Report';
const JSON_VERSION = 1;

/** `YYYY-MM-DDThh:mm:ss.000Z`, the pipeline's generatedDate (whole seconds). */
const generatedDate = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}.000Z`;

/** Seconds since 1970, the pipeline's ingestionTime. */
const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** One failure of the BusAck JSON, laid out as the pipeline's json.dumps(indent=2) lays it out. */
function jsonFailure(rowId: number | null, outcome: string, last: boolean): string {
  const fields: [string, unknown][] = [
    ['rowId', rowId],
    ['responseCode', FAILED[5]],
    ['responseDisplay', FAILED[6]],
    ['severity', FAILED[1]],
    ['localId', ''],
    ['operationOutcome', outcome],
  ];
  const body = fields.map(([key, value]) => `      ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n');
  return `    {\n${body}\n    }${last ? '' : ','}\n`;
}

/**
 * The BusAck JSON of a report (the pipeline's `…_BusAck_{created}.json`), a piece at a time: the same failed
 * rows as the CSV (busAckLines), each as `{rowId, responseCode, responseDisplay, severity, localId,
 * operationOutcome}`, and a summary counted from the whole report, whatever the findings cap: totalRecords
 * the records read, failed those with an error, succeeded the rest, and ingestionTime from the time of
 * receipt to the end of validation (seconds since 1970). localId is empty, as in the CSV (never a value).
 * When a bound left failed rows unlisted, a last failure without a rowId (null) says how many, as the CSV's
 * last row does. None at all for a file without a BusAck (file-outcome.ts).
 */
export function* busAckJson(subject: AckSubject, options: BusAckJsonOptions): Generator<string> {
  if (subject === UNREADABLE || !hasBusAck(subject)) return;
  const report = subject;
  const start = epochSeconds(options.receivedAt);
  const { records, invalid, seconds } = report.stats;
  const head = {
    system: JSON_SYSTEM,
    version: JSON_VERSION,
    generatedDate: generatedDate(options.generatedAt ?? new Date().toISOString()),
    provider: options.provider ?? '',
    filename: baseName(options.fileName ?? '').split('.')[0]!,
    messageHeaderId: options.messageId,
  };
  let text = '{\n';
  for (const [key, value] of Object.entries(head)) text += `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`;
  text += `  "summary": {\n    "totalRecords": ${records},\n    "succeeded": ${records - invalid},\n    "failed": ${invalid},\n`;
  text += `    "ingestionTime": {\n      "start": ${start},\n      "end": ${start + Math.ceil(seconds)}\n    }\n  },\n`;
  const { rows, omitted, after } = failures(report);
  // Each failure is written when the next is known, so the last has no comma after it.
  let pending: [number | null, string] | undefined;
  for (const [record, outcome] of rows) {
    if (pending) yield jsonFailure(pending[0], pending[1], false);
    else yield `${text}  "failures": [\n`;
    pending = [record, outcome];
  }
  if (omitted !== 0) {
    if (pending) yield jsonFailure(pending[0], pending[1], false);
    else yield `${text}  "failures": [\n`;
    pending = [null, truncation(omitted, after)];
  }
  yield pending ? `${jsonFailure(pending[0], pending[1], true)}  ]\n}\n` : `${text}  "failures": []\n}\n`;
}

/** The last row of a BusAck that does not list every failed row. */
function truncation(omitted: number, after: number): string {
  if (omitted < 0) {
    return `Conform: this acknowledgement is incomplete: it was written from a report that kept only its first findings (up to row ${after}); failed rows after it are not listed. Validate again with a larger maxFindings.`;
  }
  return `Conform: this acknowledgement is incomplete: ${omitted} more failed ${omitted === 1 ? 'row is' : 'rows are'} not listed after row ${after} (it lists at most ${MAX_OUTCOME_RUNS} runs of failed rows, a run being consecutive rows that fail the same way).`;
}

/**
 * The InfAck CSV of a report, or of a file that could not be read (UNREADABLE): Failure when the file
 * cannot be read or itself has an error (its name or header), else Success (file-outcome.ts).
 */
export function infAck(subject: AckSubject, options: AckOptions): string {
  const received = ackTime(options.receivedAt);
  const row =
    infAckOutcome(subject) === 'Failure'
      ? [
          options.messageId,
          'Failure',
          'Fatal',
          'Fatal Error',
          '10001',
          'Technical',
          '10002',
          'Infrastructure Level Response Value - Processing Error',
          received,
          '',
          '',
          'False',
        ]
      : [options.messageId, 'Success', 'Information', 'OK', '20013', 'Technical', '20013', 'Success', received, '', '', 'True'];
  return `${INF_ACK_HEADER.join('|')}\n${row.map(cell).join('|')}\n`;
}

/** An acknowledgement file: the BusAck (CSV, or `busack-json` its JSON form) or the InfAck. */
export type AckKind = 'busack' | 'busack-json' | 'infack';

/**
 * The pipeline's name for a stored submission's acknowledgement, `{file name without extension}_BusAck_{created}.csv`
 * (`.json` for the BusAck JSON, `_InfAck_` for the InfAck), from its stored (sanitised) file name with anything
 * but letters, digits, `.`, `_` and `-` replaced; the submission id when no name was given.
 */
export function ackFileName(submission: { id: string; createdAt: string; fileName?: string | null }, kind: AckKind): string {
  const stem = (submission.fileName ?? '').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  const name = `${stem === '' ? submission.id : stem}_${kind === 'infack' ? 'InfAck' : 'BusAck'}_${ackTime(submission.createdAt)}`;
  return `${name}.${kind === 'busack-json' ? 'json' : 'csv'}`;
}
