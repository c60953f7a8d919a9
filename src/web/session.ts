/**
 * Signing in: a supplier, author or admin exchanges its API token for a session cookie (encrypted with
 * iron, HttpOnly, SameSite=Lax, Secure unless CONFORM_COOKIE_INSECURE). The cookie holds the token's hash,
 * so a revoked token ends its sessions. Forms carry a CSRF crumb (@hapi/crumb).
 */
import './hapi-augment.js';
import { randomBytes } from 'node:crypto';
import type { Server } from '@hapi/hapi';
import Cookie from '@hapi/cookie';
import { hashToken, type AccessService } from '../services/access.js';
import { page, type WebSession } from './page.js';

export const SESSION = { strategy: 'session', mode: 'try' } as const;
export const SIGNED_IN = { strategy: 'session', mode: 'required' } as const;

export async function registerSessions(server: Server, access: AccessService, options: { secret?: string; secure: boolean }): Promise<void> {
  await server.register(Cookie);
  server.auth.strategy('session', 'cookie', {
    cookie: {
      name: 'conform_session',
      password: options.secret ?? randomBytes(32).toString('hex'),
      isSecure: options.secure,
      isHttpOnly: true,
      isSameSite: 'Lax',
      path: '/',
      ttl: 8 * 60 * 60 * 1000,
    },
    redirectTo: '/sign-in',
    appendNext: true,
    validate: async (_request: unknown, session: WebSession) => {
      const principal = await access.authenticateHash(session.tokenHash);
      return principal
        ? { isValid: true, credentials: { ...session, role: principal.role, organisation: principal.organisation, principal } }
        : { isValid: false };
    },
  });

  server.route([
    {
      method: 'GET',
      path: '/sign-in',
      options: { auth: SESSION },
      handler: (request, h) => page(request, h, 'sign-in.njk', { title: 'Sign in', next: (request.query as { next?: string }).next ?? '/validate' }),
    },
    {
      method: 'POST',
      path: '/sign-in',
      options: { auth: SESSION, payload: { maxBytes: 16 * 1024 } },
      handler: async (request, h) => {
        const { token, next } = (request.payload ?? {}) as { token?: string; next?: string };
        const found = token ? await access.authenticate(token) : undefined;
        if (!found) {
          const errors = [{ text: token ? 'The token is not valid or has been revoked' : 'Enter your token', href: '#token' }];
          return page(request, h, 'sign-in.njk', { title: 'Sign in', errors, next }, token ? 401 : 400);
        }
        request.cookieAuth.set({
          tokenHash: hashToken(token!.trim()),
          name: found.name,
          role: found.role,
          organisation: found.organisation,
        } satisfies WebSession);
        const target = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/validate';
        return h.redirect(target);
      },
    },
    {
      method: 'POST',
      path: '/sign-out',
      options: { auth: SESSION },
      handler: (request, h) => {
        request.cookieAuth.clear();
        return h.redirect('/');
      },
    },
  ]);
}
