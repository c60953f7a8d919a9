/**
 * JSON: one value (a single record) or an array of records. An array is read element by element with
 * a byte scanner that tracks strings and nesting, so a file of any size is held one element at a time,
 * each element is parsed on its own (a malformed element is a finding and the next one is read), and
 * every record knows the line it starts on. A single non-array value is one record. A record nested more
 * than MAX_RECORD_DEPTH levels deep is one unreadable record (`record-too-deep`), measured by the walk of
 * json-integrity.ts once it is parsed.
 */
import { DEFAULT_MAX_RECORD_BYTES, TOO_DEEP_MESSAGE, TOO_DEEP_RULE, type RecordReader, type RecordSink } from './types.js';
import { recordProblems, TOO_DEEP } from './json-integrity.js';
import { decodeUtf8, describeJsonError, describeJsonFileError, MANY_RECORDS, placeJsonError, tooManyValues, TOO_MANY_VALUES, NOT_UTF8 } from './text.js';

const enum Mode {
  Start,
  Array,
  Single,
  After,
}
const NEWLINE = 10,
  SPACE = 32,
  TAB = 9,
  CR = 13,
  QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44;
const OPEN_BRACE = 123,
  CLOSE_BRACE = 125,
  OPEN_BRACKET = 91,
  CLOSE_BRACKET = 93;

function isSpace(c: number): boolean {
  return c === SPACE || c === NEWLINE || c === CR || c === TAB;
}

export class JsonReader implements RecordReader {
  private mode = Mode.Start;
  private line = 1;
  private inElement = false;
  private elementLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private oversized = false;
  private trailingReported = false;
  /** True after a comma that ended an element, until the next element starts. */
  private afterComma = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.mode === Mode.Start) {
      while (i < n && isSpace(chunk[i]!)) {
        if (chunk[i] === NEWLINE) this.line++;
        i++;
      }
      if (i === n) return;
      if (chunk[i] === OPEN_BRACKET) {
        this.mode = Mode.Array;
        i++;
      } else {
        this.mode = Mode.Single;
        this.elementLine = this.line;
      }
    }
    if (this.mode === Mode.Single) {
      this.keep(chunk.subarray(i), true);
      return;
    }
    if (this.mode === Mode.After) {
      this.checkTrailing(chunk, i);
      return;
    }
    let elementStart = this.inElement ? i : -1;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (c === NEWLINE) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (!this.inElement) {
        if (isSpace(c)) continue;
        if (c === COMMA) {
          this.sink.fileProblem('json-syntax', `malformed JSON: a comma with no element before it (line ${this.line})`);
          continue;
        }
        if (c === CLOSE_BRACKET) {
          if (this.afterComma) this.sink.fileProblem('json-syntax', `malformed JSON: a comma before the closing ] of the array (line ${this.line})`);
          this.mode = Mode.After;
          this.checkTrailing(chunk, i + 1);
          return;
        }
        this.inElement = true;
        this.afterComma = false;
        this.elementLine = this.line;
        elementStart = i;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && this.depth > 0) this.depth--;
      else if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        this.keep(chunk.subarray(elementStart, i));
        this.emitElement();
        this.afterComma = c === COMMA;
        elementStart = -1;
        if (c === CLOSE_BRACKET) {
          this.mode = Mode.After;
          this.checkTrailing(chunk, i + 1);
          return;
        }
      }
    }
    if (this.inElement && elementStart !== -1) this.keep(chunk.subarray(elementStart), true);
  }

  end(): void {
    if (this.mode === Mode.Single) {
      this.emitElement();
    } else if (this.mode === Mode.Array) {
      if (this.inElement) {
        if (this.depth > 0 || this.inString) {
          this.pieces = [];
          this.pieceBytes = 0;
          this.inElement = false;
          this.sink.unreadable(this.elementLine, 'json-syntax', 'malformed JSON: the record is not closed before the end of the file');
        } else {
          this.emitElement();
        }
      }
      this.sink.fileProblem('json-syntax', "malformed JSON: the array is not closed (no final ']')");
    }
  }

  /** Keeps a piece of the value being read; `copy`: one the caller may overwrite after this push (it may reuse a chunk's buffer). */
  private keep(piece: Buffer, copy = false): void {
    if (this.oversized || piece.length === 0) return;
    if (this.pieceBytes + piece.length > this.maxRecordBytes) {
      this.oversized = true;
      this.pieces = [];
      this.pieceBytes = 0;
      return;
    }
    this.pieces.push(copy ? Buffer.from(piece) : piece);
    this.pieceBytes += piece.length;
  }

  private emitElement(): void {
    const line = this.elementLine;
    this.inElement = false;
    if (this.oversized) {
      this.oversized = false;
      // Read as one value (no '[' first), a file this large is almost always many records: NDJSON sent as JSON.
      const single = this.mode === Mode.Single ? `; the file is one JSON value, not an array: ${MANY_RECORDS}` : '';
      this.sink.unreadable(line, 'record-too-large', `the record is larger than ${this.maxRecordBytes} bytes${single}`);
      return;
    }
    const bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.pieceBytes);
    this.pieces = [];
    this.pieceBytes = 0;
    const text = decodeUtf8(bytes, 0, bytes.length);
    if (text === undefined) {
      this.sink.unreadable(line, 'encoding', NOT_UTF8);
      return;
    }
    if (this.mode === Mode.Single && text.trim() === '') return;
    if (tooManyValues(text)) {
      this.sink.unreadable(line, 'record-too-large', TOO_MANY_VALUES);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const described = this.mode === Mode.Single ? describeJsonFileError(error, text) : describeJsonError(error);
      this.sink.unreadable(line, 'json-syntax', placeJsonError(described, text, line));
      return;
    }
    const problems = recordProblems(text, value, bytes);
    if (problems === TOO_DEEP) this.sink.unreadable(line, TOO_DEEP_RULE, TOO_DEEP_MESSAGE);
    else this.sink.record(value, line, undefined, problems);
  }

  /** After the array's closing bracket only white space may follow; anything else is reported once. */
  private checkTrailing(chunk: Buffer, from: number): void {
    if (this.trailingReported) return;
    for (let i = from; i < chunk.length; i++) {
      if (!isSpace(chunk[i]!)) {
        this.trailingReported = true;
        this.sink.fileProblem('json-syntax', 'malformed JSON: unexpected content after the closing ] of the array');
        return;
      }
    }
  }
}
