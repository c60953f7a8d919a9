/**
 * A CSV (or JSON) file as a download, for both faces: the text whole, or a piece at a time (an acknowledgement
 * file of a million failed rows is never one string), named by Content-Disposition. A stored or held
 * trial report's BusAck and InfAck (SubmissionService.acknowledgement, .trialAcknowledgement) are
 * answered by ackDownload on the API and the web alike.
 */
import { Readable } from 'node:stream';
import type { ResponseToolkit } from '@hapi/hapi';

export function csvDownload(h: ResponseToolkit, body: string | Iterable<string>, fileName: string) {
  const payload = typeof body === 'string' ? body : Readable.from(body, { objectMode: false });
  return h.response(payload).type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`);
}

/** A BusAck (CSV or JSON) or InfAck (services/submissions.ts `Acknowledgement`) as a download under its pipeline name, a piece at a time. */
export function ackDownload(h: ResponseToolkit, ack: { fileName: string; type: 'text/csv' | 'application/json'; pieces: Iterable<string> }) {
  const response = csvDownload(h, ack.pieces, ack.fileName);
  return ack.type === 'text/csv' ? response : response.type('application/json; charset=utf-8');
}
