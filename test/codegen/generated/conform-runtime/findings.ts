/*
 * Conform runtime for standalone validators, copied from Conform's engine (src/validation/findings.ts).
 * Made by: conform types (Conform code generation 5); shared by every generated validator.
 * Generated file: do not edit it; generate it again instead.
 */
/**
 * Turns Ajv errors into findings: a JSON pointer to the field itself (a missing or unexpected field is
 * reported at its own path), the failed rule, and a readable message. Messages are built from the
 * schema (allowed codes with their labels, limits, formats), never from the data, so no record value can
 * leak into them; a format finding adds a hint chosen from a fixed set by the failed value's shape
 * (format-hints.ts), which never contains the value either.
 *
 * One fault, one finding: a field that breaks its code list (`enum` or `const`) gets that finding only,
 * not also the `type`, `format`, `pattern` or length findings the same wrong value causes (the code list
 * says what is wanted); and a field reported as malformed (`type`, `format`, `pattern`) gets no
 * cross-field (`x-consistency`) finding, nor does the field it was compared with (a malformed date is
 * not before anything). Where two code lists fail at one path (a `$ref`'d list and a narrower one beside
 * it), the shorter is reported.
 */
import type { ErrorObject } from 'ajv';
import { healthFormats } from './health-formats.js';
import { escapeSegment, pointerGet, pointerSegments } from './pointer.js';
import { formatHint } from './format-hints.js';
import { codeHint } from './code-hints.js';
import { typeHint } from './type-hints.js';
import { allowedValues, bothBounds, boundWords, rangeAt, type Range, type Ranges } from './bounds.js';
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

/**
 * The labels (`x-labels`) of each coded field of a version, by the field's pointer with array items as
 * `*` (labels.ts builds it once per compiled version; a generated validator carries its own).
 */
export type FieldLabels = ReadonlyMap<string, Readonly<Record<string, string>>>;

const MAX_LISTED_VALUES = 20;
/** Codes shown with their labels (longer text each, so fewer). */
const MAX_LABELLED_VALUES = 10;
const ARRAY_INDEX = /\/\d+(?=\/|$)/g;
const PLAIN_CODE = /^[A-Za-z0-9._-]+$/;

const codeText = (value: unknown, labels: Readonly<Record<string, string>>): string => {
  // Own labels only: a code named like an inherited member (`constructor`) has no label unless given one.
  const label = (typeof value === 'string' || typeof value === 'number') && Object.hasOwn(labels, String(value)) ? labels[String(value)] : undefined;
  if (label === undefined) return JSON.stringify(value);
  return `${typeof value === 'string' && PLAIN_CODE.test(value) ? value : JSON.stringify(value)} (${label})`;
};

function listValues(values: unknown, labels: Readonly<Record<string, string>> | undefined): string {
  if (!Array.isArray(values)) return '';
  if (!labels) {
    const shown = values
      .slice(0, MAX_LISTED_VALUES)
      .map((v) => JSON.stringify(v))
      .join(', ');
    return `must be one of the allowed codes: ${values.length > MAX_LISTED_VALUES ? `${shown}, … (${values.length} in all)` : shown}`;
  }
  const shown = values
    .slice(0, MAX_LABELLED_VALUES)
    .map((v) => codeText(v, labels))
    .join(', ');
  return values.length > MAX_LABELLED_VALUES
    ? `must be one of the ${values.length} allowed codes, the first ${MAX_LABELLED_VALUES} of which are: ${shown}, …`
    : `must be one of the allowed codes: ${shown}`;
}

