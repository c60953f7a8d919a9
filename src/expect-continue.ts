/**
 * `Expect: 100-continue`, answered as late as it can be. hapi sent `100 Continue` as it came to read the
 * body, before it compared the Content-Length with the route's limit, and before a streaming route's
 * handler could refuse the upload (a submission over CONFORM_MAX_SUBMISSION_BYTES): the client was told
 * to send the body, and sent it all to a 413. Now:
 * - where hapi reads the body, a declared length over the route's limit is its 413 at once (the same
 *   problem as without the Expect: problems.ts words it from the route), with no 100;
 * - otherwise the 100 is sent when something first reads the body, so a refusal before that (the
 *   handler's 413, a 429 or 503 from admission, an unknown version) goes out without it.
 * The connection closes after an answer given without the 100 (hapi does so while a body is pending), so
 * a body the client sends anyway is never read as a next request.
 */
import type { IncomingMessage } from 'node:http';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';

/** Requests whose client waits for a 100 Continue not yet sent. */
const awaiting = new WeakSet<IncomingMessage>();

/** Whether the client is still waiting for `100 Continue` before it sends the body (so a quiet body is not a stall). */
export function awaitingContinue(req: IncomingMessage): boolean {
  return awaiting.has(req);
}

const expectsContinue = (req: IncomingMessage): boolean =>
  req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && /^\s*100-continue\s*$/i.test(req.headers.expect ?? '');

function deferContinue(request: Request): void {
  const { req, res } = request.raw;
  const send = res.writeContinue.bind(res);
  const read = req._read.bind(req);
  let allowed = false; // hapi has come to the body
  let wanted = false; // something has asked for the body's bytes
  const maybeSend = (): void => {
    if (!allowed || !wanted || !awaiting.has(req)) return;
    awaiting.delete(req);
    req._read = read;
    // After an answer the body is only discarded: the client is not asked for it.
    if (!res.headersSent && !res.writableEnded) send();
  };
  awaiting.add(req);
  // hapi calls this as it comes to read the body, after authentication, before it checks the declared length.
  res.writeContinue = (): void => {
    const max = request.route.settings.payload?.maxBytes;
    const declared = Number(req.headers['content-length']);
    if (max !== undefined && Number.isFinite(declared) && declared > max) {
      awaiting.delete(req);
      // hapi's own refusal of this length, thrown before it would read (and so ask for) the body.
      throw Boom.entityTooLarge(`Payload content length greater than maximum allowed: ${max}`);
    }
    allowed = true;
    maybeSend();
  };
  // Readable calls _read when a consumer first wants bytes (a read, a 'data' listener, a pipe, a resume).
  req._read = (size: number): void => {
    wanted = true;
    maybeSend();
    read(size);
  };
}

export function registerExpectContinue(server: Server): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    if (!(request as Request & { isInjected?: boolean }).isInjected && expectsContinue(request.raw.req)) deferContinue(request);
    return h.continue;
  });
}
