/**
 * The one rule for a body's declared charset (a `charset` parameter on its Content-Type, or on a form's
 * file part): what a label means, which ones a reader reads, and the refusal of any other. The HTTP API
 * (http/body-text.ts, services/submissions.ts) and the web upload (web/multipart-form.ts) all ask here.
 *
 * A label means what the WHATWG Encoding Standard's label table says it means, as a browser reads it:
 * case-insensitive, quoted or not, white space around it ignored. `utf-8` has six labels (utf8,
 * unicode-1-1-utf-8 …); `windows-1252` has seventeen, among them iso-8859-1, latin1, l1, us-ascii, ascii
 * and cp1252, because what is sent under those names is, in practice, Windows-1252.
 *
 * - Every body is read as UTF-8, so a UTF-8 label is always read. So is a label that names ASCII
 *   (us-ascii, ascii, ansi_x3.4-1968): ASCII text is UTF-8 text. The body is then read as UTF-8, as any
 *   other: a byte of 0x80 or more that is not UTF-8 is the reader's `encoding` finding, not a 415.
 * - A CSV whose version's dialect declares `encoding: utf-8-or-windows-1252` (csv-dialect.ts) is read as
 *   the national pipeline reads a batch file, UTF-8 and, from the first byte that is not UTF-8,
 *   Windows-1252 (fallback-decoder.ts); it may also be declared in any Windows-1252 label, and is read the
 *   same way (the pipeline reads no label), which for a file that really is Windows-1252 is Windows-1252
 *   throughout. A byte Windows-1252 has no character for is a file error either way (undefined-bytes.ts).
 * - Any other label (utf-16, iso-8859-2, a name the table does not have) is refused rather than guessed
 *   at: reading it as UTF-8 would turn accented letters into replacement characters, or UTF-16 into
 *   nonsense, and answer about that instead.
 */
import type { CsvDialect } from './csv-dialect.js';
import type { InputFormat } from '../report-types.js';

export type TextEncoding = CsvDialect['encoding'];

/** WHATWG's labels of UTF-8. */
export const UTF8_LABELS: readonly string[] = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];
/** WHATWG's labels of windows-1252. */
export const WINDOWS_1252_LABELS: readonly string[] = [
  'ansi_x3.4-1968',
  'ascii',
  'cp1252',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso-8859-1',
  'iso-ir-100',
  'iso8859-1',
  'iso88591',
  'iso_8859-1',
  'iso_8859-1:1987',
  'l1',
  'latin1',
  'us-ascii',
  'windows-1252',
  'x-cp1252',
];
/** The windows-1252 labels that name ASCII, which a UTF-8 reader reads too. */
export const ASCII_LABELS: readonly string[] = ['ansi_x3.4-1968', 'ascii', 'us-ascii'];

const UTF8 = new Set([...UTF8_LABELS, ...ASCII_LABELS]);
const WINDOWS_1252 = new Set(WINDOWS_1252_LABELS);
/** A charset named in a detail only when it looks like one (never an arbitrary header value). */
const CHARSET_TOKEN = /^[a-z0-9._:+-]{1,40}$/;
/** One `; name=value` parameter of a media type, the value a token or a quoted string (RFC 9110 5.6.6). */
const PARAMETER = /;\s*([^\s;=]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)/g;

/** The `charset` parameters of a Content-Type, lower-cased, unquoted and trimmed (usually none or one). */
export function declaredCharsets(contentType: string): string[] {
  return [...contentType.matchAll(PARAMETER)]
    .filter(([, name]) => name!.toLowerCase() === 'charset')
    .map(([, , value]) =>
      value!
        .trim()
        .replace(/^"((?:[^"\\]|\\.)*)"$/, '$1')
        .replace(/\\(.)/g, '$1')
        .trim()
        .toLowerCase(),
    );
}

/** How a body in `format` is read for a version with this CSV layout: only a CSV has a dialect. */
export function bodyEncoding(format: InputFormat, layout: { dialect: Pick<CsvDialect, 'encoding'> }): TextEncoding {
  return format === 'csv' ? layout.dialect.encoding : 'utf-8';
}

/** Whether a body declared in `charset` (lower case, unquoted: declaredCharsets) is read by a reader of `encoding`. */
export function readsCharset(charset: string, encoding: TextEncoding): boolean {
  return UTF8.has(charset) || (encoding === 'utf-8-or-windows-1252' && WINDOWS_1252.has(charset));
}

/**
 * The refusal of the first declared charset a reader of `encoding` does not read (a 415's detail), or
 * undefined: it names where the charset was declared (`the Content-Type header`, or a form's file part)
 * and the charsets that are read.
 */
export function charsetRefusal(charsets: readonly string[], encoding: TextEncoding, where = 'the Content-Type header'): string | undefined {
  const refused = charsets.find((charset) => !readsCharset(charset, encoding));
  if (refused === undefined) return undefined;
  const shown = CHARSET_TOKEN.test(refused) ? `"${refused}"` : 'that was sent';
  return encoding === 'utf-8-or-windows-1252'
    ? `the charset ${shown} of ${where} is not read: this version reads its CSV as UTF-8, or as Windows-1252 as the national pipeline does, so the charsets read are utf-8 (or utf8) and windows-1252 under any of its names (cp1252, x-cp1252, iso-8859-1, latin1, l1, us-ascii, ascii and the other labels the WHATWG Encoding Standard gives it); convert the body to UTF-8 and send it with charset=utf-8 or no charset`
    : `the charset ${shown} of ${where} is not read: the service reads this body as UTF-8, so the charsets read are utf-8 (or utf8) and us-ascii (or ascii), ASCII being UTF-8; convert the body to UTF-8 and send it with charset=utf-8 or no charset`;
}
