/**
 * An API request whose `Accept` header refuses every type its operation answers in (`application/xml` on a
 * route that answers JSON) is a 406 naming the types it can produce, before its body is read or its token
 * checked: it was answered 200 with JSON, which a client that asked for XML then failed to read. The types
 * are the contract's (the operation's 2xx content, `produces` in the route's settings); `*\/*`, `type/*`
 * and q-values are honoured (accept.ts), `application/problem+json` is about refusals and decides nothing
 * here, and a header that names no media range is no refusal. Downloads whose only answer is a file
 * (`findings.csv`, the acknowledgement files, `types.ts`) keep their one type whatever the header says, as
 * the web pages do: a browser's or a download tool's Accept is seldom about the file.
 */
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { acceptedType } from './accept.js';
import { headerText } from './headers.js';
import { negotiates } from './contract/responses.js';

/** The detail of a 406: the types the route answers in. */
export const notAcceptable = (produces: readonly string[]): string =>
  `the Accept header accepts none of the types this endpoint answers in: ${produces.join(', ')}; send Accept: ${produces[0]} (or */*), or no Accept header`;

export function registerAcceptable(server: Server): void {
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    const produces = request.route.settings.app?.produces;
    if (!produces || !negotiates(produces)) return h.continue;
    const header = headerText(request, 'accept');
    if (header.trim() === '') return h.continue;
    if (acceptedType(header, produces as [string, ...string[]]) !== undefined) return h.continue;
    throw Boom.notAcceptable(notAcceptable(produces));
  });
}
