/**
 * NDJSON (JSON Lines): one JSON value per line; blank lines are skipped; CRLF line ends accepted. Lines
 * are split on the raw bytes, so memory holds one chunk and at most one partial line, a copy (the caller
 * may reuse a chunk's buffer once it is pushed). A chunk's whole
 * lines are checked and decoded a window at a time (WINDOW_BYTES of whole lines): when a window is ASCII
 * (most files), it is decoded in one native call and each line is a slice of that text (about a sixth
 * less CPU than decoding line by line); otherwise its UTF-8 validity is checked at once, and only when
 * that fails, or for a line that spans chunks, is each line checked on its own. A window stays under
 * V8's large-object size, so its text is young and dies young: decoding a whole 1 MiB piece at once put
 * each piece's text in the old generation and cost a pool thread a full collection every few pieces.
 * A line nested more than MAX_RECORD_DEPTH levels deep is one unreadable record (`record-too-deep`),
 * measured by the walk of json-integrity.ts once it is parsed.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { DEFAULT_MAX_RECORD_BYTES, TOO_DEEP_MESSAGE, TOO_DEEP_RULE, type RecordReader, type RecordSink } from './types.js';
import { recordProblems, TOO_DEEP } from './json-integrity.js';
import { decodeUtf8, describeNdjsonLineError, tooManyValues, TOO_MANY_VALUES, isBlank, NOT_UTF8 } from './text.js';

const NEWLINE = 10;
const CR = 13;
/** Whole lines decoded at once: under the 128 KiB above which V8 allocates a string in the old generation. */
export const WINDOW_BYTES = 64 * 1024;

export class NdjsonReader implements RecordReader {
  private line = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private oversized = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  ) {}

  /** Lines read so far (records, blank and malformed lines alike). */
  get lines(): number {
    return this.line;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    const last = chunk.lastIndexOf(NEWLINE);
    // The current window of this chunk's whole lines, [base, windowEnd): decoded when ASCII (a string
    // offset is then a byte offset), or known to be valid UTF-8.
    let base = 0;
    let windowEnd = 0;
    let ascii: string | undefined;
    let windowValid = false;
    while (newline !== -1) {
      this.line++;
      if (newline === start && this.pendingBytes === 0 && !this.oversized) {
        // A run of blank lines, the cheapest filler there is (a body of nothing else decompresses from a few
        // bytes): counted byte by byte here, never decoded or searched for line by line.
        let end = newline + 1;
        while (end < chunk.length && chunk[end] === NEWLINE) end++;
        this.line += end - newline - 1;
        newline = end - 1;
      } else if (this.pendingBytes > 0 || this.oversized) {
        this.take(chunk.subarray(start, newline));
        this.flushPending();
      } else if (newline - start > this.maxRecordBytes) {
        // The same limit as for a line gathered across chunks, so the report does not depend on chunking.
        this.sink.unreadable(this.line, 'record-too-large', `the line is longer than ${this.maxRecordBytes} bytes`);
      } else {
        if (start >= windowEnd) {
          // The next window: whole lines from this one, ending at a newline, at least this line.
          base = start;
          windowEnd = start + WINDOW_BYTES >= last ? last : Math.max(newline, chunk.lastIndexOf(NEWLINE, start + WINDOW_BYTES));
          const lines = chunk.subarray(base, windowEnd);
          ascii = isAscii(lines) ? lines.toString('latin1') : undefined;
          windowValid = ascii !== undefined || isUtf8(lines);
        }
        this.parse(chunk, start, newline, windowValid, ascii, base);
      }
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    // The start of a line the next chunk ends: copied, as the caller may read its next chunk into this one's buffer.
    if (start < chunk.length) this.take(chunk.subarray(start), true);
  }

  end(): void {
    if (this.pendingBytes > 0 || this.oversized) {
      this.line++;
      this.flushPending();
    }
  }

  /** Keeps a piece of a line cut across chunks; `copy`: one the caller's buffer holds past this push. */
  private take(piece: Buffer, copy = false): void {
    if (this.oversized) return;
    if (this.pendingBytes + piece.length > this.maxRecordBytes) {
      this.oversized = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(copy ? Buffer.from(piece) : piece);
    this.pendingBytes += piece.length;
  }

  private flushPending(): void {
    if (this.oversized) {
      this.oversized = false;
      this.sink.unreadable(this.line, 'record-too-large', `the line is longer than ${this.maxRecordBytes} bytes`);
      return;
    }
    const whole = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.parse(whole, 0, whole.length);
  }

  /** Parses the line at [start, end) of `bytes`; `ascii`: the window of lines from `base`, already decoded. */
  private parse(bytes: Buffer, start: number, end: number, knownUtf8 = false, ascii?: string, base = 0): void {
    if (end > start && bytes[end - 1] === CR) end--;
    const text = ascii !== undefined ? ascii.slice(start - base, end - base) : knownUtf8 ? bytes.toString('utf8', start, end) : decodeUtf8(bytes, start, end);
    if (text === undefined) {
      this.sink.unreadable(this.line, 'encoding', NOT_UTF8);
      return;
    }
    if (isBlank(text)) return;
    if (tooManyValues(text)) {
      this.sink.unreadable(this.line, 'record-too-large', TOO_MANY_VALUES);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.sink.unreadable(this.line, 'json-syntax', describeNdjsonLineError(error, text));
      return;
    }
    const problems = recordProblems(text, value, bytes, start, end);
    if (problems === TOO_DEEP) this.sink.unreadable(this.line, TOO_DEEP_RULE, TOO_DEEP_MESSAGE);
    else this.sink.record(value, this.line, undefined, problems);
  }
}
