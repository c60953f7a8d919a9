/**
 * Headers that hold one value, given more than once. Node keeps the first `Authorization` or `Content-Type`
 * of a request and silently drops the rest, while a proxy or firewall in front may read the last: the two
 * would then judge different requests (whose token, which format). Such a request is refused, on both
 * faces, before routing: a 400 naming the header (a problem on the API, an error page on the pages).
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from './api-paths.js';
import { DomainError } from './services/errors.js';

/** The single-valued headers the service reads, as their names are written. */
const SINGLE = new Map([
  ['authorization', 'Authorization'],
  ['content-type', 'Content-Type'],
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

export function registerRequestHeaders(server: Server): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const name = repeatedHeader(request.raw.req.rawHeaders);
    if (name === undefined) return h.continue;
    const api = isApiPath(request.path);
    throw new DomainError(
      'invalid-input',
      api ? `the ${name} header is given more than once; give it once` : `The request gives the ${name} header more than once; give it once.`,
      api ? [{ in: 'header', name, detail: 'is given more than once; give it once' }] : [],
    );
  });
}
