/**
 * Signing in: a supplier, author or admin exchanges its API token for a session. Sessions are kept in the
 * store (SessionService), so signing out ends one everywhere and every replica sees it; the cookie (sealed
 * with iron, HttpOnly, SameSite=Lax, Secure unless CONFORM_COOKIE_INSECURE) carries only the session's
 * random id, checked on every request. Failed sign-ins are limited per address and overall (SignInLimiter).
 * After signing in the browser goes only to a path on this site (safeNext). Forms carry a CSRF crumb.
 */
import './hapi-augment.js';
import { randomBytes } from 'node:crypto';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import Cookie from '@hapi/cookie';
import type { SessionService } from '../services/sessions.js';
import { TOKEN_PREFIX } from '../services/access.js';
import { page, type WebSession } from './page.js';
import { safeNext, signInAddress } from './next-path.js';
import type { SignInLimiter } from './sign-in-limit.js';
import { countWords } from '../validation/count-words.js';

export const SESSION = { strategy: 'session', mode: 'try' } as const;
export const SIGNED_IN = { strategy: 'session', mode: 'required' } as const;

export interface SessionOptions {
  secret?: string;
  secure: boolean;
  /** The cookie's lifetime: the session's absolute lifetime. */
  maxAgeMs: number;
  limiter: SignInLimiter;
}

interface SessionCookie {
  sid: string;
}

const sidOf = (request: Request): string | undefined => {
  const credentials = request.auth.isAuthenticated && request.auth.strategy === 'session' ? (request.auth.credentials as Partial<WebSession>) : undefined;
  return credentials?.sid;
};

export async function registerSessions(server: Server, sessions: SessionService, options: SessionOptions): Promise<void> {
  await server.register(Cookie);
  server.auth.strategy('session', 'cookie', {
    cookie: {
      name: 'conform_session',
      password: options.secret ?? randomBytes(32).toString('hex'),
      isSecure: options.secure,
      isHttpOnly: true,
      isSameSite: 'Lax',
      path: '/',
      ttl: options.maxAgeMs,
    },
    // To sign-in with `next` (path and query), unless that is too long to keep (next-path.ts).
    redirectTo: (request: Request) => signInAddress(`${request.url.pathname}${request.url.search}`),
    appendNext: false,
    validate: async (_request: unknown, cookie: Partial<SessionCookie>) => {
      const principal = typeof cookie.sid === 'string' ? await sessions.resume(cookie.sid) : undefined;
      if (!principal) return { isValid: false };
      const credentials: WebSession & { principal: typeof principal } = {
        sid: cookie.sid!,
        name: principal.name,
        role: principal.role,
        organisation: principal.organisation,
        principal,
      };
      return { isValid: true, credentials };
    },
  });

  const signInPage = (request: Request, h: ResponseToolkit, context: Record<string, unknown>, status = 200) =>
    page(request, h, 'sign-in.njk', { title: 'Sign in', ...context }, status);

  server.route([
    {
      method: 'GET',
      path: '/sign-in',
      options: { auth: SESSION },
      handler: (request, h) => signInPage(request, h, { next: safeNext((request.query as { next?: unknown }).next) }),
    },
    {
      method: 'POST',
      path: '/sign-in',
      options: { auth: SESSION, payload: { maxBytes: 16 * 1024 } },
      handler: async (request, h) => {
        const { token, next } = (request.payload ?? {}) as { token?: unknown; next?: unknown };
        const target = safeNext(next);
        if (typeof token !== 'string' || token.trim() === '') {
          return signInPage(request, h, { errors: [{ text: 'Enter your token', href: '#token' }], next: target }, 400);
        }
        // A token pasted with white space around it, or as an Authorization header gives it ("Bearer cfm_…",
        // from an API example), is still the token.
        const pasted = token.trim().replace(/^bearer\s+/i, '');
        // A valid token always signs in, whoever failed before it: behind a proxy every person shares one
        // address, so a limit that refused valid tokens let ten mistyped tokens lock everyone out for the minute.
        const started = await sessions.start(pasted);
        if (!started) {
          const address = request.info.remoteAddress;
          const wait = options.limiter.retryAfter(address);
          if (wait > 0) {
            const detail = `There have been too many failed attempts to sign in. Check the token, wait ${countWords(wait, 'second')}, then try again.`;
            return page(request, h, 'error.njk', { title: 'Too many attempts to sign in', heading: 'Too many attempts to sign in', detail }, 429).header(
              'retry-after',
              String(wait),
            );
          }
          options.limiter.failed(address);
          // Said apart: text that is no token at all (a name, an ODS code, a token's id) from a token that was.
          const text = pasted.startsWith(TOKEN_PREFIX)
            ? 'The token is not valid or has been revoked: check that you pasted all of it, or ask whoever issued it for a new one'
            : `The token is not valid or has been revoked: a token begins "${TOKEN_PREFIX}" and is shown once, when it is created (not its id, which the tokens list shows)`;
          return signInPage(request, h, { errors: [{ text, href: '#token' }], next: target }, 401);
        }
        // Signing in again in the same browser ends the session it had.
        const previous = sidOf(request);
        if (previous) await sessions.end(previous);
        request.cookieAuth.set({ sid: started.id } satisfies SessionCookie);
        return h.redirect(target);
      },
    },
    {
      method: 'POST',
      path: '/sign-out',
      options: { auth: SESSION },
      handler: async (request, h) => {
        const sid = sidOf(request);
        if (sid) await sessions.end(sid);
        request.cookieAuth.clear();
        return h.redirect('/');
      },
    },
  ]);
}
