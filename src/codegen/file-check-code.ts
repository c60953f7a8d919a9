/**
 * The file check of a generated validator module: `createFileCheck(context?)` (one row at a time, as a
 * stream gives them), `validateRows(rows, options?)` (a generator over an iterable) and
 * `validateRowsAsync` (over an async iterable), giving each row's
 * findings in the file's order, and `rulesAcrossRows`, the ids of the rules that need earlier rows. For a
 * version with a rule across rows (`x-record-actions`) the module runs the engine's own RecordActions
 * (validation/record-actions.ts, copied into the runtime by runtime-files.ts), called as the service's
 * reporting sink calls it (validation/record-sink.ts: the row's own findings, then the rule), so a file
 * gets the same findings in a build as in the service. A version without one gets the same API, numbering
 * its rows, and its doc comment and empty `rulesAcrossRows` say that each record stands alone. The module
 * text uses `findingsOf(run, value, record, line)`, the record's own findings, from validator-module.ts.
 *
 * A version with a file-name convention (`x-file-name`) checks the context's `fileName` once per file with
 * the engine's fileNameVerdict (validation/file-name.ts, copied into the runtime), as the service does
 * (validate.ts, record-sink.ts): a name that breaks it is the file check's `fileFindings` (the service's
 * file finding, record 0), and a name that keeps it may choose code lists each row is checked against
 * (warnings). Every module has `fileFindings`, empty for a version without a convention.
 */
import type { createAjv } from '../validation/ajv.js';
import { RECORD_ACTIONS_KEYWORD, type RecordActionsRule } from '../validation/record-actions.js';
import { FILE_NAME_KEYWORD, type FileNameRule } from '../validation/file-name.js';
import { fieldSchema } from '../validation/schema-walk.js';
import { codeLiteral } from './literal.js';
import { recordTypeName, type CodegenSource } from './source.js';

/** The version's rule across rows (`x-record-actions` on its record schema), as the engine finds it (validators.ts). */
export function recordActionsRule(ajv: ReturnType<typeof createAjv>, source: CodegenSource): RecordActionsRule | undefined {
  return fieldSchema(ajv, source.schema, source.schemaId, [])?.[RECORD_ACTIONS_KEYWORD] as RecordActionsRule | undefined;
}

/** The version's file-name convention (`x-file-name` on its record schema), as the engine finds it (validators.ts). */
export function fileNameRuleOf(ajv: ReturnType<typeof createAjv>, source: CodegenSource): FileNameRule | undefined {
  return fieldSchema(ajv, source.schema, source.schemaId, [])?.[FILE_NAME_KEYWORD] as FileNameRule | undefined;
}

/** The rule ids of a rule across rows, in the order its findings are declared. */
export const acrossRowsIds = (rule: RecordActionsRule | undefined): string[] =>
  rule ? [rule.id, ...(rule.deleteOfDeleted ? [rule.deleteOfDeleted.id] : [])] : [];

/** The file-check part of the module: createFileCheck and validateRows(Async), with or without a rule across rows. */
export function fileCheckCode(source: CodegenSource, rule: RecordActionsRule | undefined, nameRule: FileNameRule | undefined): string {
  const name = `${source.standardId} ${source.version}`;
  const ids = acrossRowsIds(rule);
  const across = rule
    ? `/**
 * The rules across rows of ${name} (\`x-record-actions\`), by rule id: a row's verdict can depend on
 * earlier rows of the same file. Only createFileCheck, validateRows and validateRowsAsync check them,
 * following the file's rows in order; validate() and is${recordTypeName(source)}() check one record alone.
 */
export const rulesAcrossRows = ${codeLiteral(ids)} as const;

/** What the rows of a file do to the records they identify (\`x-record-actions\`), as the standard declares it. */
const recordActionsRule: RecordActionsRule = ${codeLiteral(rule)};
`
    : `/**
 * ${name} declares no rule across rows: each record stands alone, so validate() on each row gives a
 * file's findings, and createFileCheck, validateRows and validateRowsAsync only number the rows (they are
 * here so every version has the same API).
 */
export const rulesAcrossRows = [] as const;
`;
  const follow = rule
    ? `\n  // The service's order (record-sink.ts): the row's own findings, then the rules across rows.\n  const actions = new RecordActions(recordActionsRule);`
    : '';
  // The report's bounds (shownFindings) after the rules across rows, as the service's report builder applies them.
  const result = rule
    ? `shownFindings(actions.check(value, findings.length === 0 ? undefined : findings, record, line, row) ?? [])`
    : 'shownFindings(findings)';
  const named = nameRule
    ? `\n  // The service's check of the file's name (validate.ts, record-sink.ts): a file finding, or the rows' code lists.\n  const { finding, codes } = fileNameVerdict(fileNameRule, context?.fileName);`
    : '';
  const fileFindingsDoc = nameRule
    ? `the name in
 * \`context.fileName\` checked against the version's file-name convention (\`x-file-name\`): a name that
 * breaks it is one finding (rule \`file-name\`, record 0), as the service checks a file's name; empty
 * without a \`fileName\` or when the name keeps the convention. The service reports them before the rows'.`
    : `always
 * none: ${name} declares no file-name convention, so a \`fileName\` in the context is not
 * checked (as in the service).`;

  return `${across}
/** The check of one file's rows, in order. */
export interface FileCheck {
  /**
   * The findings of the file's next row (record number: rows checked so far + 1), warnings included;
   * empty when it has none. \`line\` is the row's line in the file (default: its record number, as in an
   * NDJSON file without blank lines; a CSV file's first row after its header is line 2). \`row\`, for a
   * CSV file, is the row's spreadsheet row (the header is row 1; an empty line is a row, a quoted cell
   * over several lines is one): given, each finding carries it as the service's do${rule ? ', and a rule across rows names the earlier row by its line and row' : ''}.${
     rule
       ? `
   * Rows must come in the file's order: the rules across rows follow them.`
       : ''
   }
   */
  check(value: unknown, line?: number, row?: number): Finding[];
  /** How many rows have been checked. */
  readonly records: number;
  /** The findings about the file as a whole (fileFindings(context) for this check's context). */
  readonly fileFindings: readonly Finding[];
}

