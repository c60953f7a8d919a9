/**
 * What kind of near miss a value is, for a value that has already failed its format: the message then
 * says how to fix it ("it has spaces or dashes: write it as 10 digits with no spaces") and not only what
 * the format is. A hint is one of a fixed set of phrases chosen from the value's shape (which characters
 * it has, how many digits, whether a check digit matches, whether a fixed spelling would pass); it never
 * contains the value or any part of it, and each phrase is true of every value that gets it.
 *
 * Made only when a format has failed (rare), so it costs nothing on a valid record; a value longer than
 * MAX_HINTED characters gets no hint, so a huge string costs nothing either.
 */
import { daysInMonth, isDate, isDateTime } from './date-time.js';
import { healthFormats, isGpPracticeCode, isOdsCode, isOdsSite, isOdsTrust, isSctid, isUkPostcode, verhoeffValid } from './health-formats.js';
import { isNhsNumberCheckDigit } from './wire-formats.js';
import { asciiDigits } from './decimal-digits.js';

/** Longer values get no hint: no format here accepts more than 35 characters. */
export const MAX_HINTED = 64;

const DIGITS = /^\d+$/;
const SEPARATORS = /[ -]/g;
const ONLY_SPACES = /^\s+$/;

// ---- NHS numbers ---------------------------------------------------------------------------------

/** Nine digits that are a 10-digit number with a valid check digit once a 0 is put back before them (a CHI number starts with 0). */
const lostLeadingZero = (digits: string): boolean => !/^0{9}$/.test(digits) && isNhsNumberCheckDigit(`0${digits}`);

function nhsHints(value: string, placeholders: boolean): string[] {
  const hints: string[] = [];
  // A number column in a spreadsheet: shown (and saved) as 9.43E+09, often with digits lost; or written as a decimal.
  if (/^\d(?:\.\d+)?E\+?\d+$/i.test(value))
    return [
      'it is written as a number in scientific notation (as a spreadsheet shows a long number, often losing digits): write all 10 digits, and keep the column as text',
    ];
  if (/^\d+\.0+$/.test(value))
    return ['it has a decimal point and zeros after the digits (as a number column writes it): write the digits alone, and keep the column as text'];
  if (/[^\d -]/.test(value)) return ['it has characters other than digits: write it as 10 digits with no spaces'];
  const digits = value.replace(SEPARATORS, '');
  if (digits.length !== value.length) hints.push('it has spaces or dashes: write it as 10 digits with no spaces');
  if (digits.length === 9 && lostLeadingZero(digits)) {
    hints.push(
      'it has 9 digits, and with a 0 before them its check digit matches: a spreadsheet may have dropped the leading 0; write all 10 digits and keep the column as text',
    );
  } else if (digits.length < 10) hints.push('it has fewer than 10 digits');
  else if (digits.length > 10) hints.push('it has more than 10 digits');
  else if (placeholders && /^(\d)\1{9}$/.test(digits)) hints.push('it is a placeholder (one digit ten times), never an issued NHS number');
  else if (!isNhsNumberCheckDigit(digits)) hints.push('its check digit (the last digit) does not match the first nine digits: a typing error?');
  return hints;
}

// ---- Dates and date-times ------------------------------------------------------------------------

/** What is wrong with a year, month and day as written (digits), or undefined when they are a real date. */
function dateFact(year: number, month: number, day: number, yearZero: boolean): string | undefined {
  if (month < 1 || month > 12) return 'its month is not 01 to 12';
  if (day < 1 || day > daysInMonth(year, month)) return 'there is no such day in that month';
  if (yearZero && year === 0) return 'there is no year 0000';
  return undefined;
}

/** The date facts of a value starting `YYYY-MM-DD` (extended) or `YYYYMMDD` (compact). */
function datePartFact(value: string, yearZero: boolean): string | undefined {
  const extended = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(value);
  return extended ? dateFact(Number(extended[1]), Number(extended[2]), Number(extended[3]), yearZero) : undefined;
}

