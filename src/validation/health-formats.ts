/**
 * Health identifier checks, registered with Ajv as string formats. Each is a real check (check digits,
 * partitions, letter rules), not a pattern alone. Facts: shared/reference/health-data-facts.md.
 */

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** NHS number: 10 digits, the 10th a Modulus 11 check digit (a remainder giving 10 is never issued). */
export function isNhsNumber(value: string): boolean {
  if (value.length !== 10) return false;
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i < 9) total += digit * NHS_WEIGHTS[i]!;
  }
  let check = 11 - (total % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === value.charCodeAt(9) - 48;
}

// Verhoeff tables, SNOMED CT release file specification 6.4.2.
const VERHOEFF_D = [
  '0123456789', '1234067895', '2340178956', '3401289567', '4012395678',
  '5987604321', '6598710432', '7659821043', '8765932104', '9876543210',
].map((row) => Array.from(row, Number));
const VERHOEFF_P = [
  '0123456789', '1576283094', '5803796142', '8916043527',
  '9453126870', '4286573901', '2793806415', '7046913258',
].map((row) => Array.from(row, Number));

/** True when the digit string (check digit last) passes the Verhoeff check. */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![digit]!]!;
  }
  return c === 0;
}

const SCTID_PARTITIONS = new Set(['00', '01', '02', '10', '11', '12', '16']);
const SCTID_SHAPE = /^[1-9][0-9]{5,17}$/;

/** SNOMED CT identifier, as a string: 6–18 digits, a known partition, a Verhoeff check digit. */
export function isSctid(value: string): boolean {
  if (!SCTID_SHAPE.test(value)) return false;
  const partition = value.slice(-3, -1);
  return SCTID_PARTITIONS.has(partition) && verhoeffValid(value);
}

// BS 7666 letter rules: position 1 never Q, V, X; position 2 never I, J, Z; the third position of
// A9A limited to A–H, J, K, P, S, T, U, W; the fourth of AA9A to A, B, E, H, M, N, P, R, V, W, X, Y;
// the inward letters never C, I, K, M, O, V.
const OUTWARD =
  '(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
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

const ODS_CODE = /^[A-Z0-9]{3,8}$/;

/**
 * ODS organisation or site code: 3 to 8 upper-case letters and digits (trust RH8, site RH802, GP
 * practice A81001, defaults such as V81999, G9999981, 89997). ODS codes carry no check digit, so shape
 * is all that can be checked without the ODS reference data.
 */
export function isOdsCode(value: string): boolean {
  return ODS_CODE.test(value);
}

/** The formats as Ajv registers them, with the phrase a finding uses when a value fails one. */
export const healthFormats = {
  'nhs-number': { validate: isNhsNumber, describe: 'a valid NHS number (10 digits with a Modulus 11 check digit)' },
  sctid: { validate: isSctid, describe: 'a valid SNOMED CT identifier (6–18 digits, known partition, Verhoeff check digit)' },
  'uk-postcode': { validate: isUkPostcode, describe: 'a valid UK postcode (or a ZZ99 pseudo-postcode)' },
  'ods-code': { validate: isOdsCode, describe: 'a valid ODS code (3 to 8 upper-case letters and digits)' },
} as const;
