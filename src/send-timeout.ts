/**
 * The answer's stall timeout, on every route of both faces: an answer the client stops reading (its
 * socket's buffer full, nothing more accepted) for `idleMs` is given up and its connection closed. A large
 * download is written as the client reads it, with what it is made from in memory (a stored report is held
 * with its read slot, services/admission.ts REPORT_READS): a client that never read a findings.csv held
 * its report, its slot and its connection for ever, and a few such clients held every report read of the
 * replica. Only the client's stalls count: while the service itself has nothing to send (the socket's
 * buffer is empty), the clock stops, so a slow answer is never cut; a client that reads slowly but reads
 * is never cut either.
 *
 * Progress is what the socket drains, not what the service writes to it: an answer hapi writes in one piece
 * (a page, a report of up to 500 findings, types.ts) is all "written" at once, and counting writes cut a
 * client that read it slowly but steadily. The bytes still queued for the kernel (libuv's write queue) fall
 * as the kernel takes more, which it does as the client reads, in steps of about a third of the kernel's
 * send buffer (at most some 1.3 MiB on Linux's defaults): a client reading at least a step per `idleMs` (22
 * KiB a second at the default 60 s) is served whatever the answer's size.
 */
import type { Socket } from 'node:net';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';

/** What changes whenever the socket makes progress: bytes written to it, bytes it holds, and bytes still queued for the kernel. */
function progressMark(socket: Socket): string {
  // The handle's writeQueueSize is libuv's own count of bytes the kernel has not taken yet, read live.
  const queued = (socket as unknown as { _handle?: { writeQueueSize?: number } | null })._handle?.writeQueueSize;
  return `${socket.bytesWritten}/${socket.writableLength}/${queued ?? ''}`;
}

export function registerSendTimeout(server: Server, idleMs: number): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.raw.res;
    const socket = response.socket;
    // Injected requests have no socket; an answer already over has nothing to watch.
    if (!socket || response.writableFinished || response.destroyed) return h.continue;
    let mark = progressMark(socket);
    let stalledSince: number | undefined;
    const check = (): void => {
      const now = Date.now();
      const previous = mark;
      mark = progressMark(socket);
      // Waiting for the client: the socket holds bytes, and neither the service nor the kernel moved any since the last look.
      const waiting = socket.writableLength > 0 && mark === previous;
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
