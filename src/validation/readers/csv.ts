/**
 * CSV: a header row, then one record per row, in the version's dialect (csv-dialect.ts: delimiter,
 * header rule, boolean spellings, encoding). A header `address.postcode` writes a nested field. Each
 * cell's text is converted to the type the schema gives its field (integer, number, boolean), an empty
 * cell is an absent field, and text that does not convert stays text so the schema reports it.
 *
 * The header is diagnosed once (csv-header.ts): a column the standard does not have, a misspelt one or
 * a missing required one is one file finding, and its cells are left out of the rows (or its absence is
 * not reported again on each row); an exact header wrong only in the case or order of its columns is one
 * finding, and its rows are read by name, so their findings come in the same pass. A header that is one
 * cell holding another delimiter is refused, naming the delimiter the file seems to use. A column whose
 * name nests deeper than a record may (MAX_RECORD_DEPTH: 64 dots or more) is one `record-too-deep` header
 * finding, and its cells are not read (nor is the name looked up in the schema).
 */
import { CsvRowSplitter, type CsvRow } from './csv-rows.js';
import { DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_DEPTH, TOO_DEEP_RULE, type RecordReader, type RecordSink } from './types.js';
import { InputError } from '../errors.js';
import { DEFAULT_DIALECT, delimiterAdvice, type BooleanSpelling, type CsvLayout } from './csv-dialect.js';
import { columnList, diagnoseHeader } from './csv-header.js';
import { convert, rowBuilder, type CsvColumn, type NumberSpelling, type RowBuilder } from './csv-record.js';
import { UndefinedByteWatch } from './undefined-bytes.js';
import { NOT_UTF8_MARK } from './utf8-decoder.js';
import { groupDigits, MAX_RECORD_VALUES, occurrences } from './text.js';

export type { CellKind, CsvColumn } from './csv-record.js';

/** Gives the column for a header name, from the schema. */
export type ColumnResolver = (header: string) => CsvColumn;

/** Sets an own field (plain assignment to `__proto__` would set the prototype instead). */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

const ENCODING_MESSAGE = 'contains bytes that are not valid UTF-8; save the file as UTF-8';
const EMPTY_ROW_MESSAGE = 'the row has no values, only delimiters, as a spreadsheet saves a row it once used: delete the row';
const BLANK_ROW_MESSAGE = 'the row has no values, only spaces or tabs: delete the row';
/** A cell of nothing but spaces and tabs (or nothing). */
const BLANK_CELL = /^[ \t]*$/;

/** Delimiters a file may use instead of the declared one, for the header's one-cell check. */
const OTHER_DELIMITERS = [',', ';', '\t', '|'];

/** The header finding for columns (1-based) whose names nest deeper than MAX_RECORD_DEPTH: one for them all. */
function tooDeepColumns(columns: readonly number[]): string {
  const which = columns.length === 1 ? `column ${columns[0]} names a field` : `${columns.length} columns (${columnList(columns)}) name fields`;
  const their = columns.length === 1 ? 'its' : 'their';
  return `${which} nested more than ${MAX_RECORD_DEPTH} levels deep (${MAX_RECORD_DEPTH} dots or more), deeper than a record may nest, so ${their} cells are not read: name fields at most ${MAX_RECORD_DEPTH} levels deep (${MAX_RECORD_DEPTH - 1} dots)`;
}

