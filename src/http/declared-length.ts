/**
 * A body whose Content-Length is over its route's limit (`payload.maxBytes`) is refused before a byte of
 * it is read, on every route that parses its body (the API's JSON routes and publishes, and the pages'
 * forms), with the 413 hapi itself gives (the same problem, or the same page). hapi made that 413 only
 * after reading the whole declared body and dropping it: a client declaring 100 GB and sending at full
 * speed had some 1 GB a second read for it, with no answer, for as long as it kept sending. Refused here,
 * in `onPreAuth`, the body is never read: hapi answers with `Connection: close` and Node closes the
 * connection. The submission routes (no route limit: theirs is counted after decompression) refuse a
 * declared length of their own (SubmissionService).
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { takesBody } from './body-coding.js';

/** The declared length, when it is one number (Node has refused a malformed or repeated one). */
function declaredLength(request: Request): number | undefined {
  const header = request.raw.req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

export function registerDeclaredLength(server: Server): void {
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    if (!takesBody(request)) return h.continue;
    const maxBytes = request.route.settings.payload?.maxBytes;
    const length = declaredLength(request);
    if (maxBytes === undefined || length === undefined || length <= maxBytes) return h.continue;
    // hapi's own words for it, so that the faces answer exactly as they do for a body that passes the limit.
    throw Boom.entityTooLarge(`Payload content length greater than maximum allowed: ${maxBytes}`);
  });
}
