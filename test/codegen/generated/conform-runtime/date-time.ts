/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/date-time.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Fast RFC 3339 dates and date-times. The common forms (`2024-03-01`, `2024-03-01T10:15:20Z`,
 * `…T10:15:20.5+01:00`) are checked from their character codes with every field in range and the day real
 * in its month: several times quicker than ajv-formats' split and regular expressions. Anything else falls
 * back to ajv-formats, so the set of accepted values is exactly ajv-formats' own (a test compares them). `parseTime` gives the instant for the
 * consistency rules, reading digits without a Date object.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { decimalDigitValue, NON_ASCII } from './decimal-digits.js';

type FormatCheck = (value: string) => boolean;
const asCheck = (format: unknown): FormatCheck => (typeof format === 'function' ? format : (format as { validate: FormatCheck }).validate) as FormatCheck;
const fullDate = asCheck(fullFormats.date);
const fullDateTime = asCheck(fullFormats['date-time']);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written in `length` ASCII digits at `at`, or -1 when one of them is not a digit. */
export function digitsAt(s: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The days in a month (1–12) of a year of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` prefix that is a real calendar date, or NaN. */
function readDate(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const year = digitsAt(s, 0, 4),
    month = digitsAt(s, 5, 2),
    day = digitsAt(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return NaN;
  return day <= daysInMonth(year, month) ? daysFromCivil(year, month, day) : NaN;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), with no Date object. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Epoch milliseconds of a date (`YYYY-MM-DD`, as UTC midnight) or of a date-time with `T`, seconds and
 * an offset (`Z` or `±hh:mm`), in these common forms only; undefined for anything else.
 */
function fastTime(s: string): number | undefined {
  if (s.length === 10) {
    const days = readDate(s);
    if (Number.isNaN(days)) return undefined;
    return days * 86_400_000;
  }
  if (s.length < 20 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const days = readDate(s);
  if (Number.isNaN(days)) return undefined;
  const hour = digitsAt(s, 11, 2),
    minute = digitsAt(s, 14, 2),
    second = digitsAt(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return undefined;
    ms = Math.floor(Number(`0.${s.slice(start, i)}`) * 1000);
  }
  let offsetMinutes = 0;
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */ && i === s.length - 1) offsetMinutes = 0;
  else if ((sign === 43 || sign === 45) && i === s.length - 6 && s.charCodeAt(i + 3) === 58) {
    const oh = digitsAt(s, i + 1, 2),
      om = digitsAt(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/**
 * Whether `s` starts with a `YYYY-MM-DD` that is a real calendar date (read from character codes, each
 * once, unrolled: about half the instructions of reading the digits in loops).
 */
function commonDate(s: string): boolean {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y0 = s.charCodeAt(0) - 48,
    y1 = s.charCodeAt(1) - 48,
    y2 = s.charCodeAt(2) - 48,
    y3 = s.charCodeAt(3) - 48,
    m0 = s.charCodeAt(5) - 48,
    m1 = s.charCodeAt(6) - 48,
    d0 = s.charCodeAt(8) - 48,
    d1 = s.charCodeAt(9) - 48;
  // A digit is 0 to 9; a character below `0` is negative, so unsigned it is over 9 too.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return false;
  if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return false;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= 28 || day <= daysInMonth(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

/**
 * Whether `s` is a date-time in the common form, `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, every field
 * in range and the day real in its month (ASCII digits only, as `\d` without the `u` flag): false says
 * only that it is not in this form. Read from the character codes, each once, unrolled (about 600
 * instructions a value on a pool thread), in place of one regular expression (about 660 a value with
 * RegExp's `test` and the write barrier of its last match: a record's text is young, RegExp's last-match
 * record old): `^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$`,
 * which a test compares it with. Only days 29 to 31 need their month read.
 */
export function commonDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return false;
  const y0 = s.charCodeAt(0) - 48,
    y1 = s.charCodeAt(1) - 48,
    y2 = s.charCodeAt(2) - 48,
    y3 = s.charCodeAt(3) - 48,
    m0 = s.charCodeAt(5) - 48,
    m1 = s.charCodeAt(6) - 48,
    d0 = s.charCodeAt(8) - 48,
    d1 = s.charCodeAt(9) - 48,
    h0 = s.charCodeAt(11) - 48,
    h1 = s.charCodeAt(12) - 48,
    i0 = s.charCodeAt(14) - 48,
    i1 = s.charCodeAt(15) - 48,
    s0 = s.charCodeAt(17) - 48,
    s1 = s.charCodeAt(18) - 48;
  // A digit is 0 to 9; a character below `0` is negative, so unsigned it is over 9 too.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return false;
  if (h0 >>> 0 > 9 || h1 >>> 0 > 9 || i0 >>> 0 > 5 || i1 >>> 0 > 9 || s0 >>> 0 > 5 || s1 >>> 0 > 9) return false;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31 || h0 * 10 + h1 > 23) return false;
  let i = 19;
  let c = s.charCodeAt(19);
  if (c === 46 /* . */) {
    i = 20;
    while (i < n && (s.charCodeAt(i) - 48) >>> 0 <= 9) i++;
    if (i === 20 || i === n) return false;
    c = s.charCodeAt(i);
  }
  if (c === 90 /* Z */) {
    if (i !== n - 1) return false;
  } else {
    if ((c !== 43 && c !== 45) || i !== n - 6 || s.charCodeAt(i + 3) !== 58) return false;
    const oh0 = s.charCodeAt(i + 1) - 48,
      oh1 = s.charCodeAt(i + 2) - 48,
      om0 = s.charCodeAt(i + 4) - 48,
      om1 = s.charCodeAt(i + 5) - 48;
    if (oh0 >>> 0 > 9 || oh1 >>> 0 > 9 || om0 >>> 0 > 5 || om1 >>> 0 > 9 || oh0 * 10 + oh1 > 23) return false;
  }
  return day <= 28 || day <= daysInMonth(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

// A value outside the common forms (or not a real day) is judged by ajv-formats itself.
export function isDate(value: string): boolean {
  return (value.length === 10 && commonDate(value)) || fullDate(value);
}

export function isDateTime(value: string): boolean {
  return commonDateTime(value) || fullDateTime(value);
}

// Other RFC 3339 forms (lower-case t, a space, offsets without a colon) go through Date.parse; text
// that is not RFC 3339 is never compared (Date.parse would read it in the machine's time zone).
const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2}))?$/;

