/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/file-name.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * A standard's file-name convention (`x-file-name` on a version's record schema), checked when the file's
 * name is known (the CLI's path, the API's `filename`, the web upload's name): a name that breaks it is
 * one file finding (rule `file-name`). The convention's named groups may carry facts the rows need, such
 * as the vaccine type of an immunisation batch file, and `codes` checks coded fields against the list for
 * that group's value: a code from another list is a warning on the row (never an error).
 *
 * A file name is not patient data, but findings still never quote it: they name the part that is wrong.
 * The convention is a split into parts, not a regular expression, as the pipelines check names: that
 * names the wrong part, and needs no pattern analysis.
 *
 * fileNameVerdict is the one place that says what a name does to a run: the engine (validate.ts, the
 * file finding; record-sink.ts, the rows' code check) and the generated standalone validators (this
 * file is copied into their runtime, codegen/runtime-files.ts) both call it.
 */
import { healthFormats } from './health-formats.js';
import { formatHint } from './format-hints.js';
import { pointerGetter } from './pointer.js';
import type { EngineError } from './findings.js';
import type { Finding } from './report-types.js';
import { CONSISTENCY_KEYWORD } from './consistency-rules.js';
import { RECORD_CONDITION_META_SCHEMA, recordConditionTest, type RecordCondition } from './record-condition.js';

export interface FileNamePart {
  /** What the part is, for findings and for `codes.group`. */
  name: string;
  /** The values it may take (after upper-casing when `upperCase`). */
  values?: string[];
  /** A format it must pass (a format name Conform registers), e.g. compact-date-time. */
  format?: string;
  /** The exact number of characters it must have. */
  length?: number;
  /** The fewest and the most characters it may have. */
  minLength?: number;
  maxLength?: number;
  /** The characters it may hold (after upper-casing when `upperCase`): A to Z and 0 to 9, or 0 to 9 only. */
  characters?: 'letters-and-digits' | 'digits';
  /**
   * The format checks only the part's first this many characters, and the part must have at least that
   * many; the rest is not checked, as the national pipeline reads a timestamp's first 15 characters only.
   */
  formatPrefix?: number;
}

/**
 * The convention as the national pipelines check it: the name (without its folder) is upper-cased when
 * `upperCase`, its extension must be one of `extensions`, and the rest is split on `separator` into
 * parts, each checked in turn; parts after the declared ones are allowed when `extraParts`.
 */
export interface FileNameRule {
  /** The convention in words, for the finding, e.g. `{VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv`. */
  description: string;
  upperCase?: boolean;
  extensions: string[];
  separator: string;
  parts: FileNamePart[];
  extraParts?: boolean;
  /**
   * Coded fields checked against a list chosen by a part's value (warnings); with `when`, only on the
   * records that meet it (a DELETE row's codes, which the pipeline ignores, are not checked).
   */
  codes?: { group: string; fields: Record<string, Record<string, string[]>>; when?: RecordCondition };
}

export const FILE_NAME_KEYWORD = 'x-file-name';

/** The rule id of the file finding of a name that breaks the convention. */
export const FILE_NAME_RULE = 'file-name';

export const FILE_NAME_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'extensions', 'separator', 'parts'],
  properties: {
    description: { type: 'string', minLength: 1 },
    upperCase: { type: 'boolean' },
    extensions: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, uniqueItems: true },
    separator: { type: 'string', minLength: 1, maxLength: 1 },
    parts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          values: { type: 'array', minItems: 1, items: { type: 'string' }, uniqueItems: true },
          format: { enum: Object.keys(healthFormats) },
          length: { type: 'integer', minimum: 1 },
          minLength: { type: 'integer', minimum: 1 },
          maxLength: { type: 'integer', minimum: 1 },
          characters: { enum: ['letters-and-digits', 'digits'] },
          formatPrefix: { type: 'integer', minimum: 1 },
        },
        dependentRequired: { formatPrefix: ['format'] },
      },
    },
    extraParts: { type: 'boolean' },
    codes: {
      type: 'object',
      additionalProperties: false,
      required: ['group', 'fields'],
      properties: {
        group: { type: 'string' },
        fields: {
          type: 'object',
          propertyNames: { pattern: '^(/[^/]+)+$' },
          additionalProperties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        },
        when: RECORD_CONDITION_META_SCHEMA,
      },
    },
  },
} as const;

/** The longest name checked (file systems allow 255 bytes); a longer one is refused without reading it. */
const MAX_NAME = 255;

/** The last segment of a path, with `/` or `\\` separators. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export type FileNameCheck = { ok: true; groups: Record<string, string> } | { ok: false; problem: string };

const FORMATS = healthFormats as Record<string, { validate: (v: string) => boolean; describe: string }>;

const CHARACTERS = { 'letters-and-digits': [/^[A-Za-z0-9]*$/, 'letters and digits'], digits: [/^[0-9]*$/, 'digits'] } as const;

/** "3 to 10 letters and digits", "at least 15 characters": what a part's length and characters allow. */
function lengthAndCharacters(part: FileNamePart): string {
  const what = part.characters ? CHARACTERS[part.characters][1] : 'characters';
  const { minLength: min, maxLength: max } = part;
  if (min !== undefined && max !== undefined) return `${min} to ${max} ${what}`;
  if (min !== undefined) return `at least ${min} ${what}`;
  if (max !== undefined) return `at most ${max} ${what}`;
  return `only ${what}`;
}

