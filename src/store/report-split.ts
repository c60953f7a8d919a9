/**
 * A stored report's JSON in pieces, so that the thread that serves it never parses it in one stretch. A
 * report of 100,000 findings is some 13 to 26 MB of JSON: read and parsed at once on the event loop it held
 * every other request (and /health) 0.2 to 0.45 s. `splitReport` (on the report reader's thread) parses the
 * text and writes it again as a head (the report with its long arrays emptied) and those arrays' items in
 * pieces of at most PIECE_ITEMS, all in one buffer; `joinReport` (on the serving thread) parses the head,
 * then each piece on a turn of the event loop of its own, and gives the same value as `JSON.parse(text)`.
 */

/** Items of a long array parsed in one turn of the event loop (some 1 to 3 ms for a report's findings). */
export const PIECE_ITEMS = 500;

/** A byte range of the split's buffer: [start, end). */
export type Span = [number, number];

export interface SplitReport {
  /** The head and every piece, UTF-8, one after another. */
  bytes: Uint8Array;
  head: Span;
  /** The long arrays taken out of the head: where each was (a key, or a key and a key of its value) and its pieces. */
  arrays: { path: string[]; pieces: Span[] }[];
}

/** A job of the report reader's thread (report-worker.ts): a report to read from the SQLite file by id, or its text. */
export type ReportJob = { file: string; id: string } | { text: string };
/** Its answer: the report split, none (no such submission), or why it could not be read (never the report's text). */
export type ReportAnswer = { found: true; split: SplitReport } | { found: false; error?: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The long arrays of a report: its own values' and its values' values' (the findings, the row outcomes' runs). */
function longArrays(report: unknown): string[][] {
  if (!isObject(report)) return [];
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(report)) {
    if (Array.isArray(value) && value.length > PIECE_ITEMS) paths.push([key]);
    else if (isObject(value)) for (const [inner, item] of Object.entries(value)) if (Array.isArray(item) && item.length > PIECE_ITEMS) paths.push([key, inner]);
  }
  return paths;
}

/** Parses a stored report's text and writes it as a head and pieces (see the module comment). */
export function splitReport(text: string): SplitReport {
  const report = JSON.parse(text) as unknown;
  const texts: string[] = [];
  const arrays: { path: string[]; count: number }[] = [];
  for (const path of longArrays(report)) {
    const parent = (path.length === 1 ? report : (report as Json)[path[0]!]) as Json;
    const key = path.at(-1)!;
    const items = parent[key] as unknown[];
    parent[key] = [];
    let count = 0;
    for (let i = 0; i < items.length; i += PIECE_ITEMS, count++) texts.push(JSON.stringify(items.slice(i, i + PIECE_ITEMS)));
    arrays.push({ path, count });
  }
  const head = JSON.stringify(report);
  const sizes = [Buffer.byteLength(head), ...texts.map((t) => Buffer.byteLength(t))];
  const bytes = Buffer.allocUnsafe(sizes.reduce((a, b) => a + b, 0));
  const spans: Span[] = [];
  let at = 0;
  [head, ...texts].forEach((t, i) => {
    bytes.write(t, at, 'utf8');
    spans.push([at, at + sizes[i]!]);
    at += sizes[i]!;
  });
  let next = 1;
  return { bytes, head: spans[0]!, arrays: arrays.map(({ path, count }) => ({ path, pieces: spans.slice(next, (next += count)) })) };
}

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The report a split holds, parsed a piece per turn of the event loop (see the module comment). */
export async function joinReport(split: SplitReport): Promise<unknown> {
  const bytes = Buffer.from(split.bytes.buffer, split.bytes.byteOffset, split.bytes.byteLength);
  const text = ([start, end]: Span): string => bytes.toString('utf8', start, end);
  const report = JSON.parse(text(split.head)) as Json;
  for (const { path, pieces } of split.arrays) {
    const parent = (path.length === 1 ? report : report[path[0]!]) as Json;
    const items = parent[path.at(-1)!] as unknown[];
    for (const piece of pieces) {
      await yieldTurn();
      for (const item of JSON.parse(text(piece)) as unknown[]) items.push(item);
    }
  }
  return report;
}
