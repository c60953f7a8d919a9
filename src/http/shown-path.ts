/**
 * A request's path as an answer repeats it (a problem's `instance`, a 404's detail): as sent while it is
 * no longer than any address the API serves, else cut, so what the server echoes never grows with the
 * caller's input (Node reads a request line of up to 16 KiB). Each segment is cut to SHOWN_SEGMENT_LENGTH
 * characters and the whole to SHOWN_PATH_LENGTH, each cut marked with `%E2%80%A6` (an ellipsis,
 * percent-encoded, so the result stays a valid URI reference; a path hapi could not decode, such as
 * `/v1/standards/%E0%A4%A`, is shown with its stray `%` as `%25`). A cut never splits a `%XX` escape, nor the
 * escapes of one UTF-8 character, so the shown path still decodes.
 */

/** The longest segment shown whole: longer than any the API serves (an id is at most 64 characters). */
export const SHOWN_SEGMENT_LENGTH = 80;
/** The longest path shown whole: longer than any address the API serves (about 150 characters). */
export const SHOWN_PATH_LENGTH = 256;
/** Marks where a path was cut: "…", percent-encoded. */
export const CUT_MARK = '%E2%80%A6';

/** Where to cut `text` at or before `at`: never inside a `%XX` escape, nor between the escapes of one UTF-8 character. */
function cutPoint(text: string, at: number): number {
  let n = at;
  if (text[n - 1] === '%') n -= 1;
  else if (text[n - 2] === '%') n -= 2;
  // A continuation byte (%80-%BF) belongs to the character before it: cut before that character's first byte.
  while (n >= 3 && /^%[89ab][0-9a-f]$/i.test(text.slice(n, n + 3)) && text[n - 3] === '%') n -= 3;
  return n;
}

/** `text` cut to at most `max` characters before the mark, or `text` itself when it is no longer. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, cutPoint(text, max))}${CUT_MARK}`;
}

/** A `%` not followed by two hex digits, or a character a URI's path may not hold as it is. */
const NOT_URI = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;
const escaped = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** `path` as an answer shows it: a valid URI reference (a stray `%` as `%25`, anything else a path may not hold percent-encoded), bounded to SHOWN_PATH_LENGTH plus one mark. */
export function shownPath(raw: string): string {
  const path = raw.replace(NOT_URI, escaped);
  if (path.length <= SHOWN_SEGMENT_LENGTH) return path;
  const segments = path.split('/').map((segment) => cut(segment, SHOWN_SEGMENT_LENGTH));
  return cut(segments.join('/'), SHOWN_PATH_LENGTH);
}
