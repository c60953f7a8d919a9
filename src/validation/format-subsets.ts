/**
 * Which formats accept only values another format accepts too, so that the registry's diff can say
 * whether replacing one format with another narrows or widens what a field accepts, rather than calling
 * every such change undecidable. Each entry is true by construction of the checks (health-formats.ts,
 * wire-formats.ts, date-time.ts): the narrower check calls the wider one, or its shape is a special case
 * of the wider one's. A test runs every pair over a corpus of values to prove it.
 */

import { ODS_CODE_LENGTH } from './health-formats.js';

/** Format → the formats that accept every value it accepts (listed one step up; the relation is transitive). */
const ACCEPTED_BY: Readonly<Record<string, readonly string[]>> = {
  // a concept id (partition 00 or 10) is an SCTID: isSctidConcept calls isSctid
  'sctid-concept': ['sctid', 'sctid-concept-simple'],
  // 3 upper-case letters and digits is within 3 to 8
  'ods-trust': ['ods-code'],
  // a letter and 5 digits (6 characters) is within 3 to 8, and within 5 to 9
  'ods-gp-practice': ['ods-code', 'ods-site'],
  // a date-time whose offset is a UK one: isUkDateTime calls isDateTime
  'uk-date-time': ['date-time'],
  // a date alone is what compact-date-or-date-time takes when it is 10 characters or fewer: it calls isCompactDate
  'compact-date': ['compact-date-or-date-time'],
  // the NHS number check refuses a repeated digit besides what the Modulus 11 check alone refuses
  'nhs-number': ['nhs-number-check-digit'],
  // ASCII digits are decimal digits: isNhsNumberAnyDigits reads them as isNhsNumberCheckDigit does
  'nhs-number-check-digit': ['nhs-number-any-digits'],
};

/** Whether every value format `inner` accepts, format `outer` accepts too (a format is within itself). */
export function formatWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const seen = new Set<string>([inner]);
  const next = [inner];
  while (next.length > 0) {
    for (const wider of ACCEPTED_BY[next.pop()!] ?? []) {
      if (wider === outer) return true;
      if (!seen.has(wider)) {
        seen.add(wider);
        next.push(wider);
      }
    }
  }
  return false;
}

/** Every declared pair (narrower, wider), one step each: for the test that proves them. */
export function declaredFormatPairs(): [string, string][] {
  return Object.entries(ACCEPTED_BY).flatMap(([inner, outers]) => outers.map((outer): [string, string] => [inner, outer]));
}

/** What every value a format accepts looks like: its length range, and its characters when fewer than any. */
export interface FormatShape {
  minLength: number;
  maxLength: number;
  characters?: 'letters-and-digits' | 'digits';
}

/**
 * The shape of every value each format accepts (only formats whose checks are plain shapes at heart),
 * so that the diff of a file-name convention can tell that a part checked as an ODS code (3 to 8
 * upper-case letters and digits) is still accepted as 3 to 10 letters and digits. True by construction
 * of the checks (their regular expressions and length tests); a test proves each over a corpus.
 */
const SHAPES: Readonly<Record<string, FormatShape>> = {
  'ods-code': { minLength: ODS_CODE_LENGTH.min, maxLength: ODS_CODE_LENGTH.max, characters: 'letters-and-digits' }, // health-formats.ts isOdsCode
  'ods-trust': { minLength: 3, maxLength: 3, characters: 'letters-and-digits' },
  'ods-site': { minLength: 5, maxLength: 9, characters: 'letters-and-digits' },
  'ods-gp-practice': { minLength: 6, maxLength: 6, characters: 'letters-and-digits' },
  'nhs-number': { minLength: 10, maxLength: 10, characters: 'digits' },
  'nhs-number-check-digit': { minLength: 10, maxLength: 10, characters: 'digits' },
  // YYYYMMDD, or YYYY-MM-DD
  'compact-date': { minLength: 8, maxLength: 10 },
  // YYYY-MM-DD, YYYYMMDDThhmmss[00|01], up to YYYY-MM-DDThh:mm:ss.ffffff+01:00
  'compact-date-time': { minLength: 10, maxLength: 32 },
};

/** The shape every value of `format` has, when it is declared. */
export function formatShape(format: string): FormatShape | undefined {
  return SHAPES[format];
}

/**
 * Format → prefix length → the value lengths at which every value the format accepts has a first
 * `prefix` characters that the format accepts too: a compact date-time of 17 characters
 * (YYYYMMDDThhmmss and the offset 00 or 01) begins with one of 15. (A value as long as the prefix is its
 * own prefix, whatever the format.)
 */
const PREFIXES: Readonly<Record<string, Readonly<Record<number, readonly number[]>>>> = {
  'compact-date-time': { 15: [17] },
};

/** Whether every value of `length` characters that `format` accepts has its first `prefix` characters accepted too. */
export function prefixKept(format: string, prefix: number, length: number): boolean {
  return length === prefix || (PREFIXES[format]?.[prefix]?.includes(length) ?? false);
}

/** Every declared prefix fact (format, prefix, length): for the test that proves them. */
export function declaredPrefixes(): [string, number, number][] {
  return Object.entries(PREFIXES).flatMap(([format, byPrefix]) =>
    Object.entries(byPrefix).flatMap(([prefix, lengths]) => lengths.map((length): [string, number, number] => [format, Number(prefix), length])),
  );
}

/** Every declared shape: for the test that proves them. */
export function declaredShapes(): [string, FormatShape][] {
  return Object.entries(SHAPES);
}
