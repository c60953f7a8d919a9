/**
 * conform validate reads a file into a few buffers used in turn (readChunks), so a chunk's bytes are
 * overwritten two chunks later: whatever the engine keeps across chunks (a line, a record or a row cut
 * across them, what the gzip path reads ahead) must be its own copy. Each report over such chunks must be
 * the report over the whole file at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { READ_BUFFERS, readChunks } from '../../src/cli/files.js';
import { validateStream } from '../../src/validation/validate.js';
import type { InputFormat } from '../../src/validation/report-types.js';
import { compile, run, timeless } from './helpers.js';

const version = compile({
  type: 'object',
  properties: { id: { type: 'string', maxLength: 8 }, note: { type: 'string' }, count: { type: 'integer' } },
  required: ['id', 'count'],
});
const context = { submittedAt: '2026-01-01T00:00:00Z' };
/** Small chunks, so a record of a few hundred bytes spans more chunks than there are buffers. */
const CHUNK = 64;

/** Letters that compress little, so a gzip file too spans many chunks. */
let seed = 7;
const letters = (n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26))).join('');
/** Records whose notes are long enough to span several chunks, some of them invalid. */
const records = Array.from({ length: 40 }, (_, i) => ({
  id: i % 7 === 0 ? `too-long-id-${i}` : `r${i}`,
  note: `${'é'.repeat(i * 9)}${letters(i * 7)}`,
  ...(i % 5 === 0 ? {} : { count: i % 11 === 0 ? 1.5 : i }),
}));
const texts: Record<string, string> = {
  ndjson: records.map((r) => JSON.stringify(r)).join('\n'),
  json: JSON.stringify(records),
  csv: ['id,note,count', ...records.map((r) => `${r.id},"${r.note}",${r.count ?? ''}`)].join('\r\n'),
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-reused-chunks-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readChunks', () => {
  it('gives the file in order, in a few buffers used in turn whatever its size', async () => {
    const data = Buffer.from(Array.from({ length: 40 * CHUNK + 17 }, (_, i) => i % 251));
    const path = join(dir, 'bytes');
    await writeFile(path, data);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of readChunks(path, CHUNK)) {
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }
    expect(Buffer.concat(copies).equals(data)).toBe(true);
    expect(copies.length).toBe(41);
    expect(buffers.size).toBe(READ_BUFFERS);
  });

  it('gives an empty file as no chunks, and stops reading when its consumer stops', async () => {
    const empty = join(dir, 'empty');
    await writeFile(empty, '');
    const chunks: Buffer[] = [];
    for await (const chunk of readChunks(empty, CHUNK)) chunks.push(chunk);
    expect(chunks).toEqual([]);
    const path = join(dir, 'some');
    await writeFile(path, 'x'.repeat(10 * CHUNK));
    const firsts: string[] = [];
    for await (const chunk of readChunks(path, CHUNK)) {
      firsts.push(chunk.toString());
      break;
    }
    expect(firsts).toEqual(['x'.repeat(CHUNK)]);
  });
});

/**
 * The bytes in chunks as readChunks hands them out, with nothing of a file read's delay: each chunk is
 * written into the next of READ_BUFFERS buffers the moment it is asked for, so a consumer that keeps a
 * chunk longer than the contract allows sees other bytes in it.
 */
async function* reusing(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  const buffers = Array.from({ length: READ_BUFFERS }, () => Buffer.alloc(size));
  for (let at = 0, turn = 0; at < bytes.length; at += size, turn = (turn + 1) % READ_BUFFERS) {
    const piece = bytes.subarray(at, at + size);
    piece.copy(buffers[turn]!);
    yield buffers[turn]!.subarray(0, piece.length);
  }
}

describe('the engine over chunks whose buffers are reused', () => {
  for (const format of ['ndjson', 'json', 'csv'] as const satisfies readonly InputFormat[]) {
    for (const gzip of [false, true]) {
      it(`gives the report of the whole file at once: ${format}${gzip ? ', gzip' : ''}`, async () => {
        const bytes = Buffer.from(texts[format]!, 'utf8');
        const file = gzip ? gzipSync(bytes) : bytes;
        const path = join(dir, `records.${format}${gzip ? '.gz' : ''}`);
        await writeFile(path, file);
        const whole = timeless(await run([file], version, { format, context }));
        expect(whole.stats.records).toBe(records.length);
        expect(whole.stats.invalid).toBeGreaterThan(0);
        expect(timeless(await validateStream(reusing(file, CHUNK), version, { format, context }))).toEqual(whole);
        expect(timeless(await validateStream(readChunks(path, CHUNK), version, { format, context }))).toEqual(whole);
      });
    }
  }
});
