/**
 * CSV: a header row, then one record per row. A header `address.postcode` writes a nested field. Each
 * cell's text is converted to the type the schema gives its field (integer, number, boolean), an empty
 * cell is an absent field, and text that does not convert stays text so the schema reports it.
 */
import { CsvRowSplitter, type CsvRow } from './csv-rows.js';
import { DEFAULT_MAX_RECORD_BYTES, type RecordReader, type RecordSink } from './types.js';
import { InputError } from '../errors.js';

export type CellKind = 'string' | 'integer' | 'number' | 'boolean';

/** How a column maps onto a record: the path segments of its header and the type its cells take. */
export interface CsvColumn {
  segments: string[];
  kind: CellKind;
}

/** Gives the column for a header name, from the schema. */
export type ColumnResolver = (header: string) => CsvColumn;

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function convert(text: string, kind: CellKind): unknown {
  switch (kind) {
    case 'integer':
      return INTEGER.test(text) ? Number(text) : text;
    case 'number':
      return NUMBER.test(text) ? Number(text) : text;
    case 'boolean':
      if (text === 'true' || text === 'TRUE' || text === 'True') return true;
      if (text === 'false' || text === 'FALSE' || text === 'False') return false;
      return text;
    default:
      return text;
  }
}

/** Sets an own field (plain assignment to `__proto__` would set the prototype instead). */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

export class CsvReader implements RecordReader {
  private readonly splitter: CsvRowSplitter;
  private columns: CsvColumn[] | undefined;

  constructor(
    private readonly sink: RecordSink,
    private readonly resolveColumn: ColumnResolver,
    maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  ) {
    this.splitter = new CsvRowSplitter((row) => this.row(row), maxRecordBytes);
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    if (this.columns === undefined) this.sink.fileProblem('csv-header', 'the file has no header row');
  }

  private header(row: CsvRow): CsvColumn[] {
    if (row.problem !== undefined || row.oversized)
      throw new InputError('csv-header', `the header row (line ${row.line}) is malformed: ${row.problem ?? 'it is too long'}`);
    const seen = new Map<string, number>();
    const columns = row.cells.map((cell, index) => {
      const name = cell.trim();
      if (name === '') throw new InputError('csv-header', `the header row names no field for column ${index + 1}`);
      if (name.includes('\uFFFD')) throw new InputError('csv-header', 'the header row is not valid UTF-8; save the file as UTF-8');
      const earlier = seen.get(name);
      if (earlier !== undefined) throw new InputError('csv-header', `the header row names "${name}" twice (columns ${earlier} and ${index + 1})`);
      seen.set(name, index + 1);
      return this.resolveColumn(name);
    });
    for (const name of seen.keys()) {
      for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
        const parent = name.slice(0, dot);
        if (seen.has(parent)) throw new InputError('csv-header', `the header row names both "${parent}" and "${name}", which is inside it`);
      }
    }
    return columns;
  }

  private row(row: CsvRow): void {
    if (this.columns === undefined) {
      this.columns = this.header(row);
      return;
    }
    const { sink } = this;
    if (row.oversized) return sink.unreadable(row.line, 'record-too-large', 'the row is larger than the record size limit');
    if (row.problem !== undefined) return sink.unreadable(row.line, 'csv-syntax', `malformed CSV: ${row.problem}`);
    const { cells } = row;
    const columns = this.columns;
    if (cells.length !== columns.length) {
      return sink.unreadable(row.line, 'csv-columns', `the row has ${cells.length} cells; the header has ${columns.length}`);
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i]!;
      if (text === '') continue;
      if (text.includes('\uFFFD')) return sink.unreadable(row.line, 'encoding', 'contains bytes that are not valid UTF-8; save the file as UTF-8');
      const column = columns[i]!;
      const value = convert(text, column.kind);
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
    sink.record(record, row.line);
  }
}
