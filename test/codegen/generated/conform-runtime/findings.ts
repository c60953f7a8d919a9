/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/findings.ts).
 * Made by: conform types (Conform code generation 1); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Turns Ajv errors into findings: a JSON pointer to the field itself (a missing or unexpected field is
 * reported at its own path), the failed rule, and a readable message. Messages are built from the
 * schema (allowed codes, limits, formats), never from the data, so no record value can leak into them.
 */
import type { ErrorObject } from 'ajv';
import { healthFormats } from './health-formats.js';
import { escapeSegment } from './pointer.js';
import { CONSISTENCY_KEYWORD } from './consistency-rules.js';
import type { Finding } from './report-types.js';

const FORMAT_PHRASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(healthFormats).map(([name, f]) => [name, f.describe])),
  date: 'a valid date (YYYY-MM-DD)',
  'date-time': 'a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)',
  time: 'a valid time with an offset',
  email: 'a valid email address',
  uri: 'a valid URI',
  uuid: 'a valid UUID',
};

const MAX_LISTED_VALUES = 20;

function listValues(values: unknown): string {
  if (!Array.isArray(values)) return '';
  const shown = values
    .slice(0, MAX_LISTED_VALUES)
    .map((v) => JSON.stringify(v))
    .join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown}, … (${values.length} in all)` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fieldPath(error: ErrorObject, property: unknown): string {
  return `${error.instancePath}/${escapeSegment(String(property))}`;
}

/** The path and message of one Ajv error, or undefined for errors that only restate others. */
function describe(error: ErrorObject): { path: string; rule: string; message: string } | undefined {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then`/`else` keyword is reported itself
    case 'required':
      return { path: fieldPath(error, p.missingProperty), rule: 'required', message: `missing required field "${String(p.missingProperty)}"` };
    case 'dependentRequired':
      return {
        path: fieldPath(error, p.missingProperty),
        rule: 'dependentRequired',
        message: `"${String(p.missingProperty)}" is required when "${String(p.property)}" is present`,
      };
    case 'additionalProperties':
      return { path: fieldPath(error, p.additionalProperty), rule: 'additionalProperties', message: 'is not a field of this standard' };
    case 'unevaluatedProperties':
      return { path: fieldPath(error, p.unevaluatedProperty), rule: 'unevaluatedProperties', message: 'is not a field of this standard' };
    case 'type':
      return { path: at, rule: 'type', message: `must be of type ${String(p.type).replace(',', ' or ')}` };
    case 'enum':
      return { path: at, rule: 'enum', message: `must be one of the allowed codes: ${listValues(p.allowedValues)}` };
    case 'const':
      return { path: at, rule: 'const', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return { path: at, rule: 'format', message: `must be ${FORMAT_PHRASES[String(p.format)] ?? `in the "${String(p.format)}" format`}` };
    case 'pattern':
      return { path: at, rule: 'pattern', message: `must match the pattern ${String(p.pattern)}` };
    case 'minLength':
      return { path: at, rule: 'minLength', message: `must be at least ${plural(Number(p.limit), 'character')}` };
    case 'maxLength':
      return { path: at, rule: 'maxLength', message: `must be at most ${plural(Number(p.limit), 'character')}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path: at, rule: error.keyword, message: `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'multipleOf':
      return { path: at, rule: 'multipleOf', message: `must be a multiple of ${String(p.multipleOf)}` };
    case 'minItems':
      return { path: at, rule: 'minItems', message: `must have at least ${plural(Number(p.limit), 'item')}` };
    case 'maxItems':
      return { path: at, rule: 'maxItems', message: `must have at most ${plural(Number(p.limit), 'item')}` };
    case 'uniqueItems':
      return { path: at, rule: 'uniqueItems', message: `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)` };
    case 'minProperties':
      return { path: at, rule: 'minProperties', message: `must have at least ${plural(Number(p.limit), 'field')}` };
    case 'maxProperties':
      return { path: at, rule: 'maxProperties', message: `must have at most ${plural(Number(p.limit), 'field')}` };
    case 'oneOf':
      return { path: at, rule: 'oneOf', message: 'must match exactly one of the allowed forms' };
    case 'anyOf':
      return { path: at, rule: 'anyOf', message: 'must match one of the allowed forms' };
    case 'not':
      return { path: at, rule: 'not', message: 'must not match the excluded form' };
    case 'contains':
      return { path: at, rule: 'contains', message: 'must contain an allowed item' };
    case 'false schema':
      return { path: at, rule: 'false schema', message: 'is not allowed' };
    case CONSISTENCY_KEYWORD:
      return { path: at, rule: String(p.rule), message: String(p.message) };
    default:
      return { path: at, rule: error.keyword, message: `fails the "${error.keyword}" rule` };
  }
}

export function toFindings(errors: readonly ErrorObject[], record: number, line: number): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const d = describe(error);
    if (!d) continue;
    const key = `${d.path}\u0000${d.rule}`;
    if (seen.has(key)) continue; // e.g. a `type` failure reached through two branches
    seen.add(key);
    findings.push({ record, line, path: d.path, rule: d.rule, message: d.message, severity: 'error' });
  }
  return findings;
}
