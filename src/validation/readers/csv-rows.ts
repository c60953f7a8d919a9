/**
 * RFC 4180 row splitter with line numbers and per-row error recovery. (csv-parse 7 was tried first: in
 * its skip-on-error mode a malformed quote or an oversized row made it drop the good rows that followed,
 * and it reports the line a row ends on, not the one it starts on. A supplier's report needs both right.)
 *
 * Cells are separated by the dialect's delimiter (a comma unless the standard declares another) and rows
 * by LF or CRLF; a cell in double quotes may hold delimiters, quotes (doubled) and line breaks. A quote
 * in an unquoted cell, text after a closing quote, or a quoted cell not closed by the end of the file
 * marks that row as malformed; the next row is read as usual. A line that is empty or only white space
 * is no row. With `pythonCsv` (a dialect's lenient cells), rows are cut as Python's csv module cuts
 * them: a quote inside an unquoted cell is a character of it, text after a closing quote is added to the
 * cell (neither is a fault), only an empty line is no row (a line of spaces, or one holding only `""`,
 * is a row of one cell), and
 * a lone CR ends a line as LF does (Python opens the file with newline="", which splits lines at CR, LF
 * and CRLF).
 */
import { MixedEncodingWatch, Utf8OrWindows1252Decoder } from './fallback-decoder.js';
import { MarkingUtf8Decoder, NOT_UTF8_MARK } from './utf8-decoder.js';

export interface CsvRow {
  cells: string[];
  /** 1-based line the row starts on. */
  line: number;
  /**
   * 1-based row a spreadsheet shows it on: every line end outside quotes before it ends a row, an empty
   * line's too (a spreadsheet shows an empty row), while a line break inside a quoted cell does not (the
   * cell shows it). So after a multi-line cell the row is less than the line.
   */
  sheetRow: number;
  /** Set when the row is malformed; the message names the cell, never its text. */
  problem?: string;
  /** True when the row was cut short for exceeding the size limit. */
  oversized?: boolean;
  /** True when no cell holds a byte that is not UTF-8 (the text the row was read from has no NOT_UTF8_MARK), so the reader need not look. */
  clean?: boolean;
}

const enum State {
  CellStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}
/** Bytes decoded into one string at a time (well under V8's 128 KiB limit for a young-generation object). */
const DECODE_SLICE = 32 * 1024;
/** A CR that no LF follows. */
const LONE_CR = /\r(?!\n)/g;
const QUOTE = 34,
  NEWLINE = 10,
  CR = 13;

/** Text from bytes, a chunk at a time (a character split across chunks is held until its end arrives). */
interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

