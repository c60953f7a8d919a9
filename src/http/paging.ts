/** A page of a list as the API answers it: the items, a `next` link (null on the last page) and a Link header. */
import type { Request, ResponseToolkit } from '@hapi/hapi';

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

export function pageResponse(request: Request, h: ResponseToolkit, key: string, items: unknown[], next: string | undefined) {
  let link: string | null = null;
  if (next !== undefined) {
    const query = new URLSearchParams(request.query as Record<string, string>);
    query.set('cursor', next);
    link = `${request.path}?${query.toString()}`;
  }
  const response = h.response({ [key]: items, next: link });
  if (link) response.header('Link', `<${link}>; rel="next"`);
  return response;
}
