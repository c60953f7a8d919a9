/**
 * Format findings that say how to fix a near miss: the engine's message for a representative value of
 * each kind, which never contains the value (nor, for the identifiers, its digits).
 */
import { describe, expect, it } from 'vitest';
import { validateValue } from '../../src/validation/validate.js';
import { formatHint, hintedFormats, MAX_HINTED } from '../../src/validation/format-hints.js';
import { healthFormats } from '../../src/validation/health-formats.js';
import { isDate, isDateTime } from '../../src/validation/date-time.js';
import { compile } from './helpers.js';

const FORMATS = [...Object.keys(healthFormats), 'date', 'date-time'];
const version = compile({
  type: 'object',
  properties: Object.fromEntries(FORMATS.map((format) => [format, { type: 'string', format }])),
});

/** The one finding the engine makes for `value` in a field of `format`. */
function messageFor(format: string, value: string): string {
  const findings = validateValue(version, { [format]: value });
  expect(findings.map((f) => `${f.path} ${f.rule}`)).toEqual([`/${format} format`]);
  return findings[0]!.message;
}

const NHS = 'must be a valid NHS number (10 digits with a Modulus 11 check digit)';
const NHS_ANY = 'must be a valid NHS number (10 digits, of any script, with a Modulus 11 check digit)';
const DATE = 'must be a valid date (YYYY-MM-DD)';
const DATE_TIME = 'must be a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)';
const UK_DATE_TIME = 'must be a valid date-time with a UK offset (Z, +00:00 or -00:00 for GMT, +01:00 for BST)';
const COMPACT_DATE = 'must be a real date written YYYYMMDD (or YYYY-MM-DD), e.g. 20240131';
const DATE_OR_DT =
  'must be a real date written YYYYMMDD (or YYYY-MM-DD), or a date and time written YYYY-MM-DDThh:mm:ss with its offset (Z or ±hh:mm), e.g. 20240131';
const COMPACT_DATE_TIME = 'must be a real date and time written YYYYMMDDThhmmss, optionally followed by 00 (GMT) or 01 (BST), e.g. 20240610T18332501';
const POSTCODE = 'must be a valid UK postcode (or a ZZ99 pseudo-postcode)';
const SCTID_SIMPLE = 'must be a SNOMED CT concept id (6 to 18 digits, no leading 0, the partition 00 or 10, a Verhoeff check digit)';
const SCTID = 'must be a valid SNOMED CT identifier (6–18 digits, known partition, Verhoeff check digit)';
const CONCEPT = 'must be a SNOMED CT concept id (not a description or relationship id)';
const ODS = 'must be a valid ODS code (3 to 8 upper-case letters and digits)';

