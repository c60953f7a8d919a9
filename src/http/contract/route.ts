/**
 * `contractRoute(operation, { handler, options })`: the hapi route of a declared operation. Method, path
 * and auth come from the declaration (public: no auth; roles: the bearer strategy with those roles as
 * scope), and so do `validate.params`, `validate.query` and `validate.payload`, as functions backed by
 * Ajv (validation.ts). A request that fails is answered with a problem naming each bad parameter (400)
 * or body field (422). The route keeps its own other options (payload limits, streaming, timeouts).
 */
import '../hapi-augment.js';
import type { Lifecycle, Request, ResponseToolkit, RouteOptions, ServerRoute } from '@hapi/hapi';
import { MAX_LISTED_ERRORS, problem } from '../problems.js';
import { PROBLEM_MEDIA_TYPE, producedTypes } from './responses.js';
import { shownPath } from '../shown-path.js';
import type { Operation } from './types.js';
import { countQueryProblems } from './query-count.js';
import { ContractViolation, operationChecks, type Check, type FieldError } from './validation.js';

export type ContractRouteOptions = Omit<RouteOptions, 'auth' | 'validate' | 'handler' | 'id'>;

/** `{ strategy: 'bearer', access: { scope: roles } }`, or false for a public operation. */
export const authOf = (operation: Operation): RouteOptions['auth'] =>
  operation.access === 'public' ? false : { strategy: 'bearer', access: { scope: [...operation.access] } };

/** The names in a path template, e.g. ['id', 'version']. */
export const pathParameters = (path: string): string[] => [...path.matchAll(/\{(\w+)\??\}/g)].map((m) => m[1]!);

/**
 * A contract refusal's detail, naming the problems listed: at most MAX_LISTED_ERRORS, cut before the detail
 * is made (problems.ts bounds `errors` alone, for refusals whose detail names none). Each is a parameter or
 * field the caller sent, so without a bound a query of 1,000 unknown names (hapi reads 1,000; 16 KiB of
 * address) was answered with every one in the detail and in `errors`, some 100 KB; past it the detail says
 * how many more there are, counted over the whole query (query-count.ts), not only the 1,000 hapi read.
 */
function summary(where: FieldError['in'], errors: FieldError[], invalid: string | undefined, more: number, atLeast = false): string {
  const rest = more > 0 ? `; and ${atLeast ? 'at least ' : ''}${more} more not listed (at most ${MAX_LISTED_ERRORS} are)` : '';
  if (where === 'body') return `${invalid ?? 'the body is not valid'}${rest}`;
  const named = errors.map((e) => `${e.name} ${e.detail}`);
  return named.length === 1 && more === 0 ? named[0]! : `the ${where === 'path' ? 'path' : 'query'} parameters are not valid: ${named.join('; ')}${rest}`;
}

/** The validation function hapi calls: it keeps the value (returns nothing) or throws. */
const asHapi =
  (check: Check) =>
  (value: unknown): undefined => {
    check(value);
    return undefined;
  };

export function contractRoute(operation: Operation, route: { handler: Lifecycle.Method; options?: ContractRouteOptions }): ServerRoute {
  const names = pathParameters(operation.path);
  const declared = Object.keys(operation.params ?? {});
  if (names.join() !== declared.join()) {
    throw new Error(`${operation.operationId}: the path ${operation.path} has parameters [${names.join(', ')}] but declares [${declared.join(', ')}]`);
  }
  const checks = operationChecks(operation);
  const queryNames = Object.keys(operation.query ?? {});
  const options = route.options ?? {};
  const failAction = (request: Request, h: ResponseToolkit, error: Error | undefined) => {
    if (!(error instanceof ContractViolation)) throw error ?? new Error('validation failed');
    const status = error.where === 'body' ? 422 : 400;
    // A query of more parameters than the parser reads is read whole, within a bound (query-count.ts).
    const counted = error.where === 'query' ? countQueryProblems(request.raw.req.url ?? '', checks.query, queryNames, MAX_LISTED_ERRORS) : undefined;
    const errors = counted?.problems ?? error.errors;
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    const body = problem(
      status,
      status === 422 ? 'unprocessable' : 'bad-request',
      summary(error.where, listed, operation.payload?.invalid, errors.length - listed.length + (counted?.more ?? 0), counted?.atLeast),
      listed,
    );
    return h
      .response({ ...body, instance: shownPath(request.path) })
      .code(status)
      .type(PROBLEM_MEDIA_TYPE)
      .takeover();
  };
  // A 413's detail: what the route says of its limit, or the operation's declared 413 (lower-cased).
  const declared413 = operation.responses[413]?.description;
  const tooLarge = options.app?.tooLarge ?? (declared413 ? declared413.charAt(0).toLowerCase() + declared413.slice(1) : undefined);
  const produces = producedTypes(operation);
  return {
    method: operation.method,
    path: operation.path,
    handler: route.handler,
    options: {
      ...options,
      id: operation.operationId,
      app: { ...options.app, ...(tooLarge ? { tooLarge } : {}), produces },
      auth: authOf(operation),
      ...(operation.payload ? { payload: { ...options.payload, allow: Object.keys(operation.payload.content) } } : {}),
      validate: {
        ...(checks.params ? { params: asHapi(checks.params) } : {}),
        query: asHapi(checks.query),
        ...(checks.payload ? { payload: asHapi(checks.payload) } : {}),
        failAction,
      },
    },
  };
}
