/**
 * Turns a byte source into the decoded bytes the readers take: gzip is recognised by its magic bytes
 * (whatever the file is called) and inflated as it streams, a UTF-8 byte-order mark is dropped, and a
 * UTF-16 file is refused with a precise error. Counts bytes before and after decompression.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { InputError } from './errors.js';

export interface InputCounters {
  /** Bytes read from the source. */
  received: number;
  /** Bytes after decompression (equal to `received` when not compressed). */
  decoded: number;
  gzip: boolean;
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

async function* gunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflater = createGunzip();
  const input = Readable.from(source);
  input.on('error', (error) => inflater.destroy(error));
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
    input.destroy();
    inflater.destroy();
  }
}

function asBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

export async function* decodeInput(source: AsyncIterable<Buffer | string>, counters: InputCounters): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer | string>;
  do {
    first = await iterator.next();
    if (first.done) return;
  } while (asBuffer(first.value).length === 0);
  const head = asBuffer(first.value);
  const raw: AsyncIterator<Buffer> = {
    next: async () => {
      const n = await iterator.next();
      return n.done ? n : { done: false, value: asBuffer(n.value) };
    },
    return: async () => {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  counters.gzip = isGzip(head);
  const bytes = counters.gzip ? gunzip(counted(head, raw, counters)) : counted(head, raw, counters);
  let start = true;
  for await (const chunk of bytes) {
    let data = chunk;
    if (start && data.length > 0) {
      start = false;
      if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
        throw new InputError('encoding', 'the file is UTF-16 encoded; save it as UTF-8');
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    counters.decoded += chunk.length;
    if (data.length > 0) yield data;
  }
}
