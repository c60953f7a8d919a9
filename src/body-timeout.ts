/**
 * The request-body idle timeout, on every route of both faces: a request that declares a body and then
 * sends no byte for `idleMs` while the service is waiting for one ends with 408 (problem details on the
 * API's paths, an error page elsewhere) and its connection is closed after the answer. Only stalls count:
 * while the service itself is not reading (the request's buffer is full because validation is behind),
 * the clock stops. A body that keeps arriving, but slower than `minBytesPerSecond` over a whole period
 * of `idleMs` in which the service was waiting for it, ends the same way (a trickle of a byte every few
 * seconds would otherwise hold its admission slot for ever); an upload at or above that rate is never
 * cut, however long it takes.
 *
 * hapi's own payload timeout bounds the whole body (and is off where long uploads stream), and after a
 * payload error hapi waits for the rest of the body before answering, which a stalled client never
 * sends. So on a stall the watchdog fails hapi's reading of the body with a 408 (an error on the request
 * stream, which hapi's readers reject with, then its end), or, on the routes that stream the body to a
 * handler, wakes the handler's reader (`streamedBody`), which throws the 408 as a `timeout` DomainError.
 * The validation then ends, freeing its admission slot and its pool work. Whatever is left is bounded:
 * if no answer has gone out one more period later, the connection is destroyed. A body the client cuts
 * short by half-closing the connection ends the same way at once, as a 400 (bodyEndedEarly).
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { BodyCutShort, DomainError } from './services/errors.js';
import { clientGone, clientStopped } from './client-gone.js';
import { awaitingContinue } from './expect-continue.js';
import { countWords } from './validation/count-words.js';

const TIMED_OUT = Symbol('conform.bodyStopped');
const LINGERS = Symbol('conform.lingers');
/** How long a closing connection keeps reading (and discarding) what the client still sends. */
const LINGER_MS = 5_000;
const ON_STALL = Symbol('conform.onStall');

/**
 * Why a body stopped: it stalled (408), the client closed its side before the body was whole (400), or it
 * went on far past its route's limit after the parser had refused it (413).
 */
interface Stop {
  status: 400 | 408 | 413;
  detail: string;
}

/**
 * Bytes a connection may carry for a body past its route's limit (`payload.maxBytes`) before it is ended:
 * after a parser's 413 hapi reads and drops the rest of the body before answering, and a chunked body has
 * no length to refuse up front (declared-length.ts refuses the rest), so a client sending without end had
 * gigabytes read for it, unanswered. The bound counts the socket's bytes (chunk framing included), with
 * room for small chunks and for gzip's slight growth of data it cannot compress.
 */
export const overLimitBytes = (maxBytes: number): number => 8 * maxBytes + 1024 * 1024;

type Watched = IncomingMessage & { [TIMED_OUT]?: Stop; [ON_STALL]?: Set<() => void> };

/** When this request's body stopped (it stalled, or was cut short), the error that says so. */
export function bodyStopped(req: IncomingMessage): DomainError | undefined {
  const stopped = (req as Watched)[TIMED_OUT];
  if (stopped === undefined) return undefined;
  if (stopped.status === 413) return new DomainError('too-large', stopped.detail);
  return stopped.status === 408 ? new DomainError('timeout', stopped.detail) : new BodyCutShort(stopped.detail);
}

/** The body being watched on each socket, and how to end it now (bodyEndedEarly). */
const watching = new WeakMap<object, (stop: Stop) => void>();

/**
 * The client closed its side of the connection (a half-close) before the body its Content-Length declared
 * had all arrived: Node's parser reports it (HPE_INVALID_EOF_STATE) and hapi then destroyed the socket,
 * so the client got no answer. When such a body is being watched, it ends now as a stalled one would,
 * with a 400 saying so, and the answer goes out on the still-writable socket; true when that was done.
 */
export function bodyEndedEarly(socket: object): boolean {
  const end = watching.get(socket);
  if (end === undefined) return false;
  end({ status: 400, detail: 'the body ended before all the bytes its Content-Length declared had arrived: the client closed its side of the connection' });
  return true;
}

function declaresBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function isStreamedToHandler(request: Request): boolean {
  const payload = request.route?.settings.payload;
  return payload?.output === 'stream' && payload.parse === false;
}

function stall(request: Request, idleMs: number, why?: Stop): void {
  const req = request.raw.req as Watched;
  const stop = why ?? { status: 408, detail: `the request body stopped arriving for more than ${countWords(idleMs / 1000, 'second')}` };
  const { detail } = stop;
  req[TIMED_OUT] = stop;
  // A body cut short: its work stops as a gone client's does (slot freed, nothing stored, counted as abandoned).
  if (stop.status === 400) clientStopped(request, new BodyCutShort(detail));
  request.raw.res.shouldKeepAlive = false; // whatever answers, the connection closes after it
  if (request.raw.res.headersSent) {
    // The answer is already out and the rest of the body is being discarded: just end the connection.
    req.socket.destroy();
    return;
  }
  const listeners = req[ON_STALL];
  if (isStreamedToHandler(request) && listeners && listeners.size > 0) {
    for (const wake of listeners) wake();
  } else if (!isStreamedToHandler(request)) {
    // hapi's body readers fail with this error; a multipart form reader sees the body end, incomplete.
    req.emit('error', stop.status === 408 ? Boom.clientTimeout(detail) : stop.status === 413 ? Boom.entityTooLarge(detail) : Boom.badRequest(detail));
    req.emit('end');
  }
  // If nothing has answered one more period later, end the connection.
  setTimeout(() => {
    if (!request.raw.res.headersSent) req.socket.destroy();
  }, idleMs).unref();
}

/**
 * The body of a request whose route streams it to the handler, chunk by chunk, ending with a `timeout`
 * DomainError (408) if the body stalls, or a `client-closed` one as soon as the client goes away. Unlike iterating the stream itself, it never destroys the request,
 * so the 408 can still be sent.
 */
export async function* streamedBody(request: Request): AsyncGenerator<Buffer> {
  const req = request.raw.req as Watched;
  const stream = request.payload as Readable;
  const gone = clientGone(request);
  for (;;) {
    const stopped = bodyStopped(req);
    if (stopped !== undefined) throw stopped;
    // The client went away: not a byte more is read for it (client-gone.ts).
    if (gone.aborted) throw gone.reason as Error;
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      yield chunk;
      continue;
    }
    if (stream.readableEnded) return;
    if (stream.errored) throw stream.errored;
    if (stream.destroyed) throw new Error('the upload was interrupted');
    await new Promise<void>((resolve) => {
      const listeners = (req[ON_STALL] ??= new Set());
      const done = (): void => {
        listeners.delete(done);
        for (const event of ['readable', 'end', 'error', 'close']) stream.off(event, done);
        gone.removeEventListener('abort', done);
        resolve();
      };
      listeners.add(done);
      for (const event of ['readable', 'end', 'error', 'close']) stream.once(event, done);
      gone.addEventListener('abort', done);
    });
  }
}

/** Watches one request's body until it is complete or the connection closes. */
/**
 * A lingering close: when an answer closes its connection before the body has all arrived (a refusal, a
 * 408), Node would destroy the socket at once, and a client still sending may get a reset that discards
 * the answer before it has read it. Instead the service half-closes (the answer is complete) and stops
 * reading, so what the client still sends costs nothing and it has time to read the answer, and closes
 * when the client does, or after LINGER_MS.
 */
function lingerOnClose(socket: Socket & { [LINGERS]?: true }): void {
  if (socket[LINGERS]) return;
  socket[LINGERS] = true;
  socket.destroySoon = function destroySoon(this: Socket & { _paused?: boolean; _handle?: { readStop?: () => number } | null }) {
    if (this.writable) this.end();
    // Node's HTTP server pauses a socket with these two (and resumes it only when `_paused` is false), and
    // resumes it to discard the rest of the body after an answer: stop reading for good instead.
    this._paused = true;
    this._handle?.readStop?.();
    const timer = setTimeout(() => this.destroy(), LINGER_MS).unref();
    this.once('end', () => this.destroy());
    this.once('close', () => clearTimeout(timer));
  };
}

