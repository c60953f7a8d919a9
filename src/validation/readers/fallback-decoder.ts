/**
 * Text from the bytes of a file whose dialect says `utf-8-or-windows-1252` (csv-dialect.ts), read as the
 * national immunisation pipeline reads one: as UTF-8 until the first byte that is not UTF-8, wherever in
 * the file it is, and as Windows-1252 from that byte on (the pipeline retries the rest of the file as
 * cp1252 on its first UnicodeDecodeError, at the header or mid-file). A file that is all ASCII, or all
 * UTF-8, reads the same either way; a file that is all Windows-1252 switches at its first non-ASCII byte,
 * which is the same as reading it all as Windows-1252.
 *
 * The pipeline's cp1252 is Python's, which is strict: it has no character for the five bytes 0x81, 0x8D,
 * 0x8F, 0x90 and 0x9D, so a file that holds one of them (where it is read as Windows-1252) fails both of the
 * pipeline's decodings. Such a byte is never decoded silently here: it reads as U+FFFD and the decoder
 * reports it (the csv reader makes it one file-level error, docs/immunisation-batch.md).
 *
 * The decision streams: a UTF-8 character cut across chunks is held until its end arrives (an incomplete
 * one at the end of the file is not UTF-8). The decoder reports what it finds (the first UTF-8 character,
 * the switch, UTF-8 after the switch, and the bytes Windows-1252 has no character for) with its offset in
 * the text it returned, so the row splitter can name the line; MixedEncodingWatch turns a file that mixes
 * the two into one file-level warning.
 */
import { isAscii, isUtf8 } from 'node:buffer';

export interface EncodingEvent {
  /** `utf-8`: the first non-ASCII character, and it is UTF-8; `windows-1252`: the first byte that is not UTF-8, read as Windows-1252 from there on; `utf-8-after`: after the switch, bytes that form UTF-8 characters. */
  kind: 'utf-8' | 'windows-1252' | 'utf-8-after';
  /** Offset in the text returned by the write (or end) that found it. */
  at: number;
}

/** After the switch, the bytes of one write that Windows-1252 has no character for (each read as U+FFFD). */
export interface UndefinedBytesEvent {
  kind: 'undefined-byte';
  /** Offset in the text returned by the write of the first of them. */
  at: number;
  /** The first of them. */
  byte: number;
  /** How many there are in the write. */
  count: number;
}

/** The bytes Windows-1252 has no character for (Python's strict cp1252 refuses them; WHATWG maps them to C1 controls). */
export const WINDOWS_1252_UNDEFINED: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** A byte as the messages name it: `0x81`. */
export const hexByte = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** The length of the UTF-8 character starting at `i` (2 to 4), or 0 when the bytes there are not one, or it is cut off. */
function utf8Sequence(b: Uint8Array, i: number): number {
  const c = b[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f; // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + need >= b.length) return 0;
  const second = b[i + 1]!;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return need + 1;
}

/** The offset of the first byte that does not begin a UTF-8 character (bytes.length when they are all UTF-8). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8Sequence(b, i);
    if (length === 0) return i;
    i += length;
  }
  return b.length;
}

/** Bytes at the end that begin a UTF-8 character whose end has not arrived yet (0 to 3). */
export function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const c = b[n - k]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

function firstNonAscii(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return i;
  return -1;
}

/** The offset of the first UTF-8 character of two or more bytes, or -1. */
function firstUtf8Character(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0xc2 && utf8Sequence(b, i) > 0) return i;
  return -1;
}

/**
 * Windows-1252's letters and signs at 0x80-0x9F (WHATWG's index; the five bytes it leaves to the C1
 * controls stay as they are). Node's TextDecoder('windows-1252') cannot be used: since Node 20.18.3 and
 * 22.13.0 it decodes these bytes as ISO-8859-1, as C1 control characters, so Š, Œ, Ž, €, ’ and “ ” came out
 * as invisible controls (nodejs/node#60888).
 */
const C1_AS_WINDOWS_1252 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1 = /[\u0080-\u009f]/g;

/**
 * Bytes read as Windows-1252, one character a byte. With `onUndefined`, a byte Windows-1252 has no
 * character for reads as U+FFFD and is told to it with its offset (the same in the bytes and the text);
 * without, it reads as WHATWG's index has it, the C1 control of the same number.
 */
export function decodeWindows1252(bytes: Buffer, onUndefined?: (byte: number, at: number) => void): string {
  const latin1 = bytes.toString('latin1');
  return latin1.replace(C1, (c, at: number) => {
    const code = c.charCodeAt(0);
    if (onUndefined !== undefined && WINDOWS_1252_UNDEFINED.includes(code)) {
      onUndefined(code, at);
      return '\uFFFD';
    }
    return C1_AS_WINDOWS_1252[code - 0x80]!;
  });
}