const fromCharCodes = String.fromCharCode;
const DASH = 45,
  T = 84,
  COLON = 58,
  ZERO = 48;

/** Whether the characters at [from, to) are all ASCII digits. */
function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/** Whether `value` is a compact wire date or date-time that compactToIso converts. */
function isCompact(value: string): boolean {
  const n = value.length;
  if ((n !== 8 && n !== 15 && n !== 17) || value.charCodeAt(4) === DASH || !allDigits(value, 0, 8)) return false;
  if (n === 8) return true;
  if (value.charCodeAt(8) !== T || !allDigits(value, 9, n)) return false;
  // The offset suffix 00 (GMT) or 01 (BST).
  return n === 15 || (value.charCodeAt(15) === ZERO && (value.charCodeAt(16) === ZERO || value.charCodeAt(16) === ZERO + 1));
}

/**
 * A compact date (`YYYYMMDD`) or date-time (`YYYYMMDDThhmmss`, or with `00` or `01` after it) written with
 * decimal digits of another script where Python's strptime reads them, in ASCII digits; undefined for
 * any other value. The national pipeline converts such a cell: its `\d{8}` and strptime's `\d` match any
 * decimal digit, and int() reads it, so the year may be in any script, and so may a day's, hour's,
 * minute's or second's second digit when its first (ASCII) digit lets strptime's pattern take `\d` there
 * (`[12]\d` for a day, `[01]\d` for an hour, `[0-5]\d` for a minute or second); the month, every first
 * digit, the T and the `00` or `01` must be ASCII, as strptime's patterns for them are.
 */
export function pythonCompactForm(value: string): string | undefined {
  if (!NON_ASCII.test(value)) return undefined;
  const chars = Array.from(value);
  const n = chars.length;
  if ((n !== 8 && n !== 15 && n !== 17) || (n > 8 && chars[8] !== 'T')) return undefined;
  if (n === 17 && (chars[15] !== '0' || (chars[16] !== '0' && chars[16] !== '1'))) return undefined;
  const anyScript = (i: number): boolean =>
    i < 4 ||
    (i === 7 && (chars[6] === '1' || chars[6] === '2')) ||
    (i === 10 && (chars[9] === '0' || chars[9] === '1')) ||
    (i === 12 && chars[11]! >= '0' && chars[11]! <= '5') ||
    (i === 14 && chars[13]! >= '0' && chars[13]! <= '5');
  let ascii = '';
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    if (i === 8 || i >= 15) {
      ascii += c;
      continue;
    }
    const digit = decimalDigitValue(c.codePointAt(0)!);
    if (digit < 0 || (c.charCodeAt(0) > 127 && !anyScript(i))) return undefined;
    ascii += String(digit);
  }
  return ascii;
}

/** Compact values in UTF-16 units: 8 to 17 characters, each of the eight digits that may be another script's two units if astral. */
const LONGEST_COMPACT = 17 + 8;

/**
 * pythonCompactForm of a value that may be one, with the forms that cannot be (an RFC 3339 date or
 * date-time, with its dash after the year, or longer than any compact form) told at once: the one
 * reading of another script's digits every rule and the scorecard make, as the formats read them.
 */
function otherScriptCompact(value: string): string | undefined {
  const n = value.length;
  if (n < 8 || n > LONGEST_COMPACT || value.charCodeAt(4) === DASH) return undefined;
  return pythonCompactForm(value);
}

/**
 * The RFC 3339 form of a compact wire date or date-time, the one conversion every reader of dates uses
 * (the x-consistency rules, the scorecard's timeliness): `YYYYMMDD` gives `YYYY-MM-DD`, and
 * `YYYYMMDDThhmmss` gives `YYYY-MM-DDThh:mm:ssZ` (no suffix is UTC), with a two-digit suffix `00` (GMT)
 * giving `+00:00` and `01` (BST) `+01:00`, as the national immunisation batch file writes them. Any other
 * value is returned as it is (checking it is the `compact-date` and `compact-date-time` formats' work).
 * The text is made in one piece from character codes (a quarter of the time of joining slices).
 */
