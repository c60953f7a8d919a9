/**
 * Ajv's errors on a document a person wrote (an author's standard.yaml, a version file, an artefact, a
 * request body) in words: what the value must be, at a JSON pointer, never repeating the value, never Ajv's
 * raw `type {"type":"object"}`. The services' schema-errors.ts orders them for the API; the library's
 * load (and so `conform check`) words its files' problems with the same functions.
 */
import type { ErrorObject } from 'ajv';
import { escapeSegment } from './pointer.js';

const typeName = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** A message that never repeats the value. */
export function describeError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field the schema allows';
    case 'type':
      return `must be ${String(p.type).split(',').map(typeName).join(' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must have at most ${String(p.limit)} characters`;
    case 'pattern':
      return p.pattern === '\\S' ? 'must not be blank' : `must match the pattern ${String(p.pattern)}`;
    case 'format':
      return `must be ${typeName(String(p.format))}`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return 'must not list an item twice';
    case 'propertyNames':
      return 'has a key that is not allowed';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    default:
      return error.message ?? `breaks the schema's ${error.keyword}`;
  }
}

/** Where an error is: the pointer to the offending value (a missing, unexpected or badly named key is pointed at itself). */
export function pointerOfError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) return `${error.instancePath}/${escapeSegment(error.propertyName)}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escapeSegment(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapeSegment(String(p.additionalProperty))}`;
  return error.instancePath;
}

/**
 * What a parsed YAML or JSON document holds, in words, for a document of the wrong kind ("it holds a list
 * of 3 items"): the kind alone, never the value.
 */
export function documentKind(value: unknown): string {
  if (value === undefined || value === null) return 'nothing (it is empty, or only comments or null)';
  if (Array.isArray(value)) return `a list (of ${value.length} item${value.length === 1 ? '' : 's'})`;
  switch (typeof value) {
    case 'string':
      return 'a single text';
    case 'number':
    case 'bigint':
      return 'a single number';
    case 'boolean':
      return 'a single true or false';
    default:
      return 'a mapping';
  }
}

/** Whether a parsed document is a mapping (key: value lines; a JSON object). */
export const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Each error as "<pointer> <words>", the first per pointer, for a one-line message about a file. */
export function errorLines(errors: readonly ErrorObject[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue; // the failure inside it says more, at the key
    const pointer = pointerOfError(error) || '/';
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    lines.push(`${pointer} ${error.propertyName !== undefined ? `is not allowed as a key: it ${describeError(error)}` : describeError(error)}`);
  }
  return lines;
}

/**
 * What an author does about strict mode's two rules a conditional most often meets, after a semicolon
 * (nothing for other messages): a field required in an `if`, `then`, `else` or `allOf` member must be
 * declared in that same schema, and a keyword of one type (`minimum`, `maxLength`) needs that `type` beside it.
 */
export function strictAdvice(message: string): string {
  const required = /strict mode: required property "([^"]*)" is not defined at /.exec(message);
  if (required) {
    return `; declare it in the same schema as the required list, as strict mode asks (properties: { ${JSON.stringify(required[1])}: { description: … } }): a field declared on the record is not declared inside a then, else or allOf member`;
  }
  const typed = /strict mode: missing type "([^"]*)" for keyword "([^"]*)" at /.exec(message);
  if (typed)
    return `; add type: ${typed[1]} beside ${typed[2]} in that schema (inside an if or then too), as strict mode asks of a keyword that applies to one type`;
  return '';
}
