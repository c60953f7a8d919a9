/*
 * Standalone validator of covid-vaccination-event 3.1.0: the type guard isCovidVaccinationEvent, validate() and, for a file's rows in order, createFileCheck() and validateRows(), giving findings as Conform's engine does.
 * Standard: covid-vaccination-event
 * Version: 3.1.0
 * Content hash: sha256:cf39ee6df27929235a3debfb93e1dc0597b75accf35a2d37c8b097ea9f31f829
 * Made by: conform types --standard covid-vaccination-event@3.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

import type { CovidVaccinationEvent } from './covid-vaccination-event.v3.1.0.js';
import type { Finding } from './conform-runtime/report-types.js';
import type { ValidationContext } from './conform-runtime/context.js';
import { toFindings, type EngineError, type FieldLabels } from './conform-runtime/findings.js';
import { consistencyRun, type ConsistencyRun } from './conform-runtime/consistency-rules.js';
import { shownFindings } from './conform-runtime/finding-text.js';
import type { Range, Ranges } from './conform-runtime/bounds.js';
import { adviceCheck } from './conform-runtime/advice.js';
import { check } from './covid-vaccination-event.v3.1.0.ajv.js';

export type { CovidVaccinationEvent, Finding, ValidationContext };

/** The standard version this validator was generated from. */
export const standard = {"id":"covid-vaccination-event","version":"3.1.0","contentHash":"sha256:cf39ee6df27929235a3debfb93e1dc0597b75accf35a2d37c8b097ea9f31f829"} as const;

/** The labels of the coded fields (`x-labels`), by field pointer (array items as `*`), for findings' messages. */
const labels: FieldLabels = new Map(Object.entries<Readonly<Record<string, string>>>({"/vaccinationProcedure":{"1324681000000101":"Administration of first dose of SARS-CoV-2 vaccine","1324691000000104":"Administration of second dose of SARS-CoV-2 vaccine","1324671000000103":"Immunisation course to achieve immunity against SARS-CoV-2 (primary course, including a third primary dose)","1362591000000103":"Immunisation course to maintain protection against SARS-CoV-2 (booster; every later dose)","1363861000000103":"Administration of third dose of SARS-CoV-2 vaccine","1363791000000101":"Administration of fourth dose of SARS-CoV-2 vaccine","1363831000000108":"Administration of fifth dose of SARS-CoV-2 vaccine"},"/targetDisease":{"840539006":"COVID-19"}}));

/** The numeric ranges of the schemas, by the schema path of the schema holding the bounds, for findings' messages. */
const ranges: Ranges = new Map(Object.entries<Range>({"#/properties/doseSequence":{"integer":true,"minimum":1,"maximum":9}}));

/** The advice (`x-advice`): formats fields should have, reported as warnings. */
const advice = adviceCheck([{"id":"vaccination-bst-in-gmt","field":"/vaccinationDateTime","format":"bst-offset-in-bst","message":"The vaccination date and time is written with the BST offset (+01:00), but the UK was on GMT (+00:00) at that moment of that day: it is not UK local time (another country's clock, or an hour out), so its day and timeliness may be an hour out."},{"id":"vaccination-gmt-in-bst","field":"/vaccinationDateTime","format":"gmt-offset-in-gmt","message":"The vaccination date and time is written with a GMT offset (Z, +00:00 or -00:00), but the UK was on BST (+01:00) at that moment of that day: as a UK clock time it is an hour out (as a time in UTC the moment is right, but it is not UK local time)."}])!;

/**
 * True when `value` is a valid covid-vaccination-event 3.1.0 record: every rule of the standard
 * holds (types, codes, formats such as the NHS number check digit, conditional and cross-field rules;
 * rules of severity warning do not count). `context` says when the data was received and the reporting
 * period it is for (default: now, no period).
 */
export function isCovidVaccinationEvent(value: unknown, context?: ValidationContext): value is CovidVaccinationEvent {
  return check.call(consistencyRun(context), value);
}

/**
 * The findings for one record, as Conform's engine reports them (path, rule, message, severity; never a
 * value from the record; a path cut at 1,000 characters and a message at 2,000, marked "…", as in a
 * report), warnings included; empty when the record has none. `record` and `line`
 * number the findings (default 1 and 0); `context` says when the data was received and the reporting
 * period it is for (default: now, no period), as the engine's validate options do.
 */
export function validate(value: unknown, record = 1, line = 0, context?: ValidationContext): Finding[] {
  return shownFindings(findingsOf(consistencyRun(context), value, record, line));
}

/**
 * One record's own findings in a run (its warnings emptied first), as the engine's checkRecord gives them:
 * before the report's bounds (shownFindings), which the functions returning them apply, as the service's
 * report builder does after its rules across rows.
 */
function findingsOf(run: ConsistencyRun, value: unknown, record: number, line: number): Finding[] {
  run.warnings = null;
  const valid = check.call(run, value);
  const advised = advice(value);
  if (advised) run.warnings = [...(run.warnings ?? []), ...advised];
  if (valid && run.warnings === null) return [];
  const errors: readonly EngineError[] = valid ? [] : (check.errors ?? []);
  return toFindings(run.warnings === null ? errors : errors.concat(run.warnings), record, line, labels, undefined, value, true, ranges);
}

/**
 * covid-vaccination-event 3.1.0 declares no rule across rows: each record stands alone, so validate() on each row gives a
 * file's findings, and createFileCheck, validateRows and validateRowsAsync only number the rows (they are
 * here so every version has the same API).
 */
export const rulesAcrossRows = [] as const;

/** The check of one file's rows, in order. */
export interface FileCheck {
  /**
   * The findings of the file's next row (record number: rows checked so far + 1), warnings included;
   * empty when it has none. `line` is the row's line in the file (default: its record number, as in an
   * NDJSON file without blank lines; a CSV file's first row after its header is line 2). `row`, for a
   * CSV file, is the row's spreadsheet row (the header is row 1; an empty line is a row, a quoted cell
   * over several lines is one): given, each finding carries it as the service's do.
   */
  check(value: unknown, line?: number, row?: number): Finding[];
  /** How many rows have been checked. */
  readonly records: number;
  /** The findings about the file as a whole (fileFindings(context) for this check's context). */
  readonly fileFindings: readonly Finding[];
}

/**
 * The findings about the file as a whole that a build can make (its bytes are the caller's): always
 * none: covid-vaccination-event 3.1.0 declares no file-name convention, so a `fileName` in the context is not
 * checked (as in the service).
 */
export const fileFindings: (context?: ValidationContext) => readonly Finding[] = () => [];

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
 * findings as Conform's service gives them for the same rows in the same order. One check per
 * file; `context` is fixed for the file (default: the time of this call, no period).
 */
export function createFileCheck(context?: ValidationContext): FileCheck {
  const run = consistencyRun(context);
  let records = 0;
  return {
    get records() {
      return records;
    },
    fileFindings: [],
    check(value: unknown, line = records + 1, row?: number): Finding[] {
      const record = ++records;
      const findings = findingsOf(run, value, record, line);
      const all = shownFindings(findings);
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
