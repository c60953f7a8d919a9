/**
 * The web service: server-rendered pages in the NHS.UK design system, on the same hapi server as the API.
 * Assets are served locally (nhsuk-frontend from node_modules), nothing from a CDN. Pages render their
 * own HTML errors; the API keeps problem details.
 */
import type { ColumnMappingService } from '../services/column-mappings.js';
import { join } from 'node:path';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Boom } from '@hapi/boom';
import Inert from '@hapi/inert';
import Crumb from '@hapi/crumb';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { SessionService } from '../services/sessions.js';
import { DomainError, HTTP_STATUS } from '../services/errors.js';
import { isApiPath } from '../api-paths.js';
import { nhsukDist, templatesDir } from './render.js';
import { registerSessions, SESSION } from './session.js';
import { SignInLimiter, type SignInLimits } from './sign-in-limit.js';
import { registerCatalogueRoutes } from './catalogue-routes.js';
import { registerCodeListRoutes } from './code-list-routes.js';
import { registerDefinitionsRoutes } from './definitions-routes.js';
import { registerArtefactVersionPages } from './artefact-versions-routes.js';
import { registerValidateRoutes } from './validate-routes.js';
import { registerTrialPages } from './trial-routes.js';
import { registerQualityPages } from './quality-routes.js';
import { registerSubmissionPages } from './submissions-routes.js';
import { registerColumnMappingPages } from './column-mapping-routes.js';
import { page, shownMessage } from './page.js';
import { MAX_LENGTH as MAX_QUERY_VALUE, signInAddress } from './next-path.js';
import { refuseUnfitNames } from './static-names.js';

export interface WebDeps {
  standards: StandardsService;
  submissions: SubmissionService;
  sessions: SessionService;
  mappings: ColumnMappingService;
  cookieSecret?: string;
  secureCookies: boolean;
  /** A session's absolute lifetime (the cookie's too). */
  sessionMaxAgeMs: number;
  signInLimits: SignInLimits;
}

/** A parsed form's fields (an object hapi made from a urlencoded or JSON body), or undefined for a stream, a buffer or none. */
function formFields(payload: unknown): Record<string, unknown> | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || Buffer.isBuffer(payload)) return undefined;
  return Object.getPrototypeOf(payload) === Object.prototype || Object.getPrototypeOf(payload) === null ? (payload as Record<string, unknown>) : undefined;
}

/** A field or parameter name as a page repeats it: printable ASCII of at most 40 characters, else "a field". */
const shownField = (name: string): string => (/^[\x21-\x7e]{1,40}$/.test(name) ? name.replaceAll('"', "'") : 'a field');

