/**
 * Validating a file in the browser. Without JavaScript the form posts multipart/form-data, read as a
 * stream (multipart-form.ts: the crumb field is checked against the crumb cookie before the file is read,
 * and the file flows into the submission without being held whole); with it, a small script sends the file
 * itself as the request body (streamed, with a progress bar) to /validate/upload, guarded by the same CSRF
 * crumb in a header. Either way the person chooses a trial run (nothing is stored; the report is held in
 * memory for a while at /trials/{id}, trial-routes.ts) or a submission (the report is stored for the
 * session's organisation, at /submissions/{id}); the browser lands on the report's address, scorecard
 * included, and the submission service's size limit applies (counted after decompression).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import { Readable } from 'node:stream';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { Report } from '../validation/report-types.js';
import { declaredCharsets } from '../validation/readers/charset.js';
import { DomainError, HTTP_STATUS } from '../services/errors.js';
import { bodyStopped, streamedBody } from '../body-timeout.js';
import { clientGone } from '../client-gone.js';
import { parseStandardRef } from '../registry/resolve.js';
import { page, principalOf, shownMessage } from './page.js';
import { SIGNED_IN } from './session.js';
import { contextView, reportView } from './report-view.js';
import { findingsCsvPieces } from '../validation/findings-csv.js';
import { untilAnswered } from '../answer-sent.js';
import { ackDownload, csvDownload } from '../downloads.js';
import { trialPage } from './trial-routes.js';
import { FormError, readUploadForm } from './multipart-form.js';
import { askedVersion, STANDARDS_LISTED, validateChoices, VERSIONS_PER_STANDARD } from './validate-choices.js';

/** Whether a crumb sent with a form or header is the one in this browser's crumb cookie. */
function crumbMatches(request: Request, sent: unknown): boolean {
  const expected = (request.state as { crumb?: unknown }).crumb;
  if (typeof expected !== 'string' || typeof sent !== 'string' || expected.length === 0) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A trial run (nothing stored) or a submission (stored; counts in quality). */
type Act = 'trial' | 'submit';

/** What the person chose on the form, kept when it comes back with an error. */
interface Chosen {
  standard?: string;
  period?: string;
  act?: Act;
}

/** The form's choice; a post without one (a client from before the choice existed) submits, as it always did. */
const actOf = (value: unknown): Act => (value === 'trial' ? 'trial' : 'submit');

/** A period refusal as the form says it: a sentence that starts with a capital. */
const periodMessage = (message: string): string => message[0]!.toUpperCase() + message.slice(1);

export function registerValidateRoutes(server: Server, standards: StandardsService, submissions: SubmissionService): void {
  /** A stored report's page: the report, and the withdraw form for those who may withdraw it. */
  const storedPage = (request: Request, report: Report) => ({
    context: contextView(report),
    title: 'Validation report',
    stored: true,
    canWithdraw: submissions.canSubmit(principalOf(request)!),
    ...reportView(report),
  });

  /**
   * The form, keeping what the person chose (standard, period, trial or submit) when it comes back with an
   * error; `asked` is a version the page's address asked for (listed even when older than the drop-down's).
   */
  const choicesView = async (wanted?: { ref: string; status?: string; title?: string }) => {
    const { choices, more } = await validateChoices(standards, wanted);
    return { standards: choices, moreStandards: more };
  };
  const form = async (
    request: Request,
    h: ResponseToolkit,
    refusals?: { text: string; href: string }[],
    status = 200,
    chosen: Chosen = {},
    asked?: { ref: string; status: string; title: string },
  ) => {
    const errors = refusals?.map((e) => ({ ...e, text: shownMessage(e.text) }));
    const canValidate = submissions.canSubmit(principalOf(request)!);
    return page(
      request,
      h,
      'validate.njk',
      {
        title: 'Validate a file',
        ...(await choicesView(asked ?? (chosen.standard ? { ref: chosen.standard } : undefined))),
        versionsPerStandard: VERSIONS_PER_STANDARD,
        standardsListed: STANDARDS_LISTED,
        errors,
        canValidate,
        trialMinutes: submissions.trialMinutes,
        sizeLimit: submissions.sizeLimit,
        selected: chosen.standard,
        period: chosen.period,
        act: chosen.act,
        standardError: errors?.find((e) => e.href === '#standard')?.text,
        periodError: errors?.find((e) => e.href === '#period')?.text,
        fileError: errors?.find((e) => e.href !== '#period' && e.href !== '#standard')?.text,
      },
      status,
    );
  };
  /**
   * Validates the file as a trial run (nothing stored) or a submission (the report stored); a refusal is
   * shown on the form (and the rest of the body is read and dropped).
   */
  const run = async (
    request: Request,
    h: ResponseToolkit,
    upload: {
      standardRef: string;
      fileName: string;
      period?: string;
      act: Act;
      source: AsyncIterable<Buffer> | Readable;
      /** The charsets the file was declared in (validation/readers/charset.ts judges them once the version is known), and where. */
      charsets: readonly string[];
      charsetHeader: string;
      sizeHint?: number;
      /** The body was declared gzip (Content-Encoding): it must be gzip. */
      declaredGzip?: boolean;
      discard: () => void;
      /** How the browser is sent to the stored report: a 303 (the form), or a Location the script follows. */
      navigate: 'redirect' | 'script';
    },
  ) => {
    const { standardRef, fileName, source, sizeHint, discard, act } = upload;
    // An empty period field declares none.
    const period = upload.period?.trim() || undefined;
    const refuse = (text: string, href: string, status: number) =>
      form(request, h, [{ text, href }], status, { standard: standardRef, ...(period !== undefined ? { period } : {}), act });
    let report: Report;
    try {
      const { id: standardId, spec: versionSpec } = parseStandardRef(standardRef);
      // A form declares no format: the file's name says it, by the rule every face follows, with what the
      // version says of its own files' names (services/submission-format.ts); decided before the body is read.
      const validation = {
        standardId,
        versionSpec,
        source,
        charsets: upload.charsets,
        charsetHeader: upload.charsetHeader,
        fileName, // also checked against the standard's file-name convention, where it has one
        ...(period !== undefined ? { period } : {}),
        ...(sizeHint !== undefined ? { sizeHint } : {}),
        ...(upload.declaredGzip === true ? { declaredGzip: true } : {}),
        signal: clientGone(request),
      };
      report = act === 'trial' ? await submissions.trial(validation, principalOf(request)!) : await submissions.submit(validation, principalOf(request)!);
    } catch (error) {
      // A stalled (408) or cut-short (400) body and a refusal before reading (429/503) do not read the rest of
      // the body: the answer closes the connection. Any other refusal reads and drops the rest, so the browser sees it.
      const stopped = bodyStopped(request.raw.req);
      if (stopped !== undefined) throw stopped;
      if (error instanceof DomainError && (error.kind === 'timeout' || error.kind === 'client-closed')) throw error;
      if (error instanceof DomainError && error.retryAfter !== undefined) {
        const answer = await refuse(error.message, '#file', HTTP_STATUS[error.kind]);
        return answer.header('Retry-After', String(error.retryAfter));
      }
      discard();
      if (error instanceof FormError) return refuse(error.message, error.href, error.status);
      if (error instanceof DomainError) {
        const aboutPeriod = error.errors.some((e) => e.name === 'period');
        return refuse(aboutPeriod ? periodMessage(error.message) : error.message, aboutPeriod ? '#period' : '#file', HTTP_STATUS[error.kind]);
      }
      throw error;
    }
    // A trial report too large to hold has no address: this answer is its only copy.
    if (act === 'trial' && !report.trial) return page(request, h, 'report.njk', trialPage(report, submissions.trialMinutes), 200);
    // The report has its own address (a stored one, or a trial held for a while): the browser goes there
    // (303 after the form's POST), so a refresh shows the same report. The script's upload is told where, and navigates.
    const location = report.trial ? `/trials/${report.trial.id}` : `/submissions/${report.submission!.id}`;
    if (upload.navigate === 'script') {
      return h.response({ location }).code(201).header('Location', location);
    }
    return h.redirect(location).code(303);
  };

  server.route([
    {
      method: 'GET',
      path: '/validate',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        // `?standard=<id>@<version>` (a version's page links here) chooses that version, listed however old.
        const asked = await askedVersion(standards, request.query);
        if (asked && 'refusal' in asked) return form(request, h, [{ text: asked.refusal, href: '#standard' }], 404);
        return form(request, h, undefined, 200, asked ? { standard: asked.ref } : {}, asked);
      },
    },
    {
      method: 'POST',
      path: '/validate',
      options: {
        auth: SIGNED_IN,
        // The crumb is a field of the streamed form, checked below before the file is read.
        plugins: { crumb: false },
        payload: { output: 'stream', parse: false, maxBytes: Number.MAX_SAFE_INTEGER, timeout: false },
        timeout: { socket: false },
      },
      handler: async (request, h) => {
        // Read through streamedBody, so a form that stalls ends with 408 (body-timeout.ts).
        const body = Readable.from(streamedBody(request), { objectMode: false });
        if (!submissions.canSubmit(principalOf(request)!))
          return form(request, h, [{ text: 'Authors cannot submit data; sign in with a supplier token', href: '#standard' }], 403);
        // A form is read as sent (browsers never compress one): a compressed form would be read as plain
        // bytes. The file in it may be gzip, recognised by its content.
        if (request.raw.req.headers['content-encoding'] !== undefined)
          return form(
            request,
            h,
            [{ text: 'The form was sent compressed (Content-Encoding); send it uncompressed (the file in it may be a .gz file)', href: '#file' }],
            415,
          );
        let upload;
        try {
          upload = await readUploadForm(body, request.raw.req.headers, (fields) => {
            if (!crumbMatches(request, fields.crumb)) throw Boom.forbidden('The crumb of the form does not match its cookie');
          });
        } catch (error) {
          if (error instanceof FormError) return form(request, h, [{ text: error.message, href: error.href }], error.status);
          throw error;
        }
        const { fields, file, abandon } = upload;
        // The fields after the file cannot be checked before the file is read, so none are allowed; a form
        // without a file was read to its end, and its crumb is checked here.
        if (!file && !crumbMatches(request, fields.crumb)) throw Boom.forbidden('The crumb of the form does not match its cookie');
        const act = actOf(fields.act);
        const chosen = { ...(fields.standard ? { standard: fields.standard } : {}), ...(fields.period !== undefined ? { period: fields.period } : {}), act };
        if (!fields.standard) {
          abandon(false);
          return form(request, h, [{ text: 'Choose a standard', href: '#standard' }], 400, chosen);
        }
        if (!file) {
          abandon(false);
          return form(request, h, [{ text: 'Choose a file', href: '#file' }], 400, chosen);
        }
        return run(request, h, {
          standardRef: fields.standard,
          fileName: file.name,
          act,
          ...(fields.period !== undefined ? { period: fields.period } : {}),
          source: file.source,
          charsets: file.charsets,
          charsetHeader: "the Content-Type header of the form's file part",
          discard: () => abandon(true),
          navigate: 'redirect',
        });
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
        // The crumb comes as a header here (the body is the file): it must match the crumb cookie. A refusal
        // is the form with what is wrong, as every other answer but the report's address: the script shows it.
        if (!crumbMatches(request, request.headers['x-csrf-token'])) {
          (request.payload as Readable).resume();
          return form(request, h, [{ text: 'The form has expired; reload the page and choose the file again', href: '#file' }], 403);
        }
        if (!submissions.canSubmit(principalOf(request)!))
          return form(request, h, [{ text: 'Authors cannot submit data; sign in with a supplier token', href: '#standard' }], 403);
        const { standard, name, period, act } = request.query as { standard?: string; name?: string; period?: string; act?: string };
        const declared = request.headers['content-length'];
        const body = request.payload as Readable;
        return run(request, h, {
          standardRef: standard ?? '',
          fileName: name ?? '',
          act: actOf(act),
          ...(period !== undefined ? { period } : {}),
          source: streamedBody(request),
          charsets: declaredCharsets(request.raw.req.headers['content-type'] ?? ''),
          charsetHeader: 'the Content-Type header',
          ...(declared !== undefined ? { sizeHint: Number(declared) } : {}),
          // body-coding.ts has refused any coding but gzip, and named it so.
          ...(request.raw.req.headers['content-encoding'] === 'gzip' ? { declaredGzip: true } : {}),
          discard: () => body.resume(),
          navigate: 'script',
        });
      },
    },
    {
      method: 'GET',
      path: '/submissions/{id}',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        const report = await submissions.get((request.params as { id: string }).id, principalOf(request)!, untilAnswered(request));
        return page(request, h, 'report.njk', storedPage(request, report));
      },
    },
    {
      method: 'GET',
      path: '/submissions/{id}/findings.csv',
      options: { auth: SIGNED_IN },
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const report = await submissions.get(id, principalOf(request)!, untilAnswered(request));
        return csvDownload(h, findingsCsvPieces(report), `findings-${id}.csv`);
      },
    },
    // A stored batch file's BusAck (CSV and JSON) and InfAck, as the national pipeline would answer (SubmissionService.acknowledgement).
    ...(['busack', 'busack-json', 'infack'] as const).map((kind) => ({
      method: 'GET' as const,
      path: `/submissions/{id}/${kind === 'busack-json' ? 'busack.json' : `${kind}.csv`}`,
      options: { auth: SIGNED_IN },
      handler: async (request: Request, h: ResponseToolkit) =>
        ackDownload(h, await submissions.acknowledgement((request.params as { id: string }).id, kind, principalOf(request)!, untilAnswered(request))),
    })),
    {
      // The withdraw form on a stored report (partials/withdraw.njk); the crumb plugin checks its crumb.
      method: 'POST',
      path: '/submissions/{id}/withdrawal',
      options: { auth: SIGNED_IN, payload: { maxBytes: 8 * 1024 } },
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const given = (request.payload as { reason?: unknown } | null)?.reason;
        const reason = typeof given === 'string' ? given : '';
        try {
          await submissions.withdraw(id, reason, principalOf(request)!);
        } catch (error) {
          if (!(error instanceof DomainError) || error.kind !== 'invalid-input') throw error;
          const report = await submissions.get(id, principalOf(request)!, untilAnswered(request));
          const message = 'Give a reason for withdrawing, of at most 500 characters';
          return page(
            request,
            h,
            'report.njk',
            { ...storedPage(request, report), errors: [{ text: message, href: '#reason' }], withdrawError: message, reason: reason.slice(0, 500) },
            400,
          );
        }
        return h.redirect(`/submissions/${id}#withdrawn`).code(303);
      },
    },
  ]);
}