export class CsvReader implements RecordReader {
  private readonly splitter: CsvRowSplitter;
  private columns: (CsvColumn | undefined)[] | undefined;
  /** Builds the record of a row with one cell per column, when the header allows (csv-record.ts). */
  private build: RowBuilder | undefined;
  private readonly booleans: BooleanSpelling;
  private readonly lenientCells: boolean;
  /** Lenient cells read numbers as Python does (csv-record.ts). */
  private readonly numbers: NumberSpelling;
  /** Whether the text began with a byte-order mark, which an `exact` header rule counts as part of its first name. */
  private bom = false;
  /** Lenient cells: rows with more or fewer cells than the header, and the line of the first. */
  private ragged = { rows: 0, firstLine: 0 };
  /**
   * With the Windows-1252 fallback (utf-8-or-windows-1252): the bytes it has no character for, one file
   * error (undefined-bytes.ts). U+FFFD in a cell is then such a byte or UTF-8's own U+FFFD, never a byte
   * that is not UTF-8, so it is not the row's `encoding` finding. Without the fallback a byte that is not
   * UTF-8 reads as NOT_UTF8_MARK (utf8-decoder.ts), and U+FFFD is always the file's own character.
   */
  private readonly undefinedBytes: UndefinedByteWatch | undefined;
  /** Data rows read (each is one record, read or unreadable). */
  private records = 0;
  /**
   * A header in any order whose last cells name nothing (a spreadsheet saves such columns when cells to the
   * right of the data were once used): the named columns, and the header's cells in all. Those columns are
   * read as empty; a row with a value under them is unreadable.
   */
  private unnamed: { named: number; total: number } | undefined;
  /**
   * Under a header in any order, a row of delimiters alone, or of cells holding only spaces and tabs, is
   * one `csv-empty-row` finding rather than a `required` or `csv-columns` finding (an exact header reads
   * it as the national pipeline does). A line of spaces and tabs with no delimiter is no row at all, as an
   * empty line is (csv-rows.ts), except where rows are cut as Python's csv module cuts them.
   */
  private readonly emptyRows: boolean;

  constructor(
    private readonly sink: RecordSink,
    private readonly resolveColumn: ColumnResolver,
    maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
    /** The version's layout; without one, any columns in the default dialect, not diagnosed. */
    private readonly layout?: CsvLayout,
  ) {
    const dialect = layout?.dialect ?? DEFAULT_DIALECT;
    this.booleans = dialect.booleans;
    this.lenientCells = dialect.cells === 'lenient';
    this.numbers = this.lenientCells ? 'python' : 'plain';
    this.emptyRows = dialect.header !== 'exact';
    const fallback = dialect.encoding === 'utf-8-or-windows-1252';
    const watch = fallback ? new UndefinedByteWatch() : undefined;
    this.undefinedBytes = watch;
    this.splitter = new CsvRowSplitter((row) => this.row(row), maxRecordBytes, {
      delimiter: dialect.delimiter,
      pythonCsv: this.lenientCells,
      windows1252Fallback: fallback,
      onFileProblem: (rule, message, severity) => this.sink.fileProblem(rule, message, severity),
      ...(watch ? { onUndefinedBytes: (found) => watch.found(found) } : {}),
    });
  }

  byteOrderMark(): void {
    this.bom = true;
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    const undefinedByte = this.undefinedBytes?.finding(this.records);
    if (undefinedByte !== undefined) this.sink.fileProblem(undefinedByte.rule, undefinedByte.message, 'error', undefinedByte.line);
    if (this.columns === undefined) this.sink.fileProblem('csv-header', 'the file has no header row');
    const { rows, firstLine } = this.ragged;
    if (rows > 0) {
      const what = rows === 1 ? `1 row has` : `${rows} rows have`;
      this.sink.fileProblem(
        'csv-columns',
        `${what} more or fewer cells than the header (the first on line ${firstLine}); read as this standard's dialect says: missing cells are empty, extra cells are ignored`,
        'warning',
      );
    }
  }

  /** Refuses a one-cell header that holds another delimiter: the file uses a different one. */
  private checkDelimiter(cells: string[]): void {
    const layout = this.layout;
    if (!layout || cells.length !== 1 || layout.fields.length < 2) return;
    const declared = layout.dialect.delimiter;
    const counts = OTHER_DELIMITERS.filter((d) => d !== declared).map((d) => [d, occurrences(cells[0]!, d)] as const);
    const [found, count] = counts.reduce((best, next) => (next[1] > best[1] ? next : best));
    if (count === 0) return;
    throw new InputError('csv-header', delimiterAdvice(found, declared));
  }

