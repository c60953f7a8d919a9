/**
 * A stored batch file's acknowledgement files on the web: the BusAck and InfAck the national pipeline
 * would answer, written from the report's row outcomes (validation/row-outcomes.ts), which a submission of
 * a version with a file-name convention stores with its report (row numbers and messages, never a value).
 * A report without them (another standard, or stored before they were kept) offers none: an
 * acknowledgement written from capped findings could leave failed rows out.
 */
import { Readable } from 'node:stream';
import type { Report } from '../validation/report-types.js';
import { ackTime, busAckLines, infAck, inPieces } from '../validation/ack-file.js';
import { DomainError } from '../services/errors.js';

export type AckKind = 'busack' | 'infack';

/** The download links a stored report offers, when it has row outcomes. */
export function ackLinks(report: Report): { busAck: string; infAck: string } | undefined {
  if (!report.submission || !report.outcomes) return undefined;
  const base = `/submissions/${report.submission.id}`;
  return { busAck: `${base}/busack.csv`, infAck: `${base}/infack.csv` };
}

/**
 * The pipeline's name for the file, `{file name without extension}_BusAck_{created}.csv`, from the stored
 * (sanitised) file name with anything but letters, digits, `.`, `_` and `-` replaced; the submission id
 * when no name was given.
 */
export function ackFileName(report: Report, kind: AckKind): string {
  const s = report.submission!;
  const stem = (s.fileName ?? '').replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  const label = kind === 'busack' ? 'BusAck' : 'InfAck';
  return `${stem === '' ? s.id : stem}_${label}_${ackTime(s.createdAt)}.csv`;
}

/** The file's body (the BusAck streamed a piece at a time), or not-found when the report has no outcomes. */
export function ackBody(report: Report, kind: AckKind): string | Readable {
  const s = report.submission;
  if (!s || !report.outcomes) {
    throw new DomainError(
      'not-found',
      "this submission has no acknowledgement files: they are kept only for national batch files (standards with a file-name convention), and only in reports stored with every row's outcome",
    );
  }
  const options = { messageId: s.id, receivedAt: s.createdAt };
  return kind === 'busack' ? Readable.from(inPieces(busAckLines(report, options)), { objectMode: false }) : infAck(report, options);
}
