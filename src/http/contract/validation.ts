/**
 * Request validation from the declarations: one Ajv (2020-12, ajv-formats, strict, all errors, no type
 * coercion, so a repeated query parameter, which hapi parses into an array, fails), each operation's
 * params, query and payload schemas compiled once at start, and Ajv's errors turned into a list that
 * names each bad parameter or field without repeating its value.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { Operation, ParameterSpec, Schema } from './types.js';
import { describeError, firstPerPointer, pointerOfError, schemaErrors } from '../../services/schema-errors.js';
import { escapeSegment, unescapeSegment } from '../../validation/pointer.js';
import { visibleText } from '../../validation/visible-text.js';
import { didYouMean, nearestNames } from '../../registry/nearest-names.js';

const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true, coerceTypes: false, useDefaults: false, $data: false }));

export type Where = 'path' | 'query' | 'body';

/** One thing wrong with a request, as it appears in the problem's `errors`. */
export interface FieldError {
  in: Where;
  /** The parameter's name (path and query). */
  name?: string;
  /** JSON pointer to the parameter in its object, or to the field in the body. */
  pointer: string;
  detail: string;
}

/** Thrown by a validation function; the route's failAction turns it into a problem. */
export class ContractViolation extends Error {
  constructor(
    readonly where: Where,
    readonly errors: FieldError[],
  ) {
    super(`the request ${where === 'body' ? 'body' : `${where} parameters`} are not valid`);
  }
}

/** The object schema of a set of parameters: each one string, none other allowed. */
export function parametersSchema(specs: { readonly [name: string]: ParameterSpec }): Schema {
  const required = Object.entries(specs)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name);
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.schema])),
  };
}

export type Check = (value: unknown) => void;

/** The longest parameter name a problem repeats (declared names are all shorter). */
const SHOWN_NAME_LENGTH = 64;

/**
 * A parameter name as a problem shows it: control, format and bidirectional characters escaped as `\\u` and four hex digits
 * (an override would reorder the text a client shows around it), and cut to 64 characters with `…`.
 */
export function shownName(name: string): string {
  const escaped = visibleText(name, true);
  const chars = [...escaped];
  return chars.length <= SHOWN_NAME_LENGTH ? escaped : `${chars.slice(0, SHOWN_NAME_LENGTH).join('')}…`;
}

/**
 * A check of path or query parameters: an array is "must be a single value", an unknown name "is not a
 * parameter of this operation", a bad value the parameter's own message. Errors follow the declared order,
 * then unknown names as given.
 */
export function parametersCheck(where: 'path' | 'query', specs: { readonly [name: string]: ParameterSpec }): Check {
  const validate = ajv.compile(parametersSchema(specs));
  const declared = Object.keys(specs);
  return (value) => {
    if (validate(value)) return;
    const values = (value ?? {}) as Record<string, unknown>;
    // Each name's place, looked up once per comparison (an indexOf per comparison was quadratic in the names).
    const order = new Map<string, number>();
    for (const name of [...declared, ...Object.keys(values)]) if (!order.has(name)) order.set(name, order.size);
    const named = (validate.errors ?? []).map((error) => {
      const name = unescapeSegment(pointerOfError(error).split('/')[1] ?? '');
      const spec = specs[name];
      let detail: string;
      if (error.keyword === 'additionalProperties') detail = `is not a parameter of this operation${parameterMeant(name, declared)}`;
      else if (error.keyword === 'required') detail = 'is required';
      else if (Array.isArray(values[name])) detail = 'must be a single value';
      else detail = spec?.message ?? describeError(error);
      return { name, detail };
    });
    named.sort((a, b) => (order.get(a.name) ?? -1) - (order.get(b.name) ?? -1));
    // An unknown name is the caller's text: it is shown escaped and cut short (shownName), never as sent.
    const errors = firstPerPointer(
      named.map(({ name, detail }): FieldError => ({ in: where, name: shownName(name), pointer: `/${escapeSegment(shownName(name))}`, detail })),
    );
    throw new ContractViolation(where, errors);
  };
}

/**
 * `; did you mean "filename"?` for an unknown parameter near a declared one: the same name in another case
 * first (`fileName`), else the nearest by spelling (registry/nearest-names.ts); nothing for a name of one
 * or two characters, or one longer than any parameter's could be near. A declared name, never the caller's text.
 */
function parameterMeant(name: string, declared: readonly string[]): string {
  if (name.length < 3 || name.length > SHOWN_NAME_LENGTH) return '';
  const sameLetters = declared.filter((d) => d.toLowerCase() === name.toLowerCase());
  return didYouMean(sameLetters.length > 0 ? sameLetters : nearestNames(name, declared, 1));
}

/** A check of a parsed JSON body (errors ordered and worded by services/schema-errors.ts). */
export function payloadCheck(schema: Schema): Check {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return;
    throw new ContractViolation(
      'body',
      schemaErrors(validate.errors ?? [], value, schema as { properties?: object; required?: readonly string[] }).map((e) => ({ in: 'body', ...e })),
    );
  };
}

export interface OperationChecks {
  params?: Check;
  query: Check;
  payload?: Check;
}

/** The checks of one operation; unknown query parameters fail even where none are declared. */
export function operationChecks(operation: Operation): OperationChecks {
  return {
    ...(operation.params ? { params: parametersCheck('path', operation.params) } : {}),
    query: parametersCheck('query', operation.query ?? {}),
    ...(operation.payload?.schema ? { payload: payloadCheck(operation.payload.schema) } : {}),
  };
}