function labelsAt(labels: FieldLabels | undefined, path: string): Readonly<Record<string, string>> | undefined {
  if (!labels || labels.size === 0) return undefined;
  return labels.get(path.includes('/') ? path.replace(ARRAY_INDEX, '/*') : path);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fieldPath(error: EngineError, property: unknown): string {
  return `${error.instancePath}/${escapeSegment(String(property))}`;
}

/** What findings need of an Ajv error (the engine's x-consistency warnings come in this shape too). */
export type EngineError = Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'> & { schemaPath?: string };

/**
 * The conditions of a version's conditional rules: the schema path of each `then` (`#/allOf/0/then`) to
 * the words of its `x-when` (e.g. `ACTION_FLAG is NEW or UPDATE`), so a rule that applies only under a
 * condition says so ("required when ACTION_FLAG is NEW or UPDATE"). labels.ts finds them once per version.
 */
export type Conditions = ReadonlyMap<string, string>;

const THEN = '/then/';

/** The condition a failed rule was under, when it is inside a `then` that has one. */
function conditionOf(error: EngineError, conditions: Conditions | undefined): string | undefined {
  const path = error.schemaPath;
  if (conditions === undefined || conditions.size === 0 || path === undefined) return undefined;
  const at = path.lastIndexOf(THEN);
  return at === -1 ? undefined : conditions.get(path.slice(0, at + THEN.length - 1));
}

/**
 * A format finding's message: what the format is and, when the value is a near miss of a known kind,
 * how to fix it (format-hints.ts: from the value's shape, never the value). The value is looked up in
 * the record only here, when its format has already failed.
 */
function formatMessage(format: string, at: string, data: unknown): string {
  const base = `must be ${FORMAT_PHRASES[format] ?? `in the "${format}" format`}`;
  if (data === undefined) return base;
  const hint = formatHint(format, valueAt(data, at));
  return hint === undefined ? base : `${base}; ${hint}`;
}

/**
 * A type finding's message and, when the value is text that nearly is of the type (a CSV cell that did
 * not read as one: `Y` for a boolean, `1.0` for an integer), how to fix it (type-hints.ts: never the value).
 */
function typeMessage(type: string, at: string, data: unknown, range: Range | undefined): string {
  const base = `must be of type ${type.replace(',', ' or ')}`;
  if (data === undefined) return base;
  const hint = typeHint(type, valueAt(data, at), range);
  return hint === undefined ? base : `${base}; ${hint}`;
}

/** The value at `at` in the record, looked up only when a rule on it has already failed. */
const valueAt = (data: unknown, at: string): unknown => (at === '' ? data : pointerGet(data, pointerSegments(at)));

/**
 * A code-list finding's message: the allowed codes and, when the value nearly is one (spaces around it,
 * another case, a lost leading zero, a code's label), how to fix it (code-hints.ts: never the value).
 */
function codeMessage(base: string, allowed: readonly unknown[], at: string, data: unknown, labels: Readonly<Record<string, string>> | undefined): string {
  if (data === undefined) return base;
  const hint = codeHint(valueAt(data, at), allowed, labels);
  return hint === undefined ? base : `${base}; ${hint}`;
}

/** Where one Ajv error is (a missing or unexpected field at its own path) and its rule, or undefined for errors that only restate others. */
function locate(error: EngineError): { path: string; rule: string } | undefined {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then`/`else` keyword is reported itself
    case 'required':
    case 'dependentRequired':
      return { path: fieldPath(error, p.missingProperty), rule: error.keyword };
    case 'additionalProperties':
      return { path: fieldPath(error, p.additionalProperty), rule: error.keyword };
    case 'unevaluatedProperties':
      return { path: fieldPath(error, p.unevaluatedProperty), rule: error.keyword };
    case CONSISTENCY_KEYWORD:
      return { path: error.instancePath, rule: String(p.rule) };
    default:
      return { path: error.instancePath, rule: error.keyword };
  }
}

/**
 * A bound's message in words ("must be at most 9") and, when the field's schema has a lower and an upper
 * bound, what is allowed ("; the allowed values are whole numbers from 1 to 9"). The range is used only
 * when it has this very bound, so a schema path that names another schema (never expected) adds nothing.
 */
function boundMessage(error: EngineError, ranges: Ranges | undefined): string {
  const p = error.params as Record<string, unknown>;
  const base = `must be ${boundWords(String(p.comparison), p.limit)}`;
  const range = rangeAt(ranges, error.schemaPath);
  if (range === undefined || range[error.keyword as keyof Range] !== p.limit || !bothBounds(range)) return base;
  return `${base}; the allowed values are ${allowedValues(range)}`;
}

/** The message of one Ajv error (one that locate() places). */
function messageOf(error: EngineError, labels: FieldLabels | undefined, data: unknown, ranges: Ranges | undefined): string {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${String(p.missingProperty)}"`;
    case 'dependentRequired':
      return `"${String(p.missingProperty)}" is required when "${String(p.property)}" is present`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not a field of this standard';
    case 'type':
      return typeMessage(String(p.type), at, data, rangeAt(ranges, error.schemaPath));
    case 'enum': {
      const codes = labelsAt(labels, at);
      const allowed = Array.isArray(p.allowedValues) ? (p.allowedValues as unknown[]) : [];
      return codeMessage(listValues(p.allowedValues, codes), allowed, at, data, codes);
    }
    case 'const': {
      const codes = labelsAt(labels, at);
      return codeMessage(`must be ${codeText(p.allowedValue, codes ?? {})}`, [p.allowedValue], at, data, codes);
    }
    case 'format':
      return formatMessage(String(p.format), at, data);
    case 'pattern':
      return `must match the pattern ${String(p.pattern)}`;
    case 'minLength':
      return `must be at least ${plural(Number(p.limit), 'character')}`;
    case 'maxLength':
      return `must be at most ${plural(Number(p.limit), 'character')}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return boundMessage(error, ranges);
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`;
    case 'minItems':
      return `must have at least ${plural(Number(p.limit), 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(Number(p.limit), 'item')}`;
    case 'uniqueItems':
      return `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)`;
    case 'minProperties':
      return `must have at least ${plural(Number(p.limit), 'field')}`;
    case 'maxProperties':
      return `must have at most ${plural(Number(p.limit), 'field')}`;
    case 'oneOf':
      return 'must match exactly one of the allowed forms';
    case 'anyOf':
      return 'must match one of the allowed forms';
    case 'not':
      return 'must not match the excluded form';
    case 'contains':
      return 'must contain an allowed item';
    case 'false schema':
      return 'is not allowed';
    case CONSISTENCY_KEYWORD:
      return String(p.message);
    default:
      return `fails the "${error.keyword}" rule`;
  }
}