export async function registerWeb(server: Server, deps: WebDeps): Promise<void> {
  await server.register(Inert);
  await server.register({
    plugin: Crumb,
    options: {
      key: 'crumb',
      restful: false,
      skip: (request: Request) => isApiPath(request.path) || request.path.startsWith('/assets/') || request.path.startsWith('/web/'),
      cookieOptions: { isSecure: deps.secureCookies, isHttpOnly: true, isSameSite: 'Lax', path: '/' },
    },
  });
  await registerSessions(server, deps.sessions, {
    ...(deps.cookieSecret ? { secret: deps.cookieSecret } : {}),
    secure: deps.secureCookies,
    maxAgeMs: deps.sessionMaxAgeMs,
    limiter: new SignInLimiter(deps.signInLimits),
  });
  server.route([
    {
      method: 'GET',
      path: '/assets/{path*}',
      options: { auth: false, ext: { onPreHandler: { method: refuseUnfitNames } } },
      handler: { directory: { path: join(nhsukDist, 'nhsuk', 'assets'), redirectToSlash: false } },
    },
    // Confined to nhsuk-frontend's folder (inert's default confines files to the working folder, which the
    // package need not be under: then the CSS and JS were refused with a 403).
    ...['nhsuk-frontend.min.css', 'nhsuk-frontend.min.js'].map((file) => ({
      method: 'GET' as const,
      path: `/assets/${file}`,
      options: { auth: false as const },
      handler: { file: { path: join(nhsukDist, 'nhsuk', file), confine: join(nhsukDist, 'nhsuk') } },
    })),
    {
      method: 'GET',
      path: '/web/{file}',
      options: { auth: false, ext: { onPreHandler: { method: refuseUnfitNames } } },
      handler: { directory: { path: join(templatesDir, '..', 'static') } },
    },
  ]);
  registerCatalogueRoutes(server, deps.standards);
  registerCodeListRoutes(server, deps.standards);
  registerDefinitionsRoutes(server, deps.standards);
  registerArtefactVersionPages(server, deps.standards);
  registerValidateRoutes(server, deps.standards, deps.submissions);
  registerTrialPages(server, deps.submissions);
  registerQualityPages(server, deps.standards, deps.submissions);
  registerSubmissionPages(server, deps.standards, deps.submissions);
  registerColumnMappingPages(server, deps.standards, deps.mappings);

  // A page reads each query parameter and each form field once: a repeated one is a mistake, answered as
  // such (never a 500, and never read as an empty field: a column mapping form sent with `columns` twice
  // once removed the saved mapping).
  server.ext('onPreHandler', (request: Request, h: ResponseToolkit) => {
    if (isApiPath(request.path)) return h.continue;
    const repeated = Object.entries(request.query).find(([, value]) => Array.isArray(value));
    if (repeated) throw new DomainError('invalid-input', `The address gives "${shownField(repeated[0])}" more than once; give it once.`);
    // A page repeats some of its query (a search in its box and its page links): none is longer than a `next`.
    const long = Object.entries(request.query).find(([, value]) => typeof value === 'string' && value.length > MAX_QUERY_VALUE);
    if (long) throw new DomainError('invalid-input', `The address gives "${shownField(long[0])}" longer than ${MAX_QUERY_VALUE} characters; shorten it.`);
    const fields = formFields(request.payload);
    const twice = fields && Object.entries(fields).find(([, value]) => Array.isArray(value));
    if (twice) throw new DomainError('invalid-input', `The form gives "${shownField(twice[0])}" more than once; send each field once.`);
    return h.continue;
  });

  // Errors on pages are pages: a heading, what went wrong, and a way on. The page replaces the error without
  // taking over, so the onPreResponse exts after this one (the security headers) still see it.
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response as Boom | { isBoom?: false };
    if (!('isBoom' in response) || !response.isBoom || isApiPath(request.path)) return h.continue;
    if (response.output.statusCode >= 500 && !(response instanceof DomainError)) request.log(['error'], { err: response.message, stack: response.stack });
    const status = response instanceof DomainError ? HTTP_STATUS[response.kind] : response.output.statusCode;
    if (status === 401 && !request.path.startsWith('/v1')) return h.redirect(signInAddress(`${request.url.pathname}${request.url.search}`));
    const heading =
      status === 404
        ? 'Page not found'
        : status === 403
          ? 'You cannot do that'
          : status >= 500
            ? 'Sorry, there is a problem with the service'
            : 'There is a problem';
    const detail =
      status >= 500
        ? 'Try again later.'
        : response instanceof DomainError
          ? response.message
          : status === 403 && response.output.payload.message?.includes('crumb')
            ? 'The form expired. Go back, reload the page and try again.'
            : response.output.payload.message;
    const answer = page(request, h, 'error.njk', { title: heading, heading, detail: typeof detail === 'string' ? shownMessage(detail) : detail }, status);
    // A refusal for now (a queue full): when to try again, as the API says.
    if (response instanceof DomainError && response.retryAfter !== undefined) answer.header('Retry-After', String(response.retryAfter));
    const allow = response.output.headers.Allow;
    return status === 405 && allow !== undefined ? answer.header('Allow', String(allow)) : answer;
  });

  // A page or download answered to a signed-in person (a session cookie, not an Authorization header, which
  // shared caches already refuse to store) is theirs alone: no shared cache, nor the browser's disk, may keep
  // it (docs/security.md). Registered after the error pages, so that an error page is covered too.
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    if (isApiPath(request.path) || !request.auth.isAuthenticated || request.auth.strategy !== 'session') return h.continue;
    const response = request.response as (Boom & { isBoom: true }) | { isBoom?: false; header(name: string, value: string): unknown };
    if (response.isBoom) response.output.headers['cache-control'] = SIGNED_IN_CACHE;
    else response.header('cache-control', SIGNED_IN_CACHE);
    return h.continue;
  });
}

/** The Cache-Control of everything shown to a signed-in person. */
export const SIGNED_IN_CACHE = 'private, no-store';

export { SESSION };
