/**
 * Which formats accept only values another format accepts too, so that the registry's diff can say
 * whether replacing one format with another narrows or widens what a field accepts, rather than calling
 * every such change undecidable. Each entry is true by construction of the checks (health-formats.ts,
 * wire-formats.ts, date-time.ts): the narrower check calls the wider one, or its shape is a special case
 * of the wider one's. A test runs every pair over a corpus of values to prove it.
 */

/** Format → the formats that accept every value it accepts (listed one step up; the relation is transitive). */
const ACCEPTED_BY: Readonly<Record<string, readonly string[]>> = {
  // a concept id (partition 00 or 10) is an SCTID: isSctidConcept calls isSctid
  'sctid-concept': ['sctid'],
  // 3 upper-case letters and digits is within 3 to 8
  'ods-trust': ['ods-code'],
  // a letter and 5 digits (6 characters) is within 3 to 8, and within 5 to 9
  'ods-gp-practice': ['ods-code', 'ods-site'],
  // a date-time whose offset is a UK one: isUkDateTime calls isDateTime
  'uk-date-time': ['date-time'],
  // the NHS number check refuses a repeated digit besides what the Modulus 11 check alone refuses
  'nhs-number': ['nhs-number-check-digit'],
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
