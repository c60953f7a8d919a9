/*
 * Standalone validator of immunisation-batch 10.3.0: the type guard isImmunisationBatch, validate() and, for a file's rows in order, createFileCheck() and validateRows(), giving findings as Conform's engine does.
 * Standard: immunisation-batch
 * Version: 10.3.0
 * Content hash: sha256:4a997c65946a7be2ef84757758a95a3e5ce7234c1bce814b3bd0b571c06021b4
 * Made by: conform types --standard immunisation-batch@10.3.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

import type { ImmunisationBatch } from './immunisation-batch.v10.3.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import type { ValidationContext } from './conform-runtime/context.js';
import { toFindings, type EngineError, type FieldLabels, type Conditions } from './conform-runtime/findings.js';
import { consistencyRun, type ConsistencyRun } from './conform-runtime/consistency-rules.js';
import { shownFindings } from './conform-runtime/finding-text.js';
import type { Range, Ranges } from './conform-runtime/bounds.js';
import { adviceCheck } from './conform-runtime/advice.js';
import { RecordActions, type RecordActionsRule } from './conform-runtime/record-actions.js';
import { fileNameVerdict, type FileNameRule, type RecordCodeCheck } from './conform-runtime/file-name.js';
import { check } from './immunisation-batch.v10.3.0.ajv.js';

export type { ImmunisationBatch, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = {"id":"immunisation-batch","version":"10.3.0","contentHash":"sha256:4a997c65946a7be2ef84757758a95a3e5ce7234c1bce814b3bd0b571c06021b4"} as const;

/** The labels of the coded fields (`x-labels`), by field pointer (array items as `*`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>({}));

/** The conditions of the conditional rules (`x-when`), by the schema path of their `then`, for findings' messages. */
const conditions: Conditions = new Map(Object.entries<string>({"#/allOf/0/then":"ACTION_FLAG is NEW or UPDATE"}));

/** The numeric ranges of the schemas, by the schema path of the schema holding the bounds, for findings' messages. */
const ranges: Ranges = new Map(Object.entries<Range>({"#/allOf/0/then/properties/DOSE_SEQUENCE":{"integer":true,"minimum":1,"maximum":9}}));

