/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/health-formats.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Health identifier checks, registered with Ajv as string formats. Each is a real check (check digits,
 * partitions, letter rules), not a pattern alone, as the NHS Data Dictionary, the SNOMED CT release file
 * specification and BS 7666 define them.
 *
 * Formats are shared by every version that names them, so a format keeps its meaning once a published
 * version uses it: a stricter check gets a new name (sctid-concept beside sctid, the ODS kinds beside
 * ods-code, uk-date-time beside date-time), used by new versions only. The exceptions are corrections to
 * what a format always meant: nhs-number now also refuses placeholders that were never issued (see
 * isNhsNumber), uk-date-time now also accepts -00:00, a GMT offset the NHS timestamp rules allow, and
 * sctid refuses a long-format partition in an id too short to hold a namespace (never a valid id).
 */
import { isDateTime, parseTime, ukOffset } from './date-time.js';
import { wireFormats } from './wire-formats.js';

/**
 * NHS number: 10 digits, the 10th a Modulus 11 check digit (a remainder giving 10 is never issued), and
 * not a placeholder: ten repeated digits (0000000000 … 9999999999) all pass Modulus 11 but are never
 * issued, and are typed where the number is not known. No range is refused: the ranges the facts name
 * are either other UK countries' numbers (which may appear) or unsourced.
 */
