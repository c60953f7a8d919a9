/**
 * Whether the client of a request is still there: an AbortSignal that fires when the request's connection
 * closes before its answer has been sent, mid-body (the upload was cut off) or after it (the client gave
 * up while its submission was being validated). The work done for the request listens to it and stops:
 * the body is read no further (body-timeout.ts's `streamedBody`), the submission's pieces still queued on
 * the worker pool are dropped, its admission slot is freed at once and nothing is stored
 * (services/submissions.ts).
 *
 * A connection the service is not reading (its buffers are full because validation is behind) shows its
 * close only once the bytes already on their way have been read: at most the socket's buffers' worth.
 * Injected requests (server.inject, in tests) have no connection: their signal never fires.
 */
import type { Request } from '@hapi/hapi';
import { DomainError } from './services/errors.js';

const CONTROLLER = Symbol('conform.clientGone');

type Watched = Request & { [CONTROLLER]?: AbortController; isInjected?: boolean };

/**
 * Stops the work for a request whose client stopped sending before its body was whole (body-timeout.ts:
 * it closed its side of the connection, which the wire cannot tell from going away): its signal fires
 * with `reason`, the error its answer says, if the client is still there to read one.
 */
export function clientStopped(request: Request, reason: Error): void {
  clientGone(request);
  const controller = (request as Watched)[CONTROLLER]!;
  if (!controller.signal.aborted) controller.abort(reason);
}

/** The request's signal (one per request, however often it is asked for). */
export function clientGone(request: Request): AbortSignal {
  const watched = request as Watched;
  const known = watched[CONTROLLER];
  if (known) return known.signal;
  const controller = new AbortController();
  watched[CONTROLLER] = controller;
  if (watched.isInjected) return controller.signal;
  const { req, res } = request.raw;
  const gone = (): void => {
    stop();
    if (!res.writableFinished) {
      controller.abort(new DomainError('client-closed', 'the client closed its connection before the answer; the work for it stopped'));
    }
  };
  const stop = (): void => {
    req.off('aborted', gone);
    res.off('close', gone);
    res.off('finish', stop);
  };
  req.once('aborted', gone);
  res.once('close', gone);
  res.once('finish', stop);
  if (req.socket.destroyed) gone();
  return controller.signal;
}
