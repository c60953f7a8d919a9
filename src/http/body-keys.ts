/**
 * A JSON body hapi parses (column mappings, standard metadata, withdrawals) with one key twice in an
 * object is a 400 naming the key and where: JSON.parse keeps the last and says nothing, so
 * `{"columns": {"nhs": "nhsNumber", "nhs": "localPatientId"}}` would save a mapping the caller did not
 * read back. The body's bytes are kept as they arrive (hapi's peek events, after gzip) for the check; the
 * routes bound them (at most 256 KiB). Publish checks its own JSON (services/standard-input.ts).
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { isApiPath } from '../api-paths.js';
import { takesBody } from './body-coding.js';
import { firstDuplicateKey, shownDuplicate } from '../validation/json-duplicates.js';

const CHUNKS = Symbol('json-chunks');
type Kept = Request & { [CHUNKS]?: Buffer[] };

export function registerBodyKeys(server: Server): void {
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    const payload = request.route.settings.payload;
    if (!takesBody(request) || !payload || payload.parse !== true || payload.output !== 'data' || !isApiPath(request.path)) return h.continue;
    const chunks: Buffer[] = [];
    (request as Kept)[CHUNKS] = chunks;
    request.events.on('peek', (chunk) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    return h.continue;
  });
  server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
    const chunks = (request as Kept)[CHUNKS];
    if (!chunks || request.mime !== 'application/json' || chunks.length === 0) return h.continue;
    const repeated = firstDuplicateKey(Buffer.concat(chunks).toString('utf8'));
    if (repeated) {
      const { key, pointer } = shownDuplicate(repeated);
      throw Boom.badRequest(`the body has the key ${key} twice in one object (at ${pointer}): JSON keeps only the last, so give each key once`);
    }
    return h.continue;
  });
}