/** The time facts of a value with `Thh:mm:ss` or `Thhmmss` after its date. */
function timePartFact(value: string): string | undefined {
  const time = /^\d{4}-?\d{2}-?\d{2}[Tt ](\d{2}):?(\d{2})(?::?(\d{2}))?/.exec(value);
  if (!time) return undefined;
  const [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  return hour > 23 || minute > 59 || second > 60 ? 'its time is not a time of day (hours 00 to 23, minutes and seconds 00 to 59)' : undefined;
}

const YEAR_LAST = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:$|[ T])/;
/** Day, month and a two-digit year (or a two-digit year first): either way, no four-digit year first. */
const SHORT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:$|[ T])/;
/** A date year first with any separator, its month and day of one or two digits. */
const YEAR_FIRST = /^\d{4}([-/.])(\d{1,2})\1(\d{1,2})(?!\d)/;
const SEPARATOR_NAMES: Record<string, string> = { '/': 'slashes', '.': 'dots' };
const EXTENDED_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPACT_DATE = /^\d{8}$/;
/** A compact date then a time: with T, a space, or nothing between them (then 6 or 8 more digits). */
const COMPACT_DATE_TIME = /^\d{8}(?:[Tt ]\d{4,6}|\d{6}(?:\d{2})?$)/;
const EXTENDED_WITH_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d/;
const NO_OFFSET = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const NO_SECONDS = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?:[Zz]|[+-]\d{2}:?\d{2})?$/;
/** An extended time whose hour, minute or second may have one digit. */
const LOOSE_TIME = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?!\d)/;
/** An extended date-time with seconds, and what follows them (its offset, or what stands for one). */
const EXTENDED_ZONE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(.+)$/;
const SPACED_OFFSET = /^\s+(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const ZONE_NAME = /^\s*[A-Za-z]{2,5}$/;

/**
 * How the parts of a value's date are laid out, when that is what is wrong, for a format that writes a
 * date as `layout`: no four-digit year first, separators other than dashes, or a one-digit month or day.
 */
function dateLayoutHint(value: string, layout: string): string | undefined {
  if (SHORT_YEAR.test(value)) return `it has no four-digit year first: write it as ${layout}`;
  const date = YEAR_FIRST.exec(value);
  if (date === null) return undefined;
  if (date[1] !== '-') return `its date is written with ${SEPARATOR_NAMES[date[1]!]}: write it ${layout.includes('-') ? 'with dashes, ' : ''}as ${layout}`;
  if (date[2]!.length === 1 || date[3]!.length === 1) return `its month or day has one digit: write both with two digits, as ${layout}`;
  return undefined;
}

/** A time written with colons whose hour, minute or second has one digit. */
function timeLayoutHint(value: string): string | undefined {
  const time = LOOSE_TIME.exec(value);
  if (time === null || [time[1], time[2], time[3]].every((part) => part === undefined || part.length === 2)) return undefined;
  return 'its hour, minute or second has one digit: write each with two digits, as hh:mm:ss';
}

/** What stands after the seconds of an extended date-time in place of an offset: a space before it, or a zone's name. */
function zoneHint(value: string, offsets: string): string | undefined {
  const zone = EXTENDED_ZONE.exec(value)?.[1];
  if (zone === undefined) return undefined;
  if (SPACED_OFFSET.test(zone)) return 'it has a space before its offset: write the offset straight after the time';
  if (ZONE_NAME.test(zone)) return `its time zone is written as a name: write ${offsets} after the time instead`;
  return undefined;
}

/**
 * Digits alone, or digits, a T and digits, that are too few or too many for a date (8 digits) or a
 * compact date and time (8 digits, T, 6 digits): how many digits the form has. Tried after the
 * other hints, which say more where they fit. Says fewer or more, never how many the value has.
 */
const DIGITS_ALONE = /^\d+$/;
const DIGITS_T_DIGITS = /^(\d+)[Tt](\d+)$/;
const fewerOrMore = (digits: string, want: number): string => (digits.length < want ? `fewer than ${want}` : `more than ${want}`);

function dateDigitsHint(value: string, layout: 'YYYYMMDD' | 'YYYY-MM-DD'): string | undefined {
  if (!DIGITS_ALONE.test(value) || value.length === 8) return undefined;
  return layout === 'YYYYMMDD'
    ? `it has ${fewerOrMore(value, 8)} digits: a date is 8 digits, YYYYMMDD`
    : `it has ${fewerOrMore(value, 8)} digits and no dashes: write the date as YYYY-MM-DD, e.g. 2024-01-31`;
}

function compactDateTimeDigitsHint(value: string): string | undefined {
  if (DIGITS_ALONE.test(value)) return 'it is digits alone, with no T: write it as YYYYMMDDThhmmss (8 digits, T, 6 digits)';
  const parts = DIGITS_T_DIGITS.exec(value);
  if (parts === null) return undefined;
  const [, date, time] = parts as unknown as [string, string, string];
  if (date.length !== 8) return `its date, before the T, has ${fewerOrMore(date, 8)} digits: write it as YYYYMMDDThhmmss (8 digits, T, 6 digits)`;
  if (time.length !== 4 && time.length !== 6 && time.length !== 8)
    return `its time, after the T, has ${time.length} digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)`;
  return undefined;
}

function dateHints(value: string): string[] {
  if (YEAR_LAST.test(value)) return ['it has the year last: write the date year first, as YYYY-MM-DD'];
  if (EXTENDED_WITH_TIME.test(value) || COMPACT_DATE_TIME.test(value)) return ['it has a time: write the date alone, as YYYY-MM-DD'];
  if (COMPACT_DATE.test(value)) return ['it has no dashes: write it as YYYY-MM-DD', ...optional(datePartFact(value, false))];
  return optional(EXTENDED_DATE.test(value) ? datePartFact(value, false) : (dateLayoutHint(value, 'YYYY-MM-DD') ?? dateDigitsHint(value, 'YYYY-MM-DD')));
}

/** For a date-time that is RFC 3339 but not a UK one: its offset is written without a colon, or is not a UK offset. */
function ukOffsetHint(value: string): string {
  const offset = /([+-])(\d{2})(:?)(\d{2})?$/.exec(value);
  const ukHours = offset !== null && (offset[2] === '00' || (offset[1] === '+' && offset[2] === '01'));
  if (ukHours && offset[3] === '' && (offset[4] === undefined || offset[4] === '00')) return 'write its offset with a colon: +00:00 (GMT) or +01:00 (BST)';
  return 'its offset is not one UK time has: write the time in UTC (Z) or in UK time (+00:00 for GMT, +01:00 for BST)';
}

function dateTimeHints(value: string, uk: boolean): string[] {
  const offsets = uk ? 'Z, +00:00 (GMT) or +01:00 (BST)' : 'Z or ±hh:mm';
  if (YEAR_LAST.test(value)) return ['it has the year last: write it year first, as YYYY-MM-DDThh:mm:ss with an offset'];
  if (COMPACT_DATE.test(value) || COMPACT_DATE_TIME.test(value))
    return ['it is in the compact form: write it as YYYY-MM-DDThh:mm:ss with an offset, with dashes and colons'];
  if (EXTENDED_DATE.test(value)) return [`it is a date alone: add the time and its offset, as YYYY-MM-DDThh:mm:ss followed by ${offsets}`];
  if (uk && isDateTime(value)) return [ukOffsetHint(value)];
  const layout = dateLayoutHint(value, 'YYYY-MM-DDThh:mm:ss with an offset') ?? timeLayoutHint(value);
  if (layout !== undefined) return [layout];
  const hints = optional(EXTENDED_WITH_TIME.test(value) ? (datePartFact(value, false) ?? timePartFact(value) ?? zoneHint(value, offsets)) : undefined);
  if (NO_SECONDS.test(value)) hints.push('it has no seconds: write the time as hh:mm:ss');
  if (NO_OFFSET.test(value)) hints.push(`it has no offset: add ${offsets} after the time`);
  return hints;
}

function compactDateHints(value: string): string[] {
  if (YEAR_LAST.test(value)) return ['it has the year last: write the date year first, as YYYYMMDD'];
  if (EXTENDED_WITH_TIME.test(value) || COMPACT_DATE_TIME.test(value)) return ['it has a time: write the date alone, as YYYYMMDD'];
  if (COMPACT_DATE.test(value) || EXTENDED_DATE.test(value)) return optional(datePartFact(value, true));
  return optional(dateLayoutHint(value, 'YYYYMMDD') ?? dateDigitsHint(value, 'YYYYMMDD'));
}

const COMPACT_SUFFIX = /^\d{8}T\d{6}(\d{2})$/;
/** An extended date-time, with or without seconds, and whatever follows its time. */
const EXTENDED_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?!\d)(.*)$/;
/** A compact date and time: the character between them, the time (with or without seconds), a fraction, and what follows. */
const COMPACT_PARTS = /^\d{8}([Tt ]?)(\d{6}|\d{4})(?:\d{2})?(?!\d)(\.\d+)?(.*)$/;
const COMPACT_OFFSET = /^\s*[+-]\d{2}(?::?\d{2})?$/;
const BETWEEN_DATE_AND_TIME: Record<string, string> = {
  ' ': 'it has a space between the date and the time: write T there',
  t: 'it has a lower-case t between the date and the time: write T',
  '': 'it has no T between the date and the time: write it as YYYYMMDDThhmmss',
};

