import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { decodeInput, GZIP_READ_AHEAD_BYTES, type InputCounters } from '../../src/validation/input.js';
import { InputError } from '../../src/validation/errors.js';
import { bytewise } from './helpers.js';

async function decode(chunks: (Buffer | string)[]): Promise<{ bytes: Buffer; counters: InputCounters; chunks: number }> {
  const counters: InputCounters = { received: 0, decoded: 0, gzip: false };
  const out: Buffer[] = [];
  for await (const chunk of decodeInput(Readable.from(chunks), counters)) {
    expect(chunk.length).toBeGreaterThan(0);
    out.push(chunk);
  }
  return { bytes: Buffer.concat(out), counters, chunks: out.length };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TEXT = Buffer.from('{"id":"a"}\n{"id":"é"}\n');

describe('decodeInput', () => {
  it('passes plain bytes through and counts them', async () => {
    const { bytes, counters } = await decode([TEXT.subarray(0, 5), TEXT.subarray(5)]);
    expect(bytes.equals(TEXT)).toBe(true);
    expect(counters).toEqual({ received: TEXT.length, decoded: TEXT.length, gzip: false });
  });

  it('accepts string chunks as UTF-8', async () => {
    const { bytes } = await decode(['{"id":', '"é"}\n']);
    expect(bytes.toString('utf8')).toBe('{"id":"é"}\n');
  });

  it('yields nothing for an empty source or only empty chunks', async () => {
    expect(await decode([])).toEqual({ bytes: Buffer.alloc(0), counters: { received: 0, decoded: 0, gzip: false }, chunks: 0 });
    expect(await decode([Buffer.alloc(0), Buffer.alloc(0)])).toEqual({ bytes: Buffer.alloc(0), counters: { received: 0, decoded: 0, gzip: false }, chunks: 0 });
  });

  it('drops a UTF-8 byte-order mark, in one chunk or split into single bytes, and says it did', async () => {
    const data = Buffer.concat([BOM, TEXT]);
    for (const chunks of [[data], bytewise(data), [Buffer.alloc(0), BOM, TEXT]]) {
      const { bytes, counters } = await decode(chunks);
      expect(bytes.equals(TEXT)).toBe(true);
      expect(counters).toEqual({ received: data.length, decoded: data.length, gzip: false, bom: true });
    }
  });

  it('keeps a byte-order mark that is not at the start', async () => {
    const data = Buffer.concat([TEXT, BOM]);
    const { bytes, counters } = await decode(bytewise(data));
    expect(bytes.equals(data)).toBe(true);
    expect(counters.bom).toBeUndefined();
  });

  it('passes through a file shorter than a byte-order mark', async () => {
    const { bytes } = await decode([Buffer.from('[')]);
    expect(bytes.toString()).toBe('[');
    const bomOnly = await decode([BOM]);
    expect(bomOnly.bytes.length).toBe(0);
    expect(bomOnly.counters.decoded).toBe(3);
  });

  it('recognises gzip by its magic bytes and inflates it, counting both sizes', async () => {
    const zipped = gzipSync(Buffer.concat([BOM, TEXT]));
    for (const chunks of [[zipped], bytewise(zipped)]) {
      const { bytes, counters } = await decode(chunks);
      expect(bytes.equals(TEXT)).toBe(true);
      expect(counters).toEqual({ received: zipped.length, decoded: TEXT.length + 3, gzip: true, bom: true });
    }
  });

  it('refuses truncated gzip with InputError corrupt-gzip', async () => {
    const zipped = gzipSync(Buffer.from('x'.repeat(1000)));
    for (const cut of [zipped.subarray(0, zipped.length - 4), zipped.subarray(0, 12)]) {
      const error = await decode([cut]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: 'corrupt-gzip' });
    }
  });

  it('refuses gzip whose body is garbage with InputError corrupt-gzip', async () => {
    const zipped = gzipSync(Buffer.from('hello world'));
    const garbage = Buffer.concat([zipped.subarray(0, 10), Buffer.alloc(20, 0xff)]);
    await expect(decode([garbage])).rejects.toMatchObject({ name: 'InputError', code: 'corrupt-gzip' });
  });

  it('refuses UTF-16 (either byte order, plain or gzipped, however chunked) with InputError encoding', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\n', 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('id\n', 'utf16le').swap16()]);
    for (const data of [le, be, gzipSync(le)]) {
      for (const chunks of [[data], bytewise(data)]) {
        await expect(decode(chunks)).rejects.toMatchObject({
          name: 'InputError',
          code: 'encoding',
          message: 'the file is UTF-16 encoded; save it as UTF-8',
        });
      }
    }
  });

  it('refuses a workbook, an archive or a PDF by its signature (plain or gzipped, however chunked), quoting nothing of it', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml secret')]);
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from('secret')]);
    const pdf = Buffer.from('%PDF-1.7\nsecret');
    for (const [data, said] of [
      [xlsx, /^the file is a zip archive \(an Excel \.xlsx workbook is one\), not text: save the sheet as CSV/],
      [xls, /^the file is an Excel 97-2003 workbook \(\.xls\)/],
      [pdf, /^the file is a PDF document, not data/],
    ] as const) {
      for (const chunks of [[data], bytewise(data), [gzipSync(data)]]) {
        const error = await decode(chunks).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).code).toBe('encoding');
        expect((error as InputError).message).toMatch(said);
        expect((error as InputError).message).not.toContain('secret');
      }
    }
  });

  it("words a workbook's advice for any delimiter: it is told before the standard's is known, the same on every face", async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('secret')]);
    const error = await decode([xlsx]).then(
      () => undefined,
      (e: unknown) => e,
    );
    const message = (error as InputError).message;
    expect(message).toContain('save the sheet as CSV with the delimiter the standard uses and send that file');
    // Excel's step for commas, and the list separator or LibreOffice for another (a pipe-delimited batch file).
    expect(message).toContain('for commas: File, Save As, "CSV UTF-8 (Comma delimited)"');
    expect(message).toContain('for another delimiter, set the list separator to it first');
  });

  it('reads text that merely begins with the same letters, and files shorter than a signature', async () => {
    for (const text of ['PK,NAME\n1,a\n', '%PDF\n', 'a\n', 'P']) {
      const { bytes } = await decode(bytewise(Buffer.from(text)));
      expect(bytes.toString('utf8')).toBe(text);
    }
  });
});

