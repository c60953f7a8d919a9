/**
 * The field names at the start of a file, without validating it: a CSV header's columns, or the fields of
 * the first JSON or NDJSON records (nested fields dotted, as a CSV header writes them). Reads at most
 * SAMPLE_BYTES (after decompression: gzip is recognised by its magic bytes). The suggestions and the
 * column mappings read the header with the same two helpers (headerRowEnd, headerCells).
 */
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { InputFormat } from './report-types.js';
import { InputError } from './errors.js';
import { startOfText } from './input.js';
import { MAX_RECORD_DEPTH } from './readers/types.js';

/** The most bytes of a file read for its field names. */
export const SAMPLE_BYTES = 64 * 1024;
/** The most records of a JSON or NDJSON sample read, and the most names kept. */
const SAMPLE_RECORDS = 50;
const MAX_NAMES = 1000;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The end of the header row (the index of its line feed, outside quotes), or -1 when the text has none. */
export function headerRowEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted) return i;
  }
  return -1;
}

/** The header row's cells (trimmed), split by the delimiter it uses most often outside quotes (a comma by default). */
export function headerCells(line: string): { cells: string[]; delimiter: string } {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  const delimiter = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [',', 0])[0];
  try {
    // The line ends named: csv-parse's discovery of them took ten times as long on a long header (60 ms for 10,000 columns).
    const rows: string[][] = parse(line.replace(/\r$/, ''), {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
    return { cells: (rows[0] ?? []).map((cell) => cell.trim()), delimiter };
  } catch {
    return { cells: line.split(delimiter).map((cell) => cell.replace(/^"|"$/g, '').trim()), delimiter };
  }
}

/** Up to SAMPLE_BYTES of the decoded text at the start of `head` (inflated when it is gzip). */
async function decodedStart(head: Buffer): Promise<Buffer> {
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return head.subarray(0, SAMPLE_BYTES);
  const inflater = createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  const done = new Promise<void>((resolve, reject) => {
    inflater.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= SAMPLE_BYTES) {
        inflater.destroy();
        resolve();
      }
    });
    inflater.on('end', resolve);
    inflater.on('close', resolve);
    // The head of a larger file is a gzip stream cut short: what inflated before the cut is the sample.
    inflater.on('error', (error: NodeJS.ErrnoException) => (size > 0 || error.code === 'Z_BUF_ERROR' ? resolve() : reject(error)));
  });
  inflater.end(head);
  try {
    await done;
  } catch {
    throw new InputError('corrupt-gzip', 'the gzip data is corrupt');
  }
  return Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
}

/**
 * A record's field names, into `out`: leaves dotted (`address.postcode`); an array or an empty object is a
 * field itself. False when its objects nest more than MAX_RECORD_DEPTH levels deep (`depth`: the level of
 * `value`), where the walk stops: such a record is unreadable when validated, and names no fields here
 * (a sample of 64 KiB holds some 13,000 levels, which overflowed the stack: a 500 from the suggestions).
 */
function leafNames(value: unknown, prefix: string, out: string[], depth = 1): boolean {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    if (depth > MAX_RECORD_DEPTH) return false;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (!leafNames(inner, prefix === '' ? key : `${prefix}.${key}`, out, depth + 1)) return false;
    }
  } else if (prefix !== '') out.push(prefix);
  return true;
}

/** The complete top-level values of a JSON array's text, which may be cut short. */
function arrayElements(text: string): string[] {
  const elements: string[] = [];
  let depth = 0;
  let quoted = false;
  let escaped = false;
  let start = -1;
  for (let i = text.indexOf('[') + 1; i > 0 && i < text.length && elements.length < SAMPLE_RECORDS; i++) {
    const c = text[i]!;
    if (quoted) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        elements.push(text.slice(start, i + 1));
        start = -1;
      }
      if (depth < 0) break;
    }
  }
  return elements;
}

function parsed(texts: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const text of texts) {
    try {
      values.push(JSON.parse(text));
    } catch {
      // an unreadable record names no fields
    }
  }
  return values;
}

/**
 * The field names at the start of a file. `complete` says `head` is the whole file (so a header row
 * without a line feed is whole); a CSV header row longer than SAMPLE_BYTES is refused (too-large).
 */
export async function sampleFieldNames(head: Buffer, format: InputFormat, complete: boolean): Promise<string[]> {
  // Refused and trimmed as validation does: UTF-16, a binary document, a UTF-8 byte-order mark.
  const bytes = startOfText(await decodedStart(head));
  const text = bytes.toString('utf8');
  if (format === 'csv') {
    const end = headerRowEnd(text);
    if (end === -1 && (!complete || bytes.length >= SAMPLE_BYTES)) {
      throw new InputError('too-large', `the header row is longer than ${SAMPLE_BYTES / 1024} KiB`);
    }
    return headerCells(end === -1 ? text : text.slice(0, end))
      .cells.filter((cell) => cell !== '')
      .slice(0, MAX_NAMES);
  }
  const names = new Set<string>();
  let records: unknown[];
  if (format === 'ndjson') {
    const lines = text.split('\n');
    if (!complete || bytes.length >= SAMPLE_BYTES) lines.pop();
    records = parsed(lines.filter((line) => line.trim() !== '').slice(0, SAMPLE_RECORDS));
  } else {
    const trimmed = text.trimStart();
    records = trimmed.startsWith('[') ? parsed(arrayElements(trimmed)) : parsed([trimmed]);
  }
  for (const record of records) {
    const own: string[] = [];
    if (!leafNames(record, '', own)) continue;
    for (const name of own) if (names.size < MAX_NAMES) names.add(name);
  }
  return [...names];
}