/** The faults of a compact date-time's layout: what is between its date and time, no seconds, a fraction, a zone. */
function compactLayoutHints(value: string): string[] {
  const parts = COMPACT_PARTS.exec(value);
  if (parts === null) return [];
  const [, between, time, fraction, rest] = parts as unknown as [string, string, string, string | undefined, string];
  const hints = optional(BETWEEN_DATE_AND_TIME[between]);
  if (time.length === 4) hints.push('it has no seconds: write the time as hhmmss');
  if (fraction !== undefined) hints.push('it has a fraction of a second: the compact form has whole seconds only, hhmmss');
  if (/^\s*[Zz]$/.test(rest)) hints.push('it ends in Z: leave the Z out (a time with no suffix is UTC), or write 00 (GMT) or 01 (BST) after the seconds');
  else if (COMPACT_OFFSET.test(rest))
    hints.push('it has an offset: the compact form writes 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC');
  else if (ZONE_NAME.test(rest)) hints.push('its time zone is written as a name: write 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC');
  return hints;
}

function compactDateTimeHints(value: string): string[] {
  if (YEAR_LAST.test(value)) return ['it has the year last: write it year first, as YYYYMMDDThhmmss'];
  if (COMPACT_DATE.test(value)) return ['it is a date alone: add the time, as YYYYMMDDThhmmss'];
  const layout = dateLayoutHint(value, 'YYYYMMDDThhmmss') ?? timeLayoutHint(value);
  if (layout !== undefined) return [layout];
  const fact = datePartFact(value, true) ?? timePartFact(value);
  if (fact !== undefined) return [fact];
  const suffix = COMPACT_SUFFIX.exec(value);
  if (suffix && suffix[1] !== '00' && suffix[1] !== '01') return ['the two digits after the seconds, when given, must be 00 (GMT) or 01 (BST)'];
  const extended = EXTENDED_DATE_TIME.exec(value);
  if (extended) {
    const hints = optional(value.charCodeAt(10) === 84 /* T */ ? undefined : BETWEEN_DATE_AND_TIME[value.charAt(10)]);
    if (NO_SECONDS.test(value)) hints.push('it has no seconds: write the time as hh:mm:ss');
    if (extended[1] !== '+00:00' && extended[1] !== '+01:00')
      hints.push('written with dashes and colons it needs the offset +00:00 (GMT) or +01:00 (BST), or write it as YYYYMMDDThhmmss');
    return hints;
  }
  const layoutHints = compactLayoutHints(value);
  return layoutHints.length > 0 ? layoutHints : optional(compactDateTimeDigitsHint(value));
}

