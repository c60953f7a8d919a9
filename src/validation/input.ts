/**
 * Turns a byte source into the decoded bytes the readers take: gzip is recognised by its magic bytes
 * (whatever the file is called) and inflated as it streams, a UTF-8 byte-order mark is dropped, and a
 * UTF-16 file is refused with a precise error. Counts bytes before and after decompression.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { InputError } from './errors.js';
import { binaryDocumentKind } from './input-format.js';

/**
 * The words of a file over the submission limit, on every face, whether it is found on reading (here) or
 * from the length a request declares before it is read (services/submissions.ts).
 */
export const tooLargeWords = (maxBytes: number, gzip: boolean): string =>
  `the data is larger than the limit of ${sizeWords(maxBytes)}${gzip ? ' (counted after decompression)' : ''}: ` +
  'split the file into smaller files (for a CSV, each beginning with the header row) and send each, or ask for the limit (CONFORM_MAX_SUBMISSION_BYTES) to be raised';
import { sizeWords } from './size-words.js';

export interface InputCounters {
  /** Bytes read from the source. */
  received: number;
  /** Bytes after decompression (equal to `received` when not compressed). */
  decoded: number;
  gzip: boolean;
  /** Set when the text began with a UTF-8 byte-order mark, which is dropped. */
  bom?: boolean;
}

function isGzip(chunk: Buffer): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

async function* counted(first: Buffer, rest: AsyncIterator<Buffer>, counters: InputCounters): AsyncGenerator<Buffer> {
  counters.received += first.length;
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    counters.received += next.value.length;
    yield next.value;
  }
}

/**
 * Compressed bytes read ahead of the inflater, at most. A client that goes away closes its connection
 * behind the bytes it already sent, and the close is seen only once they are read: read at the pace of
 * inflating and validating them (each about 150 bytes inflated for a byte of a repetitive file), 500 KB
 * left in the socket's buffers kept the service working for seconds. Read ahead, they cost their size.
 */
export const GZIP_READ_AHEAD_BYTES = 1024 * 1024;

async function* copies(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk);
}

/**
 * The inflated bytes of a gzip source. When `signal` fires (the client went away), the pipeline is
 * destroyed at once: what was read ahead is dropped and the next read of the inflated bytes throws the
 * signal's reason, whatever the inflater still held.
 */
async function* gunzip(source: AsyncIterable<Buffer>, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const inflater = createGunzip();
  // Read ahead, each chunk is copied: a source may read its next chunks into the buffers of those it gave (readChunks).
  const input = Readable.from(copies(source), { objectMode: false, highWaterMark: GZIP_READ_AHEAD_BYTES });
  input.on('error', (error) => inflater.destroy(error));
  const stop = (): void => {
    input.destroy();
    inflater.destroy(signal!.reason as Error);
  };
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  input.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_BUFFER_TOO_LARGE' || /unexpected end of file/i.test(String(error))) {
      throw new InputError('corrupt-gzip', `the gzip data is corrupt or cut short (${code || 'unexpected end of file'})`);
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    input.destroy();
    inflater.destroy();
  }
}

function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

/**
 * Throws for a UTF-16 byte-order mark or a binary document's signature (a workbook, an archive, a PDF)
 * and drops a UTF-8 byte-order mark; `data` holds the first decoded bytes.
 */
export function startOfText(data: Buffer): Buffer {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    throw new InputError('encoding', 'the file is UTF-16 encoded; save it as UTF-8');
  }
  const binary = binaryDocumentKind(data);
  if (binary !== undefined) throw new InputError('encoding', `the file is ${binary}`);
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

/**
 * A source declared gzip (Content-Encoding: gzip): its bytes as they come, once they begin as gzip does.
 * A body so labelled that is not gzip is refused rather than read as plain text (gzip is otherwise
 * recognised by its content, so the label alone would not be checked); a truncated or corrupt one, and
 * one that inflates past the limit, are refused as any gzip source is (decodeInput).
 */
export async function* declaredGzip(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of source) {
    if (head === undefined) {
      yield asBuffer(chunk);
      continue;
    }
    head = Buffer.concat([head, asBuffer(chunk)]);
    if (head.length < 2) continue;
    if (!isGzip(head)) throw notGzip();
    yield head;
    head = undefined;
  }
  if (head !== undefined) throw notGzip();
}

const notGzip = (): InputError =>
  new InputError(
    'corrupt-gzip',
    'the body is declared gzip (Content-Encoding: gzip) but is not gzip data; send it compressed with gzip, or without that header',
  );

/** Raw bytes needed to recognise gzip (2); decoded bytes needed for a byte-order mark (3) or a document's signature (8). */
const HEAD_BYTES = 3;
export const TEXT_HEAD_BYTES = 8;

/**
 * The decoded bytes of a source. `maxBytes` limits the bytes after decompression, so a small gzip that
 * inflates enormously (a gzip bomb) stops at the limit; `signal` (the client went away) stops inflating.
 */
export async function* decodeInput(
  source: AsyncIterable<Buffer | string>,
  counters: InputCounters,
  maxBytes = Number.POSITIVE_INFINITY,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = asBuffer(next.value);
    if (chunk.length > 0) head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
  }
  if (head.length === 0) return;
  const raw: AsyncIterator<Buffer> = {
    next: async () => {
      if (ended) return { done: true, value: undefined };
      const n = await iterator.next();
      return n.done ? n : { done: false, value: asBuffer(n.value) };
    },
    return: async () => {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  counters.gzip = isGzip(head);
  const bytes = counters.gzip ? gunzip(counted(head, raw, counters), signal) : counted(head, raw, counters);
  // Decoded bytes are held until the first TEXT_HEAD_BYTES are known (gzip output may come in tiny pieces).
  let start: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of bytes) {
    counters.decoded += chunk.length;
    if (counters.decoded > maxBytes) {
      throw new InputError('too-large', tooLargeWords(maxBytes, counters.gzip));
    }
    let data = chunk;
    if (start !== undefined) {
      start = start.length === 0 ? chunk : Buffer.concat([start, chunk]);
      if (start.length < TEXT_HEAD_BYTES) continue;
      data = startOfText(start);
      if (data.length !== start.length) counters.bom = true;
      start = undefined;
    }
    if (data.length > 0) yield data;
  }
  if (start !== undefined && start.length > 0) {
    const data = startOfText(start);
    if (data.length !== start.length) counters.bom = true;
    if (data.length > 0) yield data;
  }
}
