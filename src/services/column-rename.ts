/**
 * The column mapping applied at the input boundary, before the engine reads a CSV: the header row's cells
 * are renamed by the organisation's mapping (their name -> the standard's field), and every other byte
 * passes through untouched. The file is decoded first (gzip inflated, a byte-order mark dropped; the
 * engine's own decodeInput, so the size limit still counts bytes after decompression); the report's
 * `gzip` and `compressedBytes` come from `counters`. A header row the rename cannot read (longer than
 * SAMPLE_BYTES) passes through unchanged, for the engine to report.
 */
import { isUtf8 } from 'node:buffer';
import { stringify } from 'csv-stringify/sync';
import { decodeInput, type InputCounters } from '../validation/input.js';
import { SAMPLE_BYTES, headerCells, headerRowEnd } from '../validation/sample-fields.js';

export interface Renamed {
  column: string;
  field: string;
}

/** The header row with each mapped cell renamed (quoted where needed, in its own delimiter), and what was renamed. */
export function renameHeaderRow(row: string, mapping: ReadonlyMap<string, string>): { row: string; renamed: Renamed[] } {
  const { cells, delimiter } = headerCells(row);
  const renamed: Renamed[] = [];
  const out = cells.map((cell) => {
    const field = mapping.get(cell);
    if (field === undefined) return cell;
    renamed.push({ column: cell, field });
    return field;
  });
  if (renamed.length === 0) return { row, renamed };
  const ending = row.endsWith('\r') ? '\r' : '';
  return { row: stringify([out], { delimiter, record_delimiter: '' }) + ending, renamed };
}

export async function* renameCsvHeader(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  mapping: ReadonlyMap<string, string>,
  counters: InputCounters,
  maxBytes: number,
  renamed: Renamed[],
): AsyncGenerator<Buffer> {
  // Held until the header row is whole (its line feed, outside quotes); then everything passes through.
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of decodeInput(asAsync(source), counters, maxBytes)) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    // Latin-1 keeps one character per byte, so the index found is a byte offset (quotes and line feeds are ASCII).
    const end = headerRowEnd(head.toString('latin1'));
    if (end === -1 && head.length < SAMPLE_BYTES) continue;
    yield end === -1 ? head : rewrite(head, end, mapping, renamed);
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield rewrite(head, head.length, mapping, renamed);
}

/**
 * The bytes with the header row (up to `end`, a line feed or the end) renamed. A header row that is not
 * UTF-8 (a Windows-1252 batch file, or a bad byte) is read and written one character per byte (Latin-1),
 * so each byte the rename does not replace passes through as it came, for the reader to read (Windows-1252)
 * or refuse (a byte that is not UTF-8): decoded as UTF-8 and written back, such a byte would become
 * U+FFFD's own bytes, a valid character, and the file's fault would be hidden.
 */
function rewrite(bytes: Buffer, end: number, mapping: ReadonlyMap<string, string>, renamed: Renamed[]): Buffer {
  const header = bytes.subarray(0, end);
  const encoding = isUtf8(header) ? 'utf8' : 'latin1';
  const result = renameHeaderRow(header.toString(encoding), mapping);
  if (result.renamed.length === 0) return bytes;
  renamed.push(...result.renamed);
  return Buffer.concat([Buffer.from(result.row, encoding), bytes.subarray(end)]);
}

async function* asAsync(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  yield* source;
}
