/** A page of a list as the API answers it: the items, a `next` link (null on the last page) and a Link header. */
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';

/** `?limit=` of a list route (the contract has checked its form), or the default. */
export const pageLimit = (request: Request): number => {
  const text = (request.query as { limit?: string }).limit;
  return text === undefined ? 100 : Number(text);
};

/** `?cursor=` of a list route, when given. */
export const pageCursor = (request: Request): { cursor?: string } => {
  const text = (request.query as { cursor?: string }).cursor;
  return text === undefined ? {} : { cursor: text };
};

/** The request's own address with `cursor` set to `next` (its other query parameters kept), or null on the last page. */
export function nextLink(request: Request, next: string | undefined): string | null {
  if (next === undefined) return null;
  const query = new URLSearchParams(request.query as Record<string, string>);
  query.set('cursor', next);
  return `${request.path}?${query.toString()}`;
}

/** `body` with its `next` link, and the Link header when there is a next page. */
export function pagedResponse(request: Request, h: ResponseToolkit, body: Record<string, unknown>, next: string | undefined): ResponseObject {
  const link = nextLink(request, next);
  const response = h.response({ ...body, next: link });
  if (link) response.header('Link', `<${link}>; rel="next"`);
  return response;
}

export function pageResponse(request: Request, h: ResponseToolkit, key: string, items: unknown[], next: string | undefined) {
  return pagedResponse(request, h, { [key]: items }, next);
}