/** A date, or a date and time with its offset in the extended form (`compact-date-or-date-time`). */
function compactDateOrDateTimeHints(value: string): string[] {
  if (YEAR_LAST.test(value)) return ['it has the year last: write the date year first, as YYYYMMDD'];
  if (COMPACT_DATE_TIME.test(value))
    return [
      'it is a date and time in the compact form, which is not read here: write the date alone, as YYYYMMDD, or the date and time as YYYY-MM-DDThh:mm:ss with its offset',
    ];
  if (COMPACT_DATE.test(value) || EXTENDED_DATE.test(value)) return optional(datePartFact(value, true));
  if (!EXTENDED_WITH_TIME.test(value)) return optional(dateLayoutHint(value, 'YYYYMMDD') ?? dateDigitsHint(value, 'YYYYMMDD'));
  const hints = optional(
    datePartFact(value, true) ?? timePartFact(value) ?? (value.charCodeAt(10) === 84 /* T */ ? undefined : BETWEEN_DATE_AND_TIME[value.charAt(10)]),
  );
  if (NO_SECONDS.test(value)) hints.push('it has no seconds: write the time as hh:mm:ss');
  if (NO_OFFSET.test(value)) hints.push('it has no offset: add Z or ±hh:mm after the time, or write the date alone, as YYYYMMDD');
  return hints;
}