/** The advice (`x-advice`): formats fields should have, reported as warnings. */
const advice = adviceCheck([{"id":"postcode-format","field":"/PERSON_POSTCODE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"uk-postcode","message":"The postcode is not a valid UK postcode (or ZZ99 pseudo-postcode); the national pipeline does not check its shape, but the person's address will not match."},{"id":"site-code-snomed","field":"/SITE_OF_VACCINATION_CODE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"sctid-concept","message":"The site of vaccination code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the site cannot be read as a concept."},{"id":"route-code-snomed","field":"/ROUTE_OF_VACCINATION_CODE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"sctid-concept","message":"The route of vaccination code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the route cannot be read as a concept."},{"id":"dose-unit-code-snomed","field":"/DOSE_UNIT_CODE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"sctid-concept","message":"The dose unit code is not a SNOMED CT concept id; the national pipeline accepts any text here, but the unit cannot be read as a concept."},{"id":"nhs-number-digits","field":"/NHS_NUMBER","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"latin-digits","message":"The NHS number is written with the digits of another script; the national pipeline reads them, but other NHS systems (PDS among them) match NHS numbers written 0 to 9, so this record may not link to the person: write it with the digits 0 to 9."},{"id":"nhs-number-placeholder","field":"/NHS_NUMBER","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"nhs-number-not-placeholder","message":"The NHS number is a placeholder (one digit ten times): it passes the Modulus 11 check, so the national pipeline accepts it, but no such number is ever issued and the record will not link to the person: write the person's NHS number, or leave the cell empty when it is not known."},{"id":"dob-digits","field":"/PERSON_DOB","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"latin-digits","message":"The date of birth is written with the digits of another script; the national pipeline reads them, but other systems may not: write it with the digits 0 to 9."},{"id":"vaccination-date-digits","field":"/DATE_AND_TIME","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"latin-digits","message":"The vaccination date and time is written with the digits of another script; the national pipeline reads them, but other systems may not: write it with the digits 0 to 9."},{"id":"recorded-date-digits","field":"/RECORDED_DATE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"latin-digits","message":"The recorded date is written with the digits of another script; the national pipeline reads them, but other systems may not: write it with the digits 0 to 9."},{"id":"expiry-date-digits","field":"/EXPIRY_DATE","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"format":"latin-digits","message":"The expiry date is written with the digits of another script; the national pipeline reads them, but other systems may not: write it with the digits 0 to 9."}])!;

/** The file-name convention of immunisation-batch 10.3.0 (`x-file-name`), checked against a context's `fileName` as the service checks a file's name. */
const fileNameRule: FileNameRule = {"description":"{VACC}_Vaccinations_v5_{ODS code}_{YYYYMMDDThhmmsszz}.csv (or .dat), e.g. FLU_Vaccinations_v5_B86001_20240610T18332500.csv, with VACC one of the vaccine types of the national disease mapping, the ODS code 3 to 10 letters and digits, and the timestamp 17 characters: a real YYYYMMDDThhmmss followed by its zone, 00 (GMT) or 01 (BST)","upperCase":true,"extensions":["CSV","DAT"],"separator":"_","parts":[{"name":"vaccineType","values":["3IN1","4IN1","6IN1","BCG","COVID","FLU","HEPB","HIB","HIBMENC","HPV","MENACWY","MENB","MMR","MMRV","PNEUMOCOCCAL","PERTUSSIS","ROTAVIRUS","RSV","SHINGLES"]},{"name":"the word Vaccinations","values":["VACCINATIONS"]},{"name":"version","values":["V5"]},{"name":"ODS code","minLength":3,"maxLength":10,"characters":"letters-and-digits"},{"name":"timestamp","format":"compact-date-time","length":17}],"extraParts":true,"codes":{"group":"vaccineType","when":{"/ACTION_FLAG":{"anyCase":["NEW","UPDATE"]}},"fields":{"/VACCINATION_PROCEDURE_CODE":{"COVID":["1324681000000101","1324691000000104","1324671000000103","1362591000000103","1363861000000103","1363791000000101","1363831000000108"],"FLU":["884861000000100"],"RSV":["1303503001"],"MMR":["170433008","38598009","308081000000105","170432003","170431005"]},"/VACCINE_PRODUCT_CODE":{"COVID":["43111411000001101","43113211000001101","43112711000001100","42985911000001104"],"FLU":["34680411000001107"],"RSV":["42223111000001107","42605811000001109"],"MMR":["13968211000001108","34925111000001104"]}}}};

/**
 * True when `value` is a valid immunisation-batch 10.3.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). `context` says when the data was received and the reporting
 * period it is for (default: now, no period).
 * It checks this record alone: the rules across rows (duplicate-identifier, identifier-already-deleted)
 * need the file's earlier rows; check a file's rows with createFileCheck or validateRows.
 */
export function isImmunisationBatch(value: unknown, context?: ValidationContext): value is ImmunisationBatch {
  return check.call(consistencyRun(context), value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message, severity; never a
 * value from the record; a path cut at 1,000 characters and a message at 2,000, marked "…", as in a
 * report), warnings included; empty when the record has none. `record` and `line`
 * number the findings (default 1 and 0); `context` says when the data was received and the reporting
 * period it is for (default: now, no period), as the engine's validate options do.
 * With a `fileName` in the context, the coded fields are also checked against the code lists the name
 * chooses (rule code-matches-file-type, warnings), as the service checks each row of a file with that name;
 * whether the name itself keeps the convention is a finding about the file: fileFindings(context).
 * It checks this record alone: the rules across rows (duplicate-identifier, identifier-already-deleted)
 * need the file's earlier rows; check a file's rows with createFileCheck or validateRows.
 */
export function validate(value: unknown, record = 1, line = 0, context?: ValidationContext): Finding[] {
  return shownFindings(findingsOf(consistencyRun(context), value, record, line, fileNameVerdict(fileNameRule, context?.fileName).codes));
}

/**
 * One record's own findings in a run (its warnings emptied first), as the engine's checkRecord gives them:
 * before the report's bounds (shownFindings), which the functions returning them apply, as the service's
 * report builder does after its rules across rows.
 */
function findingsOf(run: ConsistencyRun, value: unknown, record: number, line: number, codes?: RecordCodeCheck): Finding[] {
  run.warnings = null;
  const valid = check.call(run, value);
  let warnings: readonly EngineError[] | null = run.warnings;
  const advised = advice(value);
  const coded = codes?.(value);
  if (advised || coded) warnings = [...(warnings ?? []), ...(advised ?? []), ...(coded ?? [])];
  if (valid && warnings === null) return [];
  const errors: readonly EngineError[] = valid ? [] : (check.errors ?? []);
  return toFindings(warnings === null ? errors : errors.concat(warnings), record, line, labels, conditions, value, true, ranges);
}

/**
 * The rules across rows of immunisation-batch 10.3.0 (`x-record-actions`), by rule id: a row's verdict can depend on
 * earlier rows of the same file. Only createFileCheck, validateRows and validateRowsAsync check them,
 * following the file's rows in order; validate() and isImmunisationBatch() check one record alone.
 */
export const rulesAcrossRows = ["duplicate-identifier","identifier-already-deleted"] as const;

/** What the rows of a file do to the records they identify (`x-record-actions`), as the standard declares it. */
const recordActionsRule: RecordActionsRule = {"key":["/UNIQUE_ID_URI","/UNIQUE_ID"],"join":"#","action":"/ACTION_FLAG","anyCase":true,"create":["NEW"],"update":["UPDATE"],"delete":["DELETE"],"id":"duplicate-identifier","field":"/UNIQUE_ID","message":"The identifier (UNIQUE_ID_URI and UNIQUE_ID) is duplicated: an earlier row of this file created a record with it and no row has deleted it since, and the national pipeline refuses a NEW of an identifier that exists (422); send an UPDATE, or a new identifier","deleteOfDeleted":{"id":"identifier-already-deleted","field":"/UNIQUE_ID","message":"There is no record to delete with this identifier (UNIQUE_ID_URI and UNIQUE_ID): an earlier row of this file asked to delete it and no NEW or UPDATE has brought it back since, and the national pipeline refuses a DELETE of an identifier with no live record (404: Immunization resource does not exist); remove the repeated DELETE"}};

/** The check of one file's rows, in order. */
export interface FileCheck {
  /**
   * The findings of the file's next row (record number: rows checked so far + 1), warnings included;
   * empty when it has none. `line` is the row's line in the file (default: its record number, as in an
   * NDJSON file without blank lines; a CSV file's first row after its header is line 2). `row`, for a
   * CSV file, is the row's spreadsheet row (the header is row 1; an empty line is a row, a quoted cell
   * over several lines is one): given, each finding carries it as the service's do, and a rule across rows names the earlier row by its line and row.
   * Rows must come in the file's order: the rules across rows follow them.
   */
  check(value: unknown, line?: number, row?: number): Finding[];
  /** How many rows have been checked. */
  readonly records: number;
  /** The findings about the file as a whole (fileFindings(context) for this check's context). */
  readonly fileFindings: readonly Finding[];
}

/**
 * The findings about the file as a whole that a build can make (its bytes are the caller's): the name in
 * `context.fileName` checked against the version's file-name convention (`x-file-name`): a name that
 * breaks it is one finding (rule `file-name`, record 0), as the service checks a file's name; empty
 * without a `fileName` or when the name keeps the convention. The service reports them before the rows'.
 */
export function fileFindings(context?: ValidationContext): readonly Finding[] {
  const { finding } = fileNameVerdict(fileNameRule, context?.fileName);
  return finding ? shownFindings([finding]) : [];
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
 * findings as Conform's service gives them for the same rows in the same order, the rules across
 * rows included. Memory is bounded as in the service: identifiers are kept as 64-bit fingerprints (about
 * 13 bytes each; past 4 million identifiers new ones are not remembered), never the rows. One check per
 * file; `context` is fixed for the file (default: the time of this call, no period).
 */
export function createFileCheck(context?: ValidationContext): FileCheck {
  const run = consistencyRun(context);
  // The service's order (record-sink.ts): the row's own findings, then the rules across rows.
  const actions = new RecordActions(recordActionsRule);
  // The service's check of the file's name (validate.ts, record-sink.ts): a file finding, or the rows' code lists.
  const { finding, codes } = fileNameVerdict(fileNameRule, context?.fileName);
  let records = 0;
  return {
    get records() {
      return records;
    },
    fileFindings: finding ? shownFindings([finding]) : [],
    check(value: unknown, line = records + 1, row?: number): Finding[] {
      const record = ++records;
      const findings = findingsOf(run, value, record, line, codes);
      const all = shownFindings(actions.check(value, findings.length === 0 ? undefined : findings, record, line, row) ?? []);
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
