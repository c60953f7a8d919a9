/**
 * Bearer tokens on the API: the access service says who a token is; the credentials carry the role as
 * hapi scope, so routes say which roles they allow. Tokens are never logged.
 */
import Boom from '@hapi/boom';
import type { Request, Server } from '@hapi/hapi';
import type { AccessService, Principal } from '../services/access.js';
import { headerText } from './headers.js';

export interface TokenCredentials {
  scope: Principal['role'][];
  principal: Principal;
}

/** The caller of an authenticated API route. */
export const principalOf = (request: Request): Principal => (request.auth.credentials as unknown as TokenCredentials).principal;

export function registerBearerAuth(server: Server, access: AccessService): void {
  server.auth.scheme('conform-bearer', () => ({
    async authenticate(request, h) {
      const header = headerText(request, 'authorization');
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw Boom.unauthorized(null, 'Bearer');
      const principal = await access.authenticate(match[1]!);
      if (!principal) throw Boom.unauthorized('the token is not valid or has been revoked', 'Bearer');
      const credentials: TokenCredentials = { scope: [principal.role], principal };
      return h.authenticated({ credentials: credentials as unknown as Record<string, unknown> });
    },
  }));
  server.auth.strategy('bearer', 'conform-bearer');
}
