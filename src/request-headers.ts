/**
 * Headers that hold one value, given more than once. Node keeps the first `Authorization`, `Content-Type`
 * or `Host` of a request and silently drops the rest, while a proxy or firewall in front may read the last:
 * the two would then judge different requests (whose token, which format, which site). Such a request is
 * refused, on both faces, before routing: a 400 naming the header (a problem on the API, an error page on
 * the pages). So is an HTTP/1.1 request without a `Host` (RFC 9112 section 3.2 requires a 400 for both),
 * which Node would otherwise answer itself with a bare 400 and no body (app.ts turns that off), and a
 * `Transfer-Encoding` naming a coding other than chunked (foreignTransferCoding).
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from './api-paths.js';
import { DomainError } from './services/errors.js';

/** The single-valued headers the service reads, as their names are written. */
const SINGLE = new Map([
  ['authorization', 'Authorization'],
  ['content-type', 'Content-Type'],
  ['host', 'Host'],
]);

/**
 * The first single-valued header that `rawHeaders` (name, value, name, value …) gives more than once. An
 * injected request (server.inject) has none (Node's type says otherwise): its headers object cannot repeat one.
 */
export function repeatedHeader(rawHeaders: readonly string[] | undefined): string | undefined {
  if (rawHeaders === undefined) return undefined;
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = SINGLE.get(rawHeaders[i]!.toLowerCase());
    if (name === undefined) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Whether an HTTP/1.1 request has no `Host` header (HTTP/1.0 need not send one). An injected request has
 * no raw headers, and is not judged.
 */
export function missingHost(httpVersion: string, rawHeaders: readonly string[] | undefined): boolean {
  if (rawHeaders === undefined || httpVersion !== '1.1') return false;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') return false;
  return true;
}

/**
 * The first transfer coding a request's `Transfer-Encoding` names other than chunked (`gzip, chunked`), or
 * undefined. Node undoes only chunked and passed the rest on as if it were the body: a `gzip` transfer
 * coding was inflated only because the readers sniff gzip, a `br` one read as data. RFC 9112 6.1 has a
 * server refuse a coding it does not read; Conform answers 400 naming the header (the client's request is
 * what is wrong), and compressed bodies are sent with `Content-Encoding: gzip`.
 */
export function foreignTransferCoding(transferEncoding: string | undefined): string | undefined {
  if (transferEncoding === undefined) return undefined;
  return transferEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .find((coding) => coding !== 'chunked');
}

export function registerRequestHeaders(server: Server): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const { rawHeaders, httpVersion } = request.raw.req;
    const api = isApiPath(request.path);
    if (missingHost(httpVersion, rawHeaders)) {
      const detail = 'is required in an HTTP/1.1 request; give the name (and port) of the server it is sent to';
      throw new DomainError(
        'invalid-input',
        api
          ? `the request has no Host header, which HTTP/1.1 requires; give the name (and port) of the server it is sent to`
          : 'The request has no Host header.',
        api ? [{ in: 'header', name: 'Host', detail }] : [],
      );
    }
    const coding = foreignTransferCoding(request.raw.req.headers['transfer-encoding']);
    if (coding !== undefined) {
      const named = coding === '' ? 'an empty transfer coding' : `the transfer coding "${coding.slice(0, 40)}"`;
      const detail = `names ${named}; only chunked is read: send the body plain or chunked, and compress it with Content-Encoding: gzip`;
      throw new DomainError(
        'invalid-input',
        api ? `the Transfer-Encoding header ${detail}` : `The request's Transfer-Encoding header ${detail}.`,
        api ? [{ in: 'header', name: 'Transfer-Encoding', detail }] : [],
      );
    }
    const name = repeatedHeader(rawHeaders);
    if (name === undefined) return h.continue;
    throw new DomainError(
      'invalid-input',
      api ? `the ${name} header is given more than once; give it once` : `The request gives the ${name} header more than once; give it once.`,
      api ? [{ in: 'header', name, detail: 'is given more than once; give it once' }] : [],
    );
  });
}
