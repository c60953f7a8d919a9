/**
 * A bound on the connections open at once to the service's listener (`CONFORM_MAX_CONNECTIONS`), and an
 * optional one per client address (`CONFORM_MAX_CONNECTIONS_PER_ADDRESS`, 0: none). A connection beyond a
 * bound is not silently dropped (as Node's `maxConnections` drops it): it is answered at once with a short
 * `503` problem (`Retry-After`, one item naming the limit and its `max`, never the address) and closed.
 * The HTTP parser never sees it, so it costs a few bytes and a second at most: what the client sends is
 * read and discarded for that second (so its request's bytes do not reset the connection before it reads
 * the answer), then it is destroyed. Refusals are counted (`onRefused`, the metrics).
 *
 * Behind a load balancer every connection comes from the balancer's address, so the per-address bound
 * would cap the balancer itself: leave it at 0 there and bound sources at the balancer (docs/deployment.md).
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { problem } from './http/problems.js';

export interface ConnectionLimits {
  /** Connections open at once to this listener. */
  max: number;
  /** Connections open at once from one client address; 0 for no bound. */
  perAddress: number;
  /** Seconds a refused client is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export type ConnectionRefusal = 'connections' | 'connections-per-address';

/** How long a refused connection is read (and discarded) before it is destroyed. */
const REFUSED_LINGER_MS = 1_000;

type ConnectionListener = (socket: Socket) => void;

function refusal(limits: ConnectionLimits, reason: ConnectionRefusal): string {
  const { max, perAddress, retryAfterSeconds } = limits;
  const body = JSON.stringify(
    reason === 'connections'
      ? problem(503, 'unavailable', `the service has as many connections open as it accepts (${max}); try again later`, [
          { limit: 'connections-per-process', max, detail: `at most ${max} connections may be open at once to this server process` },
        ])
      : problem(503, 'unavailable', `this address has as many connections open as one address may (${perAddress}); try again later`, [
          { limit: 'connections-per-address', max: perAddress, detail: `at most ${perAddress} connections may be open at once from one address` },
        ]),
  );
  return (
    `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Retry-After: ${retryAfterSeconds}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Open connections now, for the metrics. */
export interface ConnectionCount {
  open(): number;
}

/**
 * Puts the bound in front of the listener's own connection handling (Node's HTTP server and hapi see
 * only the connections admitted).
 */
export function limitConnections(listener: HttpServer, limits: ConnectionLimits, onRefused?: (reason: ConnectionRefusal) => void): ConnectionCount {
  const handlers = listener.listeners('connection') as ConnectionListener[];
  listener.removeAllListeners('connection');
  let open = 0;
  const byAddress = new Map<string, number>();
  const answers = { connections: refusal(limits, 'connections'), 'connections-per-address': refusal(limits, 'connections-per-address') };
  listener.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const fromAddress = byAddress.get(address) ?? 0;
    const reason: ConnectionRefusal | undefined =
      open >= limits.max ? 'connections' : limits.perAddress > 0 && fromAddress >= limits.perAddress ? 'connections-per-address' : undefined;
    if (reason !== undefined) {
      onRefused?.(reason);
      socket.on('error', () => undefined);
      socket.on('data', () => undefined); // read and dropped: the client's request must not reset the answer
      socket.end(answers[reason]);
      setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
      return;
    }
    open++;
    if (limits.perAddress > 0) byAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open--;
      if (limits.perAddress === 0) return;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
    for (const handle of handlers) handle.call(listener, socket);
  });
  return { open: () => open };
}
