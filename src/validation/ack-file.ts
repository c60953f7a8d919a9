/**
 * The per-row outcome of a report in the shape of the national immunisation pipeline's acknowledgement
 * files, so a supplier can compare Conform's answer with the pipeline's, column for column:
 *
 * - the BusAck CSV (`|`-delimited): a header and one row per record that fails (errors only; a record
 *   with warnings alone succeeds), `{message id}^{n}` where n is the 1-based data row (header and blank
 *   lines not counted, as the pipeline numbers them), and OPERATION_OUTCOME the record's error messages
 *   joined with "; ", each after its column;
 * - the InfAck CSV: the file-level answer, a Success row, or a Failure row when the file itself has an
 *   error (its name, its header).
 *
 * The pipeline's LOCAL_ID carries the row's UNIQUE_ID^UNIQUE_ID_URI. Conform never copies a record value
 * into a report, so LOCAL_ID is left empty here: the row number in MESSAGE_HEADER_ID identifies the row.
 * MAILBOX_FROM and IMMS_ID are empty, as in the pipeline's failed rows.
 */
import type { Finding, Report } from './report-types.js';

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

/** One line, as the pipeline packs diagnostics: line breaks, tabs and no-break spaces become single spaces. */
const oneLine = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** A cell of a `|`-delimited file: quoted when it holds a `|`, a quote or a line break. */
const cell = (text: string): string => (/[|"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const column = (path: string): string => path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');

export interface AckOptions {
  /** The message id the rows are numbered under (the stored submission's id, or a local one). */
  messageId: string;
  /** When the file was received (RFC 3339). */
  receivedAt: string;
}

/** The failed records' errors, by record number (file-level findings, record 0, are left out). */
function failedRows(findings: readonly Finding[]): Map<number, Finding[]> {
  const rows = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'error' || f.record === 0) continue;
    const list = rows.get(f.record);
    if (list) list.push(f);
    else rows.set(f.record, [f]);
  }
  return rows;
}

/** The BusAck CSV of a report: its failed rows only. */
export function busAck(report: Report, options: AckOptions): string {
  const received = ackTime(options.receivedAt);
  const lines = [BUS_ACK_HEADER.join('|')];
  for (const [record, findings] of failedRows(report.findings)) {
    const outcome = oneLine(findings.map((f) => (f.path === '' ? f.message : `${column(f.path)}: ${f.message}`)).join('; '));
    lines.push(
      [
        `${options.messageId}^${record}`,
        'Fatal Error',
        'Fatal',
        'Fatal Error',
        '30002',
        'Business',
        '30002',
        'Business Level Response Value - Processing Error',
        received,
        '',
        '',
        '',
        outcome,
        'False',
      ]
        .map(cell)
        .join('|'),
    );
  }
  return lines.join('\n') + '\n';
}

/** The InfAck CSV of a report: Failure when the file itself has an error (its name or header), else Success. */
export function infAck(report: Report, options: AckOptions): string {
  const received = ackTime(options.receivedAt);
  const fileFailed = report.findings.some((f) => f.record === 0 && f.severity === 'error' && f.rule !== 'empty');
  const row = fileFailed
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
