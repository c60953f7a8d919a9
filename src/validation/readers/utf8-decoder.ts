/**
 * UTF-8 text from a CSV's bytes, a chunk at a time, in which a byte that is not UTF-8 is told apart from
 * the character U+FFFD. Node's decoders read each such byte as U+FFFD, which is also a character a UTF-8
 * file may hold (bytes EF BF BD): inferring a bad byte from U+FFFD in the text refused good files. Here
 * a byte that is not UTF-8 reads as NOT_UTF8_MARK, a lone surrogate, which no UTF-8 text decodes to, and
 * U+FFFD is only ever the file's own character.
 *
 * The bytes EF BF BD always decode to U+FFFD, wherever they are (EF is never a continuation byte, so it
 * ends any broken sequence before it and starts its own), and every U+FFFD the file holds is those bytes.
 * So when the text of some bytes has U+FFFD and the bytes are not UTF-8 (the native isUtf8: the rare
 * case), the pieces between them are decoded apart and their U+FFFD are the bad bytes.
 */
import { isUtf8 } from 'node:buffer';
import { incompleteTail } from './fallback-decoder.js';

/** What a byte (or a broken sequence, as WHATWG's decoder cuts them) that is not UTF-8 reads as. */
export const NOT_UTF8_MARK = '\uDFFF';

const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');
const REPLACEMENTS = /\uFFFD/g;

/** The bytes as UTF-8, each byte that is not UTF-8 read as NOT_UTF8_MARK and U+FFFD kept as itself. */
export function decodeMarkingUtf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (text.indexOf(REPLACEMENT) === -1 || isUtf8(bytes)) return text;
  let out = '';
  let from = 0;
  for (let at = bytes.indexOf(REPLACEMENT_BYTES); at !== -1; at = bytes.indexOf(REPLACEMENT_BYTES, from)) {
    out += bytes.toString('utf8', from, at).replace(REPLACEMENTS, NOT_UTF8_MARK) + REPLACEMENT;
    from = at + REPLACEMENT_BYTES.length;
  }
  return out + bytes.toString('utf8', from).replace(REPLACEMENTS, NOT_UTF8_MARK);
}

/** decodeMarkingUtf8 over a stream: a character cut across chunks is held until its end arrives. */
export class MarkingUtf8Decoder {
  /** The start of a UTF-8 character cut off at the end of the last write. */
  private pending: Buffer | undefined;

  write(bytes: Buffer): string {
    const data = this.pending ? Buffer.concat([this.pending, bytes]) : bytes;
    this.pending = undefined;
    const tail = incompleteTail(data);
    if (tail === 0) return decodeMarkingUtf8(data);
    this.pending = Buffer.from(data.subarray(data.length - tail)); // a copy: the caller may reuse its buffer
    return decodeMarkingUtf8(data.subarray(0, data.length - tail));
  }

  /** What is held at the end of the file: a character cut off, so not UTF-8. */
  end(): string {
    const rest = this.pending;
    this.pending = undefined;
    return rest === undefined ? '' : decodeMarkingUtf8(rest);
  }
}
