/**
 * A CSV file as a download, for both faces: the text whole, or a piece at a time (an acknowledgement
 * file of a million failed rows is never one string), named by Content-Disposition.
 */
import { Readable } from 'node:stream';
import type { ResponseToolkit } from '@hapi/hapi';

export function csvDownload(h: ResponseToolkit, body: string | Iterable<string>, fileName: string) {
  const payload = typeof body === 'string' ? body : Readable.from(body, { objectMode: false });
  return h.response(payload).type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`);
}