export class Utf8OrWindows1252Decoder {
  /** What the writes found since the caller last emptied it, each with its offset in that write's text. */
  readonly events: (EncodingEvent | UndefinedBytesEvent)[] = [];
  private switched = false;
  private sawUtf8 = false;
  private sawUtf8After = false;
  /** The start of a UTF-8 character cut off at the end of the last write. */
  private pending: Buffer | undefined;
  /** After the switch, the last bytes of the last write, until UTF-8 is found after it. */
  private carry: Buffer = Buffer.alloc(0);

  write(bytes: Buffer): string {
    if (this.switched) return this.afterSwitch(bytes, '');
    const data = this.pending ? Buffer.concat([this.pending, bytes]) : bytes;
    this.pending = undefined;
    if (isAscii(data)) return data.toString('latin1');
    const tail = incompleteTail(data);
    const whole = tail > 0 ? data.subarray(0, data.length - tail) : data;
    if (isUtf8(whole)) {
      if (tail > 0) this.pending = Buffer.from(data.subarray(data.length - tail)); // a copy: the caller may reuse its buffer
      this.noteUtf8(whole);
      return whole.toString('utf8');
    }
    const bad = firstInvalidUtf8(whole);
    const good = whole.subarray(0, bad);
    this.noteUtf8(good);
    const head = good.toString('utf8');
    this.switched = true;
    this.events.push({ kind: 'windows-1252', at: head.length });
    return this.afterSwitch(data.subarray(bad), head);
  }

  end(): string {
    const rest = this.pending;
    if (rest === undefined) return '';
    // A UTF-8 character cut off by the end of the file is not UTF-8.
    this.pending = undefined;
    this.switched = true;
    this.events.push({ kind: 'windows-1252', at: 0 });
    return this.afterSwitch(rest, '');
  }

  /** Notes the first non-ASCII character of bytes that are all UTF-8 (its offset is its byte's: all before it is ASCII). */
  private noteUtf8(bytes: Buffer): void {
    if (this.sawUtf8) return;
    const at = firstNonAscii(bytes);
    if (at === -1) return;
    this.sawUtf8 = true;
    this.events.push({ kind: 'utf-8', at });
  }

  /**
   * Windows-1252 (one character per byte), after `head`; notes the first UTF-8 character found after the
   * switch (the last bytes of the write before are looked at again, for a character cut between writes).
   */
  private afterSwitch(bytes: Buffer, head: string): string {
    if (!this.sawUtf8After && !isAscii(bytes)) {
      const carried = this.carry.length;
      const at = firstUtf8Character(carried > 0 ? Buffer.concat([this.carry, bytes]) : bytes);
      if (at !== -1) {
        this.sawUtf8After = true;
        this.events.push({ kind: 'utf-8-after', at: head.length + Math.max(0, at - carried) });
      }
    }
    if (!this.sawUtf8After) this.carry = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 3)));
    let found: UndefinedBytesEvent | undefined;
    const text = decodeWindows1252(bytes, (byte, at) => {
      if (found === undefined) found = { kind: 'undefined-byte', at: head.length + at, byte, count: 1 };
      else found.count++;
    });
    if (found !== undefined) this.events.push(found);
    return head + text;
  }
}

/**
 * Turns the decoder's events, with their lines, into at most one file-level warning for a file that mixes
 * UTF-8 and Windows-1252: never silent mojibake, never an error (the pipeline accepts such a file).
 */
export class MixedEncodingWatch {
  private utf8Line: number | undefined;
  private switchLine: number | undefined;
  private warned = false;

  /** The warning an event at a line calls for, if any. */
  note(event: EncodingEvent['kind'], line: number): string | undefined {
    if (this.warned) return undefined;
    if (event === 'utf-8') this.utf8Line = line;
    else if (event === 'windows-1252') {
      this.switchLine = line;
      if (this.utf8Line !== undefined) {
        this.warned = true;
        return `the file mixes encodings: line ${this.utf8Line} has UTF-8 text, but line ${line} has bytes that are not UTF-8, so from there on the file is read as Windows-1252, as the national pipeline reads it (UTF-8 characters after that point read wrongly); save the whole file as UTF-8`;
      }
    } else if (this.switchLine !== undefined) {
      this.warned = true;
      return `the file mixes encodings: line ${this.switchLine} has bytes that are not UTF-8, so from there on the file is read as Windows-1252, as the national pipeline reads it, but line ${line} has what looks like UTF-8 text, which then reads wrongly; save the whole file in one encoding, preferably UTF-8`;
    }
    return undefined;
  }
}