/**
 * A message with the condition its rule was under ("required when ACTION_FLAG is NEW or UPDATE"). An
 * author's sentence that ends in a remark in brackets takes the condition inside them ("… (the national
 * pipeline does not check this; when ACTION_FLAG is NEW or UPDATE).", not two brackets in a row); the
 * engine's own wording, which ends without a full stop, keeps its brackets ("(e.g. 0.5) (when …)").
 */
function underCondition(message: string, rule: string, condition: string | undefined): string {
  if (condition === undefined) return message;
  if (rule === 'required') return `${message}, required when ${condition}`;
  const stop = message.endsWith('.') ? '.' : '';
  const body = stop === '' ? message : message.slice(0, -1);
  return stop === '.' && body.endsWith(')') ? `${body.slice(0, -1)}; when ${condition}).` : `${body} (when ${condition})${stop}`;
}

/** Rules a wrong code also breaks: its code-list finding says it all. */
const SHAPE_RULES = new Set(['type', 'format', 'pattern', 'minLength', 'maxLength']);
/** Rules that make a value malformed: no cross-field finding is made from it. */
const MALFORMED_RULES = new Set(['type', 'format', 'pattern']);

/**
 * The findings of one record from its errors (and its x-consistency warnings), one per fault. `labels`
 * names each allowed code in enum and const messages. `data` is the record the errors are of: a format
 * finding then says what kind of near miss its value is (never the value). The common record (no code
 * list and no cross-field finding beside a malformed value) takes the direct path: nothing to drop.
 *
 * `messages: false` leaves every message empty: for findings only counted (the report's cap on findings
 * reached, no row outcomes kept), whose path, rule and severity are all anyone reads. A code list's
 * message (its codes, their labels, a hint) costs more than the rest of the finding. `ranges` (the
 * version's numeric ranges, labels.ts fieldRanges) let a bound's or a number's finding say what is allowed.
 */
export function toFindings(
  errors: readonly EngineError[],
  record: number,
  line: number,
  labels?: FieldLabels,
  conditions?: Conditions,
  data?: unknown,
  messages = true,
  ranges?: Ranges,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let codePaths: Set<string> | undefined; // paths with an enum or const finding
  let malformedPaths: Set<string> | undefined; // paths with a type, format or pattern finding
  let compared: (string | undefined)[] | undefined; // for each finding, the field an x-consistency finding compared with
  let enumCodes: Map<string, number> | undefined; // how many codes the enum finding at a path lists
  for (const error of errors) {
    const d = locate(error);
    if (!d) continue;
    const message = messages ? underCondition(messageOf(error, labels, data, ranges), d.rule, conditionOf(error, conditions)) : '';
    const key = `${d.path}\u0000${d.rule}`;
    const consistency = error.keyword === CONSISTENCY_KEYWORD;
    const p = error.params as Record<string, unknown>;
    if (seen.has(key)) {
      // e.g. a `type` failure reached through two branches; of two code lists, the shorter says more.
      const codes = error.keyword === 'enum' && Array.isArray(p.allowedValues) ? p.allowedValues.length : undefined;
      if (codes !== undefined && codes < (enumCodes?.get(d.path) ?? Infinity)) {
        findings.find((f) => f.path === d.path && f.rule === 'enum')!.message = message;
        enumCodes!.set(d.path, codes);
      }
      continue;
    }
    seen.add(key);
    if (consistency) (compared ??= [])[findings.length] = typeof p.compared === 'string' ? p.compared : '';
    else if (error.keyword === 'enum' || error.keyword === 'const') {
      (codePaths ??= new Set()).add(d.path);
      if (Array.isArray(p.allowedValues)) (enumCodes ??= new Map()).set(d.path, p.allowedValues.length);
    } else if (MALFORMED_RULES.has(error.keyword)) (malformedPaths ??= new Set()).add(d.path);
    findings.push({ record, line, path: d.path, rule: d.rule, message, severity: consistency && p.severity === 'warning' ? 'warning' : 'error' });
  }
  if (codePaths === undefined && (malformedPaths === undefined || compared === undefined)) return findings;
  return findings.filter((f, i) => {
    const other = compared?.[i];
    if (other !== undefined) return !malformedPaths || !(malformedPaths.has(f.path) || malformedPaths.has(other));
    return !(codePaths && SHAPE_RULES.has(f.rule) && codePaths.has(f.path));
  });
}
