/**
 * Every error answer is RFC 9457 problem details (`application/problem+json`): type, title, status,
 * detail, and `errors` where there is a list. Domain errors map to their status; hapi's own (404 route,
 * 413, 415, 401, 403) keep theirs with a readable detail; anything unexpected is a 500 that says nothing
 * of its cause (the cause is logged, without request data).
 */
import './hapi-augment.js';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Boom } from '@hapi/boom';
import { DomainError, HTTP_STATUS, RETRY_AFTER, type ErrorKind } from '../services/errors.js';
import { isApiPath } from '../api-paths.js';
import { describeJsonError } from '../validation/readers/text.js';
import { acceptedTypes } from './body-coding.js';
import { addressError, errorsOf, fallbackLocation, noAddressDetail } from './problem-location.js';
import { visibleText } from '../validation/visible-text.js';
import { sizeWords } from '../validation/size-words.js';
import { headerText } from './headers.js';
import { shownPath } from './shown-path.js';
import { bodyFramingDetail, parserFaultOf } from './client-errors.js';

export const PROBLEM_TYPE_BASE = 'https://conform.invalid/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: unknown[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content too large',
  415: 'Unsupported media type',
  417: 'Expectation failed',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  499: 'Client closed request',
  500: 'Internal server error',
  503: 'Service unavailable',
  507: 'Insufficient storage',
};

const HAPI_DETAIL: Record<number, string> = {
  401: 'a valid bearer token is required (Authorization: Bearer <token>)',
  403: "this token's role may not do this",
  404: 'there is no such resource',
  413: 'the body is larger than this endpoint accepts',
  415: 'this endpoint does not accept that content type',
};

export function problem(status: number, slug: string, detail: string, errors?: unknown[]): Problem {
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title: TITLES[status] ?? 'Error', status, detail, ...(errors && errors.length > 0 ? { errors } : {}) };
}

/** hapi's message for a JSON body it could not parse (bad syntax, or a `__proto__` key it refuses). */
const HAPI_BAD_JSON = 'Invalid request payload JSON format';
/** hapi's own message for a 415 (ours name what is wrong). */
const HAPI_415 = 'Unsupported Media Type';

/** What is wrong with a JSON body hapi refused, from its cause: never the body's text, only where. */
function badJsonDetail(error: Boom): string {
  const cause = error.data instanceof Error ? error.data.message : '';
  if (/prototype property/.test(cause)) return 'the body has a "__proto__" key, which is refused wherever it appears';
  const problem = describeJsonError(error.data).replace(/^malformed JSON: /, '');
  return problem.startsWith('not valid JSON') ? `the body is ${problem}` : `the body is not valid JSON: ${problem}`;
}

/** hapi's message for a Content-Type it cannot parse (`application/json, text/csv`: two types, or none), alone or followed by ": duplicate parameter". */
const HAPI_BAD_CONTENT_TYPE = 'Invalid content-type header';
const BAD_CONTENT_TYPE = (accepts: readonly string[]) =>
  `the Content-Type header cannot be read: give one media type${accepts.length > 0 ? `, one of ${accepts.join(', ')}` : ''}, then any parameters (such as ; charset=utf-8)`;

/** hapi's message for a body whose gzip data would not inflate. */
const HAPI_BAD_GZIP = 'Invalid compressed payload';

/**
 * What a route says of its size limit in a 413 (contract/route.ts sets it from the operation's declared
 * 413, or the route from its configured limit), so the caller learns the real limit and what it bounds.
 */
export function tooLargeOf(request: Request): string | undefined {
  const declared = request.route.settings.app?.tooLarge;
  if (declared !== undefined) return declared;
  // Otherwise the route's own limit (the server's default where it sets none), so a 413 always says how much is read.
  const maxBytes = request.route.settings.payload?.maxBytes;
  return typeof maxBytes === 'number' && Number.isFinite(maxBytes) ? `the body is larger than ${sizeWords(maxBytes)}, the most this endpoint reads` : undefined;
}

/**
 * The problem type of a domain error: its kind, except a media type the service does not read, which is
 * the same http-415 whether the HTTP face refused it or the service did once it knew the version, and a
 * token no longer live, the same http-401 as a token refused when the request began.
 */
const domainSlug = (kind: ErrorKind): string => (kind === 'unsupported-media-type' ? 'http-415' : kind === 'unauthorized' ? 'http-401' : kind);

/**
 * A form upload (`curl -F`, an HTML form, an SDK's "files" argument) sent where the body is the file: said
 * as such, with how to send the file instead, rather than only the list of types.
 */
const FORM_UPLOAD = (accepts: readonly string[]): string =>
  `this endpoint takes the file itself as the request body, not a form upload (multipart/form-data): send its bytes with its type, such as curl --data-binary @file.csv -H 'Content-Type: text/csv', or as application/octet-stream with its name in ?filename= or a Content-Disposition header; it takes ${accepts.join(', ')}`;

