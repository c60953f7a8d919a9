/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/decimal-digits.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Unicode decimal digits (general category Nd) as Python reads them: int() and Decimal() take any of
 * them, and the `\d` of its regular expressions (strptime's too) matches any of them. The national
 * immunisation pipeline's checks are Python, so a cell in Arabic-Indic or fullwidth digits may pass
 * there: the CSV reader's numbers, the NHS number check and the compact dates read them through here.
 */

const IS_DECIMAL_DIGIT = /^\p{Nd}$/u;
// eslint-disable-next-line no-control-regex -- any character outside ASCII
export const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The value (0 to 9) of a Unicode decimal digit, as Python's int() reads it, or -1 for any other code
 * point. Unicode encodes every such digit in a run of ten from 0 to 9 (a stability guarantee), runs
 * sometimes adjacent (the mathematical digits are five), so a digit's value is its distance from the
 * start of its run of digits, modulo ten.
 */
export function decimalDigitValue(codePoint: number): number {
  if (codePoint >= 48 && codePoint <= 57) return codePoint - 48;
  if (codePoint < 128 || !IS_DECIMAL_DIGIT.test(String.fromCodePoint(codePoint))) return -1;
  let start = codePoint;
  while (IS_DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

const ANY_DECIMAL_DIGIT = /\p{Nd}/gu;

/** `value` with every Unicode decimal digit written as its ASCII digit (0 to 9), as Python's int() reads each; other characters kept. */
export function asciiDigits(value: string): string {
  return NON_ASCII.test(value) ? value.replace(ANY_DECIMAL_DIGIT, (digit) => String(decimalDigitValue(digit.codePointAt(0)!))) : value;
}
