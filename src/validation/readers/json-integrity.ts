/**
 * Two faults of a JSON record that JSON.parse passes in silence, reported as findings at the field:
 * - `json-duplicate-key`: a key given twice in one object. JSON.parse keeps the last value; a system that
 *   keeps the first would judge another record than Conform did.
 * - `json-lone-surrogate`: a string (a value or a key) holding a `\uD800`–`\uDFFF` escape without its
 *   pair: no character, and not writable as UTF-8 downstream. (Text decoded from UTF-8 bytes never holds
 *   one: only an escape makes it.)
 *
 * The common record pays one walk of its parsed value and no scan of its text: the shortest JSON text
 * that could have given the value (each string its length and two quotes, no white space, no escapes,
 * each number its shortest spelling) is counted from the value, never more than that shortest. A text of
 * exactly that length has neither fault: a repeated member (at least five characters: `,"":0`) would make
 * the text longer than one giving the same value without it, and so would any escape. Only a text longer
 * than that (white space, escapes, numbers spelt long, or a fault) is scanned: keys by repeatedKeys, and,
 * when a surrogate escape appears in it, each string of the value.
 *
 * The same walk measures the record's nesting, at no cost of its own (it already knows each container's
 * depth): a value nested deeper than MAX_RECORD_DEPTH is TOO_DEEP, and the walk stops there, so it never
 * goes deeper than the limit (JSON.parse itself keeps no stack of its own: V8's is iterative).
 */
import { escapeSegment } from '../pointer.js';
import { repeatedKeys } from '../json-duplicates.js';
import { isWellFormed } from '../lone-surrogates.js';
import { MAX_RECORD_DEPTH, type RecordProblem } from './types.js';

export const DUPLICATE_KEY_RULE = 'json-duplicate-key';
export const LONE_SURROGATE_RULE = 'json-lone-surrogate';

export const DUPLICATE_KEY_MESSAGE =
  'the field is given more than once in one object: readers differ over which value counts (Conform judges the last), so give each field once';
export const LONE_SURROGATE_MESSAGE =
  'the value holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character and cannot be written as UTF-8; escape a character beyond U+FFFF as a pair, or write it as UTF-8';
export const LONE_SURROGATE_KEY_MESSAGE =
  'the field name holds an unpaired surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character and cannot be written as UTF-8';

/** A `\u` escape of a surrogate code unit, in either case. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const TWO_TO_53 = 2 ** 53;
const QUOTE = 34,
  BACKSLASH = 92,
  COLON = 58;

/** recordProblems' answer for a value nested more than MAX_RECORD_DEPTH levels deep: an unreadable record (TOO_DEEP_RULE). */
export const TOO_DEEP: unique symbol = Symbol('record too deep');

/** The object members the last walk met (shortestText), at any depth. */
let members = 0;

/**
 * The faults of one record's JSON text, parsed as `value`; undefined when it has none (nearly always), or
 * TOO_DEEP when the value nests deeper than MAX_RECORD_DEPTH (the reader reports it, and never validates it).
 * `bytes` [start, end): the text's UTF-8, when the reader has it, counted instead of the text (about
 * twice as fast; a quote, backslash or colon is one byte, and no other character's bytes include one).
 */
export function recordProblems(
  text: string,
  value: unknown,
  bytes?: Uint8Array,
  start = 0,
  end = bytes?.length ?? 0,
): RecordProblem[] | typeof TOO_DEEP | undefined {
  members = 0;
  const shortest = shortestText(value, 0);
  // NaN only from a container past the limit (shortestText).
  if (Number.isNaN(shortest)) return TOO_DEEP;
  // White space around the value (a JSON array's element, a line's trailing blanks) is no part of it.
  if (text.length === shortest || (text.length > shortest && text.trim().length === shortest)) return undefined;
  const problems: RecordProblem[] = [];
  // The walk counted the value's members; the text has as many unless a key repeats.
  if ((bytes === undefined ? membersInText(text) : membersInBytes(bytes, start, end)) !== members)
    for (const { pointer } of repeatedKeys(text)) problems.push({ path: pointer, rule: DUPLICATE_KEY_RULE, message: DUPLICATE_KEY_MESSAGE });
  if (text.includes('\\u') && SURROGATE_ESCAPE.test(text)) loneSurrogates(value, problems);
  return problems.length > 0 ? problems : undefined;
}