export function isNhsNumber(value: string): boolean {
  if (value.length !== 10) return false;
  // Read once each and unrolled (no loop, no table of weights): about half the instructions of a loop.
  const d0 = value.charCodeAt(0) - 48,
    d1 = value.charCodeAt(1) - 48,
    d2 = value.charCodeAt(2) - 48,
    d3 = value.charCodeAt(3) - 48,
    d4 = value.charCodeAt(4) - 48,
    d5 = value.charCodeAt(5) - 48,
    d6 = value.charCodeAt(6) - 48,
    d7 = value.charCodeAt(7) - 48,
    d8 = value.charCodeAt(8) - 48,
    d9 = value.charCodeAt(9) - 48;
  // A digit is 0 to 9; a character below `0` is negative, so unsigned it is over 9 too.
  if (d0 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9 || d3 >>> 0 > 9 || d4 >>> 0 > 9) return false;
  if (d5 >>> 0 > 9 || d6 >>> 0 > 9 || d7 >>> 0 > 9 || d8 >>> 0 > 9 || d9 >>> 0 > 9) return false;
  // A placeholder: ten repeated digits.
  if (d0 === d1 && d0 === d2 && d0 === d3 && d0 === d4 && d0 === d5 && d0 === d6 && d0 === d7 && d0 === d8 && d0 === d9) return false;
  const total = 10 * d0 + 9 * d1 + 8 * d2 + 7 * d3 + 6 * d4 + 5 * d5 + 4 * d6 + 3 * d7 + 2 * d8;
  let check = 11 - (total % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === d9;
}

// Verhoeff tables, SNOMED CT release file specification 6.4.2, flattened for speed: D[c * 10 + x],
// P[(i % 8) * 10 + digit].
const VERHOEFF_D = Uint8Array.from('0123456789123406789523401789563401289567401239567859876043216598710432765982104387659321049876543210', Number);
const VERHOEFF_P = Uint8Array.from('01234567891576283094580379614289160435279453126870428657390127938064157046913258', Number);

/** True when the digit string (check digit last) passes the Verhoeff check. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const last = digits.length - 1;
  for (let i = 0; i <= last; i++) {
    const digit = digits.charCodeAt(last - i) - 48;
    if (digit < 0 || digit > 9) return false;
    c = VERHOEFF_D[c * 10 + VERHOEFF_P[(i & 7) * 10 + digit]!]!;
  }
  return c === 0;
}

// Coded fields repeat a small set of concepts, so results are remembered (bounded: cleared when full).
const SCTID_MEMO_LIMIT = 4096;
const sctidMemo = new Map<string, boolean>();

/**
 * SNOMED CT identifier, as a string: 6–18 digits, no leading zero, a known partition, a Verhoeff check
 * digit, and for a long-format partition (10, 11, 12, 16) room for the 7-digit namespace and an item id
 * (11 digits at least).
 */
export function isSctid(value: string): boolean {
  const known = sctidMemo.get(value);
  if (known !== undefined) return known;
  const valid = checkSctid(value);
  if (sctidMemo.size >= SCTID_MEMO_LIMIT) sctidMemo.clear();
  sctidMemo.set(value, valid);
  return valid;
}

/**
 * SNOMED CT concept identifier: a valid SCTID whose partition is 00 (short format) or 10 (long format),
 * so a description id (01/11), a relationship id (02/12) or an expression id (16) is refused where a
 * concept is needed.
 */
export function isSctidConcept(value: string): boolean {
  const length = value.length;
  return length >= 6 && value.charCodeAt(length - 2) === 48 && (value.charCodeAt(length - 3) === 48 || value.charCodeAt(length - 3) === 49) && isSctid(value);
}

/**
 * A SNOMED CT concept id as the national immunisation pipeline checks one (its is_valid_simple_snomed):
 * 6–18 digits, no leading zero, the partition 00 or 10 and a Verhoeff check digit, with no minimum
 * length for the long-format partition 10. Every `sctid-concept` passes it; a 6- to 10-digit id with
 * partition 10 (100108) passes it and not `sctid-concept`.
 */
export function isSctidConceptSimple(value: string): boolean {
  const length = value.length;
  if (length < 6 || length > 18 || value.charCodeAt(0) === 48 || value.charCodeAt(length - 2) !== 48) return false;
  const first = value.charCodeAt(length - 3);
  return (first === 48 || first === 49) && verhoeffValid(value);
}

function checkSctid(value: string): boolean {
  const length = value.length;
  if (length < 6 || length > 18 || value.charCodeAt(0) === 48) return false;
  // Partition: the 2nd and 3rd digits from the right — 00, 01, 02, 10, 11, 12 or 16.
  const first = value.charCodeAt(length - 3) - 48;
  const second = value.charCodeAt(length - 2) - 48;
  // A long-format id (partition 1x) is item id + 7-digit namespace + partition + check: 11 digits at least.
  const partitionKnown = (first === 0 && second >= 0 && second <= 2) || (first === 1 && length >= 11 && ((second >= 0 && second <= 2) || second === 6));
  return partitionKnown && verhoeffValid(value); // verhoeffValid rejects any non-digit
}

// BS 7666 letter rules: position 1 never Q, V, X; position 2 never I, J, Z; the third position of
// A9A limited to A–H, J, K, P, S, T, U, W; the fourth of AA9A to A, B, E, H, M, N, P, R, V, W, X, Y;
// the inward letters never C, I, K, M, O, V.
const OUTWARD = '(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(`^(?:${OUTWARD} ?${INWARD}|GIR ?0AA|ZZ99 ?[0-9][A-Z]Z)$`, 'i');

/**
 * UK postcode: outward and inward parts with one optional space, BS 7666 letter rules, GIR 0AA, and the
 * ZZ99 pseudo-postcodes (ZZ99 3VZ no fixed abode, ZZ99 3WZ not known, ZZ99 6CZ an overseas country, …).
 * At most 8 characters.
 */
export function isUkPostcode(value: string): boolean {
  return value.length <= 8 && POSTCODE.test(value);
}

/**
 * Whether `value` is `min` to `max` characters, each an upper-case ASCII letter or digit: the shape of
 * `/^[A-Z0-9]{min,max}$/`, read from the character codes (a regular expression's test costs about ten
 * times as much for these few characters, and an ODS code is in most records, often twice).
 */
function upperAlphanumeric(value: string, min: number, max: number): boolean {
  const length = value.length;
  if (length < min || length > max) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || (c > 57 && c < 65) || c > 90) return false;
  }
  return true;
}

/**
 * The one rule for an ODS code's shape in data: the format `ods-code` and the format subsets
 * (format-subsets.ts) take it from here. An organisation as Conform names it (a token's, a supplier,
 * an owner) follows the wider rule below.
 */
export const ODS_CODE_LENGTH = { min: 3, max: 8 } as const;

/**
 * ODS organisation or site code: 3 to 8 upper-case letters and digits (trust RH8, site RH802, GP
 * practice A81001, defaults such as V81999, G9999981, 89997). ODS codes carry no check digit, so shape
 * is all that can be checked without the ODS reference data.
 */
export function isOdsCode(value: string): boolean {
  return upperAlphanumeric(value, ODS_CODE_LENGTH.min, ODS_CODE_LENGTH.max);
}

