/**
 * A request whose path a route serves, but with another method (`DELETE /v1/standards`), is a 405 with an
 * `Allow` header listing the methods that path answers; a path no method serves stays a 404. Decided once,
 * from hapi's own router (`server.match`), before routing, for both faces: the API renders the Boom as a
 * problem, the web pages as an error page, each keeping the `Allow` header.
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';

/** The methods a route table can hold, in the order `Allow` lists them (HEAD follows GET: hapi answers it). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The methods that serve `path` (empty when none does, or the path cannot be routed). */
export function allowedMethods(server: Server, path: string): string[] {
  try {
    return METHODS.filter((method) => server.match(method, path) !== null);
  } catch {
    return []; // a path the router cannot decode: hapi answers it with its own 400
  }
}

export const methodNotAllowedDetail = (method: string, allow: readonly string[]): string =>
  `${method} is not a method of this address; it answers ${allow.join(', ')}`;

export function registerMethodNotAllowed(server: Server): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const method = request.method.toUpperCase() as (typeof METHODS)[number];
    let served: boolean;
    try {
      served = server.match(method, request.path) !== null;
    } catch {
      return h.continue;
    }
    if (served) return h.continue;
    const allow = allowedMethods(server, request.path);
    if (allow.length === 0) return h.continue;
    throw Boom.methodNotAllowed(methodNotAllowedDetail(method, allow), undefined, allow);
  });
}
