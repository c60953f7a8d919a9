/**
 * Validating a file in the browser. Without JavaScript the form posts multipart/form-data; with it, a
 * small script sends the file itself as the request body (streamed, with a progress bar) to
 * /validate/upload, guarded by the same CSRF crumb in a header. Either way the report is stored for the
 * session's organisation and shown, scorecard included.
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Readable } from 'node:stream';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { Report } from '../validation/report-types.js';
import { formatFromFileName } from '../validation/input-format.js';
import { DomainError, HTTP_STATUS } from '../services/errors.js';
import { streamedBody } from '../body-timeout.js';
import { parseStandardRef } from '../registry/resolve.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { reportView } from './report-view.js';

const FORM_UPLOAD_BYTES = 256 * 1024 * 1024;

async function choices(standards: StandardsService) {
  const out: { value: string; text: string }[] = [];
  for (const { standard, versions } of await standards.catalogue()) {
    for (const v of [...versions].reverse()) {
      if (v.status === 'published' || v.status === 'deprecated')
        out.push({ value: `${standard.id}@${v.version}`, text: `${standard.title} ${v.version}${v.status === 'deprecated' ? ' (deprecated)' : ''}` });
    }
  }
  return out;
}

export function registerValidateRoutes(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  const form = async (request: Request, h: ResponseToolkit, errors?: { text: string; href: string }[], status = 200) => {
    const canValidate = submissions.canSubmit(principalOf(request)!);
    return page(
      request,
      h,
      'validate.njk',
      {
        title: 'Validate a file',
        standards: await choices(standards),
        errors,
        canValidate,
        selected: (request.payload as { standard?: string } | undefined)?.standard,
      },
      status,
    );
  };
  const run = async (
    request: Request,
    h: ResponseToolkit,
    standardRef: string,
    fileName: string,
    body: Readable,
    source: AsyncIterable<Buffer>,
    sizeHint?: number,
  ) => {
    const format = formatFromFileName(fileName);
    const { id: standardId, spec: versionSpec } = parseStandardRef(standardRef);
    if (!format) {
      body.resume();
      return form(request, h, [{ text: 'Choose a .json, .ndjson, .jsonl or .csv file (optionally .gz)', href: '#file' }], 400);
    }
    let report: Report;
    try {
      report = await submissions.submit({ standardId, versionSpec, format, source, ...(sizeHint !== undefined ? { sizeHint } : {}) }, principalOf(request)!);
    } catch (error) {
      // The rest of the body is not read: the answer closes the connection (hapi does, for a body still pending).
      if (error instanceof DomainError && error.kind === 'timeout') throw error;
      if (error instanceof DomainError && error.retryAfter !== undefined) {
        // Too many validations at once: the page says so, with the status and when to try again.
        const answer = await form(request, h, [{ text: error.message, href: '#file' }], HTTP_STATUS[error.kind]);
        return answer.header('Retry-After', String(error.retryAfter));
      }
      if (error instanceof DomainError) return form(request, h, [{ text: error.message, href: '#file' }], 400);
      throw error;
    }
    return page(request, h, 'report.njk', { title: 'Validation report', fileName, ...reportView(report) }, 201);
  };

  server.route([
    { method: 'GET', path: '/validate', options: { auth: SIGNED_IN }, handler: (request, h) => form(request, h) },
    {
      method: 'POST',
      path: '/validate',
      // hapi reads the whole form before the handler runs; a form that stalls ends with 408 (body-timeout.ts).
      options: { auth: SIGNED_IN, payload: { output: 'stream', parse: true, multipart: { output: 'stream' }, maxBytes: FORM_UPLOAD_BYTES, timeout: false } },
      handler: async (request, h) => {
        if (!submissions.canSubmit(principalOf(request)!))
          return form(request, h, [{ text: 'Authors cannot submit data; sign in with a supplier token', href: '#standard' }], 403);
        const payload = (request.payload ?? {}) as { standard?: string; file?: Readable & { hapi?: { filename?: string } } };
        if (!payload.standard) return form(request, h, [{ text: 'Choose a standard', href: '#standard' }], 400);
        const name = payload.file?.hapi?.filename ?? '';
        if (!payload.file || !name) return form(request, h, [{ text: 'Choose a file', href: '#file' }], 400);
        return run(request, h, payload.standard, name, payload.file, payload.file);
      },
    },
    {
      method: 'POST',
      path: '/validate/upload',
      options: {
        auth: SIGNED_IN,
        plugins: { crumb: false },
        payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false },
        timeout: { socket: false },
      },
      handler: async (request, h) => {
        // The crumb comes as a header here (the body is the file): it must match the crumb cookie.
        const crumb = (request.state as { crumb?: string }).crumb;
        if (!crumb || request.headers['x-csrf-token'] !== crumb) {
          (request.payload as Readable).resume();
          return h.response('The form has expired; reload the page').code(403);
        }
        if (!submissions.canSubmit(principalOf(request)!)) return h.response('Authors cannot submit data').code(403);
        const { standard, name } = request.query as { standard?: string; name?: string };
        const declared = request.headers['content-length'];
        const body = request.payload as Readable;
        return run(request, h, standard ?? '', name ?? '', body, streamedBody(request), declared !== undefined ? Number(declared) : undefined);
      },
    },
    {
      method: 'GET',
      path: '/submissions/{id}',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        const report = await submissions.get((request.params as { id: string }).id, principalOf(request)!);
        return page(request, h, 'report.njk', { title: 'Validation report', stored: true, ...reportView(report) });
      },
    },
  ]);
}
