/**
 * The pino logger. Lines are JSON with the request id; they never carry request bodies, record values or
 * tokens: the HTTP layer logs only method, route, status and timing, and the redact list below removes
 * any authorization header or token that a future log call might pass by mistake.
 *
 * One request id runs through every line logged on a request's behalf: app.ts enters `requestContext`
 * when a request arrives (with the id from HAProxy's X-Request-Id when it sent a well-formed one), and
 * every line logged in that async context, including the worker pool's pieces of its submission (the
 * pool answers in the job's context), carries `reqId` without the caller passing it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'conform', pid: process.pid },
      redact: { paths: ['authorization', 'headers.authorization', 'token', '*.token', 'req.headers.authorization'], censor: '[redacted]' },
      mixin: () => requestContext.getStore() ?? {},
    },
    destination,
  );
}
