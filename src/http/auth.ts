/**
 * Bearer tokens on the API: the access service says who a token is; the credentials carry the role as
 * hapi scope, so routes say which roles they allow. Tokens are never logged. Tokens that are not valid are
 * counted per client address and overall (services/failure-limit.ts): past either limit in a minute, a
 * token that is not valid is a 429 with Retry-After rather than a 401, telling a loop to back off. A valid
 * token is always served: behind a proxy every client shares one address, so refusing valid tokens there
 * would let one supplier's script with a revoked token lock every supplier out. A look-up is one hash and
 * one indexed read, the cost of any request (docs/security.md).
 */
import Boom from '@hapi/boom';
import type { Request, Server } from '@hapi/hapi';
import type { AccessService, Principal } from '../services/access.js';
import { DomainError } from '../services/errors.js';
import type { FailureLimiter } from '../services/failure-limit.js';
import { countWords } from '../validation/count-words.js';
import { headerText } from './headers.js';

export interface TokenCredentials {
  scope: Principal['role'][];
  principal: Principal;
}

/** The caller of an authenticated API route. */
export const principalOf = (request: Request): Principal => (request.auth.credentials as unknown as TokenCredentials).principal;

/** The refusal of a token that is not valid from an address (or from anyone) past the failure limits. */
function tooManyFailures(limiter: FailureLimiter, wait: number): DomainError {
  const overall = limiter.overall();
  const max = overall ? limiter.limits.total : limiter.limits.perAddress;
  const whose = overall ? 'this service has' : 'this address has';
  return new DomainError(
    'over-limit',
    `${whose} sent too many tokens that are not valid (at most ${countWords(max, 'failure')} a minute${overall ? ' from all addresses together' : ''}); check the token, and try again in ${countWords(wait, 'second')}; a valid token is always served`,
    [
      {
        limit: overall ? 'token-failures-total' : 'token-failures-per-address',
        max,
        detail: `at most ${countWords(max, 'request')} a minute with a token that is not valid${overall ? '' : ' from one address'}`,
      },
    ],
    wait,
  );
}

export function registerBearerAuth(server: Server, access: AccessService, limiter?: FailureLimiter): void {
  server.auth.scheme('conform-bearer', () => ({
    async authenticate(request, h) {
      const header = headerText(request, 'authorization');
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw Boom.unauthorized(null, 'Bearer');
      const principal = await access.authenticate(match[1]!);
      if (!principal) {
        const address = request.info.remoteAddress;
        const wait = limiter?.retryAfter(address) ?? 0;
        if (wait > 0) throw tooManyFailures(limiter!, wait);
        limiter?.failed(address);
        throw Boom.unauthorized('the token is not valid or has been revoked', 'Bearer');
      }
      const credentials: TokenCredentials = { scope: [principal.role], principal };
      return h.authenticated({ credentials: credentials as unknown as Record<string, unknown> });
    },
  }));
  server.auth.strategy('bearer', 'conform-bearer');
}
