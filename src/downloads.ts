/**
 * A CSV (or JSON) file as a download, for both faces: the text whole, or a piece at a time (an acknowledgement
 * file of a million failed rows is never one string), named by Content-Disposition. A stored or held
 * trial report's BusAck and InfAck (SubmissionService.acknowledgement, .trialAcknowledgement) are
 * answered by ackDownload on the API and the web alike.
 */
import { Readable } from 'node:stream';
import type { ResponseToolkit } from '@hapi/hapi';

/**
 * A stream of text pieces made as the client reads them, each piece after whatever waits on the event loop.
 * Written to a client that reads fast (a socket whose writes complete at once), a stream of a plain iterable
 * made its next piece from the last one's write callback, on the same turn of the event loop, so a download
 * of 200 pieces ran in one stretch: eight findings.csv downloads of a large report held /health throughout.
 */
export function piecesStream(pieces: Iterable<string>): Readable {
  async function* turns(): AsyncGenerator<string> {
    for (const piece of pieces) {
      yield piece;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return Readable.from(turns(), { objectMode: false });
}

export function csvDownload(h: ResponseToolkit, body: string | Iterable<string>, fileName: string) {
  const payload = typeof body === 'string' ? body : piecesStream(body);
  return h.response(payload).type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`);
}

/** A BusAck (CSV or JSON) or InfAck (services/submissions.ts `Acknowledgement`) as a download under its pipeline name, a piece at a time. */
export function ackDownload(h: ResponseToolkit, ack: { fileName: string; type: 'text/csv' | 'application/json'; pieces: Iterable<string> }) {
  const response = csvDownload(h, ack.pieces, ack.fileName);
  return ack.type === 'text/csv' ? response : response.type('application/json; charset=utf-8');
}