// [format, value, the whole message]
const CASES: [string, string, string][] = [
  // NHS numbers
  ['nhs-number', '943 476 5919', `${NHS}; it has spaces or dashes: write it as 10 digits with no spaces`],
  ['nhs-number', '943-476-5919', `${NHS}; it has spaces or dashes: write it as 10 digits with no spaces`],
  [
    'nhs-number',
    '943 476 5918',
    `${NHS}; it has spaces or dashes: write it as 10 digits with no spaces; its check digit (the last digit) does not match the first nine digits: a typing error?`,
  ],
  ['nhs-number', '943476591', `${NHS}; it has fewer than 10 digits`],
  // 0101010001 (a CHI number from Scotland starts with 0) saved from a spreadsheet as a number.
  [
    'nhs-number',
    '101010001',
    `${NHS}; it has 9 digits, and with a 0 before them its check digit matches: a spreadsheet may have dropped the leading 0; write all 10 digits and keep the column as text`,
  ],
  ['nhs-number', '000000000', `${NHS}; it has fewer than 10 digits`],
  ['nhs-number', '94347659190', `${NHS}; it has more than 10 digits`],
  ['nhs-number', '9434765918', `${NHS}; its check digit (the last digit) does not match the first nine digits: a typing error?`],
  ['nhs-number', '0000000000', `${NHS}; it is a placeholder (one digit ten times), never an issued NHS number`],
  ['nhs-number', '4444444444', `${NHS}; it is a placeholder (one digit ten times), never an issued NHS number`],
  ['nhs-number', 'NHS9434765919', `${NHS}; it has characters other than digits: write it as 10 digits with no spaces`],
  // A spreadsheet's number column: the digits lost to scientific notation, or a decimal point added.
  [
    'nhs-number',
    '9.43E+09',
    `${NHS}; it is written as a number in scientific notation (as a spreadsheet shows a long number, often losing digits): write all 10 digits, and keep the column as text`,
  ],
  [
    'nhs-number',
    '9.434765919e9',
    `${NHS}; it is written as a number in scientific notation (as a spreadsheet shows a long number, often losing digits): write all 10 digits, and keep the column as text`,
  ],
  [
    'nhs-number-check-digit',
    '9434765919.0',
    `${NHS}; it has a decimal point and zeros after the digits (as a number column writes it): write the digits alone, and keep the column as text`,
  ],
  ['nhs-number', '9434765919.5', `${NHS}; it has characters other than digits: write it as 10 digits with no spaces`],
  ['nhs-number', '', `${NHS}; it is empty`],
  ['nhs-number', '   ', `${NHS}; it is only white space`],
  ['nhs-number-check-digit', '9434765918', `${NHS}; its check digit (the last digit) does not match the first nine digits: a typing error?`],
  // Any script's digits are read as digits: the same hints as for ASCII ones.
  [
    'nhs-number-any-digits',
    '\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0668',
    `${NHS_ANY}; its check digit (the last digit) does not match the first nine digits: a typing error?`,
  ],
  ['nhs-number-any-digits', '\uff19434765919A', `${NHS_ANY}; it has characters other than digits: write it as 10 digits with no spaces`],
  ['nhs-number-any-digits', '\uff1943476591', `${NHS_ANY}; it has fewer than 10 digits`],
  ['nhs-number-check-digit', '943 476 5919', `${NHS}; it has spaces or dashes: write it as 10 digits with no spaces`],
  // dates
  ['date', '01/02/2024', `${DATE}; it has the year last: write the date year first, as YYYY-MM-DD`],
  ['date', '2024-02-30', `${DATE}; there is no such day in that month`],
  ['date', '2024-13-01', `${DATE}; its month is not 01 to 12`],
  ['date', '2024-02-01T10:00:00Z', `${DATE}; it has a time: write the date alone, as YYYY-MM-DD`],
  ['date', '20240201', `${DATE}; it has no dashes: write it as YYYY-MM-DD`],
  ['date', '20240230', `${DATE}; it has no dashes: write it as YYYY-MM-DD; there is no such day in that month`],
  ['date', '2024-2-1', `${DATE}; its month or day has one digit: write both with two digits, as YYYY-MM-DD`],
  ['date', '2024-02-1', `${DATE}; its month or day has one digit: write both with two digits, as YYYY-MM-DD`],
  ['date', '1/2/24', `${DATE}; it has no four-digit year first: write it as YYYY-MM-DD`],
  ['date', '2024/02/01', `${DATE}; its date is written with slashes: write it with dashes, as YYYY-MM-DD`],
  ['date', '2024.2.1', `${DATE}; its date is written with dots: write it with dashes, as YYYY-MM-DD`],
  ['date', '20240201100000', `${DATE}; it has a time: write the date alone, as YYYY-MM-DD`],
  // date-times
  ['date-time', '2024-02-01T10:00:00', `${DATE_TIME}; it has no offset: add Z or ±hh:mm after the time`],
  ['date-time', '2024-02-01', `${DATE_TIME}; it is a date alone: add the time and its offset, as YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm`],
  ['date-time', '20240201T100000', `${DATE_TIME}; it is in the compact form: write it as YYYY-MM-DDThh:mm:ss with an offset, with dashes and colons`],
  ['date-time', '2024-02-30T10:00:00Z', `${DATE_TIME}; there is no such day in that month`],
  ['date-time', '2024-02-01T10:00Z', `${DATE_TIME}; it has no seconds: write the time as hh:mm:ss`],
  ['date-time', '2024-02-01T10:00', `${DATE_TIME}; it has no seconds: write the time as hh:mm:ss; it has no offset: add Z or ±hh:mm after the time`],
  ['date-time', '2024-02-01T25:00:00Z', `${DATE_TIME}; its time is not a time of day (hours 00 to 23, minutes and seconds 00 to 59)`],
  ['date-time', '01/02/2024 10:00', `${DATE_TIME}; it has the year last: write it year first, as YYYY-MM-DDThh:mm:ss with an offset`],
  ['date-time', '2024-2-1T10:00:00Z', `${DATE_TIME}; its month or day has one digit: write both with two digits, as YYYY-MM-DDThh:mm:ss with an offset`],
  ['date-time', '2024/02/01 10:00:00Z', `${DATE_TIME}; its date is written with slashes: write it with dashes, as YYYY-MM-DDThh:mm:ss with an offset`],
  ['date-time', '1/2/24 10:00', `${DATE_TIME}; it has no four-digit year first: write it as YYYY-MM-DDThh:mm:ss with an offset`],
  ['date-time', '2024-02-01T9:00:00Z', `${DATE_TIME}; its hour, minute or second has one digit: write each with two digits, as hh:mm:ss`],
  ['date-time', '2024-02-01 10:00:0Z', `${DATE_TIME}; its hour, minute or second has one digit: write each with two digits, as hh:mm:ss`],
  ['date-time', '2024-02-01T10:00:00 Z', `${DATE_TIME}; it has a space before its offset: write the offset straight after the time`],
  ['date-time', '2024-02-01T10:00:00 +01:00', `${DATE_TIME}; it has a space before its offset: write the offset straight after the time`],
  ['date-time', '2024-02-01T10:00:00UTC', `${DATE_TIME}; its time zone is written as a name: write Z or ±hh:mm after the time instead`],
  ['date-time', '20240201T100000Z', `${DATE_TIME}; it is in the compact form: write it as YYYY-MM-DDThh:mm:ss with an offset, with dashes and colons`],
  ['date-time', '20240201100000', `${DATE_TIME}; it is in the compact form: write it as YYYY-MM-DDThh:mm:ss with an offset, with dashes and colons`],
  ['uk-date-time', '2024-02-01T10:00:00', `${UK_DATE_TIME}; it has no offset: add Z, +00:00 (GMT) or +01:00 (BST) after the time`],
  [
    'uk-date-time',
    '2024-02-01T10:00:00-05:00',
    `${UK_DATE_TIME}; its offset is not one UK time has: write the time in UTC (Z) or in UK time (+00:00 for GMT, +01:00 for BST)`,
  ],
  ['uk-date-time', '2024-02-01T10:00:00+0100', `${UK_DATE_TIME}; write its offset with a colon: +00:00 (GMT) or +01:00 (BST)`],
  [
    'uk-date-time',
    '2024-02-01T10:00:00 UTC',
    `${UK_DATE_TIME}; its time zone is written as a name: write Z, +00:00 (GMT) or +01:00 (BST) after the time instead`,
  ],
  [
    'uk-date-time',
    '2024-02-01 10:00:00CET',
    `${UK_DATE_TIME}; its time zone is written as a name: write Z, +00:00 (GMT) or +01:00 (BST) after the time instead`,
  ],
  ['uk-date-time', '2024-2-01T10:00:00Z', `${UK_DATE_TIME}; its month or day has one digit: write both with two digits, as YYYY-MM-DDThh:mm:ss with an offset`],
  // the immunisation batch file's compact dates and date-times
  ['compact-date', '01/02/2024', `${COMPACT_DATE}; it has the year last: write the date year first, as YYYYMMDD`],
  ['compact-date', '20240230', `${COMPACT_DATE}; there is no such day in that month`],
  ['compact-date', '00000101', `${COMPACT_DATE}; there is no year 0000`],
  ['compact-date', '2024-02-01T10:00:00+00:00', `${COMPACT_DATE}; it has a time: write the date alone, as YYYYMMDD`],
  ['compact-date', '2024-2-1', `${COMPACT_DATE}; its month or day has one digit: write both with two digits, as YYYYMMDD`],
  ['compact-date', '2024/02/01', `${COMPACT_DATE}; its date is written with slashes: write it as YYYYMMDD`],
  ['compact-date', '1.2.24', `${COMPACT_DATE}; it has no four-digit year first: write it as YYYYMMDD`],
  ['compact-date', '20240201T100000Z', `${COMPACT_DATE}; it has a time: write the date alone, as YYYYMMDD`],
  ['compact-date-or-date-time', '01/02/2024', `${DATE_OR_DT}; it has the year last: write the date year first, as YYYYMMDD`],
  ['compact-date-or-date-time', '20240230', `${DATE_OR_DT}; there is no such day in that month`],
  ['compact-date-or-date-time', '2024-2-1', `${DATE_OR_DT}; its month or day has one digit: write both with two digits, as YYYYMMDD`],
  [
    'compact-date-or-date-time',
    '20240201T100000',
    `${DATE_OR_DT}; it is a date and time in the compact form, which is not read here: write the date alone, as YYYYMMDD, or the date and time as YYYY-MM-DDThh:mm:ss with its offset`,
  ],
  ['compact-date-or-date-time', '2024-02-01T10:00:00', `${DATE_OR_DT}; it has no offset: add Z or ±hh:mm after the time, or write the date alone, as YYYYMMDD`],
  ['compact-date-or-date-time', '2024-02-01 10:00:00Z', `${DATE_OR_DT}; it has a space between the date and the time: write T there`],
  ['compact-date-or-date-time', '2024-02-30T10:00:00Z', `${DATE_OR_DT}; there is no such day in that month`],
  ['compact-date-or-date-time', '2024-02-01T10:00Z', `${DATE_OR_DT}; it has no seconds: write the time as hh:mm:ss`],
  ['compact-date-time', '20240201', `${COMPACT_DATE_TIME}; it is a date alone: add the time, as YYYYMMDDThhmmss`],
  [
    'compact-date-time',
    '2024-02-01T10:00:00Z',
    `${COMPACT_DATE_TIME}; written with dashes and colons it needs the offset +00:00 (GMT) or +01:00 (BST), or write it as YYYYMMDDThhmmss`,
  ],
  ['compact-date-time', '20240201T10000002', `${COMPACT_DATE_TIME}; the two digits after the seconds, when given, must be 00 (GMT) or 01 (BST)`],
  ['compact-date-time', '20240201T1000', `${COMPACT_DATE_TIME}; it has no seconds: write the time as hhmmss`],
  // Five or seven digits of time are not a time without its seconds: the hint says how many there are and the form.
  [
    'compact-date-time',
    '20240201T10000',
    `${COMPACT_DATE_TIME}; its time, after the T, has 5 digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)`,
  ],
  [
    'compact-date-time',
    '20240201T1000000',
    `${COMPACT_DATE_TIME}; its time, after the T, has 7 digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)`,
  ],
  [
    'compact-date-time',
    '20240201T100',
    `${COMPACT_DATE_TIME}; its time, after the T, has 3 digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)`,
  ],
  [
    'compact-date-time',
    '20240201T1000000000',
    `${COMPACT_DATE_TIME}; its time, after the T, has 10 digits: write hhmmss (6 digits), optionally followed by 00 (GMT) or 01 (BST)`,
  ],
  ['compact-date-time', '20240230T100000', `${COMPACT_DATE_TIME}; there is no such day in that month`],
  ['compact-date-time', '20240201T250000', `${COMPACT_DATE_TIME}; its time is not a time of day (hours 00 to 23, minutes and seconds 00 to 59)`],
  [
    'compact-date-time',
    '20240612T120000Z',
    `${COMPACT_DATE_TIME}; it ends in Z: leave the Z out (a time with no suffix is UTC), or write 00 (GMT) or 01 (BST) after the seconds`,
  ],
  [
    'compact-date-time',
    '20240612T1200Z',
    `${COMPACT_DATE_TIME}; it has no seconds: write the time as hhmmss; it ends in Z: leave the Z out (a time with no suffix is UTC), or write 00 (GMT) or 01 (BST) after the seconds`,
  ],
  [
    'compact-date-time',
    '20240612T120000+0100',
    `${COMPACT_DATE_TIME}; it has an offset: the compact form writes 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC`,
  ],
  [
    'compact-date-time',
    '20240612T120000+01:00',
    `${COMPACT_DATE_TIME}; it has an offset: the compact form writes 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC`,
  ],
  [
    'compact-date-time',
    '20240612T120000 CEST',
    `${COMPACT_DATE_TIME}; its time zone is written as a name: write 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC`,
  ],
  ['compact-date-time', '20240612 120000', `${COMPACT_DATE_TIME}; it has a space between the date and the time: write T there`],
  ['compact-date-time', '20240612t12000001', `${COMPACT_DATE_TIME}; it has a lower-case t between the date and the time: write T`],
  ['compact-date-time', '20240612120000', `${COMPACT_DATE_TIME}; it has no T between the date and the time: write it as YYYYMMDDThhmmss`],
  ['compact-date-time', '20240612T120000.5', `${COMPACT_DATE_TIME}; it has a fraction of a second: the compact form has whole seconds only, hhmmss`],
  ['compact-date-time', '2024-06-12 12:00:00+01:00', `${COMPACT_DATE_TIME}; it has a space between the date and the time: write T there`],
  [
    'compact-date-time',
    '2024-06-12 12:00:00Z',
    `${COMPACT_DATE_TIME}; it has a space between the date and the time: write T there; written with dashes and colons it needs the offset +00:00 (GMT) or +01:00 (BST), or write it as YYYYMMDDThhmmss`,
  ],
  ['compact-date-time', '2024-06-12T12:00+01:00', `${COMPACT_DATE_TIME}; it has no seconds: write the time as hh:mm:ss`],
  [
    'compact-date-time',
    '2024-06-12T12:00:00 EST',
    `${COMPACT_DATE_TIME}; written with dashes and colons it needs the offset +00:00 (GMT) or +01:00 (BST), or write it as YYYYMMDDThhmmss`,
  ],
  ['compact-date-time', '2024-6-12T12:00:00+01:00', `${COMPACT_DATE_TIME}; its month or day has one digit: write both with two digits, as YYYYMMDDThhmmss`],
  ['compact-date-time', '2024-06-12T9:00:00+01:00', `${COMPACT_DATE_TIME}; its hour, minute or second has one digit: write each with two digits, as hh:mm:ss`],
  // postcodes (lower case and no space are accepted: see below)
  ['uk-postcode', 'LS1 OAA', `${POSTCODE}; it has a letter O where a postcode has the digit 0 (zero)`],
  ['uk-postcode', 'SW1A  1AA', `${POSTCODE}; write it with one space, before the last three characters (or with none)`],
  ['uk-postcode', 'SW1A 1AAA', `${POSTCODE}; it is too long: a postcode has 5 to 7 letters and digits, and one optional space`],
  ['uk-postcode', 'LS1', `${POSTCODE}; it is too short: a postcode has 5 to 7 letters and digits, and one optional space`],
  ['uk-postcode', 'ZZ99 3XX', `${POSTCODE}; a pseudo-postcode is ZZ99 then a digit, a letter and Z (e.g. ZZ99 3WZ, not known)`],
  ['uk-postcode', 'LS1 1AC', `${POSTCODE}; its last two letters can never be C, I, K, M, O or V`],
  ['uk-postcode', 'LS1 AA1', `${POSTCODE}; its last three characters (the inward code) must be a digit and two letters`],
  ['uk-postcode', 'QS1 1AA', `${POSTCODE}; its first part (the outward code, before the last three characters) is not the shape of a postcode district`],
  ['uk-postcode', 'LS1-1AA', `${POSTCODE}; it has characters other than letters, digits and one space`],
  // SNOMED CT identifiers
  ['sctid', '22298006 |Myocardial infarction|', `${SCTID}; it has a term after the code: write the identifier alone, without the text between the | bars`],
  ['sctid', '22298006 Myocardial infarction', `${SCTID}; it has text after the code: write the identifier alone, digits only`],
  ['sctid', ' 22298006', `${SCTID}; it has spaces: write the identifier alone, digits only`],
  ['sctid', '022298006', `${SCTID}; a SNOMED CT identifier never starts with 0`],
  ['sctid', '22298007', `${SCTID}; its check digit (the last digit) does not match the others: a typing error?`],
  ['sctid', '22298036', `${SCTID}; its partition (the 2nd and 3rd digits from the right) is not one SNOMED CT uses: a typing error?`],
  ['sctid', '1234105', `${SCTID}; its partition (the 2nd and 3rd digits from the right) is a long-format one, which needs at least 11 digits`],
  ['sctid', '12345', `${SCTID}; it has fewer than 6 digits`],
  ['sctid', '1234567890123456789', `${SCTID}; it has more than 18 digits`],
  ['sctid', '2.2298E+07', `${SCTID}; it is written as a number in scientific notation (as a spreadsheet shows a long number): write all its digits, as text`],
  ['sctid', 'MI22298006', `${SCTID}; it has characters other than digits`],
  ['sctid-concept', '751689013', `${CONCEPT}; its partition (the 2nd and 3rd digits from the right) makes it a description id, not a concept id`],
  ['sctid-concept-simple', '100101', `${SCTID_SIMPLE}; its check digit (the last digit) does not match the others: a typing error?`],
  ['sctid-concept-simple', '12345', `${SCTID_SIMPLE}; it has fewer than 6 digits`],
  ['sctid-concept-simple', '100138', `${SCTID_SIMPLE}; its partition (the 2nd and 3rd digits from the right) is not one SNOMED CT uses: a typing error?`],
  [
    'sctid-concept',
    '22298006 |Myocardial infarction|',
    `${CONCEPT}; it has a term after the code: write the identifier alone, without the text between the | bars`,
  ],
  // ODS codes
  ['ods-code', 'rh8', `${ODS}; write it in upper case`],
  ['ods-code', 'RH8 02', `${ODS}; write it with no spaces`],
  ['ods-code', 'rh8 02', `${ODS}; write it in upper case with no spaces`],
  ['ods-code', 'RH8-02', `${ODS}; it has characters other than letters and digits`],
  ['ods-trust', 'rh8', 'must be an ODS trust code (3 upper-case letters and digits, e.g. RH8), not a site code; write it in upper case'],
  [
    'ods-site',
    'rh8 02',
    'must be an ODS site code (5 to 9 upper-case letters and digits, e.g. RH802), not a trust code; write it in upper case with no spaces',
  ],
  [
    'ods-gp-practice',
    'a81001',
    'must be a GP practice code (a letter and 5 digits, e.g. A81001; G9999981 is a GP practitioner code, not a practice); write it in upper case',
  ],
];