export function toProblem(error: Boom | Error, accepts: readonly string[] = [], tooLarge?: string, sentType = ''): Problem {
  if (error instanceof DomainError) return problem(HTTP_STATUS[error.kind], domainSlug(error.kind), error.message, error.errors);
  const status = (error as Boom).output?.statusCode ?? 500;
  if (status >= 500) return problem(500, 'internal', 'the service failed to answer; the failure is logged with this request id');
  const message = (error as Boom).output?.payload?.message;
  if (status === 400 && message === HAPI_BAD_JSON) return problem(400, 'http-400', badJsonDetail(error as Boom));
  if (status === 400 && message === HAPI_BAD_GZIP)
    return problem(400, 'http-400', 'the body is declared gzip (Content-Encoding) but its gzip data is corrupt or cut short');
  if (status === 400 && typeof message === 'string' && message.startsWith(HAPI_BAD_CONTENT_TYPE)) {
    // hapi says "Invalid content-type header: duplicate parameter" for `; charset=utf-8; charset=latin1`: which was meant?
    const twice = message.endsWith(': duplicate parameter') ? '; a parameter (such as charset) is given more than once, so which is meant cannot be told' : '';
    return problem(400, 'http-400', `${BAD_CONTENT_TYPE(accepts)}${twice}`);
  }
  if (status === 415 && message === HAPI_415 && accepts.includes('application/octet-stream') && /^\s*multipart\/form-data\b/i.test(sentType)) {
    return problem(415, 'http-415', FORM_UPLOAD(accepts));
  }
  if (status === 415 && message === HAPI_415 && accepts.length > 0) {
    return problem(415, 'http-415', `this endpoint does not accept that Content-Type; it takes ${accepts.join(', ')}`);
  }
  if (status === 413 && tooLarge) return problem(413, 'http-413', tooLarge);
  const ours =
    status === 400 ||
    status === 405 ||
    status === 406 ||
    (status === 401 && message && message !== 'Missing authentication') ||
    (status === 415 && message !== HAPI_415);
  const detail = ours && message ? message : (HAPI_DETAIL[status] ?? message ?? 'the request was refused');
  return problem(status, `http-${status}`, detail);
}

/** hapi answers a path its router cannot decode (`%FF`, `%E0%A4%A`) from a special route, with a bare "Bad Request". */
const BAD_PATH = "the request's path cannot be read: each % must be followed by two hexadecimal digits, and the bytes they encode must be UTF-8";
const badPath = (request: Request, response: Boom): boolean => (request.route.method as string) === '_special' && response.output.statusCode === 400;

/**
 * A problem repeats a caller's text in places (a column name in a pointer, a field in a detail): format and
 * bidirectional characters in its detail and in each item's strings are escaped (visible-text.ts), so an
 * override sent in a request never reorders the text a client shows. One rule for every problem.
 */
function shownSafely(body: Problem): void {
  body.detail = visibleText(body.detail);
  if (body.errors) {
    body.errors = body.errors.map((item) =>
      item !== null && typeof item === 'object'
        ? Object.fromEntries(Object.entries(item).map(([key, value]) => [key, typeof value === 'string' ? visibleText(value) : value]))
        : item,
    );
  }
}

/** The most items a problem's `errors` lists (a contract 400/422 too: contract/route.ts). */
export const MAX_LISTED_ERRORS = 50;

/**
 * A refusal that lists every problem it found (a schema with 900 remote $refs named each one in errors: a
 * 40 KB body answered with 200 KB) lists at most MAX_LISTED_ERRORS items, the detail saying of how many.
 */
function bounded(body: Problem): void {
  if (!body.errors || body.errors.length <= MAX_LISTED_ERRORS) return;
  body.detail += `; errors lists the first ${MAX_LISTED_ERRORS} of ${body.errors.length}`;
  body.errors = body.errors.slice(0, MAX_LISTED_ERRORS);
}

export function registerProblems(server: Server): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response;
    if (!('isBoom' in response) || !response.isBoom || !isApiPath(request.path)) return h.continue;
    // hapi answers a body the parser refused with the same bare 400 as a path it cannot decode: the parser's fault tells them apart.
    const fault = response instanceof DomainError || response.output.statusCode !== 400 ? undefined : parserFaultOf(request.raw.req.socket);
    const body =
      fault !== undefined
        ? problem(400, 'http-400', bodyFramingDetail(fault))
        : badPath(request, response)
          ? problem(400, 'http-400', BAD_PATH)
          : toProblem(response, acceptedTypes(request), tooLargeOf(request), headerText(request, 'content-type'));
    // A path no route serves: the detail names it, and the nearest address above it.
    if (body.status === 404 && !(response instanceof DomainError)) body.detail = noAddressDetail(request);
    const allow = response.output.headers.Allow;
    const allowed = allow === undefined ? undefined : String(allow).split(/,\s*/);
    // A refusal names where it is: the service's subject, located in this request (problem-location.ts), or
    // the limit it reached (429, 503). Never a 500's, which says nothing of its cause.
    if (response instanceof DomainError && body.status !== 500) {
      const errors = errorsOf(request, response);
      if (errors.length > 0) body.errors = errors;
    }
    if (body.status >= 400 && body.status < 500 && !body.errors) {
      const where = fallbackLocation(body.status, body.detail) ?? addressError(request, body.status, body.detail, allowed);
      if (where) body.errors = [where];
    }
    shownSafely(body);
    bounded(body);
    if (body.status === 500) request.log(['error'], { err: response.message, stack: response.stack });
    const answer = h
      .response({ ...body, instance: shownPath(request.path) })
      .code(body.status)
      .type('application/problem+json');
    if (body.status === 401) answer.header('WWW-Authenticate', 'Bearer');
    if (body.status === 405 && allow !== undefined) answer.header('Allow', String(allow));
    const retry = response instanceof DomainError ? (response.retryAfter ?? RETRY_AFTER[response.kind]) : undefined;
    if (retry !== undefined) answer.header('Retry-After', String(retry));
    return answer;
  });
}
