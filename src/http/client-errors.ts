/**
 * Requests Node's HTTP parser refuses before hapi sees them (a header too large or malformed, a bad
 * method, conflicting Content-Length and Transfer-Encoding, headers that did not arrive in time): hapi
 * answers these with a bare `400 Bad Request` and no body, whatever the fault, so an oversized header was
 * not a 431 and a stalled header not a 408. They are answered here as problem details, naming the fault
 * by the parser's code (never the request's bytes), and the connection is closed. A fault in a request
 * hapi is already answering (a malformed chunk in a body) is left to hapi, which answers through the
 * request as usual: its code is kept for the socket (parserFaultOf), so that the problem says the body's
 * framing is at fault (it once said the path could not be read, as hapi answers both with a bare 400).
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problems.js';
import { shownPath } from './shown-path.js';
import { bodyEndedEarly } from '../body-timeout.js';

type ClientErrorListener = (error: NodeJS.ErrnoException, socket: Duplex) => void;

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

function answerOf(error: NodeJS.ErrnoException): { status: number; detail: string } {
  const code = codeOf(error);
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: "the request's headers are larger than the service reads (16 KiB in all)" };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, detail: "the request's headers did not all arrive in time" };
  return { status: 400, detail: `the request is not valid HTTP/1.1${code ? ` (${code})` : ''}: its request line or headers cannot be read` };
}

/** The parser's code for a fault in the body of the request hapi is answering on a socket ('' when it gave none). */
const faults = new WeakMap<object, string>();

/** The parser's fault on this socket, when hapi is answering its request because of one; else undefined. */
export function parserFaultOf(socket: object | null | undefined): string | undefined {
  return socket ? faults.get(socket) : undefined;
}

/** What a problem says of a body whose HTTP framing the parser refused (a chunk size that is not hexadecimal, a missing CRLF). */
export function bodyFramingDetail(code: string): string {
  return (
    `the body cannot be read as HTTP/1.1${code ? ` (${code})` : ''}: its framing is malformed (with Transfer-Encoding: chunked, ` +
    'each chunk is its size in hexadecimal, CRLF, that many bytes and CRLF, ending with a chunk of size 0)'
  );
}

const codeOf = (error: NodeJS.ErrnoException): string | undefined =>
  typeof error.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(error.code) ? error.code : undefined;

export function answerClientErrors(listener: HttpServer): void {
  const hapi = listener.listeners('clientError') as ClientErrorListener[];
  listener.removeAllListeners('clientError');
  listener.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A request in progress on this socket (hapi answers through it), or a socket that cannot be written: hapi's way.
    // The client closed its side before the body it declared had arrived: answered on the socket, still writable.
    if (codeOf(error) === 'HPE_INVALID_EOF_STATE' && socket.writable && bodyEndedEarly(socket)) return;
    if ((socket as Duplex & { _httpMessage?: unknown })._httpMessage || !socket.writable) {
      if (socket.writable) faults.set(socket, codeOf(error) ?? '');
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

/**
 * A request whose `Expect` is anything but `100-continue`: Node answers it itself with a bare 417 and no
 * body (hapi listens for no 'checkExpectation'). It is answered here as a problem naming the header, never
 * repeating its value, and the connection is closed (the body, if any, is not read).
 */
export function answerExpectations(listener: HttpServer): void {
  listener.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const detail = 'asks for an expectation the service does not meet: the only one it knows is 100-continue';
    const body = JSON.stringify({
      ...problem(417, 'http-417', `the Expect header ${detail}`, [{ in: 'header', name: 'Expect', detail }]),
      instance: shownPath((request.url ?? '/').split('?')[0]!),
    });
    response.writeHead(417, {
      'Content-Type': 'application/problem+json',
      'Content-Length': Buffer.byteLength(body),
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close',
    });
    response.end(body);
  });
}
