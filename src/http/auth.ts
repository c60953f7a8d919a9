/**
 * Bearer tokens: the token is hashed (SHA-256) and looked up in the store; only live tokens pass. The
 * credentials carry the role as hapi scope, so routes say which roles they allow. Tokens are never logged.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import type { Role, Store, StoredToken } from '../store/types.js';

export const hashToken = (token: string): string => `sha256:${createHash('sha256').update(token).digest('hex')}`;

/** A new token: shown once to its owner, stored only as its hash. */
export function newToken(): { id: string; token: string; hash: string } {
  const token = `cfm_${randomBytes(24).toString('base64url')}`;
  return { id: randomUUID(), token, hash: hashToken(token) };
}

export async function issueToken(store: Store, spec: { name: string; role: Role; organisation: string | null }, actor: string): Promise<{ token: string; stored: StoredToken }> {
  const { id, token, hash } = newToken();
  const stored = await store.createToken({ id, hash, ...spec }, actor);
  return { token, stored };
}

export interface TokenCredentials {
  scope: Role[];
  token: StoredToken;
  /** The name used in audit entries. */
  actor: string;
}

export function registerBearerAuth(server: Server, store: Store): void {
  server.auth.scheme('conform-bearer', () => ({
    async authenticate(request, h) {
      const header = String(request.headers.authorization ?? '');
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw Boom.unauthorized(null, 'Bearer');
      const token = await store.findToken(hashToken(match[1]!));
      if (!token) throw Boom.unauthorized('the token is not valid or has been revoked', 'Bearer');
      const credentials: TokenCredentials = { scope: [token.role], token, actor: `${token.role}:${token.name} (${token.id})` };
      return h.authenticated({ credentials: credentials as unknown as Record<string, unknown> });
    },
  }));
  server.auth.strategy('bearer', 'conform-bearer');
}