/** The 408 for a body slower than the minimum rate over one period. */
function tooSlow(minBytesPerSecond: number, idleMs: number): Stop {
  return {
    status: 408,
    detail: `the request body arrived at under ${countWords(minBytesPerSecond, 'byte')} a second for ${countWords(idleMs / 1000, 'second')}`,
  };
}

function watchBody(request: Request, idleMs: number, minBytesPerSecond: number): void {
  const req = request.raw.req;
  // Injected requests (server.inject) have no socket to watch.
  if ((request as Request & { isInjected?: boolean }).isInjected || !declaresBody(req) || req.complete) return;
  const socket = req.socket;
  lingerOnClose(socket);
  let bytes = socket.bytesRead;
  const started = bytes;
  // The route is known only once the request is routed (after onRequest): its limit is read when looked at.
  const overLimit = (): number | undefined => {
    const maxBytes = request.route?.settings.payload?.maxBytes;
    return maxBytes !== undefined && maxBytes < Number.MAX_SAFE_INTEGER && !isStreamedToHandler(request) ? overLimitBytes(maxBytes) : undefined;
  };
  let since = Date.now();
  // The rate's period: the time the service has waited for the body since `periodBytes` were read.
  let last = since;
  let waited = 0;
  let periodBytes = bytes;
  const timer = setInterval(
    () => {
      if (req.complete || socket.destroyed) return stop();
      const now = Date.now();
      const read = socket.bytesRead;
      const past = overLimit();
      if (past !== undefined && read - started > past) {
        stop();
        return stall(request, idleMs, { status: 413, detail: `the request body went on past ${past} bytes, over this endpoint's limit` });
      }
      // A client waiting for 100 Continue (expect-continue.ts) sends nothing until the service reads: not a stall either.
      const full = req.readableLength >= req.readableHighWaterMark || awaitingContinue(req);
      if (!full) waited += now - last;
      last = now;
      // Bytes arrived, or the service is not reading (its buffer is full): not a stall.
      if (read !== bytes || full) {
        bytes = read;
        since = now;
      } else if (now - since > idleMs) {
        stop();
        return stall(request, idleMs);
      }
      if (minBytesPerSecond > 0 && waited >= idleMs) {
        if (read - periodBytes < (minBytesPerSecond * waited) / 1000) {
          stop();
          return stall(request, idleMs, tooSlow(minBytesPerSecond, idleMs));
        }
        waited = 0;
        periodBytes = read;
      }
    },
    Math.max(20, Math.min(1000, idleMs / 4)),
  );
  timer.unref();
  // Stops as soon as the body is read, the answer is sent or the connection closes (a kept-alive socket
  // serves many requests: nothing of this one may stay on it).
  const res = request.raw.res;
  const stop = (): void => {
    clearInterval(timer);
    if (watching.get(socket) === endNow) watching.delete(socket);
    socket.off('close', stop);
    req.off('end', stop);
    res.off('close', stop);
  };
  const endNow = (why: Stop): void => {
    stop();
    stall(request, idleMs, why);
  };
  watching.set(socket, endNow);
  socket.on('close', stop);
  req.once('end', stop);
  res.once('close', stop);
}

/** `minBytesPerSecond`: the slowest a body may arrive over a period of `idleMs` while the service waits for it (0: any rate). */
export function registerBodyTimeout(server: Server, idleMs: number, minBytesPerSecond = 0): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    watchBody(request, idleMs, minBytesPerSecond);
    return h.continue;
  });
  // A form reader that saw the stalled body end calls it malformed (400): it timed out (or was cut short: said so).
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const stalled = (request.raw.req as Watched)[TIMED_OUT];
    const response = request.response;
    if (stalled !== undefined && 'isBoom' in response && response.isBoom && response.output.statusCode === 400) {
      Boom.boomify(response, { statusCode: stalled.status, message: stalled.detail, override: true });
      // boomify puts the message before the reader's own ("…: …"); a body cut short is said once.
      if (stalled.status === 400) response.output.payload.message = stalled.detail;
    }
    return h.continue;
  });
}
