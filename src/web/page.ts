/** Renders a page with what every page needs: the signed-in session (if any) and the CSRF crumb. */
import type { Request, ResponseToolkit } from '@hapi/hapi';
import { render } from './render.js';
import type { Principal } from '../services/access.js';
import { visibleText } from '../validation/visible-text.js';

/** What a signed-in page knows of its session (the principal is checked against the store on every request). */
export interface WebSession {
  /** The session's id (from the cookie); only its hash is stored. */
  sid: string;
  name: string;
  role: string;
  organisation: string | null;
}

export function sessionOf(request: Request): WebSession | undefined {
  return request.auth.isAuthenticated && request.auth.strategy === 'session' ? (request.auth.credentials as unknown as WebSession) : undefined;
}

/** The signed-in caller, as the services see it (the session is checked against its token on every request). */
export function principalOf(request: Request): Principal | undefined {
  return sessionOf(request) ? (request.auth.credentials as unknown as { principal: Principal }).principal : undefined;
}

export function page(request: Request, h: ResponseToolkit, template: string, context: Record<string, unknown>, status = 200) {
  const crumb = (request.plugins as { crumb?: string }).crumb;
  const html = render(template, { ...context, session: sessionOf(request), crumb });
  return h.response(html).type('text/html; charset=utf-8').code(status);
}

/**
 * A message a page repeats that may quote what the caller sent (a refusal naming a standard id, a field, a
 * file name): control, format and bidirectional characters escaped as `\u` and four hex digits, so a NUL,
 * an escape or an override in an address or form reaches the page as visible text, never as sent.
 */
export const shownMessage = (text: string): string => visibleText(text, true);