/** Where `search` next occurs in `text` from `from`, or the text's length when it does not. */
function nextIndex(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

export interface SplitterOptions {
  /** The character between cells (a comma by default). */
  delimiter?: string;
  /** True: UTF-8 up to the first byte that is not UTF-8, wherever it is, Windows-1252 from there on (fallback-decoder.ts). */
  windows1252Fallback?: boolean;
  /** True: rows as Python's csv module cuts them (stray quotes are text; only an empty line is skipped). */
  pythonCsv?: boolean;
  /** Told of a problem with the file as a whole (a file that mixes UTF-8 and Windows-1252: a warning naming the lines). */
  onFileProblem?: (rule: string, message: string, severity: 'error' | 'warning') => void;
  /** Told, with the windows1252Fallback, of the bytes of one decoded piece that Windows-1252 has no character for (read as U+FFFD): the first one, its line, and how many. */
  onUndefinedBytes?: (found: UndefinedBytes) => void;
}

/** Bytes Windows-1252 has no character for, found in one decoded piece of a file. */
export interface UndefinedBytes {
  /** The first of them (0x81, 0x8D, 0x8F, 0x90 or 0x9D). */
  byte: number;
  /** How many there are in the piece. */
  count: number;
  /** The 1-based line the first one is on. */
  line: number;
}

export class CsvRowSplitter {
  private readonly decoder: Decoder;
  /** The decoder, when it is the UTF-8-or-Windows-1252 one, and what it found. */
  private readonly fallback: { decoder: Utf8OrWindows1252Decoder; watch: MixedEncodingWatch } | undefined;
  private readonly delimiter: number;
  private readonly delimiterChar: string;
  private readonly pythonCsv: boolean;
  /** pythonCsv: a CR that ended the last text, held until the next shows whether an LF follows it. */
  private heldCr = false;
  /** In the text being scanned, where the next quote is (its length when none); -1 when not yet looked for. */
  private quoteAt = -1;
  /** Whether the text being scanned has no NOT_UTF8_MARK (what the UTF-8 decoder gives for a byte that is not UTF-8; U+FFFD is a character). */
  private textClean = false;
  /** Set by fastRow for the row it hands on: read from one text, which has no NOT_UTF8_MARK. */
  private rowClean = false;
  private state = State.CellStart;
  private line = 1;
  private rowLine = 1;
  /** Rows ended so far, empty lines included: the spreadsheet row of the row being read is one more. */
  private rowsEnded = 0;
  private cells: string[] = [];
  private cell = '';
  private rowChars = 0;
  private problem: string | undefined;
  private oversized = false;
  /** Whether the row being read has a quoted cell: with pythonCsv, a line holding only `""` is a row. */
  private quoted = false;

  private readonly onFileProblem: SplitterOptions['onFileProblem'];
  private readonly onUndefinedBytes: SplitterOptions['onUndefinedBytes'];

  constructor(
    private readonly onRow: (row: CsvRow) => void,
    private readonly maxRowChars: number,
    options: SplitterOptions = {},
  ) {
    this.delimiterChar = (options.delimiter ?? ',').charAt(0);
    this.delimiter = this.delimiterChar.charCodeAt(0);
    this.onFileProblem = options.onFileProblem;
    this.onUndefinedBytes = options.onUndefinedBytes;
    this.pythonCsv = options.pythonCsv === true;
    if (options.windows1252Fallback === true) {
      const decoder = new Utf8OrWindows1252Decoder();
      this.fallback = { decoder, watch: new MixedEncodingWatch() };
      this.decoder = decoder;
    } else {
      this.fallback = undefined;
      this.decoder = new MarkingUtf8Decoder();
    }
  }

  /** Scans decoded text, first telling of what the fallback decoder found in it, at its line. */
  private text(text: string): void {
    // With pythonCsv a CR that no LF follows ends a line: the text is scanned with each such CR made an LF
    // (one character for one, so offsets keep), after a CR held back from the last text when there was one.
    const shift = this.pythonCsv && this.heldCr ? 1 : 0;
    const scanned = this.pythonCsv ? this.loneCrToLf(text) : text;
    const fallback = this.fallback;
    if (fallback !== undefined && fallback.decoder.events.length > 0) {
      for (const event of fallback.decoder.events) {
        // Every line end in the scanned text before the event is a line before it, as the rows count them.
        const at = event.at + shift;
        let line = this.line;
        for (let i = scanned.indexOf('\n'); i !== -1 && i < at; i = scanned.indexOf('\n', i + 1)) line++;
        if (event.kind === 'undefined-byte') {
          this.onUndefinedBytes?.({ byte: event.byte, count: event.count, line });
          continue;
        }
        const message = fallback.watch.note(event.kind, line);
        if (message !== undefined) this.onFileProblem?.('encoding', message, 'warning');
      }
      fallback.decoder.events.length = 0;
    }
    this.scan(scanned);
  }

  /** The text with each CR that no LF follows made an LF, a CR at its end held for the next text. */
  private loneCrToLf(text: string): string {
    if (this.heldCr) {
      this.heldCr = false;
      text = `\r${text}`;
    }
    if (text.indexOf('\r') === -1) return text;
    if (text.charCodeAt(text.length - 1) === CR) {
      this.heldCr = true;
      text = text.slice(0, -1);
    }
    // Most files end their lines CRLF: hop from CR to CR (native indexOf) and copy the text only when one
    // has no LF after it, a sixth of the time of a replace over every slice.
    for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
      if (text.charCodeAt(at + 1) !== NEWLINE) return text.replace(LONE_CR, '\n');
    }
    return text;
  }

  push(chunk: Buffer): void {
    // Decoded a slice at a time: a 1 MiB chunk decoded whole is a 1 MiB string, which V8 puts in its
    // large-object space (old generation) at once, and the old generation then grows with the file;
    // 32 KiB strings stay in the young generation and die there (docs/benchmarks.md).
    for (let at = 0; at < chunk.length; at += DECODE_SLICE) this.text(this.decoder.write(chunk.subarray(at, Math.min(at + DECODE_SLICE, chunk.length))));
  }

  end(): void {
    this.text(this.decoder.end());
    if (this.heldCr) {
      this.heldCr = false;
      this.scan('\n');
    }
    if (this.state === State.Quoted) {
      this.problem ??= `cell ${this.cells.length + 1} opens a quote that is not closed before the end of the file`;
    }
    if (this.state !== State.CellStart || this.cells.length > 0 || this.cell !== '') this.finishRow();
  }

  /**
   * Cuts decoded text into cells and rows. A row that starts here and ends in this text is cut by
   * `fastRow`, which finds its line end, delimiters and quotes with indexOf (native, about twice as
   * fast as a look at every character); a row it cannot cut plainly (one carried over from the text
   * before, a quote escaped or out of place, a line break in quotes, a row near the size limit) is read
   * character by character by `scanChars`, which decides every case. Both give the same rows.
   */
  private scan(text: string): void {
    const n = text.length;
    this.quoteAt = -1;
    this.textClean = text.indexOf(NOT_UTF8_MARK) === -1;
    let at = this.atRowStart() ? 0 : this.scanChars(text, 0);
    while (at < n) {
      const blanks = this.blankLinesAt(text, at);
      if (blanks !== at) {
        at = blanks;
        continue;
      }
      const next = this.fastRow(text, at);
      at = next === -1 ? this.scanChars(text, at) : next;
    }
  }

  /**
   * Skips the empty lines (LF or CRLF) that start at `at` between rows, counting them, and returns where
   * the first other line starts (`at` when there is none). Empty lines are no rows in either dialect, and a
   * body of nothing else (a few bytes of gzip a megabyte) would otherwise cost a row's work each.
   */
  private blankLinesAt(text: string, at: number): number {
    const first = text.charCodeAt(at);
    // The character first: on an ordinary row this is the only test made.
    if ((first !== NEWLINE && first !== CR) || !this.atRowStart()) return at;
    const n = text.length;
    let end = at;
    let lines = 0;
    for (;;) {
      const c = text.charCodeAt(end);
      if (c === NEWLINE) end++;
      else if (c === CR && end + 1 < n && text.charCodeAt(end + 1) === NEWLINE) end += 2;
      else break;
      lines++;
    }
    if (lines === 0) return at;
    this.line += lines;
    this.rowsEnded += lines;
    this.rowLine = this.line;
    this.afterLineEnd();
    return end;
  }

  /** True between rows: nothing of a row has been read yet. */
  private atRowStart(): boolean {
    return this.state === State.CellStart && this.cells.length === 0 && this.cell === '' && this.problem === undefined && !this.oversized;
  }

  /**
   * Reads the well-formed row at `p` (its cells unquoted, or quoted without quotes or line breaks inside),
   * hands it on and returns where the next row starts; or returns -1, having changed nothing, for any
   * other row.
   */
  private fastRow(text: string, p: number): number {
    const newline = text.indexOf('\n', p);
    // The row's characters before its line end must stay within the limit (scanChars counts them so).
    if (newline === -1 || this.rowChars + (newline - p) > this.maxRowChars) return -1;
    const { delimiter, delimiterChar } = this;
    const cells = this.cells;
    let quote = this.quoteAt;
    if (quote < p) quote = nextIndex(text, '"', p);
    let i = p;
    let last: string;
    for (;;) {
      if (i === quote) {
        const close = text.indexOf('"', i + 1);
        if (close === -1 || close > newline) return this.bail(cells);
        this.quoted = true;
        const after = close + 1;
        const c = text.charCodeAt(after);
        quote = nextIndex(text, '"', after);
        if (c === delimiter) {
          cells.push(text.slice(i + 1, close));
          i = after + 1;
        } else if (after === newline || (c === CR && after + 1 === newline)) {
          last = text.slice(i + 1, close);
          break;
        } else return this.bail(cells);
      } else {
        let end = text.indexOf(delimiterChar, i);
        if (end === -1 || end > newline) end = newline;
        if (quote < end) return this.bail(cells);
        if (end === newline) {
          last = text.slice(i, newline);
          break;
        }
        cells.push(text.slice(i, end));
        i = end + 1;
      }
    }
    this.quoteAt = quote;
    this.cell = last;
    this.rowClean = this.textClean;
    this.endRowAtNewline();
    this.afterLineEnd();
    return newline + 1;
  }

  /** A row starts after a line end, which is its first character for the size limit. */
  private afterLineEnd(): void {
    this.rowChars = 1;
    if (this.rowChars > this.maxRowChars) {
      this.oversized = true;
      this.state = State.Unquoted;
    }
  }

  private bail(cells: string[]): -1 {
    cells.length = 0;
    return -1;
  }

  /**
   * Reads character by character from `from` until a row ends (returning where the next one starts) or
   * the text does (returning its length). The state lives in locals while the loop runs and is written
   * back before each cell or row is handed on. `base` counts the row's characters: after character i
   * the row has `i + 1 - base` of them (the line end that started it counts as the first), so the size
   * limit is reached at i === base + maxRowChars.
   */
  private scanChars(text: string, from: number): number {
    const n = text.length;
    const delimiter = this.delimiter;
    let state = this.state;
    let start = from; // start of the not-yet-copied part of the current cell in `text`
    const base = from - this.rowChars;
    let limit = this.oversized ? Infinity : base + this.maxRowChars;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (state) {
        case State.CellStart:
          if (c === QUOTE && !this.oversized) {
            state = State.Quoted;
            this.quoted = true;
            start = i + 1;
            break;
          }
          state = State.Unquoted;
          start = i;
        // falls through
        case State.Unquoted:
          if (c === delimiter) {
            this.cell += text.slice(start, i);
            this.endCell();
            state = State.CellStart;
            start = i + 1;
          } else if (c === NEWLINE) {
            this.cell += text.slice(start, i);
            this.endRowAtNewline();
            this.afterLineEnd();
            return i + 1;
          } else if (c === QUOTE && !this.pythonCsv) {
            this.problem ??= `cell ${this.cells.length + 1} has a quote inside an unquoted value`;
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.cell += text.slice(start, i);
            state = State.QuoteInQuoted;
            start = i + 1;
          } else if (c === NEWLINE) this.line++;
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.cell += '"';
            state = State.Quoted;
            start = i + 1;
          } else if (c === delimiter) {
            this.endCell();
            state = State.CellStart;
            start = i + 1;
          } else if (c === NEWLINE) {
            this.endRowAtNewline();
            this.afterLineEnd();
            return i + 1;
          } else if (c !== CR) {
            if (!this.pythonCsv) this.problem ??= `cell ${this.cells.length + 1} has text after its closing quote`;
            state = State.Unquoted;
            start = i;
          }
          break;
      }
      if (i >= limit) {
        this.oversized = true;
        this.cell = '';
        this.cells = [];
        state = State.Unquoted; // skip to the next line end, quotes or not
        limit = Infinity;
      }
    }
    this.state = state;
    this.rowChars = n - base;
    if (state === State.Unquoted || state === State.Quoted) {
      if (!this.oversized) this.cell += text.slice(start);
    }
    return n;
  }

  private endCell(): void {
    if (this.oversized) {
      this.cell = '';
      return;
    }
    this.cells.push(this.cell);
    this.cell = '';
  }

  private endRowAtNewline(): void {
    // A CR before the LF belongs to the line end, not the cell.
    if (this.cell.charCodeAt(this.cell.length - 1) === CR) this.cell = this.cell.slice(0, -1);
    this.finishRow();
    this.line++;
    this.rowsEnded++;
    this.rowLine = this.line;
  }

  private finishRow(): void {
    this.endCell();
    const cells = this.cells;
    // Python's csv module skips only an empty line: `""` is a row of one empty cell (and a line of spaces a row).
    const blank =
      cells.length === 1 && (this.pythonCsv ? cells[0] === '' && !this.quoted : cells[0]!.trim() === '') && !this.oversized && this.problem === undefined;
    if (!blank) {
      const row: CsvRow = { cells, line: this.rowLine, sheetRow: this.rowsEnded + 1 };
      if (this.problem !== undefined) row.problem = this.problem;
      if (this.oversized) row.oversized = true;
      if (this.rowClean) row.clean = true;
      this.onRow(row);
    }
    this.cells = [];
    this.cell = '';
    this.problem = undefined;
    this.oversized = false;
    this.quoted = false;
    this.rowClean = false;
    this.rowChars = 0;
    this.state = State.CellStart;
  }
}