/**
 * The object members in a JSON text: its colons outside strings, one for each member (JSON has no other).
 * A string is skipped from its opening quote to the first quote not escaped by a backslash.
 */
export function membersInText(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) count++;
    else if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        if (d === BACKSLASH) i++;
      }
    }
  }
  return count;
}

/** membersInText over the text's UTF-8 bytes [start, end). */
export function membersInBytes(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === COLON) count++;
    else if (c === QUOTE) {
      for (i++; i < end; i++) {
        const d = bytes[i]!;
        if (d === QUOTE) break;
        if (d === BACKSLASH) i++;
      }
    }
  }
  return count;
}

/**
 * The length of the shortest JSON text giving `value`, or less (never more); NaN when a container is
 * nested more than MAX_RECORD_DEPTH levels deep (`depth`: the containers around `value`), and the walk
 * goes no deeper. An object's keys are counted by for-in: JSON.parse makes each an own, enumerable data property.
 */
function shortestText(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return shortestNumber(value);
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (value === null || typeof value !== 'object') return 4;
  if (depth >= MAX_RECORD_DEPTH) return NaN;
  let length = 2;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) length += shortestText(items[i], depth + 1);
    return items.length > 0 ? length + items.length - 1 : length;
  }
  const record = value as Record<string, unknown>;
  let count = 0;
  for (const key in record) {
    count++;
    const item = record[key];
    // "key":value, a string value counted here (most are): a call for each costs a third of the walk.
    length += key.length + 3 + (typeof item === 'string' ? item.length + 2 : shortestText(item, depth + 1));
  }
  members += count;
  return count > 0 ? length + count - 1 : length;
}

/**
 * The length of the shortest JSON number giving `x`, or less. An integer under 2^53 needs its
 * significant digits, written out or with an exponent (1000 or 1e3); another number as many significant
 * digits as its shortest round trip (String(x)) and a point or an exponent (0.05, or 5e-2). Anything
 * else counts 1, so its text is always scanned.
 */
function shortestNumber(x: number): number {
  const sign = x < 0 ? 1 : 0;
  const a = sign === 1 ? -x : x;
  if (Number.isInteger(a)) {
    if (a >= TWO_TO_53) return 1;
    let digits = 1;
    for (let p = 10; a >= p; p *= 10) digits++;
    if (a === 0 || a % 1000 !== 0) return sign + digits;
    let zeros = 0;
    for (let b = a; b % 10 === 0; b /= 10) zeros++;
    return sign + Math.min(digits, digits - zeros + 1 + String(zeros).length);
  }
  const s = String(a);
  if (s.includes('e')) return 1;
  if (a >= 1) return sign + s.length; // digits and a point
  let zeros = 0; // 0.00ddd
  while (s.charCodeAt(2 + zeros) === 48) zeros++;
  return sign + (s.length - 2 - zeros) + Math.min(zeros + 2, 3);
}

/** Each string of the value (keys too) that is not well-formed UTF-16, as a finding at it, in the text's order; walked with a stack, not recursion. */
function loneSurrogates(value: unknown, problems: RecordProblem[]): void {
  // [value, its pointer, whether the key it is under is ill-formed]
  const stack: [unknown, string, boolean][] = [[value, '', false]];
  while (stack.length > 0) {
    const [current, path, badKey] = stack.pop()!;
    if (badKey) problems.push({ path, rule: LONE_SURROGATE_RULE, message: LONE_SURROGATE_KEY_MESSAGE });
    if (typeof current === 'string') {
      if (!isWellFormed(current)) problems.push({ path, rule: LONE_SURROGATE_RULE, message: LONE_SURROGATE_MESSAGE });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`, false]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        stack.push([item, `${path}/${escapeSegment(key)}`, !isWellFormed(key)]);
      }
    }
  }
}