  private header(row: CsvRow): (CsvColumn | undefined)[] {
    if (row.problem !== undefined || row.oversized)
      throw new InputError('csv-header', `the header row (line ${row.line}) is malformed: ${row.problem ?? 'it is too long'}`);
    // Each column is looked up in the schema and gets a reader: a header of millions of short names (one
    // 15 MB line) held the service's main thread for seconds. No record may hold more values than this.
    if (row.cells.length > MAX_RECORD_VALUES) {
      throw new InputError(
        'csv-header',
        `the header row (line ${row.line}) has ${groupDigits(row.cells.length)} columns, more than the ${groupDigits(MAX_RECORD_VALUES)} a record may hold; check that the first line is the header and that the file uses this standard's delimiter`,
      );
    }
    // Rows end at LF or CRLF: a file whose lines end in CR alone (classic Mac OS, some old exports) is one
    // long header row, which would be answered with unknown and missing columns and no records.
    if (row.cells.some((cell) => cell.includes('\r'))) {
      throw new InputError(
        'csv-header',
        `the header row (line ${row.line}) holds a carriage return (CR) that does not end a line: the file's lines seem to end with CR alone; save it with LF or CRLF line endings`,
      );
    }
    this.checkDelimiter(row.cells);
    const cells = this.trailingUnnamed(row.cells);
    const seen = new Map<string, number>();
    // Columns whose dotted names nest deeper than a record may (1-based): not looked up, and their cells not read.
    const tooDeep: number[] = [];
    const columns = cells.map((cell, index) => {
      const name = cell.trim();
      if (name === '')
        throw new InputError('csv-header', `the header row names no field for column ${index + 1}: give the column its field's name, or delete it`);
      if (name.includes(NOT_UTF8_MARK)) throw new InputError('csv-header', 'the header row is not valid UTF-8; save the file as UTF-8');
      // With the fallback, U+FFFD is a byte Windows-1252 has no character for only when the watch found one in the header.
      const undefinedByte = name.includes('\uFFFD') ? this.undefinedBytes?.headerMessage(row.line, row.cells) : undefined;
      if (undefinedByte !== undefined) throw new InputError('encoding', undefinedByte);
      const earlier = seen.get(name);
      if (earlier !== undefined) throw new InputError('csv-header', `the header row names "${name}" twice (columns ${earlier} and ${index + 1})`);
      seen.set(name, index + 1);
      if (occurrences(name, '.') >= MAX_RECORD_DEPTH) {
        tooDeep.push(index + 1);
        return undefined;
      }
      return this.resolveColumn(name);
    });
    if (tooDeep.length > 0) this.sink.fileProblem(TOO_DEEP_RULE, tooDeepColumns(tooDeep));
    for (const [name, column] of seen) {
      if (columns[column - 1] === undefined) continue; // too deep: not read
      for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
        const parent = name.slice(0, dot);
        if (seen.has(parent)) throw new InputError('csv-header', `the header row names both "${parent}" and "${name}", which is inside it`);
      }
    }
    if (!this.layout) return columns;
    // The names as written, for an exact header: Python's csv module keeps the white space around a name,
    // and a file read as UTF-8 (not UTF-8-with-signature) keeps a byte-order mark in the first one.
    const written = cells.map((cell, i) => (i === 0 && this.bom ? `\uFEFF${cell}` : cell));
    const diagnosis = diagnoseHeader([...seen.keys()], this.layout, written, new Set(tooDeep.map((column) => column - 1)));
    for (const finding of diagnosis.findings) this.sink.fileProblem(finding.rule, finding.message);
    if (diagnosis.missing.size > 0) this.sink.muteRequired?.(diagnosis.missing);
    return columns.map((column, i) => {
      // A column in another case than its field, under an exact header wrong only in case or order: read as that field.
      const field = diagnosis.recased.get(i);
      if (field !== undefined && column !== undefined) return this.resolveColumn(field);
      return diagnosis.skipped[i] ? undefined : column;
    });
  }

  /**
   * The header's cells without the unnamed ones at its end. One finding says which columns they are and how
   * to fix it: a warning under a header in any order (they are read as empty); an error under an exact
   * header (compared as written, it is not the standard's columns), told with the header's other faults
   * (a byte-order mark, a name's case) in the same pass rather than refusing the file before them.
   */
  private trailingUnnamed(cells: string[]): string[] {
    let named = cells.length;
    while (named > 0 && cells[named - 1]!.trim() === '') named--;
    if (named === cells.length || named === 0) return cells;
    const total = cells.length;
    this.unnamed = { named, total };
    const which = total - named === 1 ? `1 column with no name (column ${total})` : `${total - named} columns with no name (columns ${named + 1} to ${total})`;
    const exact = this.layout?.dialect.header === 'exact';
    const effect = exact
      ? `this standard's header must be exactly its ${this.layout.fields.length} columns`
      : 'they are read as empty, and a row with a value in them is not read';
    this.sink.fileProblem(
      'unnamed-columns',
      `the header row ends with ${which}, as a spreadsheet saves when cells to the right of the data were once used; ${effect}: delete those columns`,
      exact ? 'error' : 'warning',
    );
    return cells.slice(0, named);
  }

  /** A row's cells without the empty ones under the header's unnamed columns, or a reason it cannot be read. */
  private dropUnnamed(cells: string[]): string[] | string {
    const { named, total } = this.unnamed!;
    if (cells.length <= named) return cells;
    const last = Math.min(cells.length, total);
    for (let i = named; i < last; i++) {
      if (cells[i] !== '') return `the row has a value in column ${i + 1}, which the header row does not name`;
    }
    return cells.length > total ? cells : cells.slice(0, named);
  }

  private row(row: CsvRow): void {
    if (this.columns === undefined) {
      this.columns = this.header(row);
      this.build = rowBuilder(this.columns, this.booleans, this.numbers);
      return;
    }
    const { sink } = this;
    this.undefinedBytes?.row(row.line, this.records);
    this.records++;
    // With the Windows-1252 fallback every byte reads as a character: no byte is the row's `encoding` finding.
    const checkUtf8 = this.undefinedBytes === undefined;
    if (row.oversized) return sink.unreadable(row.line, 'record-too-large', 'the row is larger than the record size limit', row.sheetRow);
    if (row.problem !== undefined) return sink.unreadable(row.line, 'csv-syntax', `malformed CSV: ${row.problem}`, row.sheetRow);
    let { cells } = row;
    if (this.unnamed !== undefined) {
      const kept = this.dropUnnamed(cells);
      if (typeof kept === 'string') return sink.unreadable(row.line, 'csv-columns', kept, row.sheetRow);
      cells = kept;
    }
    // The first cell first: an ordinary row has a value there, and is decided by one test.
    if (this.emptyRows && BLANK_CELL.test(cells[0]!) && cells.every((cell) => BLANK_CELL.test(cell))) {
      const delimitersOnly = cells.length > 1 && cells.every((cell) => cell === '');
      return sink.unreadable(row.line, 'csv-empty-row', delimitersOnly ? EMPTY_ROW_MESSAGE : BLANK_ROW_MESSAGE, row.sheetRow);
    }
    const columns = this.columns;
    if (cells.length !== columns.length && this.lenientCells && this.ragged.rows++ === 0) this.ragged.firstLine = row.line;
    if (cells.length !== columns.length && !this.lenientCells) {
      return sink.unreadable(
        row.line,
        'csv-columns',
        `the row has ${cells.length} cells; the header has ${this.unnamed?.total ?? columns.length}`,
        row.sheetRow,
      );
    }
    const build = this.build;
    if (build !== undefined && cells.length === columns.length) {
      if (row.clean !== true && checkUtf8) {
        for (let i = 0; i < cells.length; i++) {
          if (cells[i]!.includes(NOT_UTF8_MARK)) return sink.unreadable(row.line, 'encoding', ENCODING_MESSAGE, row.sheetRow);
        }
      }
      return sink.record(build(cells), row.line, row.sheetRow);
    }
    const record: Record<string, unknown> = {};
    const n = Math.min(cells.length, columns.length); // lenient: missing cells are empty, extra ones ignored
    for (let i = 0; i < n; i++) {
      const text = cells[i]!;
      if (text === '') continue;
      if (checkUtf8 && text.includes(NOT_UTF8_MARK)) return sink.unreadable(row.line, 'encoding', ENCODING_MESSAGE, row.sheetRow);
      const column = columns[i];
      if (column === undefined) continue; // a column the standard does not have: one header finding says so
      const value = convert(text, column.kind, this.booleans, this.numbers);
      const { segments } = column;
      let target = record;
      for (let s = 0; s < segments.length - 1; s++) {
        const key = segments[s]!;
        // Own properties only: a header such as `__proto__.x` or `constructor.prototype.x` must make a
        // field of that name, never reach Object.prototype.
        let next = Object.hasOwn(target, key) ? target[key] : undefined;
        if (next === undefined) setField(target, key, (next = {}));
        target = next as Record<string, unknown>;
      }
      setField(target, segments[segments.length - 1]!, value);
    }
    sink.record(record, row.line, row.sheetRow);
  }
}
