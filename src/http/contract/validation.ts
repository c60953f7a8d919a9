/**
 * Request validation from the declarations: one Ajv (2020-12, ajv-formats, strict, all errors, no type
 * coercion, so a repeated query parameter, which hapi parses into an array, fails), each operation's
 * params, query and payload schemas compiled once at start, and Ajv's errors turned into a list that
 * names each bad parameter or field without repeating its value.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { Operation, ParameterSpec, Schema } from './types.js';

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
  constructor(readonly where: Where, readonly errors: FieldError[]) {
    super(`the request ${where === 'body' ? 'body' : `${where} parameters`} are not valid`);
  }
}

/** The object schema of a set of parameters: each one string, none other allowed. */
export function parametersSchema(specs: { readonly [name: string]: ParameterSpec }): Schema {
  const required = Object.entries(specs).filter(([, spec]) => spec.required).map(([name]) => name);
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.schema])),
  };
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');
const typeName = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** A message that never repeats the value. */
function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return 'is required';
    case 'additionalProperties': return 'is not a field the schema allows';
    case 'type': return `must be ${String(p.type).split(',').map(typeName).join(' or ')}`;
    case 'enum': return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const': return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minLength': return p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`;
    case 'maxLength': return `must have at most ${String(p.limit)} characters`;
    case 'pattern': return p.pattern === '\\S' ? 'must not be blank' : `must match the pattern ${String(p.pattern)}`;
    case 'format': return `must be ${typeName(String(p.format))}`;
    case 'minItems': return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'uniqueItems': return 'must not list an item twice';
    case 'propertyNames': return 'has a key that is not allowed';
    case 'minimum': return `must be at least ${String(p.limit)}`;
    case 'maximum': return `must be at most ${String(p.limit)}`;
    default: return error.message ?? `breaks the schema's ${error.keyword}`;
  }
}

/** Where an error is: the pointer to the offending value (a missing, unexpected or badly named key is pointed at itself). */
function pointerOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) return `${error.instancePath}/${escape(error.propertyName)}`;
  if (error.keyword === 'required') return `${error.instancePath}/${escape(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escape(String(p.additionalProperty))}`;
  return error.instancePath;
}

function firstPerPointer<T extends { pointer: string }>(errors: T[]): T[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.pointer) ? false : (seen.add(e.pointer), true)));
}

export type Check = (value: unknown) => void;

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
    const errors = firstPerPointer((validate.errors ?? []).map((error): FieldError => {
      const pointer = pointerOf(error);
      const name = unescape(pointer.split('/')[1] ?? '');
      const spec = specs[name];
      let detail: string;
      if (error.keyword === 'additionalProperties') detail = 'is not a parameter of this operation';
      else if (error.keyword === 'required') detail = 'is required';
      else if (Array.isArray(values[name])) detail = 'must be a single value';
      else detail = spec?.message ?? describe(error);
      return { in: where, name, pointer: `/${escape(name)}`, detail };
    }));
    const order = [...declared, ...Object.keys(values)];
    errors.sort((a, b) => order.indexOf(a.name!) - order.indexOf(b.name!));
    throw new ContractViolation(where, errors);
  };
}

/**
 * A check of a parsed JSON body. Errors come in this order: required fields missing or wrong, then
 * fields the schema does not allow (as the body gives them), then the other fields in schema order.
 */
export function payloadCheck(schema: Schema): Check {
  const validate: ValidateFunction = ajv.compile(schema);
  const properties = Object.keys((schema.properties ?? {}) as object);
  const required = new Set((schema.required ?? []) as string[]);
  return (value) => {
    if (validate(value)) return;
    const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
    const rank = (pointer: string): [number, number] => {
      const field = unescape(pointer.split('/')[1] ?? '');
      if (pointer === '') return [-1, 0];
      if (required.has(field)) return [0, properties.indexOf(field)];
      if (!properties.includes(field)) return [1, keys.indexOf(field)];
      return [2, properties.indexOf(field)];
    };
    const errors = firstPerPointer((validate.errors ?? [])
      .filter((error) => error.keyword !== 'propertyNames') // the failure inside it says more, at the key
      .map((error): FieldError => ({
        in: 'body',
        pointer: pointerOf(error),
        detail: error.propertyName !== undefined ? `is not allowed as a key: it ${describe(error)}` : describe(error),
      })));
    errors.sort((a, b) => {
      const [ra, ia] = rank(a.pointer);
      const [rb, ib] = rank(b.pointer);
      return ra - rb || ia - ib;
    });
    throw new ContractViolation('body', errors);
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
