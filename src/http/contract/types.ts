/**
 * The declaration of one API operation: everything hapi needs to route, authenticate and validate it,
 * and everything the OpenAPI document says of it. Each operation is declared once (operations/*.ts);
 * route.ts turns a declaration into a hapi route and openapi.ts into the document.
 */
import type { Role } from '../../store/types.js';

/** A JSON Schema (2020-12) object. Schemas named with `component()` become `#/components/schemas/…`. */
export type Schema = { readonly [keyword: string]: unknown };

/** Who may call an operation: anyone, or a bearer token of one of these roles (hapi scope). */
export type Access = 'public' | readonly Role[];

export interface ParameterSpec {
  description: string;
  /** The schema of the one string value (path and query values are text; a repeated query parameter is an array and fails). */
  schema: Schema;
  required?: boolean;
  /** What a value that breaks the schema is told ("must be …"); Ajv's own message otherwise. */
  message?: string;
}

export interface HeaderSpec {
  description: string;
  schema: Schema;
}

export interface PayloadSpec {
  /** Every accepted content type (hapi refuses others with 415), with the schema the document gives it. */
  content: { readonly [mediaType: string]: Schema };
  /**
   * The schema hapi validates the parsed body with (routes whose body hapi parses as JSON); a body that
   * is well-formed JSON but breaks it is a 422 naming each field. Raw-body routes declare none.
   */
  schema?: Schema;
  /** The problem's detail when the body breaks `schema`. */
  invalid?: string;
}

export interface ResponseSpec {
  description: string;
  /** Media type -> schema of the body; absent for a response without a body. */
  content?: { readonly [mediaType: string]: Schema };
  headers?: { readonly [name: string]: HeaderSpec };
}

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

export interface Operation {
  operationId: string;
  method: Method;
  /** hapi's path template, which is also OpenAPI's (`/v1/standards/{id}`). */
  path: string;
  summary: string;
  description?: string;
  tags: readonly [string, ...string[]];
  access: Access;
  params?: { readonly [name: string]: ParameterSpec };
  query?: { readonly [name: string]: ParameterSpec };
  /** Request headers the operation reads (documented; hapi does not validate them). */
  headers?: { readonly [name: string]: ParameterSpec };
  payload?: PayloadSpec;
  /**
   * The operation's own answers. Problems every contract route can give are added by the generator
   * (openapi.ts): 400 for a bad parameter, 401 and 403 from the access, 415 and 422 from the payload.
   */
  responses: { readonly [status: number]: ResponseSpec };
}
