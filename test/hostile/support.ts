/**
 * Real sockets against a real server on loopback, for the hostile tests: the app is built from dist/ so
 * that the worker pool runs real threads (npm test builds first).
 */
import net from 'node:net';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import type { App } from '../../src/app.js';

const dist = '../../dist/src';
const { buildApp } = (await import(`${dist}/app.js`)) as typeof import('../../src/app.js');
const { loadConfig } = (await import(`${dist}/config.js`)) as typeof import('../../src/config.js');
const { createLogger } = (await import(`${dist}/log.js`)) as typeof import('../../src/log.js');

export interface LiveApp {
  app: App;
  port: number;
  admin: string;
  logs: () => string;
  /** A supplier token for organisation `ods` (made once per organisation). */
  supplier(ods: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLiveApp(env: Record<string, string>): Promise<LiveApp> {
  let logText = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logText += String(chunk);
      done();
    },
  });
  const app = await buildApp(loadConfig({ CONFORM_DATA_DIR: ':memory:', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env }), {
    logger: createLogger('info', sink),
  });
  await app.server.start();
  const tokens = new Map<string, string>();
  return {
    app,
    port: app.server.info.port as number,
    admin: app.firstAdminToken!,
    logs: () => logText,
    async supplier(ods) {
      if (!tokens.has(ods)) tokens.set(ods, (await app.services.access.issue({ name: `supplier ${ods}`, role: 'supplier', organisation: ods }, 'test')).token);
      return tokens.get(ods)!;
    },
    stop: () => app.stop(),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the connection to the end of the answer. */
  ms: number;
}

/**
 * A request written by hand on its own socket: `head` (request line and headers), then the body as the
 * caller writes it (`write`), so a test can trickle bytes or stall. `answer` settles when the server
 * closes the connection (every hostile answer closes it), with the response read from what arrived.
 */
export function rawRequest(
  port: number,
  head: string,
): { write(data: string | Buffer): void; end(): void; close(): void; answered(): boolean; answer: Promise<RawResponse> } {
  const started = Date.now();
  const socket = net.connect(port, '127.0.0.1');
  socket.write(head);
  let received = '';
  let done = false;
  socket.on('data', (d) => (received += String(d)));
  socket.on('error', () => undefined); // a reset after the answer is fine: the answer is what counts
  const answer = new Promise<RawResponse>((resolve) => {
    socket.on('close', () => {
      done = true;
      const split = received.indexOf('\r\n\r\n');
      const lines = received.slice(0, split === -1 ? received.length : split).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: split === -1 ? '' : received.slice(split + 4), ms: Date.now() - started });
    });
  });
  return {
    write: (text) => {
      if (!socket.destroyed && socket.writable) socket.write(text);
    },
    /** Half-closes: the client sends no more, and still reads the answer. */
    end: () => socket.end(),
    close: () => socket.destroy(),
    answered: () => done || received.length > 0,
    answer,
  };
}

/**
 * One request over a fresh connection, its body sent whole with its Content-Length or, `chunked`, in two
 * writes without one (Node then sends it chunked); its status and body as text.
 */
export function send(
  port: number,
  {
    method,
    path,
    headers = {},
    body,
    chunked = false,
  }: { method: string; path: string; headers?: Record<string, string>; body: string | Buffer; chunked?: boolean },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunked || headers['transfer-encoding'] !== undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...headers, ...length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (!chunked) return void req.end(body);
    req.write(body.slice(0, 1));
    req.end(body.slice(1));
  });
}

/** GET /health over a fresh connection, timed. */
export function timedHealth(port: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Date.now() - started) : reject(new Error(`GET /health answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls GET /health every `everyMs` until stopped; the slowest answer and the count. */
export function watchHealth(port: number, everyMs = 100): { stop(): Promise<{ slowest: number; count: number }> } {
  let slowest = 0;
  let count = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      slowest = Math.max(slowest, await timedHealth(port));
      count++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowest, count };
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
