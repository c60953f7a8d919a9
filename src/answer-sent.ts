/**
 * Holding something until a request's answer has been sent: a stored report's slot (services/admission.ts
 * `REPORT_READS`) is held while its answer is written, which for a streamed download (findings.csv, the
 * acknowledgement files) is as long as the client takes to read it, and released once the answer has been
 * sent whole or the connection has closed, whichever comes first, however the request ended (an error's
 * answer too). For both faces.
 */
import type { Request } from '@hapi/hapi';

export const untilAnswered =
  (request: Request) =>
  (release: () => void): void => {
    const response = request.raw.res;
    // Already over (the client went away before the handler ran): nothing will be sent.
    if (response.writableFinished || response.destroyed) {
      release();
      return;
    }
    response.once('finish', release);
    response.once('close', release);
  };
