/**
 * Requests Node's HTTP parser refuses before hapi sees them (a header too large or malformed, a bad
 * method, conflicting Content-Length and Transfer-Encoding, headers that did not arrive in time): hapi
 * answers these with a bare `400 Bad Request` and no body, whatever the fault, so an oversized header was
 * not a 431 and a stalled header not a 408. They are answered here as problem details, naming the fault
 * by the parser's code (never the request's bytes), and the connection is closed. A fault in a request
 * hapi is already answering (a malformed chunk in a body) is left to hapi, which answers through the
 * request as usual.
 */
import type { Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problems.js';

type ClientErrorListener = (error: NodeJS.ErrnoException, socket: Duplex) => void;

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function answerOf(error: NodeJS.ErrnoException): { status: number; detail: string } {
  const code = typeof error.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(error.code) ? error.code : undefined;
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: "the request's headers are larger than the service reads (16 KiB in all)" };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, detail: "the request's headers did not all arrive in time" };
  return { status: 400, detail: `the request is not valid HTTP/1.1${code ? ` (${code})` : ''}: its request line or headers cannot be read` };
}

export function answerClientErrors(listener: HttpServer): void {
  const hapi = listener.listeners('clientError') as ClientErrorListener[];
  listener.removeAllListeners('clientError');
  listener.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A request in progress on this socket (hapi answers through it), or a socket that cannot be written: hapi's way.
    if ((socket as Duplex & { _httpMessage?: unknown })._httpMessage || !socket.writable) {
      for (const handle of hapi) handle(error, socket);
      return;
    }
    const { status, detail } = answerOf(error);
    const body = JSON.stringify(problem(status, `http-${status}`, detail));
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