export function compactToIso(value: string): string {
  if (!isCompact(value)) {
    // Another script's digits where the pipeline's strptime reads them: converted as it converts them.
    const ascii = otherScriptCompact(value);
    return ascii === undefined ? value : compactToIso(ascii);
  }
  const v = value;
  if (v.length === 8)
    return fromCharCodes(
      v.charCodeAt(0),
      v.charCodeAt(1),
      v.charCodeAt(2),
      v.charCodeAt(3),
      DASH,
      v.charCodeAt(4),
      v.charCodeAt(5),
      DASH,
      v.charCodeAt(6),
      v.charCodeAt(7),
    );
  const y0 = v.charCodeAt(0),
    y1 = v.charCodeAt(1),
    y2 = v.charCodeAt(2),
    y3 = v.charCodeAt(3),
    m0 = v.charCodeAt(4),
    m1 = v.charCodeAt(5),
    d0 = v.charCodeAt(6),
    d1 = v.charCodeAt(7);
  const h0 = v.charCodeAt(9),
    h1 = v.charCodeAt(10),
    i0 = v.charCodeAt(11),
    i1 = v.charCodeAt(12),
    s0 = v.charCodeAt(13),
    s1 = v.charCodeAt(14);
  if (v.length === 15) return fromCharCodes(y0, y1, y2, y3, DASH, m0, m1, DASH, d0, d1, T, h0, h1, COLON, i0, i1, COLON, s0, s1, 90 /* Z */);
  // +00:00 or +01:00 from the suffix 00 or 01.
  return fromCharCodes(y0, y1, y2, y3, DASH, m0, m1, DASH, d0, d1, T, h0, h1, COLON, i0, i1, COLON, s0, s1, 43, ZERO, v.charCodeAt(16), COLON, ZERO, ZERO);
}

/**
 * The instant of a compact wire date or date-time, as fastTime gives it for its RFC 3339 form, read
 * from the digits with no text made; null when the value is not one (compactToIso leaves it as it is).
 */
function compactTime(value: string): number | undefined | null {
  const s = isCompact(value) ? value : otherScriptCompact(value);
  if (s === undefined) return null;
  const year = digitsAt(s, 0, 4),
    month = digitsAt(s, 4, 2),
    day = digitsAt(s, 6, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const days = daysFromCivil(year, month, day);
  if (s.length === 8) return days * 86_400_000;
  const hour = digitsAt(s, 9, 2),
    minute = digitsAt(s, 11, 2),
    second = digitsAt(s, 13, 2);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = s.length === 17 && s.charCodeAt(16) === ZERO + 1 ? 60 : 0;
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000;
}

/**
 * The instant of an RFC 3339 date (UTC midnight) or date-time with an offset, or of a compact wire date
 * or date-time (compactToIso); undefined for anything else.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const fast = fastTime(value);
  if (fast !== undefined) return fast;
  const compact = compactTime(value);
  if (compact !== null) return compact;
  if (!RFC3339.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** The UTC calendar date (`YYYY-MM-DD`) of an instant; once per run, not per record, so a Date object is fine. */
export function utcCalendarDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The UK's offset from UTC at an instant, in milliseconds: an hour in BST (UTC+1, from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October), else 0 (GMT).
 */
export function ukOffset(ms: number): number {
  // The last year's change-overs are kept: a file's date-times are mostly of one year (x-advice reads
  // every one, and this makes no Date object for them).
  if (!(ms >= season.yearStart && ms < season.yearEnd)) season = ukSeason(new Date(ms).getUTCFullYear());
  return ms >= season.bstStart && ms < season.bstEnd ? 3_600_000 : 0;
}

interface UkSeason {
  yearStart: number;
  yearEnd: number;
  bstStart: number;
  bstEnd: number;
}

let season: UkSeason = { yearStart: 0, yearEnd: 0, bstStart: 0, bstEnd: 0 };

/** A year's UTC bounds and its BST: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function ukSeason(year: number): UkSeason {
  const lastSunday = (month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0)); // the month's last day
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return { yearStart: Date.UTC(year, 0, 1), yearEnd: Date.UTC(year + 1, 0, 1), bstStart: lastSunday(2), bstEnd: lastSunday(9) };
}

/** The calendar date in the UK at an instant: GMT, or BST (ukOffset). */
export function ukCalendarDate(ms: number): string {
  return utcCalendarDate(ms + ukOffset(ms));
}

/**
 * The instant (epoch ms) of midnight UK time at the start of a calendar date (`YYYY-MM-DD`): 00:00 UTC in
 * GMT, 23:00 UTC the day before in BST. Midnight on the last Sunday of March is still GMT, and on the
 * last Sunday of October still BST (the clocks change at 01:00 UTC).
 */
export function ukMidnight(date: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const bst = utc - 3_600_000;
  return ukCalendarDate(bst) === date ? bst : utc;
}
