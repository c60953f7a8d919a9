/**
 * The CSV's UTF-8 decoder tells a byte that is not UTF-8 (NOT_UTF8_MARK) from the character U+FFFD,
 * which a UTF-8 file may hold (bytes EF BF BD): Node reads both as U+FFFD.
 */
import { describe, expect, it } from 'vitest';
import { decodeMarkingUtf8, MarkingUtf8Decoder, NOT_UTF8_MARK } from '../../../src/validation/readers/utf8-decoder.js';
import { chunked } from '../helpers.js';

const FFFD = [0xef, 0xbf, 0xbd];

function streamed(chunks: Buffer[]): string {
  const decoder = new MarkingUtf8Decoder();
  return chunks.map((chunk) => decoder.write(chunk)).join('') + decoder.end();
}

/** A small pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the marking UTF-8 decoder', () => {
  it('keeps U+FFFD (EF BF BD) as itself, whole or cut anywhere', () => {
    const bytes = Buffer.from('A,B\uFFFD\nx\uFFFD,\uFFFD\uFFFDé😀\n');
    for (const size of [1, 2, 3, 4, 1 << 20]) expect(streamed(chunked(bytes, size))).toBe(bytes.toString('utf8'));
  });

  it('reads each byte that is not UTF-8 as the mark, next to a real U+FFFD, whole or cut anywhere', () => {
    const cases: [number[], string][] = [
      [[0x61, 0xe9, 0x62], `a${NOT_UTF8_MARK}b`],
      [[0xe9, ...FFFD], `${NOT_UTF8_MARK}\uFFFD`],
      [[...FFFD, 0xe9], `\uFFFD${NOT_UTF8_MARK}`],
      // A sequence cut short by EF BF BD: the broken start is one bad sequence, then the character.
      [[0xe2, 0x82, ...FFFD], `${NOT_UTF8_MARK}\uFFFD`],
      [[0xef, 0xbf, ...FFFD, 0xbd], `${NOT_UTF8_MARK}\uFFFD${NOT_UTF8_MARK}`],
      // An encoded surrogate (CESU-8) and an over-long form are not UTF-8.
      [[0xed, 0xa0, 0x80], NOT_UTF8_MARK.repeat(3)],
      [[0xc0, 0xaf], NOT_UTF8_MARK.repeat(2)],
      // A character cut off by the end of the file.
      [[0x61, 0xf0, 0x9f, 0x98], `a${NOT_UTF8_MARK}`],
    ];
    for (const [bytes, text] of cases) {
      const buffer = Buffer.from(bytes);
      for (const size of [1, 2, 3, 1 << 20]) expect(streamed(chunked(buffer, size)), `${buffer.toString('hex')} in ${size}s`).toBe(text);
    }
  });

  it('agrees with Node’s decoder but for the marks, which are exactly its replacements that were not EF BF BD', () => {
    const next = random(7);
    const alphabet = [0x41, 0x2c, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xef, 0xbf, 0xbd, 0xed, 0xa0, 0xc0, 0xff, 0x80];
    for (let n = 0; n < 500; n++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]!));
      const native = bytes.toString('utf8');
      const text = decodeMarkingUtf8(bytes);
      expect(text.replaceAll(NOT_UTF8_MARK, '\uFFFD'), bytes.toString('hex')).toBe(native);
      let real = 0;
      for (let at = bytes.indexOf(Buffer.from(FFFD)); at !== -1; at = bytes.indexOf(Buffer.from(FFFD), at + 3)) real++;
      expect(text.split('\uFFFD').length - 1, bytes.toString('hex')).toBe(real);
      for (const size of [1, 2, 3, 5]) expect(streamed(chunked(bytes, size)), `${bytes.toString('hex')} in ${size}s`).toBe(text);
    }
  });
});