/**
 * The findings about the file as a whole that a build can make (its bytes are the caller's): ${fileFindingsDoc}
 */
${
  nameRule
    ? `export function fileFindings(context?: ValidationContext): readonly Finding[] {
  const { finding } = fileNameVerdict(fileNameRule, context?.fileName);
  return finding ? shownFindings([finding]) : [];
}`
    : `export const fileFindings: (context?: ValidationContext) => readonly Finding[] = () => [];`
}

/** Options of validateRows. */
export interface RowsOptions {
  /** When the data was received and the reporting period it is for (default: now, no period). */
  context?: ValidationContext;
  /** The line of the first row (default 1: NDJSON; 2 for a CSV file with a header line); each next row is one line on. */
  firstLine?: number;
  /** CSV: the spreadsheet row of the first row (2 after a header line), each next row one on; findings then carry it (default: none). */
  firstRow?: number;
}

/**
 * A check of one file's rows, fed one row at a time (from a stream, a reader, a loop), giving each row's
 * findings as Conform's service gives them for the same rows in the same order${
   rule
     ? `, the rules across
 * rows included. Memory is bounded as in the service: identifiers are kept as 64-bit fingerprints (about
 * 13 bytes each; past 4 million identifiers new ones are not remembered), never the rows`
     : ''
 }. One check per
 * file; \`context\` is fixed for the file (default: the time of this call, no period).
 */
export function createFileCheck(context?: ValidationContext): FileCheck {
  const run = consistencyRun(context);${follow}${named}
  let records = 0;
  return {
    get records() {
      return records;
    },
    fileFindings: ${nameRule ? 'finding ? shownFindings([finding]) : []' : '[]'},
    check(value: unknown, line = records + 1, row?: number): Finding[] {
      const record = ++records;
      const findings = findingsOf(run, value, record, line${nameRule ? ', codes' : ''});
      const all = ${result};
      // The service's order too (record-sink.ts atRow): each finding at its record's spreadsheet row.
      if (row !== undefined) for (const f of all) f.row = row;
      return all;
    },
  };
}

/**
 * Each row's findings, in the rows' order (one array a row, empty for a row without findings), checked
 * as createFileCheck checks them; a generator, so rows are read one at a time as they are needed.
 */
export function* validateRows(rows: Iterable<unknown>, options: RowsOptions = {}): Generator<Finding[], void, undefined> {
  const file = createFileCheck(options.context);
  let line = options.firstLine ?? 1;
  let row = options.firstRow;
  for (const value of rows) yield file.check(value, line++, row === undefined ? row : row++);
}

/**
 * validateRows over an async source (a Node stream of parsed rows, an async generator): each row's
 * findings as it arrives, so a file of any size is checked with one row in memory at a time.
 */
export async function* validateRowsAsync(
  rows: AsyncIterable<unknown> | Iterable<unknown>,
  options: RowsOptions = {},
): AsyncGenerator<Finding[], void, undefined> {
  const file = createFileCheck(options.context);
  let line = options.firstLine ?? 1;
  let row = options.firstRow;
  for await (const value of rows) yield file.check(value, line++, row === undefined ? row : row++);
}
`;
}