// ---- UK postcodes --------------------------------------------------------------------------------

/** Whether reading some letters O as zeros gives a postcode (at most 8 characters, so at most 256 tries). */
function zeroForO(upper: string): boolean {
  const at: number[] = [];
  for (let i = 0; i < upper.length; i++) if (upper.charCodeAt(i) === 79 /* O */) at.push(i);
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const chars = upper.split('');
    at.forEach((index, bit) => {
      if (mask & (1 << bit)) chars[index] = '0';
    });
    if (isUkPostcode(chars.join(''))) return true;
  }
  return false;
}

function postcodeHints(value: string): string[] {
  if (/[^A-Za-z0-9 ]/.test(value)) return ['it has characters other than letters, digits and one space'];
  const compact = value.replace(/ /g, '').toUpperCase();
  if (isUkPostcode(compact)) return ['write it with one space, before the last three characters (or with none)'];
  if (compact.startsWith('ZZ')) return ['a pseudo-postcode is ZZ99 then a digit, a letter and Z (e.g. ZZ99 3WZ, not known)'];
  if (compact.length > 7) return ['it is too long: a postcode has 5 to 7 letters and digits, and one optional space'];
  if (compact.length < 5) return ['it is too short: a postcode has 5 to 7 letters and digits, and one optional space'];
  if (compact.length <= 8 && zeroForO(compact)) return ['it has a letter O where a postcode has the digit 0 (zero)'];
  if (!/^\d[A-Z]{2}$/.test(compact.slice(-3))) return ['its last three characters (the inward code) must be a digit and two letters'];
  if (/[CIKMOV]/.test(compact.slice(-2))) return ['its last two letters can never be C, I, K, M, O or V'];
  return ['its first part (the outward code, before the last three characters) is not the shape of a postcode district'];
}

// ---- SNOMED CT identifiers -----------------------------------------------------------------------

const PARTITION_KINDS: Record<string, string> = {
  '01': 'a description id',
  '11': 'a description id',
  '02': 'a relationship id',
  '12': 'a relationship id',
  '16': 'an expression id',
};

function sctidHints(value: string, concept: boolean, simple = false): string[] {
  if (/^\s*\d+\s*\|/.test(value)) return ['it has a term after the code: write the identifier alone, without the text between the | bars'];
  if (/^\s*\d+\s+\S/.test(value)) return ['it has text after the code: write the identifier alone, digits only'];
  if (/^\d(?:\.\d+)?E\+?\d+$/i.test(value))
    return ['it is written as a number in scientific notation (as a spreadsheet shows a long number): write all its digits, as text'];
  const trimmed = value.trim();
  if (trimmed !== value && DIGITS.test(trimmed)) return ['it has spaces: write the identifier alone, digits only'];
  if (!DIGITS.test(value)) return ['it has characters other than digits'];
  if (value.charCodeAt(0) === 48) return ['a SNOMED CT identifier never starts with 0'];
  if (value.length < 6) return ['it has fewer than 6 digits'];
  if (value.length > 18) return ['it has more than 18 digits'];
  const partition = value.slice(-3, -1);
  if (!['00', '01', '02', '10', '11', '12', '16'].includes(partition))
    return ['its partition (the 2nd and 3rd digits from the right) is not one SNOMED CT uses: a typing error?'];
  if (!simple && partition[0] === '1' && value.length < 11)
    return ['its partition (the 2nd and 3rd digits from the right) is a long-format one, which needs at least 11 digits'];
  if (!verhoeffValid(value)) return ['its check digit (the last digit) does not match the others: a typing error?'];
  if (concept && (simple || isSctid(value)) && PARTITION_KINDS[partition] !== undefined)
    return [`its partition (the 2nd and 3rd digits from the right) makes it ${PARTITION_KINDS[partition]}, not a concept id`];
  return [];
}

