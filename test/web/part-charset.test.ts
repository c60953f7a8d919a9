/** The charset a form's file part declares, read from the bytes busboy reads, however they are cut. */
import { describe, expect, it } from 'vitest';
import { PartCharsetWatch } from '../../src/web/part-charset.js';

const BOUNDARY = 'xYz-123';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const body = (fileHeaders: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="crumb"\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nabc\r\n` +
      `--${BOUNDARY}\r\n${fileHeaders}\r\n\r\nA|B\r\nx|y\r\n--${BOUNDARY}--\r\n`,
    'latin1',
  );

function watch(bytes: Buffer, size: number, contentType = TYPE): string[] | undefined {
  const w = new PartCharsetWatch(contentType);
  for (let at = 0; at < bytes.length; at += size) w.add(bytes.subarray(at, at + size));
  return w.fileCharsets;
}

describe('the file part’s declared charset', () => {
  it('is the file part’s, not an earlier field’s, cut into pieces of any size', () => {
    const bytes = body('Content-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv; charset="Windows-1252"');
    for (let size = 1; size <= bytes.length; size++) expect(watch(bytes, size), `pieces of ${size}`).toEqual(['windows-1252']);
  });

  it('is none when the part declares none, and a part without a file name is no file unless it is application/octet-stream', () => {
    expect(watch(body('Content-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv'), 7)).toEqual([]);
    expect(watch(body('Content-Disposition: form-data; name="file"; filename="a.csv"'), 7)).toEqual([]);
    expect(watch(body('Content-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream; charset=latin1'), 5)).toEqual(['latin1']);
    expect(watch(body('Content-Disposition: form-data; name="note"\r\nContent-Type: text/plain; charset=latin1'), 5)).toBeUndefined();
  });

  it('reads a quoted boundary, and nothing without one', () => {
    const bytes = body('Content-Disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv;CHARSET=cp1252');
    expect(watch(bytes, 3, `multipart/form-data; boundary="${BOUNDARY}"`)).toEqual(['cp1252']);
    expect(watch(bytes, 3, 'multipart/form-data')).toBeUndefined();
  });
});
