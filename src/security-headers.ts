/**
 * Security headers on every response, pages and API alike. hapi's route `security` option (set as a server
 * default in app.ts, from `hapiSecurity`) gives X-Frame-Options DENY, X-Content-Type-Options nosniff,
 * Referrer-Policy same-origin, X-Download-Options and, when the service is served over HTTPS (secure
 * cookies), Strict-Transport-Security. This ext adds the Content-Security-Policy and Permissions-Policy:
 * pages may load scripts, styles, images and fonts from this site only (the NHS.UK webfont excepted), run no
 * inline script or style, be framed by no one and post forms only here; API responses may load nothing.
 */
import type { Request, ResponseToolkit, RouteOptions, Server } from '@hapi/hapi';
import type { Boom } from '@hapi/boom';
import { isApiPath } from './api-paths.js';

/** The NHS.UK frontend's CSS loads its Frutiger webfont from the NHS's asset server (it is licensed there only). */
const NHS_FONTS = 'https://assets.nhs.uk';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  `font-src 'self' ${NHS_FONTS}`,
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** One year; sent only when the service is served over HTTPS (browsers ignore it over plain HTTP anyway). */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/** hapi's own security headers, for the server's route defaults. */
export function hapiSecurity(https: boolean): NonNullable<RouteOptions['security']> {
  return {
    hsts: https ? { maxAge: HSTS_MAX_AGE, includeSubDomains: false } : false,
    xframe: 'deny',
    noSniff: true,
    noOpen: true,
    referrer: 'same-origin',
  };
}

/** Adds the CSP and Permissions-Policy; register it after every other onPreResponse ext (it decorates their answer). */
export function registerSecurityHeaders(server: Server): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response as (Boom & { isBoom: true }) | { isBoom?: false; header(name: string, value: string): unknown };
    const csp = isApiPath(request.path) ? API_CSP : PAGE_CSP;
    if (response.isBoom) {
      response.output.headers['content-security-policy'] = csp;
      response.output.headers['permissions-policy'] = PERMISSIONS_POLICY;
    } else {
      response.header('content-security-policy', csp);
      response.header('permissions-policy', PERMISSIONS_POLICY);
    }
    return h.continue;
  });
}