/** The parts of a value a hint shows: the value, or any run of 3 or more of its digits or letters. */
function leaks(hint: string, value: string): string[] {
  const parts = value.trim() === '' ? [] : [value.trim(), ...(value.match(/[0-9]{3,}|[A-Za-z]{3,}/g) ?? [])];
  return parts.filter((part) => hint.toLowerCase().includes(part.toLowerCase()));
}

describe('format findings say what kind of near miss a value is', () => {
  it.each(CASES)('%s %j', (format, value, message) => {
    expect(messageFor(format, value)).toBe(message);
    if (value.trim() !== '') expect(message).not.toContain(value.trim());
    expect(leaks(formatHint(format, value)!, value)).toEqual([]);
  });

  it('covers every format that has hints', () => {
    expect(new Set(CASES.map(([format]) => format))).toEqual(new Set(hintedFormats));
  });

  it('accepts lower-case postcodes and postcodes without the space (no finding to hint)', () => {
    expect(validateValue(version, { 'uk-postcode': 'ls1 1aa' })).toEqual([]);
    expect(validateValue(version, { 'uk-postcode': 'LS11AA' })).toEqual([]);
  });

  it('gives a zone written GMT or BST the same fixed phrase (which names them, as it names them for every such value)', () => {
    for (const zone of ['GMT', 'BST', ' BST']) {
      expect(formatHint('uk-date-time', `2024-02-01T10:00:00${zone}`)).toBe(
        'its time zone is written as a name: write Z, +00:00 (GMT) or +01:00 (BST) after the time instead',
      );
      expect(formatHint('compact-date-time', `20240201T100000${zone}`)).toBe(
        'its time zone is written as a name: write 00 (GMT) or 01 (BST) after the seconds instead, or nothing for UTC',
      );
    }
  });

  it('accepts a space (or a lower-case t) for T in date-time and uk-date-time, as ajv-formats reads RFC 3339, so only the compact date-time hints at it', () => {
    expect(validateValue(version, { 'date-time': '2024-02-01 10:00:00Z', 'uk-date-time': '2024-02-01 10:00:00+01:00' })).toEqual([]);
    expect(validateValue(version, { 'date-time': '2024-02-01t10:00:00z', 'uk-date-time': '2024-02-01t10:00:00Z' })).toEqual([]);
    expect(messageFor('compact-date-time', '2024-02-01 10:00:00+00:00')).toBe(
      `${COMPACT_DATE_TIME}; it has a space between the date and the time: write T there`,
    );
  });

  it('gives no hint for a value too long to be worth reading, and none where no kind fits', () => {
    expect(messageFor('nhs-number', '9'.repeat(MAX_HINTED + 1))).toBe(NHS);
    expect(messageFor('nhs-number', `943 476 5919${' '.repeat(MAX_HINTED)}`)).toBe(NHS);
    expect(messageFor('date', '1 Feb 2024')).toBe(DATE);
  });

  // A date right but for white space around it read only "must be a real date written YYYYMMDD …", the
  // space invisible in the message (the immunisation batch file's PERSON_DOB " 19650215", which the
  // national pipeline refuses): the identifiers, codes and booleans already said so.
  it.each([
    ['compact-date', ' 19650215', COMPACT_DATE],
    ['compact-date', '20241231 ', COMPACT_DATE],
    ['compact-date-time', '20240610T18332501 ', COMPACT_DATE_TIME],
    ['compact-date-or-date-time', '2024-06-10T12:00:00+01:00 ', DATE_OR_DT],
    ['date', ' 2024-02-29', DATE],
    ['date-time', '2024-02-01T10:00:00Z\t', DATE_TIME],
    ['uk-date-time', ' 2024-02-01T10:00:00+01:00', UK_DATE_TIME],
  ])('says a %s right but for spaces around it has them (%j)', (format, value, message) => {
    expect(messageFor(format, value)).toBe(`${message}; it has spaces before or after it: remove them`);
  });

  it('does not say so when the date is wrong without its spaces too', () => {
    expect(formatHint('compact-date', ' 20240230') ?? '').not.toMatch(/spaces/);
    expect(formatHint('uk-date-time', ' 2024-02-01T10:00:00-05:00') ?? '').not.toMatch(/spaces/);
  });

  it('gives a hint only when the format has failed, so a valid record costs nothing', () => {
    expect(validateValue(version, { 'nhs-number': '9434765919', sctid: '22298006', date: '2024-02-29' })).toEqual([]);
  });

  it('never shows the value, for any near miss of the kinds above (digits changed, lengths changed)', () => {
    const checks: Record<string, (v: string) => boolean> = {
      date: isDate,
      'date-time': isDateTime,
      ...Object.fromEntries(Object.entries(healthFormats).map(([name, f]) => [name, f.validate])),
    };
    for (const [format, value] of CASES) {
      for (const variant of [value, value.replace(/\d/g, (d) => String((Number(d) + 3) % 10)), `${value}7`, value.slice(1)]) {
        if (checks[format]!(variant)) continue;
        const hint = formatHint(format, variant);
        if (hint === undefined) continue;
        expect(leaks(hint, variant)).toEqual([]);
      }
    }
  });
});
