/**
 * The answer's stall timeout, on every route of both faces: an answer the client stops reading (its
 * socket's buffer full, nothing more accepted) for `idleMs` is given up and its connection closed. A large
 * download is written as the client reads it, with what it is made from in memory (a stored report is held
 * with its read slot, services/admission.ts REPORT_READS): a client that never read a findings.csv held
 * its report, its slot and its connection for ever, and a few such clients held every report read of the
 * replica. Only the client's stalls count: while the service itself has nothing to send (the socket's
 * buffer is empty), the clock stops, so a slow answer is never cut; a client that reads slowly but reads
 * is never cut either.
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';

export function registerSendTimeout(server: Server, idleMs: number): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.raw.res;
    const socket = response.socket;
    // Injected requests have no socket; an answer already over has nothing to watch.
    if (!socket || response.writableFinished || response.destroyed) return h.continue;
    let written = socket.bytesWritten;
    let stalledSince: number | undefined;
    const check = (): void => {
      const now = Date.now();
      // bytesWritten counts what is queued too: it stays still while the service is held back by the client.
      const waiting = socket.writableLength > 0 && socket.bytesWritten === written;
      written = socket.bytesWritten;
      if (!waiting) {
        stalledSince = undefined;
        return;
      }
      stalledSince ??= now;
      if (now - stalledSince >= idleMs) socket.destroy();
    };
    const timer = setInterval(check, Math.max(50, Math.floor(idleMs / 4)));
    timer.unref();
    const stop = (): void => clearInterval(timer);
    response.once('finish', stop);
    response.once('close', stop);
    return h.continue;
  });
}