/** What is wrong with one part, or undefined when it is right. */
function partProblem(part: FileNamePart, value: string): string | undefined {
  if (part.values && !part.values.includes(value)) return `must be ${part.values.length === 1 ? part.values[0] : `one of ${part.values.join(', ')}`}`;
  if (part.length !== undefined && value.length !== part.length) return `must have ${part.length} characters`;
  if (
    (part.minLength !== undefined && value.length < part.minLength) ||
    (part.maxLength !== undefined && value.length > part.maxLength) ||
    (part.characters !== undefined && !CHARACTERS[part.characters][0].test(value))
  )
    return `must be ${lengthAndCharacters(part)}`;
  const format = part.format === undefined ? undefined : FORMATS[part.format];
  if (format && part.formatPrefix !== undefined) {
    if (value.length < part.formatPrefix || !format.validate(value.slice(0, part.formatPrefix)))
      return `must begin with ${format.describe} (its first ${part.formatPrefix} characters are checked, the rest is not)`;
    return undefined;
  }
  if (value === '' || (format && !format.validate(value))) {
    // What is wrong, as a record's value of the format is told (never quoting it): "must be a real date
    // and time … e.g. 20240610T18332501" alone left a reader to find that its zone, 09, was the fault.
    const hint = format && value !== '' ? formatHint(part.format!, value) : undefined;
    return `must be ${format ? format.describe : 'present'}${hint ? ` — here ${hint}` : ''}`;
  }
  return undefined;
}

/**
 * Checks a file name (its last path segment) against the convention; the finding names the part, never
 * quotes the name. What is wrong comes first, then the convention in full: a person reads the fault
 * before the description it is measured against.
 */
export function checkFileName(rule: FileNameRule, fileName: string): FileNameCheck {
  const base = baseName(fileName);
  const fault = (what: string): FileNameCheck => ({ ok: false, problem: `${what}; the file name must be ${rule.description}` });
  if (base.length === 0 || base.length > MAX_NAME) return fault(`the file name is ${base.length === 0 ? 'empty' : 'too long'}`);
  const name = rule.upperCase ? base.toUpperCase() : base;
  const dot = name.lastIndexOf('.');
  const extension = dot === -1 ? '' : name.slice(dot + 1);
  if (!rule.extensions.includes(extension)) return fault(`the file name's extension must be ${rule.extensions.map((e) => `.${e}`).join(' or ')}`);
  const values = name.slice(0, dot).split(rule.separator);
  const { parts } = rule;
  if (values.length < parts.length || (!rule.extraParts && values.length > parts.length)) {
    return fault(
      values.length === 1
        ? `the file name is one part, with no "${rule.separator}" in it, where ${rule.extraParts ? 'at least ' : ''}${parts.length} parts are expected`
        : `the file name has ${values.length} parts separated by "${rule.separator}" where ${rule.extraParts ? 'at least ' : ''}${parts.length} are expected`,
    );
  }
  const groups: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const problem = partProblem(part, values[i]!);
    if (problem !== undefined) return fault(`the file name's part ${i + 1} (${part.name}) ${problem}`);
    groups[part.name] = values[i]!;
  }
  return { ok: true, groups };
}

/** Checks one record's coded fields against the lists for the file's group value; warnings in Ajv's error shape. */
export type RecordCodeCheck = (record: unknown) => EngineError[] | null;

/** The code check for a file whose name gave `groups`; undefined when there is nothing to check. */
export function fileCodeCheck(rule: FileNameRule | undefined, groups: Record<string, string>): RecordCodeCheck | undefined {
  const codes = rule?.codes;
  const key = codes ? groups[codes.group] : undefined;
  if (!codes || key === undefined) return undefined;
  const checks = Object.entries(codes.fields)
    .filter(([, lists]) => Object.hasOwn(lists, key))
    .map(([pointer, lists]) => ({ pointer, get: pointerGetter(pointer), allowed: new Set(lists[key]) }));
  if (checks.length === 0) return undefined;
  const applies = recordConditionTest(codes.when);
  return (record) => {
    if (applies !== undefined && !applies(record)) return null;
    let warnings: EngineError[] | null = null;
    for (const { pointer, get, allowed } of checks) {
      const value = get(record);
      if (typeof value !== 'string' || value === '' || allowed.has(value)) continue;
      const message = `is not a code this standard lists for ${key} files (the file name's ${codes.group}): ${[...allowed].join(', ')}`;
      (warnings ??= []).push({ instancePath: pointer, keyword: CONSISTENCY_KEYWORD, params: { rule: 'code-matches-file-type', message, severity: 'warning' } });
    }
    return warnings;
  };
}

/** What a file's name does to a run: the file finding when it breaks the convention, else the rows' code check. */
export interface FileNameVerdict {
  /** The file finding (record 0, rule `file-name`, an error) of a name that breaks the convention. */
  finding?: Finding;
  /** The check of each row's coded fields against the lists the name chooses (warnings), when it chooses any. */
  codes?: RecordCodeCheck;
}

/**
 * What the service does with a file's name (the CLI's `--file-name` or the file's own name, the API's
 * `?filename=`, the web upload's name; `context.fileName`): nothing without a convention or a name; a
 * name that breaks the convention is one file finding and chooses no code list; a name that keeps it
 * may choose the lists the rows' coded fields are checked against.
 */
export function fileNameVerdict(rule: FileNameRule | undefined, fileName: string | undefined): FileNameVerdict {
  if (rule === undefined || fileName === undefined) return {};
  const named = checkFileName(rule, fileName);
  if (!named.ok) return { finding: { record: 0, line: 0, path: '', rule: FILE_NAME_RULE, message: named.problem, severity: 'error' } };
  const codes = fileCodeCheck(rule, named.groups);
  return codes ? { codes } : {};
}
