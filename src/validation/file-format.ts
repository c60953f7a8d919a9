/**
 * A file sent in a format the standard does not define its files in: the version's file-name convention
 * (`x-file-name`, file-name.ts) names its files by extensions, and a JSON or NDJSON file sent to one
 * whose extensions are none of that format's gets one warning about the file (rule `file-format`).
 */
import type { Finding } from './report-types.js';
import type { FileNameRule } from './file-name.js';

/** The rule id of the file finding of a JSON or NDJSON file sent to a version whose files are of another format. */
export const FILE_FORMAT_RULE = 'file-format';

/** The extensions that name each format Conform reads (after upper-casing). */
const FORMAT_EXTENSIONS: Readonly<Record<string, readonly string[]>> = { json: ['JSON'], ndjson: ['NDJSON', 'JSONL'], csv: ['CSV'] };

/**
 * A JSON or NDJSON file sent to a version whose file-name convention names its files by extensions none of
 * which is that format's (the immunisation batch file's `.csv` or `.dat`, pipe-delimited with every cell
 * text): one warning about the file, saying what the standard's files are, so that a supplier who sent
 * JSON learns it is not a file the standard defines, and reads the row findings (checked as JSON values,
 * where a number or a flag has a type) for what they are. Undefined for any other case. A warning, as the
 * JSON form of a version's records is what Conform's examples and generated validators check; the name
 * of such a file, when given, already breaks the convention (an error).
 */
export function fileFormatFinding(rule: FileNameRule | undefined, format: string): Finding | undefined {
  if (rule === undefined || (format !== 'json' && format !== 'ndjson')) return undefined;
  const named = rule.extensions.map((e) => e.toUpperCase());
  if (named.some((e) => FORMAT_EXTENSIONS[format]!.includes(e))) return undefined;
  const csv = named.includes('CSV');
  const message =
    `this standard's files are ${rule.extensions.map((e) => `.${e.toLowerCase()}`).join(' or ')} files${csv ? ' (CSV, where every cell is text)' : ''}, ` +
    `not ${format === 'json' ? 'JSON' : 'NDJSON'}: a receiver of this standard's files would not read this one. ` +
    `The records are checked as ${format === 'json' ? 'JSON' : 'NDJSON'} values, so a finding about a value's type (a number or true/false written in quotes) is about this file's form only` +
    (csv
      ? `; send the records as a CSV file in the standard's layout (conform template writes its header), where such a value is written without quotes and read as the standard says`
      : '');
  return { record: 0, line: 0, path: '', rule: FILE_FORMAT_RULE, message, severity: 'warning' };
}
