/**
 * The formula guard for every CSV cell Conform writes (findings.csv, the quality export, the
 * acknowledgement files, the CSV template), after OWASP's "CSV injection" advice: a spreadsheet runs a
 * cell that begins with `=`, `+`, `-` or `@` as a formula (and strips a leading tab or carriage return
 * before deciding), so such a cell is written with a leading apostrophe and shows as text. A plain
 * number (`-12`, `3.5`) is left as it is: a spreadsheet reads it as that number, not a formula, and a
 * JSON pointer (`/address/postcode`) begins with `/`, which no spreadsheet runs.
 */

/** The characters a cell may not begin with unless guarded. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text a spreadsheet reads as a plain number, which runs nothing. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Whether a spreadsheet could run the cell's text as a formula. */
export function formulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** The cell's text, prefixed with an apostrophe when a spreadsheet could run it as a formula. */
export function spreadsheetSafe(text: string): string {
  return formulaLike(text) ? `'${text}` : text;
}