// ---- ODS codes -----------------------------------------------------------------------------------

function odsHints(value: string, valid: (value: string) => boolean): string[] {
  const fixed = value.replace(/ /g, '').toUpperCase();
  if (fixed !== value && valid(fixed)) {
    const spaces = fixed.length !== value.length;
    const lower = value.replace(/ /g, '') !== fixed;
    return [`write it ${lower ? `in upper case${spaces ? ' with no spaces' : ''}` : 'with no spaces'}`];
  }
  if (/[^A-Za-z0-9 ]/.test(value)) return ['it has characters other than letters and digits'];
  return [];
}

// --------------------------------------------------------------------------------------------------

const optional = (hint: string | undefined): string[] => (hint === undefined ? [] : [hint]);

/** White space at either end: invisible in a message, so a date that is right but for it must be told so. */
const SPACED = /^\s|\s$/;
const health = healthFormats as Record<string, { validate: (v: string) => boolean } | undefined>;
/** The date formats, checked on a value without its white space (a date with a space around it is refused as it is). */
const DATE_CHECKS: Record<string, ((value: string) => boolean) | undefined> = {
  date: isDate,
  'date-time': isDateTime,
  'uk-date-time': (v) => health['uk-date-time']!.validate(v),
  'compact-date': (v) => health['compact-date']!.validate(v),
  'compact-date-time': (v) => health['compact-date-time']!.validate(v),
  'compact-date-or-date-time': (v) => health['compact-date-or-date-time']!.validate(v),
};

const HINTS: Record<string, (value: string) => string[]> = {
  'nhs-number': (v) => nhsHints(v, true),
  'nhs-number-check-digit': (v) => nhsHints(v, false),
  'nhs-number-any-digits': (v) => nhsHints(asciiDigits(v), false),
  date: dateHints,
  'date-time': (v) => dateTimeHints(v, false),
  'uk-date-time': (v) => dateTimeHints(v, true),
  'compact-date': compactDateHints,
  'compact-date-time': compactDateTimeHints,
  'compact-date-or-date-time': compactDateOrDateTimeHints,
  'uk-postcode': postcodeHints,
  sctid: (v) => sctidHints(v, false),
  'sctid-concept': (v) => sctidHints(v, true),
  'sctid-concept-simple': (v) => sctidHints(v, true, true),
  'ods-code': (v) => odsHints(v, isOdsCode),
  'ods-trust': (v) => odsHints(v, isOdsTrust),
  'ods-site': (v) => odsHints(v, isOdsSite),
  'ods-gp-practice': (v) => odsHints(v, isGpPracticeCode),
};

/**
 * The hint for a value that failed `format` (phrases joined with "; "), or undefined when the format has
 * no hints, the value is not a string or is longer than MAX_HINTED, or no phrase fits. Never contains the
 * value. Only for a value the format refused: a valid one may get a hint that is not true of it.
 */
export function formatHint(format: string, value: unknown): string | undefined {
  const hints = HINTS[format];
  if (hints === undefined || typeof value !== 'string' || value.length > MAX_HINTED) return undefined;
  if (value === '') return 'it is empty';
  if (ONLY_SPACES.test(value)) return 'it is only white space';
  if (SPACED.test(value) && DATE_CHECKS[format]?.(value.trim()) === true) return 'it has spaces before or after it: remove them';
  const found = hints(value);
  return found.length === 0 ? undefined : found.join('; ');
}

/** For tests: the formats that have hints. */
export const hintedFormats: readonly string[] = Object.keys(HINTS);
