/**
 * Decoding one record's bytes: UTF-8 text, checked, and JSON parse errors described without echoing
 * the text (V8's messages quote the input, which may be patient data).
 */
import { isUtf8 } from 'node:buffer';

/** Decodes bytes as UTF-8; undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer, start: number, end: number): string | undefined {
  const text = bytes.toString('utf8', start, end);
  // U+FFFD marks a replaced byte; only then is the (fast, native) full check needed.
  if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, end))) return undefined;
  return text;
}

/** How many times `char` occurs in `text`, counted without splitting it (a header cell may be megabytes long). */
export function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

export const NOT_UTF8 = 'contains bytes that are not valid UTF-8; save the file as UTF-8';

/**
 * The most values (object members and array items, at any depth) one JSON record may hold. Every value
 * a schema does not allow is one Ajv error and one finding, all made before the report caps them: one
 * 12 MB record of a million unknown fields took 15 s and about 500 MB, per validation at once. No health
 * record comes near this bound.
 */
export const MAX_RECORD_VALUES = 10_000;

/** A count with its thousands grouped (12,345), by hand: toLocaleString would load ICU's number formatting into every thread that reads records (about 5 MiB each). */
export const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
export const TOO_MANY_VALUES = `the record holds more than ${groupDigits(MAX_RECORD_VALUES)} values (fields and array items, at any depth)`;

const QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  BRACE = 123,
  BRACKET = 91;

/**
 * Whether a record's JSON text holds more than MAX_RECORD_VALUES values, counted before it is parsed
 * (parsing a million-member object alone takes seconds): each comma and each opening brace or bracket
 * outside strings counts one, which is every value (a container's first member has no comma, the
 * container itself has a bracket). Each counts one character, so a text no longer than the bound is
 * never scanned: ordinary records cost nothing.
 */
export function tooManyValues(text: string): boolean {
  if (text.length <= MAX_RECORD_VALUES) return false;
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if ((c === COMMA || c === BRACE || c === BRACKET) && ++count > MAX_RECORD_VALUES) return true;
  }
  return false;
}

const JSON_PROBLEMS: [RegExp, string][] = [
  [/Unexpected end of JSON input/, 'the JSON value ends too early'],
  [/Unterminated string/, 'a string is not closed'],
  [/Bad control character/, 'a string contains an unescaped control character'],
  [/Bad (escaped character|Unicode escape)/, 'a string contains a bad escape'],
  [/Expected property name/, 'expected a field name in double quotes'],
  [/Expected ',' or '\}'/, "expected ',' or '}'"],
  [/Expected ',' or '\]'/, "expected ',' or ']'"],
  [/Expected ':'/, "expected ':' after a field name"],
  [/non-whitespace character after JSON/, 'unexpected content after the JSON value'],
  [/(Exponent part|No number after minus|Unterminated fractional)/, 'a number is malformed'],
  // V8 names the token but gives no position for it: a byte order mark is said as one (JSON has none; the file was saved "with BOM").
  [/^Unexpected token '\uFEFF'/, 'a byte order mark (U+FEFF), which JSON does not allow: save the text as UTF-8 without a BOM'],
  [/Unexpected token|Unexpected character|is not valid JSON/, 'unexpected character'],
];

/** A description of a JSON.parse failure that names the problem and column, never the text. */
export function describeJsonError(error: unknown): string {
  const raw = error instanceof Error ? error.message : '';
  const problem = JSON_PROBLEMS.find(([pattern]) => pattern.test(raw))?.[1] ?? 'not valid JSON';
  const position = /position (\d+)/.exec(raw);
  return `malformed JSON: ${problem}${position ? ` (column ${Number(position[1]) + 1})` : ''}`;
}

const AS_JSON = 'send the file as JSON (named .json, --format json, or Content-Type application/json)';
const AS_NDJSON = 'send it as NDJSON (named .ndjson or .jsonl, --format ndjson, or Content-Type application/x-ndjson)';
/** What a JSON file of many records must be. */
export const MANY_RECORDS = `a file of many records must be an array, [ first, second ], or, with one record a line, ${AS_NDJSON.replace('send it as NDJSON', 'NDJSON')}`;

/**
 * A malformed NDJSON line described as describeJsonError does, and, when the line has the shape of JSON
 * that is not one record a line, what the file is and how to send it: a bracket or a record followed by
 * a comma (a JSON array), or a lone brace or a "name": line (a record spread over several lines). Told
 * from the line's first and last characters only, so nothing of it is quoted. Only lines that fail to
 * parse are looked at.
 */
export function describeNdjsonLineError(error: unknown, text: string): string {
  const described = describeJsonError(error);
  const line = text.trim();
  const first = line[0];
  const last = line[line.length - 1];
  if (first === '[' || first === ']' || (first === '{' && last === ',')) {
    return `${described}; the line looks like part of a JSON array (a bracket, or a record followed by a comma), but NDJSON is one record a line with nothing between them: ${AS_JSON}, or remove the brackets and commas`;
  }
  if (line === '{' || first === '}' || first === '"') {
    return `${described}; the line looks like part of a record spread over several lines, but NDJSON is one whole record a line: ${AS_JSON}, or write each record on one line`;
  }
  return described;
}

/**
 * A malformed JSON file (one value, not an array) described as describeJsonError does, and, when it is
 * several values one after another (NDJSON sent as JSON, or records with commas but no brackets), what to
 * do: told from the character V8 stopped at and whether a line ended before it, nothing quoted.
 */
export function describeJsonFileError(error: unknown, text: string): string {
  const described = describeJsonError(error);
  const raw = error instanceof Error ? error.message : '';
  const position = /non-whitespace character after JSON at position (\d+)/.exec(raw);
  if (!position) return described;
  const at = Number(position[1]);
  const next = text[at];
  if ((next === '{' || next === '[') && text.lastIndexOf('\n', at) !== -1) {
    return `${described}; the file holds one JSON value a line, which is NDJSON, not JSON: ${AS_NDJSON}, or put the records in one array, [ first, second ]`;
  }
  if (next === ',') {
    return `${described}; a comma follows the first record, but records in a JSON file must be in one array: put them in [ ], or ${AS_NDJSON.replace('send it as NDJSON', 'send them as NDJSON, one a line')}`;
  }
  return described;
}

/**
 * A JSON record's parse error placed in the file: V8 gives an offset into the record's text, which
 * describeJsonError gives as a column, true only on the record's first line. Past a line break in the
 * record (a record written over several lines, or a whole file read as one value) it is given as the
 * file's line and the column on it (`firstLine`: the line the record starts on).
 */
export function placeJsonError(described: string, text: string, firstLine: number): string {
  return described.replace(/\(column (\d+)\)/, (whole, column: string) => {
    const at = Number(column) - 1;
    const lineStart = text.lastIndexOf('\n', at - 1);
    if (lineStart === -1) return whole;
    return `(line ${firstLine + occurrences(text.slice(0, lineStart + 1), '\n')}, column ${at - lineStart})`;
  });
}

export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Fast path: a record starts with a non-space character.
  if (first !== 32 && first !== 9 && first !== 13 && first !== 10) return false;
  return text.trim().length === 0;
}
