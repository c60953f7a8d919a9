/**
 * A version's CSV dialect (`x-csv` on its record schema) and its CSV layout: the fields the header may
 * name, the ones it must name, and whether other columns are allowed. The dialect is part of the
 * version's schema, so it is covered by its content hash and reaches every face (CLI, API, web) through
 * the compiled version. docs/authoring-standards.md describes the keyword.
 */
import type { AnySchemaObject } from 'ajv';

export type HeaderRule = 'any-order' | 'exact';
export type BooleanSpelling = 'true-false' | 'any-case';

export interface CsvDialect {
  /** The one character between cells. */
  delimiter: ',' | ';' | '|' | '\t';
  /** `any-order`: named columns in any order, optional ones may be left out; `exact`: every field, in order, exact case. */
  header: HeaderRule;
  /** `true-false`: true, TRUE, True (and false alike); `any-case`: true and false in any case. */
  booleans: BooleanSpelling;
  /** `utf-8`; `utf-8-or-windows-1252`: UTF-8 up to the first byte that is not UTF-8, Windows-1252 from there on (fallback-decoder.ts). */
  encoding: 'utf-8' | 'utf-8-or-windows-1252';
  /** `exact`: a row with more or fewer cells than the header is a finding; `lenient`: missing cells are empty, extra ones ignored. */
  cells: 'exact' | 'lenient';
}

export const DEFAULT_DIALECT: CsvDialect = { delimiter: ',', header: 'any-order', booleans: 'true-false', encoding: 'utf-8', cells: 'exact' };

/** The annotation's meta-schema (validation/ajv.ts registers it): only what the reader supports. */
export const CSV_DIALECT_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    delimiter: { enum: [',', ';', '|', '\t'] },
    quote: { const: '"' },
    header: { enum: ['any-order', 'exact'] },
    booleans: { enum: ['true-false', 'any-case'] },
    encoding: { enum: ['utf-8', 'utf-8-or-windows-1252'] },
    lineEndings: { const: 'lf-or-crlf' },
    cells: { enum: ['exact', 'lenient'] },
  },
} as const;

export const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '|': 'pipes', '\t': 'tabs' };

const sign = (delimiter: string): string => (delimiter === '\t' ? 'tab' : delimiter);

/**
 * The practical step to save a sheet with `delimiter` between its values. Excel cannot be told a
 * delimiter when it saves a CSV file: it writes the computer's list separator, which is `;` where the
 * comma is the decimal mark (much of Europe), so for any delimiter but a comma or a tab the step is that
 * setting, or a program that asks.
 */
export function spreadsheetSaveStep(delimiter: string): string {
  if (delimiter === '\t') return 'from Excel, save as "Text (Tab delimited)"';
  if (delimiter === ',') return 'from Excel, save as "CSV UTF-8 (Comma delimited)"';
  return listSeparatorStep(delimiter);
}

/** The step where Excel's own choice will not do: its list separator set to `delimiter`, or LibreOffice Calc. */
const listSeparatorStep = (delimiter: string): string =>
  `from Excel, set the list separator to ${delimiter} (Windows: Control Panel > Region > ` +
  `Additional settings > List separator) and save as CSV again, or save it from LibreOffice Calc as "Text CSV" ` +
  `with "Edit filter settings" ticked and ${delimiter} as the field delimiter`;

/**
 * What to say of a file that separates its columns with another delimiter than the one its standard
 * allows (a dialect has one, and no other): which, and the practical step (spreadsheetSaveStep). A file
 * with semicolons for a comma standard was saved with a list separator of `;`, so the step is that setting.
 */
export function delimiterAdvice(found: string, declared: CsvDialect['delimiter']): string {
  const base = `the file seems to separate its columns with ${DELIMITER_NAMES[found]} (${sign(found)}), but this standard's CSV uses ${DELIMITER_NAMES[declared]} (${sign(declared)}) and no other delimiter; save it with ${DELIMITER_NAMES[declared]} between values`;
  if (declared === '\t' || (declared === ',' && found !== ';')) return `${base}: ${spreadsheetSaveStep(declared)}`;
  const why = found === ';' ? ` (Excel writes a CSV file with the computer's list separator, which is ; where the comma is the decimal mark)` : '';
  return `${base}${why}: ${listSeparatorStep(declared)}`;
}

/**
 * How to save a spreadsheet as the CSV a standard reads, for a workbook sent in its place: in Excel's
 * words for a comma, else the step for the standard's own delimiter (a pipe-delimited batch file saved as
 * Excel's comma CSV would only be refused again for its delimiter). Undefined when the standard is not
 * known (a workbook told by its first bytes, which `conform validate --server` does before the server
 * resolves the version): the step for any delimiter, Excel's for the usual comma.
 */
export function saveSheetAdvice(delimiter?: string): string {
  if (delimiter === undefined) {
    return (
      'save the sheet as CSV with the delimiter the standard uses and send that file (in Excel, for commas: File, Save As, "CSV UTF-8 (Comma delimited)"; ' +
      'for another delimiter, set the list separator to it first (Windows: Control Panel > Region > Additional settings > List separator), ' +
      'or save it from LibreOffice Calc as "Text CSV" with "Edit filter settings" ticked and that delimiter as the field delimiter)'
    );
  }
  if (delimiter === ',') return 'save the sheet as CSV (in Excel: File, Save As, "CSV UTF-8 (Comma delimited)") and send that file';
  return `save the sheet as text with ${DELIMITER_NAMES[delimiter] ?? delimiter} (${sign(delimiter)}) between values and send that file: ${spreadsheetSaveStep(delimiter)}`;
}

/** What the CSV reader needs of a version's record schema. */
export interface CsvLayout {
  dialect: CsvDialect;
  /** The record's top-level fields, in the schema's order: its own, then those its combinators declare. */
  fields: readonly string[];
  /** The fields every record must have. */
  required: readonly string[];
  /** True when the record schema accepts fields it does not declare. */
  open: boolean;
  /** True when the version declares its layout (`x-csv`): its own files are CSV (services/submission-format.ts). */
  declared?: boolean;
}

/**
 * The layout of a record schema (its `$ref`s already followed by the caller); `fields`, when given, are
 * all the fields it may declare (schema-walk.ts recordFields: its combinators' too), else its own `properties`.
 */
export function csvLayout(record: AnySchemaObject | undefined, fields?: readonly string[]): CsvLayout {
  const properties = record?.properties as Record<string, unknown> | undefined;
  const declared = (record?.['x-csv'] ?? {}) as Partial<CsvDialect>;
  return {
    dialect: { ...DEFAULT_DIALECT, ...declared },
    fields: fields ?? (properties ? Object.keys(properties) : []),
    required: Array.isArray(record?.required) ? (record.required as string[]) : [],
    open: record === undefined || !(record.additionalProperties === false || record.unevaluatedProperties === false),
    ...(record?.['x-csv'] !== undefined ? { declared: true } : {}),
  };
}