/**
 * The one rule for an organisation as Conform names it: a token's organisation (services/access.ts), the
 * quality pages' and the API's supplier filter, a standard's owner `org:<code>` (services/ownership.ts,
 * http/contract). 3 to 10 upper-case letters and digits: wider than an ODS code (3 to 8), as the national
 * immunisation pipeline maps supplier codes such as 8J1100001 and DPSREDUCED to a supplier, and an
 * emergency-care site identifier has 5 to 9 characters. The data format `ods-code` keeps 3 to 8: a
 * standard's verdicts do not change under a published version.
 */
export const ORGANISATION_CODE_LENGTH = { min: 3, max: 10 } as const;

/** The organisation rule as a regular expression's source, for patterns: `[A-Z0-9]{3,10}`. */
export const ORGANISATION_CODE_SOURCE = `[A-Z0-9]{${ORGANISATION_CODE_LENGTH.min},${ORGANISATION_CODE_LENGTH.max}}`;

/** The organisation rule as a person reads it. */
export const ORGANISATION_CODE_WORDS = `${ORGANISATION_CODE_LENGTH.min} to ${ORGANISATION_CODE_LENGTH.max} upper-case letters and digits`;

/** Whether `value` names an organisation: an ODS code (B86001, 8KR01) or a supplier code (8J1100001, DPSREDUCED). */
export function isOrganisationCode(value: string): boolean {
  return upperAlphanumeric(value, ORGANISATION_CODE_LENGTH.min, ORGANISATION_CODE_LENGTH.max);
}

/**
 * An organisation's code as a person may type it (" b86001 "): trimmed and upper-cased, as it is read
 * everywhere (the quality filters, a token's organisation); undefined when the result is not one.
 */
export function organisationCodeOf(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return isOrganisationCode(code) ? code : undefined;
}

const GP_PRACTICE = /^[A-Z][0-9]{5}$/;

/**
 * ODS code of an NHS trust (or another organisation with a 3-character code, such as an independent-sector
 * provider): exactly 3 upper-case letters and digits, e.g. RH8. A site code (RH802) is refused.
 */
export function isOdsTrust(value: string): boolean {
  return upperAlphanumeric(value, 3, 3);
}

/**
 * ODS site code (ORGANISATION SITE IDENTIFIER, an5 to an9 in ECDS v4): 5 to 9 upper-case letters and
 * digits, e.g. RH802 (trust RH8, site 02). A bare 3-character trust code is refused.
 */
export function isOdsSite(value: string): boolean {
  return upperAlphanumeric(value, 5, 9);
}

/**
 * GP practice code: one upper-case letter and five digits (A81001), including the practice default codes
 * V81997, V81998 and V81999. G9999981 (no registered GP *practitioner*) is a practitioner code and is
 * refused: it is 8 characters, which this shape does not allow.
 */
export function isGpPracticeCode(value: string): boolean {
  return GP_PRACTICE.test(value);
}

/**
 * RFC 3339 date-time (as the `date-time` format) whose offset is one UK local time can have: Z, +00:00 or
 * -00:00 (GMT) or +01:00 (BST), the offsets the NHS timestamp data elements allow (the NHS Wales Data
 * Dictionary gives 2020-08-21T10:15:20-00:00 as a valid GMT example). Another offset (-05:00, +02:00) is
 * refused. Until December 2026 -00:00 was refused too, rejecting real records written that way.
 */
export function isUkDateTime(value: string): boolean {
  return value.length >= 20 && isDateTime(value) && writtenUkOffset(value) !== undefined;
}

/** The UK offset a value ends with: 0 for GMT (Z, +00:00, -00:00), 60 for BST (+01:00); undefined for any other ending. */
function writtenUkOffset(value: string): number | undefined {
  const n = value.length;
  const last = value.charCodeAt(n - 1);
  if (last === 90 || last === 122) return 0; // Z or z
  const offset = value.slice(n - 6);
  return offset === '+00:00' || offset === '-00:00' ? 0 : offset === '+01:00' ? 60 : undefined;
}

/**
 * Whether a uk-date-time's offset is the one the UK had at its instant (GMT, +00:00, from 01:00 UTC on the
 * last Sunday of October; BST, +01:00, from 01:00 UTC on the last Sunday of March), read with the offset
 * written: 00:30+01:00 on 1 March is 23:30 UTC on 28 February, when the UK was on GMT, so it is not UK
 * local time (a European system's, or an hour out). On the morning of the spring change no UK clock
 * showed 01:00 to 01:59, so those times are out with either offset; on the autumn one 01:00 to 01:59 came
 * twice, once in BST and once in GMT, so either offset fits. `writtenInGmt` says which values are read:
 * those written with a GMT offset (`Z`, `±00:00`: gmt-offset-in-gmt) or with BST's (`+01:00`:
 * bst-offset-in-bst). Any other value (not a uk-date-time, or written with the other offset) passes:
 * whether it is a uk-date-time is that format's business.
 */
