/**
 * A request body's declared coding (on every route, pages too) and type (on the API), checked before a byte
 * of it is read (hapi reads a parsed body before it checks the token's role, so this is `onPreAuth`):
 *
 * - `Content-Encoding` may be absent, `identity`, or one layer of `gzip` (`x-gzip` is read as `gzip`).
 *   Anything else (`deflate`, `br`, an unknown coding, or `gzip, gzip`) is a 415 naming the coding: the
 *   service would otherwise read the compressed bytes as if they were the body and answer about them.
 *   (The submission routes and /v1/suggest recognise gzip by its content as well, so a gzip body without
 *   the header is read too, and a submission labelled gzip that is not is a 400 (validation/input.ts,
 *   declaredGzip); the JSON routes and publish inflate what the header declares.)
 * - Where the body's format is chosen by its `Content-Type` (the routes that accept more than one type),
 *   a body without one is a 415 listing the types accepted, rather than read in a format guessed for it.
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from '../api-paths.js';

const GZIP = new Set(['gzip', 'x-gzip']);
/** A coding named in a detail only when it looks like one (never an arbitrary header value). */
const CODING_TOKEN = /^[a-z0-9._+-]{1,32}$/;

/** The media types a route accepts, when it declares them. */
export const acceptedTypes = (request: Request): readonly string[] => {
  const allow = request.route.settings.payload?.allow;
  return allow === undefined ? [] : Array.isArray(allow) ? allow : [allow];
};

/** Whether a request's method carries a body (the body rules here, body-text.ts and body-keys.ts apply to these only). */
export function takesBody(request: Request): boolean {
  return request.method === 'post' || request.method === 'put' || request.method === 'patch';
}

/** The codings named by a Content-Encoding header, lower-cased, without `identity`. */
export function codings(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

function checkEncoding(request: Request): void {
  const req = request.raw.req;
  const named = codings(req.headers['content-encoding']);
  if (named.length === 0) {
    delete req.headers['content-encoding'];
    return;
  }
  if (named.length === 1 && GZIP.has(named[0]!)) {
    req.headers['content-encoding'] = 'gzip'; // the one name hapi's inflater knows
    return;
  }
  const shown = named.every((c) => CODING_TOKEN.test(c)) ? `"${named.join(', ')}"` : 'that was sent';
  const why = named.length > 1 ? 'only one layer of compression is read' : 'only gzip is read';
  throw Boom.unsupportedMediaType(`the Content-Encoding ${shown} is not supported (${why}): send the body uncompressed, or compressed once with gzip`);
}

function checkType(request: Request): void {
  const accepted = acceptedTypes(request);
  if (accepted.length < 2) return;
  const type = request.raw.req.headers['content-type'];
  if (type === undefined || type.trim() === '') {
    throw Boom.unsupportedMediaType(`the body has no Content-Type: say which format it is, one of ${accepted.join(', ')}`);
  }
}

export function registerBodyCoding(server: Server): void {
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    if (!takesBody(request) || !request.route.settings.payload) return h.continue;
    // The pages' uploads (/validate, /validate/upload) read their bodies as the API does: the coding rule holds there too.
    checkEncoding(request);
    if (isApiPath(request.path)) checkType(request);
    return h.continue;
  });
}
