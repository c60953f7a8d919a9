/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/wire-formats.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Wire formats: how a national file writes values that JSON would type, registered with Ajv as string
 * formats beside the health formats (health-formats.ts spreads them in, so generated validators have them
 * too). The dates and date-times are converted once for the cross-field rules and the scorecard
 * (date-time.ts compactToIso); these checks say whether a value is a real one.
 *
 * Each also takes the extended (RFC 3339) forms the national immunisation pipeline accepts: it reads a value
 * it cannot convert with Python's strptime and then the FHIR model's patterns, so what passes both is
 * what is taken here, no more (year 0000, a seventh digit of a second's fraction and, for the vaccination
 * date-time, a `Z` are refused there).
 */
import { daysInMonth, digitsAt, isDate, isDateTime, pythonCompactForm } from './date-time.js';
import { asciiDigits } from './decimal-digits.js';

const COMPACT_DATE_TIME = /^\d{8}T\d{6}(?:0[01])?$/;

// The common forms are read digit by digit with no string made (a batch file has three dates and a
// date-time on every row); anything else goes the general way, so the values accepted are the same.

/**
 * `YYYYMMDD` (or `YYYY-MM-DD`), a real calendar date from year 0001 (Python's dates, and FHIR's, have
 * no year 0): 20240230 and 00000101 are refused.
 */
export function isCompactDate(value: string): boolean {
  if (isAsciiCompactDate(value)) return true;
  const ascii = pythonCompactForm(value); // another script's digits in the year, as the pipeline reads them
  return ascii !== undefined && ascii.length === 8 && isAsciiCompactDate(ascii);
}

function isAsciiCompactDate(value: string): boolean {
  if (value.length === 8) {
    const year = digitsAt(value, 0, 4);
    const month = digitsAt(value, 4, 2);
    const day = digitsAt(value, 6, 2);
    if (year < 1 || month < 0 || day < 0) return false;
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }
  return value.length === 10 && isDate(value) && !value.startsWith('0000');
}

/**
 * The extended date-time the pipeline accepts for the vaccination: `YYYY-MM-DDThh:mm:ss`, an optional
 * fraction of one to six digits (strptime's %f), and the offset +00:00 (GMT) or +01:00 (BST) only (its
 * strict time-zone check; `Z` and `+0100` are refused, the latter by the FHIR model's pattern).
 */
const PIPELINE_DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?\+0[01]:00$/;

/** True or false for a `YYYYMMDDThhmmss[00|01]` with every field in its usual range; undefined for any other value. */
function commonCompactDateTime(value: string): boolean | undefined {
  const n = value.length;
  if ((n !== 15 && n !== 17) || value.charCodeAt(8) !== 84 /* T */) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 4, 2);
  const day = digitsAt(value, 6, 2);
  const hour = digitsAt(value, 9, 2);
  const minute = digitsAt(value, 11, 2);
  const second = digitsAt(value, 13, 2);
  const suffix = n === 17 ? digitsAt(value, 15, 2) : 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || suffix < 0 || suffix > 1) return undefined;
  return day <= daysInMonth(year, month);
}

/**
 * `YYYYMMDDThhmmss`, optionally followed by the offset `00` (GMT) or `01` (BST), a real date and time
 * (the pipeline converts only these; second 60 and year 0000 are not real to Python); or, as the pipeline
 * takes a value it did not convert, a date alone (`YYYY-MM-DD`) or an extended date-time with the offset
 * +00:00 or +01:00 (PIPELINE_DATE_TIME).
 */
export function isCompactDateTime(value: string): boolean {
  const common = commonCompactDateTime(value);
  if (common !== undefined) return common;
  if (COMPACT_DATE_TIME.test(value)) return false; // a field out of its range, or year 0000
  if (value.length === 10) return value.charCodeAt(4) === 45 /* - */ && isCompactDate(value);
  if (PIPELINE_DATE_TIME.test(value)) return !value.startsWith('0000') && isDateTime(value);
  const ascii = pythonCompactForm(value); // another script's digits where the pipeline's strptime reads them
  return ascii !== undefined && ascii.length > 8 && isCompactDateTime(ascii);
}

/**
 * The extended date-time the pipeline accepts for the recorded date (its `recorded`, checked with no
 * time-zone restriction): `YYYY-MM-DDThh:mm:ss`, an optional fraction of one to six digits (strptime's
 * %f), and an offset both strptime's %z and the FHIR model's dateTime pattern read: `Z`, or ±hh:mm from
 * -13:59 to +13:59 and ±14:00 (`+0100`, without its colon, is refused by the FHIR pattern).
 */
const ANY_OFFSET_DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;

/**
 * A date as `compact-date` takes it (`YYYYMMDD` or `YYYY-MM-DD`), or an extended date-time with its
 * offset (ANY_OFFSET_DATE_TIME): what the national immunisation pipeline accepts as RECORDED_DATE, which it
 * converts from `YYYYMMDD` and otherwise reads as a FHIR dateTime. The compact `YYYYMMDDThhmmss` is not
 * converted there, so it is refused here.
 */
