/**
 * A trial run's report page (/trials/{id}) and its findings download (and a batch file's BusAck and InfAck), while the server that ran it holds
 * it (services/trial-reports.ts: in memory, for a limited time, for the caller's organisation only, never
 * stored). An expired, unknown or someone else's id is a 404 page that says what happened and leads back
 * to /validate.
 */
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { SubmissionService } from '../services/submissions.js';
import type { Report } from '../validation/report-types.js';
import { DomainError } from '../services/errors.js';
import { findingsCsvPieces } from '../validation/findings-csv.js';
import { ackDownload, csvDownload } from '../downloads.js';
import { page, principalOf } from './page.js';
import { SIGNED_IN } from './session.js';
import { reportView } from './report-view.js';
import { countWords } from '../validation/count-words.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the trial notice says: how long the report is kept, and until when. */
function trialNotice(report: Report, minutes: number | undefined) {
  if (!report.trial) return {};
  const expires = new Date(report.trial.expiresAt);
  return {
    minutes,
    expiresIso: report.trial.expiresAt,
    expiresText: expires.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }),
  };
}

/** The report page of a trial run: at its address when held, or (too large to hold) as the upload's answer. */
export const trialPage = (report: Report, minutes: number | undefined) => ({
  title: 'Trial validation report',
  fileName: report.trial?.fileName ?? undefined,
  trial: trialNotice(report, minutes),
  ...reportView(report),
});

export function registerTrialPages(server: Server, submissions: SubmissionService): void {
  /**
   * The held report of the caller's, or a 404 page saying what happened to it. What `answer` throws is the
   * plugin's to answer (a held report without acknowledgement files: a 404 saying so, as for a submission).
   */
  const held = (request: Request, h: ResponseToolkit, answer: (report: Report, id: string) => ReturnType<ResponseToolkit['response']>) => {
    const { id } = request.params as { id: string };
    let report: Report;
    try {
      if (!UUID.test(id)) throw new DomainError('not-found', 'not a trial report id');
      report = submissions.heldTrial(id, principalOf(request)!);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not-found') throw error;
      const minutes = submissions.trialMinutes ?? 0;
      return page(
        request,
        h,
        'error.njk',
        {
          title: 'Trial report not found',
          heading: 'This trial report is no longer here',
          detail: `A trial run's report is kept for ${countWords(minutes, 'minute')}, only on the server that ran it and only for its organisation, and is never stored. It has expired, was made room for, or was never here. Nothing from the trial was kept: to see the report again, validate the file again.`,
          next: { href: '/validate', text: 'Validate a file' },
        },
        404,
      );
    }
    return answer(report, id);
  };

  server.route([
    {
      method: 'GET',
      path: '/trials/{id}',
      options: { auth: SIGNED_IN },
      handler: (request, h) => held(request, h, (report) => page(request, h, 'report.njk', trialPage(report, submissions.trialMinutes))),
    },
    {
      method: 'GET',
      path: '/trials/{id}/findings.csv',
      options: { auth: SIGNED_IN },
      handler: (request, h) => held(request, h, (report, id) => csvDownload(h, findingsCsvPieces(report), `trial-findings-${id}.csv`)),
    },
    // A held batch file's BusAck (CSV and JSON) and InfAck, as the national pipeline would answer (SubmissionService.trialAcknowledgement).
    ...(['busack', 'busack-json', 'infack'] as const).map((kind) => ({
      method: 'GET' as const,
      path: `/trials/{id}/${kind === 'busack-json' ? 'busack.json' : `${kind}.csv`}`,
      options: { auth: SIGNED_IN },
      handler: (request: Request, h: ResponseToolkit) =>
        held(request, h, (_report, id) => ackDownload(h, submissions.trialAcknowledgement(id, kind, principalOf(request)!))),
    })),
  ]);
}
