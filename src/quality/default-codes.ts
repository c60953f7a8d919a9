/**
 * Whether a given value is one of a field's default ("not known") codes. A value counts when it is the
 * same value as a declared code in any spelling the field's format accepts (health-formats.ts
 * canonicalForms: for a postcode, its case and the optional space, so `zz99 3wz`, `ZZ993WZ` and
 * `ZZ99 3WZ` are all ZZ99 3WZ); a field whose format has one spelling per value (a code list, a pattern)
 * is compared exactly. Where the format is the field's own, a value it refuses (` ZZ99 3WZ`, `ZZ99  3WZ`)
 * is invalid, never a default. Where it is only advice (`x-advice`: the value is valid whatever its shape,
 * as the immunisation batch file's postcode, which the national pipeline takes as any text), such a value
 * still says "not known": it names a default code once trimmed of white space at its ends and with each
 * run of white space inside it made one space.
 */
import { canonicalForms } from '../validation/health-formats.js';

export interface DefaultCodeField {
  defaultCodes: (string | number)[];
  /** The field's string format, when values of it have more than one accepted spelling. */
  format?: string;
  /** The format is advice (x-advice), not the field's own: values it refuses are valid, and are matched loosely. */
  formatAdvised?: boolean;
}

/** The format of a field schema, kept only when its accepted spellings need matching (canonicalForms). */
export function matchingFormat(format: unknown): string | undefined {
  return typeof format === 'string' && Object.hasOwn(canonicalForms, format) ? format : undefined;
}

/** At most this many codes compared one by one in generated code (exactCodes); more are looked up in a set. */
const FEW_CODES = 8;

/**
 * The codes of a field compared exactly (no format with several spellings), when they are few and each is
 * equal to itself (not NaN): the scorecard's reader then writes `v === "X"` for each rather than calling
 * the field's test, whose set lookup cost about a hundred instructions a value. `===` and the set's
 * SameValueZero agree on every other value (0 and -0 alike). Undefined otherwise.
 */
export function exactCodes(field: DefaultCodeField): (string | number)[] | undefined {
  if (field.defaultCodes.length === 0 || field.defaultCodes.length > FEW_CODES) return undefined;
  if (field.format !== undefined && canonicalForms[field.format] !== undefined) return undefined;
  if (field.defaultCodes.some((code) => typeof code === 'number' && Number.isNaN(code))) return undefined;
  return field.defaultCodes;
}

/** The test for one field; null when it declares no default codes. */
export function defaultCodeTest(field: DefaultCodeField): ((value: unknown) => boolean) | null {
  if (field.defaultCodes.length === 0) return null;
  const canonical = field.format === undefined ? undefined : canonicalForms[field.format];
  if (canonical === undefined) {
    const codes = new Set<unknown>(field.defaultCodes);
    return (value) => codes.has(value);
  }
  const codes = new Set(field.defaultCodes.map((code) => (typeof code === 'string' ? canonical.of(code) : undefined)).filter((c) => c !== undefined));
  // Most values are not a default code: their first characters, in upper case, already differ from every
  // code's (ZZ99 3WZ against a real postcode), and telling that needs no spelling built (this runs for the
  // field in every record).
  const keep = Math.min(canonical.keepsStart, ...[...codes].map((code) => code.length));
  const starts = new Set([...codes].map((code) => startOf(code, keep)));
  const matches = (value: string): boolean => {
    if (value.length >= keep) {
      const start = startOf(value, keep);
      if (start !== -1 && !starts.has(start)) return false;
    }
    const key = canonical.of(value);
    return key !== undefined && codes.has(key);
  };
  if (field.formatAdvised !== true) return (value) => typeof value === 'string' && matches(value);
  return (value) => {
    if (typeof value !== 'string') return false;
    if (matches(value)) return true;
    return untidy(value) && matches(value.replace(/\s+/g, ' ').trim());
  };
}

/** Whether tidying white space would change a value: white space at an end, other than a space, or two together. */
function untidy(value: string): boolean {
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (isSpace(c) && (i === 0 || i === last || c !== 32 || isSpace(value.charCodeAt(i + 1)))) return true;
  }
  return false;
}

/** The white space a person types or a spreadsheet leaves around a code (ASCII white space and the no-break space). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/** The first `n` (at most 3) characters as one number, ASCII letters in upper case; -1 when one is not ASCII. */
function startOf(text: string, n: number): number {
  let start = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return -1;
    if (c >= 97 && c <= 122) c -= 32;
    start = start * 128 + c;
  }
  return start;
}
