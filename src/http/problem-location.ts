/**
 * Where in the request a refusal is: every 4xx problem names it in `errors` (`in`, `name`, `pointer`), as
 * the contract's own 400s do. A service names the input its refusal is about (`DomainError.about`, in its
 * words: `standard`, `version`, `from` …); this says where that input was in this request: a path
 * parameter of that name, or the route's `{id}` when it is the thing the route is about
 * (`/v1/standards/{id}`: the standard), else a query parameter of that name. Items a service listed with a
 * parameter's name but not where it was (the reporting period) are completed the same way.
 */
import type { Request } from '@hapi/hapi';
import type { DomainError, ErrorItem, Subject } from '../services/errors.js';
import { escapeSegment } from '../validation/pointer.js';
import { shownPath } from './shown-path.js';

/** What a route's `{id}` names, by the route's first segments. */
const ID_OF: [prefix: string, subject: Subject][] = [
  ['/v1/standards/{id}', 'standard'],
  ['/v1/submissions/{id}', 'submission'],
  ['/v1/trials/{id}', 'trial'],
  ['/v1/artefacts/{kind}/{id}', 'artefact'],
];

export interface Location {
  in: 'path' | 'query' | 'header' | 'body';
  name: string;
  pointer: string;
}

const at = (where: Location['in'], name: string): Location => ({ in: where, name, pointer: `/${escapeSegment(name)}` });

/** Where `subject` was in the request, if it was there. */
export function locate(request: Request, subject: string): Location | undefined {
  const params = request.params ?? {};
  if (subject !== 'id' && Object.hasOwn(params, subject)) return at('path', subject);
  const path = request.route.path;
  if (Object.hasOwn(params, 'id') && ID_OF.some(([prefix, named]) => named === subject && (path === prefix || path.startsWith(`${prefix}/`))))
    return at('path', 'id');
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (Object.hasOwn(query, subject)) return at('query', subject);
  // A file's name may come from the Content-Disposition header instead (submissions-routes.ts).
  if (subject === 'filename' && request.headers['content-disposition'] !== undefined) return at('header', 'Content-Disposition');
  return undefined;
}

/** The `errors` of a refusal's problem: its own items, completed with where each was, or one item naming its subject. */
export function errorsOf(request: Request, error: DomainError): ErrorItem[] {
  if (error.errors.length > 0) {
    return error.errors.map((item) => {
      if (item.in !== undefined) return item;
      // A field of the body a service named by its pointer only (a column mapping's column, a schema's keyword);
      // not a classified change (`incompatible`), whose pointer is a place in the schema compared, not an input.
      if (typeof item.name !== 'string') return typeof item.pointer === 'string' && error.kind !== 'incompatible' ? { in: 'body', ...item } : item;
      const where = locate(request, item.name);
      return where ? { ...where, ...item } : item;
    });
  }
  const where = error.subject === undefined ? undefined : locate(request, error.subject);
  return where ? [{ ...where, detail: error.message }] : [];
}

/**
 * Where a refusal that names no input is, from what it is: the token (401, 403: the Authorization header),
 * the body's declared type or coding (415, and a Content-Type hapi cannot read: those headers), or the body
 * as a whole (413, 408, a body that is not JSON, not UTF-8 or corrupt gzip: `in` body, pointer ""). A key
 * given twice names its own pointer. Undefined where the address itself is at fault (404, 405:
 * addressError says so) or nothing in the request is (429, 503: the service names the limit reached).
 */
export function fallbackLocation(status: number, detail: string): ErrorItem | undefined {
  const header = (name: string): ErrorItem => ({ in: 'header', name, detail });
  if (status === 401 || status === 403) return header('Authorization');
  if (status === 406) return header('Accept');
  if (status === 415) return header(/Content-Encoding/.test(detail) ? 'Content-Encoding' : 'Content-Type');
  if (status === 413 || status === 408) return { in: 'body', pointer: '', detail };
  if (status === 400) {
    if (/^the Content-Type header/.test(detail)) return header('Content-Type');
    const twice = / twice in one object \(at (.*)\): JSON keeps only the last/.exec(detail);
    if (twice) return { in: 'body', pointer: twice[1]!, detail };
    if (/^the body /.test(detail)) return { in: 'body', pointer: '', detail };
  }
  return undefined;
}

/** Methods an address may answer, for the nearest address above a path that none serves. */
const ROUTED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The nearest address above `path` that a route serves (`/v1/standards/x/versions/1` above
 * `/v1/standards/x/versions/1/nothing`), or undefined when none is. A route's template answers any value of
 * its parameters, so this is an address the API has, not a resource that exists.
 */
export function nearestAddress(request: Request, path: string): string | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  // No route is deeper than the deepest template, so a path of thousands of segments tries as few prefixes.
  for (let k = Math.min(segments.length - 1, deepestRoute(request)); k >= 1; k--) {
    const prefix = `/${segments.slice(0, k).join('/')}`;
    try {
      if (ROUTED_METHODS.some((method) => request.server.match(method, prefix) !== null)) return prefix;
    } catch {
      return undefined; // a path the router cannot decode
    }
  }
  return undefined;
}

/** The most segments of any route's path, by server (its routes are fixed once it starts). */
const DEPTHS = new WeakMap<object, number>();
function deepestRoute(request: Request): number {
  let depth = DEPTHS.get(request.server);
  if (depth === undefined) {
    depth = Math.max(0, ...request.server.table().map((route) => route.path.split('/').filter((segment) => segment !== '').length));
    DEPTHS.set(request.server, depth);
  }
  return depth;
}

/** The detail of a 404 for a path no route serves: the path (bounded, shown-path.ts), and the nearest address above it. */
export function noAddressDetail(request: Request): string {
  const nearest = nearestAddress(request, request.path);
  return `the API has no address ${shownPath(request.path)}${nearest ? `; the nearest address above it is ${nearest}` : ''}`;
}

/**
 * Where a 404 or 405 is when no input was named: the path as a whole (`in` path, pointer "") for a 404, the
 * method (`in` method, its `name`, and the methods the path answers in `allow`) for a 405.
 */
export function addressError(request: Request, status: number, detail: string, allow: readonly string[] | undefined): ErrorItem | undefined {
  if (status === 404) return { in: 'path', pointer: '', detail };
  if (status === 405) return { in: 'method', name: request.method.toUpperCase(), detail, ...(allow ? { allow: [...allow] } : {}) };
  return undefined;
}
