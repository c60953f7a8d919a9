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

/** SNOMED CT identifier, as a string: 6–18 digits, no leading zero, a known partition, a Verhoeff check digit. */
export function isSctid(value: string): boolean {
  const known = sctidMemo.get(value);
  if (known !== undefined) return known;
  const valid = checkSctid(value);
  if (sctidMemo.size >= SCTID_MEMO_LIMIT) sctidMemo.clear();
  sctidMemo.set(value, valid);
  return valid;
}

function checkSctid(value: string): boolean {
  const length = value.length;
  if (length < 6 || length > 18 || value.charCodeAt(0) === 48) return false;
  // Partition: the 2nd and 3rd digits from the right — 00, 01, 02, 10, 11, 12 or 16.
  const first = value.charCodeAt(length - 3) - 48;
  const second = value.charCodeAt(length - 2) - 48;
  const partitionKnown = (first === 0 && second >= 0 && second <= 2) || (first === 1 && ((second >= 0 && second <= 2) || second === 6));
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