function offsetOfItsDay(value: string, writtenInGmt: boolean): boolean {
  const written = writtenUkOffset(value);
  // The offset is read first: the date-time itself is read only for the values this check is about.
  if (written === undefined || (written === 0) !== writtenInGmt || !isUkDateTime(value)) return true;
  const instant = parseTime(value);
  return instant === undefined || ukOffset(instant) === written * 60_000;
}

/** A uk-date-time written with a GMT offset (Z, +00:00, -00:00) at an instant when the UK was on GMT; true for any other value. */
export function isGmtOffsetInGmt(value: string): boolean {
  return offsetOfItsDay(value, true);
}

/** A uk-date-time written with the BST offset (+01:00) at an instant when the UK was on BST; true for any other value. */
export function isBstOffsetInBst(value: string): boolean {
  return offsetOfItsDay(value, false);
}

/**
 * The one spelling of a value that a format accepts in several, so that two accepted spellings of one
 * value compare equal (the scorecard matches default codes this way: `zz99 3wz` and `ZZ993WZ` are the
 * postcode ZZ99 3WZ). Undefined for a value the format refuses, which is invalid, never a match. A format
 * not listed here accepts each value in one spelling only, and its values are compared exactly.
 */
export interface CanonicalForm {
  /** The one spelling of `value`; undefined when the format refuses it. */
  of: (value: string) => string | undefined;
  /**
   * How many leading characters the one spelling keeps in place, in upper case: a quick test that a
   * value is not a given code, made without building its spelling (ASCII values; others are spelled).
   */
  keepsStart: number;
}

export const canonicalForms: Readonly<Record<string, CanonicalForm>> = {
  // Case and the one optional space between the outward and inward parts (an outward part has 2 to 4 characters).
  'uk-postcode': { of: (value) => (isUkPostcode(value) ? value.replace(' ', '').toUpperCase() : undefined), keepsStart: 2 },
};

/** The formats as Ajv registers them, with the phrase a finding uses when a value fails one. */
export const healthFormats = {
  'nhs-number': { validate: isNhsNumber, describe: 'a valid NHS number (10 digits with a Modulus 11 check digit)' },
  sctid: { validate: isSctid, describe: 'a valid SNOMED CT identifier (6–18 digits, known partition, Verhoeff check digit)' },
  'uk-postcode': { validate: isUkPostcode, describe: 'a valid UK postcode (or a ZZ99 pseudo-postcode)' },
  'ods-code': { validate: isOdsCode, describe: 'a valid ODS code (3 to 8 upper-case letters and digits)' },
  'sctid-concept': { validate: isSctidConcept, describe: 'a SNOMED CT concept id (not a description or relationship id)' },
  'sctid-concept-simple': {
    validate: isSctidConceptSimple,
    describe: 'a SNOMED CT concept id (6 to 18 digits, no leading 0, the partition 00 or 10, a Verhoeff check digit)',
  },
  'ods-trust': { validate: isOdsTrust, describe: 'an ODS trust code (3 upper-case letters and digits, e.g. RH8), not a site code' },
  'ods-site': { validate: isOdsSite, describe: 'an ODS site code (5 to 9 upper-case letters and digits, e.g. RH802), not a trust code' },
  'ods-gp-practice': {
    validate: isGpPracticeCode,
    describe: 'a GP practice code (a letter and 5 digits, e.g. A81001; G9999981 is a GP practitioner code, not a practice)',
  },
  'uk-date-time': { validate: isUkDateTime, describe: 'a valid date-time with a UK offset (Z, +00:00 or -00:00 for GMT, +01:00 for BST)' },
  'gmt-offset-in-gmt': {
    validate: isGmtOffsetInGmt,
    describe: 'a date-time with a GMT offset (Z, +00:00 or -00:00) only when the UK was on GMT (from the last Sunday of October to the last Sunday of March)',
  },
  'bst-offset-in-bst': {
    validate: isBstOffsetInBst,
    describe: 'a date-time with the BST offset (+01:00) only when the UK was on BST (from the last Sunday of March to the last Sunday of October)',
  },
  ...wireFormats,
} as const;