describe('decodeInput of gzip, when the client goes away', () => {
  // 8 MiB of lines of random text: about 6 MiB of gzip, more than the read-ahead.
  const gzip = gzipSync(
    Buffer.from(
      randomBytes(6 * 1024 * 1024)
        .toString('base64')
        .replace(/(.{76})/g, '"$1"\n'),
    ),
  );

  it('reads the compressed bytes ahead of the inflater (so a close behind them is seen), up to the bound', async () => {
    let pulled = 0;
    let waiting: () => void = () => undefined;
    // The body's first 2 MiB of compressed bytes arrive, then the client sends nothing more for now.
    const pieces = Array.from({ length: 64 }, (_, i) => gzip.subarray(i * 32_768, (i + 1) * 32_768));
    expect(gzip.length).toBeGreaterThan(64 * 32_768);
    async function* source() {
      for (const piece of pieces) {
        pulled += piece.length;
        yield piece;
      }
      await new Promise<void>((resolve) => (waiting = resolve));
    }
    const counters: InputCounters = { received: 0, decoded: 0, gzip: false };
    const decoded = decodeInput(source(), counters)[Symbol.asyncIterator]();
    await decoded.next(); // the first inflated bytes; the consumer then stops reading
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBeGreaterThanOrEqual(GZIP_READ_AHEAD_BYTES);
    expect(pulled).toBeLessThanOrEqual(GZIP_READ_AHEAD_BYTES + 3 * 32_768);
    waiting();
    await decoded.return(undefined);
  });

  it('stops inflating when the signal fires: the next read throws its reason, though the inflater had more', async () => {
    const controller = new AbortController();
    const counters: InputCounters = { received: 0, decoded: 0, gzip: false };
    async function* chunks() {
      for (let i = 0; i < gzip.length; i += 65_536) yield gzip.subarray(i, i + 65_536);
    }
    const reading = (async () => {
      for await (const chunk of decodeInput(chunks(), counters, undefined, controller.signal)) {
        if (counters.decoded >= 1024 * 1024 && !controller.signal.aborted) controller.abort(new Error('the client went away'));
        void chunk;
      }
    })();
    await expect(reading).rejects.toThrow('the client went away');
    // 8 MiB were there to inflate; it stopped within a chunk of the signal.
    expect(counters.decoded).toBeLessThan(1024 * 1024 + 128 * 1024);
  });
});
