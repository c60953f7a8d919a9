/**
 * A standard's file-name convention (`x-file-name` on a version's record schema), checked when the file's
 * name is known (the CLI's path, the API's `filename`, the web upload's name): a name that breaks it is
 * one file finding (rule `file-name`). The convention's named groups may carry facts the rows need, such
 * as the vaccine type of an immunisation batch file, and `codes` checks coded fields against the list for
 * that group's value: a code from another list is a warning on the row (never an error).
 *
 * A file name is not patient data, but findings still never quote it: they name the part that is wrong.
 */
import { healthFormats } from './health-formats.js';
import { pointerGetter } from './pointer.js';
import type { EngineError } from './findings.js';
import { CONSISTENCY_KEYWORD } from './consistency-rules.js';

export interface FileNameRule {
  /** A regular expression for the whole name, with named groups (`(?<vaccineType>…)`). */
  pattern: string;
  /** True: the name is compared in upper case (the pattern is written in upper case). */
  upperCase?: boolean;
  /** The convention in words, for the finding, e.g. `{VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv`. */
  description: string;
  /** Named groups that must also pass a format, e.g. `{ timestamp: compact-date-time }`. */
  formats?: Record<string, string>;
  /** Coded fields checked against a list chosen by a group's value (warnings). */
  codes?: { group: string; fields: Record<string, Record<string, string[]>> };
}

export const FILE_NAME_KEYWORD = 'x-file-name';

export const FILE_NAME_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['pattern', 'description'],
  properties: {
    pattern: { type: 'string', format: 'regex', maxLength: 1000 },
    upperCase: { type: 'boolean' },
    description: { type: 'string', minLength: 1 },
    formats: { type: 'object', additionalProperties: { enum: Object.keys(healthFormats) } },
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
      },
    },
  },
} as const;

/** The longest name checked (file systems allow 255 bytes); a longer one is refused without matching. */
const MAX_NAME = 255;

/** The last segment of a path, with `/` or `\` separators. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export type FileNameCheck = { ok: true; groups: Record<string, string> } | { ok: false; problem: string };

/** Checks a file name (its last path segment) against the convention. */
export function checkFileName(rule: FileNameRule, fileName: string): FileNameCheck {
  const name = baseName(fileName);
  const expected = `the file name must be ${rule.description}`;
  if (name.length === 0 || name.length > MAX_NAME) return { ok: false, problem: `${expected}; it is ${name.length === 0 ? 'empty' : 'too long'}` };
  const match = new RegExp(rule.pattern, 'u').exec(rule.upperCase ? name.toUpperCase() : name);
  if (!match) return { ok: false, problem: `${expected}; it does not have that shape` };
  const groups = { ...(match.groups ?? {}) } as Record<string, string>;
  for (const [group, format] of Object.entries(rule.formats ?? {})) {
    const value = groups[group];
    const check = (healthFormats as Record<string, { validate: (v: string) => boolean; describe: string }>)[format];
    if (value !== undefined && check && !check.validate(value)) return { ok: false, problem: `${expected}; its ${group} is not ${check.describe}` };
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
  return (record) => {
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
