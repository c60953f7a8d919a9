/**
 * The pino logger. Lines are JSON with the request id; they never carry request bodies, record values or
 * tokens: the HTTP layer logs only method, route, status and timing, and the redact list below removes
 * any authorization header or token that a future log call might pass by mistake.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'conform' },
      redact: { paths: ['authorization', 'headers.authorization', 'token', '*.token', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
