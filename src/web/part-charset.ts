/**
 * The charset declared on a form's file part (`Content-Type: text/csv; charset=…` in the part's own
 * headers). busboy reads a part's headers but hands on a file's media type alone, without its parameters,
 * so this watch reads the same bytes just before busboy does: it finds the first part that busboy counts
 * as a file (a file name in its Content-Disposition, or the type application/octet-stream) and keeps the
 * charsets its Content-Type declares (validation/readers/charset.ts parses and judges them). It holds at
 * most a part's headers, and stops looking once the file's have been read.
 */
import { declaredCharsets } from '../validation/readers/charset.js';

/** More than busboy lets a part's headers be (16 KiB): past it there is no header block to find. */
const MAX_HEADER_BYTES = 32 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart Content-Type, or undefined. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export class PartCharsetWatch {
  private readonly delimiter: Buffer | undefined;
  private held: Buffer = Buffer.alloc(0);
  /** The file part's declared charsets, once its headers have been read. */
  fileCharsets: string[] | undefined;

  constructor(contentType: string) {
    const boundary = boundaryOf(contentType);
    this.delimiter = boundary === undefined ? undefined : Buffer.from(`--${boundary}\r\n`, 'latin1');
  }

  /** The next bytes of the body, before busboy reads them. */
  add(chunk: Buffer): void {
    const delimiter = this.delimiter;
    if (delimiter === undefined || this.fileCharsets !== undefined) return;
    let bytes = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    for (;;) {
      const start = bytes.indexOf(delimiter);
      if (start === -1) {
        // Keep what may be the start of a delimiter cut by the chunk's end.
        this.held = Buffer.from(bytes.subarray(Math.max(0, bytes.length - delimiter.length + 1)));
        return;
      }
      const from = start + delimiter.length;
      const end = bytes.indexOf(HEADER_END, from);
      if (end === -1) {
        this.held = bytes.length - start <= MAX_HEADER_BYTES ? Buffer.from(bytes.subarray(start)) : Buffer.alloc(0);
        return;
      }
      const charsets = this.fileHeaders(bytes.toString('latin1', from, end));
      if (charsets !== undefined) {
        this.fileCharsets = charsets;
        this.held = Buffer.alloc(0);
        return;
      }
      bytes = bytes.subarray(end + HEADER_END.length);
    }
  }

  /** The charsets of a part's headers when busboy counts the part as a file, else undefined. */
  private fileHeaders(block: string): string[] | undefined {
    let file = false;
    let charsets: string[] = [];
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1);
      if (name === 'content-disposition' && /;\s*filename\*?\s*=/i.test(value)) file = true;
      if (name === 'content-type') {
        if (/^\s*application\/octet-stream\s*(;|$)/i.test(value)) file = true;
        charsets = declaredCharsets(value);
      }
    }
    return file ? charsets : undefined;
  }
}
