/**
 * The one rule for a body's declared charset (a `charset` parameter on its Content-Type): which ones a
 * reader reads, and the refusal of any other. Every body is read as UTF-8 (and ASCII, a subset of it);
 * a CSV whose version's dialect declares `encoding: utf-8-or-windows-1252` (csv-dialect.ts) is read as the
 * national pipeline reads a batch file, UTF-8 and, from the first byte that is not UTF-8, Windows-1252
 * (fallback-decoder.ts), so such a body may also be declared `windows-1252` (or `cp1252`, Python's name):
 * it is read the same way, which for a file that really is Windows-1252 is Windows-1252 throughout. Any
 * other charset (`iso-8859-1`, `utf-16`) is refused rather than guessed at: reading it as UTF-8 would turn
 * accented letters into replacement characters, or UTF-16 into nonsense, and answer about that instead.
 */
import type { CsvDialect } from './csv-dialect.js';
import type { InputFormat } from '../report-types.js';

export type TextEncoding = CsvDialect['encoding'];

/** UTF-8 under its names, and ASCII (every ASCII byte is the same in UTF-8). */
const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
/** Windows-1252 under its IANA name and Python's. */
const WINDOWS_1252 = new Set(['windows-1252', 'cp1252']);
/** A charset named in a detail only when it looks like one (never an arbitrary header value). */
const CHARSET_TOKEN = /^[a-z0-9._:+-]{1,40}$/;

/** How a body in `format` is read for a version with this CSV layout: only a CSV has a dialect. */
export function bodyEncoding(format: InputFormat, layout: { dialect: Pick<CsvDialect, 'encoding'> }): TextEncoding {
  return format === 'csv' ? layout.dialect.encoding : 'utf-8';
}

/** Whether a body declared in `charset` (lower case, unquoted) is read by a reader of `encoding`. */
export function readsCharset(charset: string, encoding: TextEncoding): boolean {
  return UTF8.has(charset) || (encoding === 'utf-8-or-windows-1252' && WINDOWS_1252.has(charset));
}

/** The refusal of the first declared charset a reader of `encoding` does not read (a 415's detail), or undefined. */
export function charsetRefusal(charsets: readonly string[], encoding: TextEncoding): string | undefined {
  const refused = charsets.find((charset) => !readsCharset(charset, encoding));
  if (refused === undefined) return undefined;
  const shown = CHARSET_TOKEN.test(refused) ? `"${refused}"` : 'that was sent';
  return encoding === 'utf-8-or-windows-1252'
    ? `the Content-Type's charset ${shown} is not read: this version reads its CSV as UTF-8, or as Windows-1252 as the national pipeline does; convert the body to UTF-8 and send it with charset=utf-8 or no charset, or send Windows-1252 with charset=windows-1252`
    : `the Content-Type's charset ${shown} is not read: the service reads bodies as UTF-8; convert the body to UTF-8 and send it with charset=utf-8 or no charset`;
}