export function isCompactDateOrDateTime(value: string): boolean {
  if (value.length <= 10) return isCompactDate(value);
  if (ANY_OFFSET_DATE_TIME.test(value)) return !value.startsWith('0000') && isDateTime(value);
  const ascii = pythonCompactForm(value); // a date in digits of more than one UTF-16 unit each
  return ascii !== undefined && ascii.length === 8 && isCompactDate(ascii);
}

/**
 * Python's white space (`str.isspace`), which the pipeline's "must be a non-empty string" check uses:
 * JavaScript's (`trim`) less U+FEFF, plus the separators U+001C to U+001F and U+0085.
 */
// eslint-disable-next-line no-control-regex -- U+001C to U+001F are white space to Python
export const PYTHON_SPACE_CLASS = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.source;
const PYTHON_SPACE = new RegExp(`^${PYTHON_SPACE_CLASS}*$`);

/** Text with at least one character that is not white space, as Python sees white space. */
export function isNonBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return true; // a printable ASCII character is not white space
  return !PYTHON_SPACE.test(value);
}

/**
 * 10 digits with a valid Modulus 11 check digit, and nothing more: the NHS number check the national
 * immunisation pipeline makes. (`nhs-number` also refuses placeholders such as 9999999999, which pass
 * Modulus 11; a standard for that pipeline must not refuse them, so it uses this one.)
 */
export function isNhsNumberCheckDigit(value: string): boolean {
  if (value.length !== 10) return false;
  let total = 0;
  for (let i = 0; i < 9; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    total += digit * (10 - i);
  }
  const last = value.charCodeAt(9) - 48;
  if (last < 0 || last > 9) return false;
  const check = (11 - (total % 11)) % 11;
  return check !== 10 && check === last;
}

/**
 * 10 decimal digits of any script (Arabic-Indic, fullwidth, Devanagari, …; a code point each) with a
 * valid Modulus 11 check digit: the national immunisation pipeline's check as its Python runs it
 * (`str.isdigit()`, 10 characters, `int()` of each digit), which reads any Unicode decimal digit. A
 * superscript or circled digit is isdigit() to Python but no int(), so it is refused here as there.
 */
export function isNhsNumberAnyDigits(value: string): boolean {
  if (value.length === 10 && isNhsNumberCheckDigit(value)) return true; // ASCII digits: the usual case
  // Each decimal digit as its ASCII one (an astral digit is two UTF-16 units, one digit); anything else stays and fails the check.
  return value.length >= 10 && value.length <= 20 && isNhsNumberCheckDigit(asciiDigits(value));
}

/**
 * Not an NHS number placeholder: false only for ten repeats of one decimal digit (`0000000000`, in any
 * script), which pass Modulus 11 but are never issued and are typed where the number is not known; true
 * for anything else (whether it is an NHS number is another format's business). For `x-advice` where a
 * pipeline checks the check digit alone (nhs-number-check-digit, nhs-number-any-digits).
 */
export function isNotNhsNumberPlaceholder(value: string): boolean {
  const digits = value.length <= 20 ? asciiDigits(value) : value;
  if (digits.length !== 10) return true;
  const first = digits.charCodeAt(0);
  if (first < 48 || first > 57) return true;
  for (let i = 1; i < 10; i++) if (digits.charCodeAt(i) !== first) return true;
  return false;
}

/** A decimal digit of any script but 0 to 9 (Arabic-Indic, fullwidth, Devanagari, …). */
const OTHER_SCRIPT_DIGIT = /[^\P{Nd}0-9]/u;

/** Text whose digits, if it has any, are all 0 to 9: for advice where a check reads any script's digits. */
export function isLatinDigitsOnly(value: string): boolean {
  return !OTHER_SCRIPT_DIGIT.test(value);
}

const ACTION_FLAG = /^(?:new|update|delete)$/i;

/** The immunisation batch file's ACTION_FLAG: NEW, UPDATE or DELETE in any case, untrimmed. */
export function isActionFlag(value: string): boolean {
  return ACTION_FLAG.test(value);
}

export const wireFormats = {
  'compact-date': { validate: isCompactDate, describe: 'a real date written YYYYMMDD (or YYYY-MM-DD), e.g. 20240131' },
  'compact-date-time': {
    validate: isCompactDateTime,
    describe: 'a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501',
  },
  'compact-date-or-date-time': {
    validate: isCompactDateOrDateTime,
    describe: 'a real date written YYYYMMDD (or YYYY-MM-DD), or a date and time written YYYY-MM-DDThh:mm:ss with its offset (Z or ±hh:mm), e.g. 20240131',
  },
  'nhs-number-check-digit': { validate: isNhsNumberCheckDigit, describe: 'a valid NHS number (10 digits with a Modulus 11 check digit)' },
  'nhs-number-any-digits': {
    validate: isNhsNumberAnyDigits,
    describe: 'a valid NHS number (10 digits, of any script, with a Modulus 11 check digit)',
  },
  'nhs-number-not-placeholder': {
    validate: isNotNhsNumberPlaceholder,
    describe: 'an NHS number that is not a placeholder (one digit ten times)',
  },
  'latin-digits': { validate: isLatinDigitsOnly, describe: 'text whose digits are 0 to 9 (not the digits of another script)' },
  'non-blank': { validate: isNonBlank, describe: 'text that is not only spaces' },
  'action-flag': { validate: isActionFlag, describe: 'NEW, UPDATE or DELETE (any case, no spaces)' },
} as const;
