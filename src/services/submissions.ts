/**
 * Submissions: the one `validate` used by the API, the web pages and the CLI (resolve the version,
 * refuse a retired one, warn on a deprecated one, stream the data through the engine with the scorecard
 * in the same pass, on worker threads by one policy), storing the report (never the data) when the
 * caller submits, and reading stored reports and quality trends under ONE visibility rule: a supplier
 * sees only its own organisation's submissions; authors and admins see all. A submission may name its
 * reporting period (reporting-period.ts): the period is checked against the standard, judges timeliness,
 * travels to the engine with the time of receipt, and is stored and reported with the submission.
 */
import { randomUUID } from 'node:crypto';
import semver from 'semver';
import type { Store, StoredSubmission, Withdrawal } from '../store/types.js';
import { ReportReader, ReportReadFailed } from './report-reader.js';
import { validateStream } from '../validation/validate.js';
import { addFindings } from '../validation/report-builder.js';
import { setOutcomes } from '../validation/row-outcomes.js';
import { ackFileName, busAckJson, busAckLines, infAck, inPieces, type AckKind } from '../validation/ack-file.js';
import { InputError, StackExceeded, ThreadLost, ThreadOutOfMemory, ThreadTimeout } from '../validation/errors.js';
import { isUnreadable, noBusAckReason } from '../validation/file-outcome.js';
import type { InputFormat, Report, ReportPeriod } from '../validation/report-types.js';
import type { ValidationContext } from '../validation/context.js';
import type { ReportingPeriod } from '../quality/period.js';
import { submissionPeriod } from './reporting-period.js';
import { scorecardPass } from '../quality/observer.js';
import { fileStamp } from '../quality/file-stamp.js';
import type { Scorecard } from '../quality/types.js';
import { qualityTrends } from '../quality/trends.js';
import { subtractDurationUk } from '../quality/deadline.js';
import { checkFindingsCap } from './findings-cap.js';
import { DomainError } from './errors.js';
import { bodyEncoding, charsetRefusal } from '../validation/readers/charset.js';
import { badFreeText, FREE_TEXT_RULE } from './free-text.js';
import { requireRole, type Principal } from './access.js';
import type { ResolvedVersion, VersionSource } from './version-source.js';
import { laneFor } from './worker-policy.js';
import { submissionFormat, versionFiles } from './submission-format.js';
import { decodeCursor, pageOf } from './cursor.js';
import { sanitiseFileName, submitterName } from './submission-file.js';
import type { WorkerPool } from '../validation/parallel/pool.js';
import type { Admission } from './admission.js';
import type { SubmissionRate } from './submission-rate.js';
import type { CompileGate } from './compile-gate.js';
import type { ColumnMappingService } from './column-mappings.js';
import type { SuggestionService } from './suggestions.js';
import { renameCsvHeader, type Renamed } from './column-rename.js';
import { SAMPLE_BYTES } from '../validation/sample-fields.js';
import { declaredGzip, tooLargeWords, type InputCounters } from '../validation/input.js';
import { sizeWords } from '../validation/size-words.js';
import type { TrialReports } from './trial-reports.js';
import { reportFieldTitles } from '../validation/field-label.js';
import { countWords } from '../validation/count-words.js';

export interface ValidationRequest {
  standardId: string;
  /** Exact, `latest`, or a major or minor. */
  versionSpec: string;
  /**
   * The format declared (the API's Content-Type, the CLI's --format); when absent, the file's name says it,
   * by the rule every face follows with what the version says of its own files' names (submission-format.ts).
   */
  format?: InputFormat;
  /** For a face that can declare a format, how (appended to the refusal of a name that says none). */
  formatHint?: string;
  /**
   * The charsets the body was declared in (its Content-Type's `charset` parameters, lower case): one the
   * version's reader does not read is refused (415) before a byte is read (validation/readers/charset.ts).
   */
  charsets?: readonly string[];
  /** Where the charsets were declared, for the refusal's detail (default `the Content-Type header`; a form's file part says so). */
  charsetHeader?: string;
  /** The reporting period the file is for, as its id (2026-11, 2026-Q3, 2026-27-Q1, 2026-27, 2026-04-01/2026-06-30). */
  period?: string;
  /** The file's name, when known: stored sanitised and shown with the report, and checked against the standard's file-name convention (a `file-name` finding). */
  fileName?: string;
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  /** The body was declared gzip (Content-Encoding: gzip): a body that is not gzip is refused, not read as plain text. */
  declaredGzip?: boolean;
  /**
   * The body's size when known (Content-Length, a file's size), for the worker policy, and (a body not
   * declared gzip) to size the scorecard's key set for the records it holds (parallel.ts).
   */
  sizeHint?: number;
  /** Overrides the worker policy: 0 validates on this thread, more on the pool in pieces (the CLI's --workers n, n > 0). */
  workers?: number;
  maxFindings?: number;
  /**
   * When the data was received and the reporting period it is for (the cross-field rules use them);
   * when absent, the time of the validation and no period.
   */
  context?: ValidationContext;
  onProgress?: (progress: { bytes: number; records: number }) => void;
  /** False (`?mapping=none`): do not apply the organisation's saved column mapping to a CSV. */
  useMapping?: boolean;
  /**
   * Fires when the caller went away (a face's client closed its connection): the validation stops (no
   * more of the body is read, its queued pool pieces are dropped), its admission slot is freed at once,
   * nothing is stored or held, and the call rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * Keep every failed record's number and error text (report.outcomes), for an acknowledgement file. A
   * version with a file-name convention (a national batch file) keeps them whether asked or not, and its
   * stored reports carry them.
   */
  outcomes?: boolean;
}

/** What the service adds around the engine where it runs as a service: column mappings and suggestions. */
export interface SubmissionAids {
  mappings?: Pick<ColumnMappingService, 'forValidation'>;
  suggestions?: Pick<SuggestionService, 'names' | 'betterThan'>;
  /** Where trial reports are held for a while, so that each has an address (trial-reports.ts). */
  trials?: TrialReports;
  /**
   * Whether the token with this id is still live (not revoked). A submission is authenticated when it
   * starts and may take minutes to arrive: its report is stored only if its token is live when it ends.
   */
  tokenLive?: (tokenId: string) => Promise<boolean>;
}

/**
 * How long a report read's slot is held: the face is given the slot's release and calls it once its answer
 * has been sent or its client has gone (src/answer-sent.ts), however the request ends.
 */
export type HeldUntil = (release: () => void) => void;

export interface SubmissionLimits {
  /** Bytes accepted after decompression. */
  maxBytes: number;
  /** The process's one worker pool, for large submissions (services/worker-policy.ts); without it every submission is validated on this thread. */
  pool?: WorkerPool;
  /**
   * The small-file lane (a serving process's): a file declared under 1 MiB is validated on its own thread,
   * within its time budget, so it never waits behind a large file on the pool (services/worker-policy.ts).
   */
  smallFiles?: WorkerPool;
  /**
   * Whether this process serves requests (the service, not the CLI): its main thread must stay free to
   * answer them, so it validates no file itself (services/worker-policy.ts).
   */
  serving?: boolean;
  /**
   * The bound on the versions this thread compiles for the submissions it validates itself (a serving
   * process's: compile-gate.ts); absent (the CLI), a version is compiled when its first record is validated.
   */
  compiles?: CompileGate;
  /** Bounds on validations running at once (per process and per supplier), for `submit`; none when absent (the CLI). */
  admission?: Admission;
  /** The bound on stored submissions a minute for one organisation (submission-rate.ts); none when absent (the CLI). */
  rate?: SubmissionRate;
  /**
   * Bounds on stored reports read and answered at once (per process and per organisation, admission.ts
   * `REPORT_READS`): past them a 503 or 429 with Retry-After before the report is read; none when absent.
   */
  reportReads?: Admission;
  /** Told of each validation that ran (the service's metrics). */
  onValidated?: (outcome: ValidatedOutcome) => void;
  /**
   * Told once of each validation stopped because its caller went away (the service logs one line), in
   * the caller's own context: what it was validating and how far it got, never a record value.
   */
  onAbandoned?: (abandoned: { standard: string; format: InputFormat | undefined; seconds: number }) => void;
}

/** What a validation that ran came to: its standard (a resolved, stored one), format, outcome and counts. */
export interface ValidatedOutcome {
  standard: string;
  format: InputFormat;
  outcome: 'valid' | 'invalid' | 'failed' | 'abandoned';
  records?: number;
  bytes?: number;
  findings?: number;
  /** `small`: validated in the small-file lane (its own thread: services/worker-policy.ts). */
  lane?: 'small';
  /** The bound of a validation thread the file was refused for (a 422): its time budget, memory or stack. */
  refusedFor?: 'time' | 'memory' | 'stack';
}

/** Who may see what: a supplier its own organisation only; authors and admins everyone (or the one asked for). */
export function visibleOrganisation(principal: Pick<Principal, 'role' | 'organisation'>, asked?: string): string | undefined {
  return principal.role === 'supplier' ? (principal.organisation ?? '') : asked;
}

/** "use 3.0.2 (the latest), 3.0.1 or 3.0.0": the versions to move to, newest first. */
export function useVersions(versions: readonly string[]): string {
  const [latest, ...others] = [...versions].sort(semver.rcompare);
  if (latest === undefined) return '';
  if (others.length === 0) return `use ${latest}`;
  if (others.length === 1) return `use ${latest} (the latest) or ${others[0]!}`;
  return `use ${latest} (the latest), ${others.slice(0, -1).join(', ')} or ${others.at(-1)!}`;
}

/** A note for a deprecated version, naming the published versions after it. */
export function deprecationWarning(standardId: string, version: string, all: readonly { version: string; status: string }[]): string {
  const newer = all.filter((v) => v.status === 'published' && semver.gt(v.version, version)).map((v) => v.version);
  return `${standardId} ${version} is deprecated; ${newer.length > 0 ? useVersions(newer) : 'no newer version is published yet'}`;
}

/** The format a request is read in against its resolved version (submission-format.ts), refused as that rule says. */
const formatIn = (version: ResolvedVersion, request: Pick<ValidationRequest, 'format' | 'formatHint' | 'fileName'>): InputFormat =>
  submissionFormat(request.fileName, request.format, request.formatHint, versionFiles(version.compiled), version.compiled.csvLayout.dialect.delimiter);

const SUBMITTERS = ['supplier', 'admin'] as const;
const READERS = ['supplier', 'author', 'admin'] as const;

/**
 * The refusal of a submission that cannot be read. A file that cannot be read at all names its problem
 * (`unreadable`) so that a face, here or over HTTP, can answer it with the InfAck Failure
 * (validation/file-outcome.ts); the InputError is the cause. The CLI gives the same refusal for what it
 * tells before sending a file to a server.
 */
export function inputRefusal(error: InputError): DomainError {
  const items = isUnreadable(error) ? [{ in: 'body', detail: error.message, unreadable: error.code }] : [];
  const refused = new DomainError(error.code === 'too-large' ? 'too-large' : 'invalid-input', `the submission cannot be read: ${error.message}`, items);
  refused.cause = error;
  return refused;
}

/** Seconds to wait before sending again a file whose thread another submission stopped (a new thread starts at once). */
export const THREAD_LOST_RETRY_SECONDS = 1;

/**
 * The answer for a file whose validation thread died running another submission's piece (ThreadLost): a
 * 503 with Retry-After, no verdict on the file, and nothing stored.
 */
function threadLost(error: ThreadLost): DomainError {
  const detail = 'the thread validating this file was stopped by another submission; nothing was stored; send it again';
  const refused = new DomainError('unavailable', detail, [{ limit: 'validation thread', detail }], THREAD_LOST_RETRY_SECONDS);
  refused.cause = error;
  return refused;
}

export class SubmissionService {
  constructor(
    private readonly versions: VersionSource,
    /** Absent where reports are not kept (the CLI's local mode). */
    private readonly store: Store | undefined,
    private readonly limits: SubmissionLimits = { maxBytes: Number.MAX_SAFE_INTEGER },
    /** The time of receipt of a submission (tests inject one). */
    private readonly clock: () => Date = () => new Date(),
    private readonly aids: SubmissionAids = {},
  ) {
    const file = store?.reportFile;
    this.reports = store && new ReportReader({ ...(file !== undefined ? { file } : {}), text: (id) => store.getReportText(id) });
  }

  /** Stored reports, read and parsed off the event loop (report-reader.ts). */
  private readonly reports: ReportReader | undefined;

  /** Whether this caller may submit data (authors may not): faces ask before reading a body. */
  canSubmit(principal: Pick<Principal, 'role'>): boolean {
    return (SUBMITTERS as readonly string[]).includes(principal.role);
  }

  /** The version a submission would use: a retired one is gone; a deprecated one comes with a warning. */
  async version(standardId: string, spec: string): Promise<{ version: ResolvedVersion; warnings: string[] }> {
    const version = await this.versions.resolve(standardId, spec);
    if (version.status === 'retired') {
      const live = version.siblings.filter((v) => v.status === 'published').map((v) => v.version);
      throw new DomainError(
        'gone',
        `${standardId} ${version.version} is retired and no longer validates submissions${live.length ? `; ${useVersions(live)}` : ''}`,
      ).about('version');
    }
    return { version, warnings: version.status === 'deprecated' ? [deprecationWarning(standardId, version.version, version.siblings)] : [] };
  }

  /**
   * A body whose declared length (Content-Length) is over the limit is refused before its content is read,
   * rather than after the limit's worth (2 GiB by default) has been transferred. The limit counts bytes after
   * decompression, and gzip expands incompressible data by at most about 0.03% plus its header, so only a
   * gzip body may be declared a little over the limit (1.001 × the limit + 64 KiB) and still hold no more
   * than it: past that, any body is refused at once. Within that slack, a body declared gzip is read; one
   * not declared gzip is read only if its first two bytes are gzip's (it is recognised by its content):
   * otherwise it is plain and over the limit, refused once those bytes have come (a body declaring 2 GiB +
   * 1 byte was read to the limit before its 413). Returns the source to read, its first bytes kept.
   */
  private async withinDeclaredLimit(request: Pick<ValidationRequest, 'sizeHint' | 'declaredGzip' | 'source'>): Promise<ValidationRequest['source']> {
    const { maxBytes } = this.limits;
    const size = request.sizeHint;
    if (size === undefined || !Number.isFinite(size) || size <= maxBytes) return request.source;
    if (size <= maxBytes * 1.001 + 65_536) {
      if (request.declaredGzip === true) return request.source;
      const { head, source } = await firstBytes(request.source, 2);
      if (head[0] === 0x1f && head[1] === 0x8b) return source;
    }
    throw new DomainError(
      'too-large',
      // In the words of a file found too large on reading, so that every face says the same (the pages and
      // conform validate cannot know the size before they read).
      `the submission cannot be read: ${tooLargeWords(maxBytes, request.declaredGzip === true)}`,
    );
  }

  /**
   * The format a file is read in, by the rule every face follows (submission-format.ts): the one declared,
   * else the one its name says, the version's own file names included (a batch file's `.dat`). Faces ask
   * before reading a body; a name that says another format than the declared one, or none, is refused.
   */
  async fileFormat(request: Pick<ValidationRequest, 'standardId' | 'versionSpec' | 'format' | 'formatHint' | 'fileName'>): Promise<InputFormat> {
    const { version } = await this.version(request.standardId, request.versionSpec);
    return formatIn(version, request);
  }

  /** The pool a submission is validated on, and whether whole on one thread; none: on this thread (services/worker-policy.ts). */
  private pool(format: InputFormat, request: ValidationRequest): { pool: WorkerPool; whole: boolean } | undefined {
    const { pool, smallFiles } = this.limits;
    if (pool === undefined) return undefined;
    if (request.workers !== undefined) return request.workers > 0 ? { pool, whole: false } : undefined;
    const lane = laneFor(format, request.sizeHint, pool.size, this.limits.serving === true);
    if (lane === 'here') return undefined;
    // A gzip body's declared size says little of what it holds: it is validated with the large files.
    if (lane === 'small' && request.declaredGzip !== true && smallFiles?.available) return { pool: smallFiles, whole: true };
    return { pool, whole: lane !== 'parallel' };
  }

  /** Validates a submission and returns its report with the scorecard; stores nothing. */
  async validate(request: ValidationRequest, submittedAt = this.clock()): Promise<Report> {
    const source = await this.withinDeclaredLimit(request);
    return this.validateIn(await this.version(request.standardId, request.versionSpec), { ...request, source }, submittedAt);
  }

  /** Validates a submission against its resolved version; `owner`: the supplier it is for, who shares the pool's turns fairly with others (pool.ts). */
  private async validateIn(
    { version, warnings }: { version: ResolvedVersion; warnings: string[] },
    request: ValidationRequest,
    submittedAt: Date,
    owner?: string,
  ): Promise<Report> {
    // A findings cap within the rule, whichever face passed it (findings-cap.ts).
    if (request.maxFindings !== undefined) checkFindingsCap(request.maxFindings);
    // The file's name must not say another format than the one it is read in (submission-format.ts).
    const format = formatIn(version, request);
    const refusal = charsetRefusal(request.charsets ?? [], bodyEncoding(format, version.compiled.csvLayout), request.charsetHeader);
    if (refusal !== undefined) throw new DomainError('unsupported-media-type', refusal);
    const period = submissionPeriod(request.standardId, request.period, version.declarations.reportingPeriod);
    const context = validationContext(submittedAt, period, request.fileName);
    const sentAt = fileStamp(version.compiled.fileNameRule, request.fileName, submittedAt);
    const quality = scorecardPass(this.versions.ajv, version.schema, version.schemaId, version.declarations, submittedAt, period, sentAt);
    const outcomes = request.outcomes === true || version.compiled.fileNameRule !== undefined;
    const pool = this.pool(format, request);
    const lane = pool !== undefined && pool.pool === this.limits.smallFiles ? { lane: 'small' as const } : {};
    // Validated on this thread: its version's validator is compiled here first, within the bound (compile-gate.ts).
    if (pool?.pool.available !== true) await this.limits.compiles?.ready(version.compiled);
    let report: Report;
    try {
      report = await validateStream(request.declaredGzip === true ? declaredGzip(request.source) : request.source, version.compiled, {
        format,
        context: request.context ?? context,
        observer: quality.observer,
        maxBytes: this.limits.maxBytes,
        ...(pool ? { pool: pool.pool, whole: pool.whole } : {}),
        ...(owner !== undefined ? { owner } : {}),
        ...(outcomes ? { outcomes } : {}),
        ...(request.maxFindings !== undefined ? { maxFindings: request.maxFindings } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.sizeHint !== undefined && request.declaredGzip !== true ? { sizeHint: request.sizeHint } : {}),
      });
    } catch (error) {
      const outcome = request.signal?.aborted ? 'abandoned' : 'failed';
      // A thread's bound reached: the same file fails the same way every time, so a 422 naming the bound,
      // not a 500 or a 503 inviting a retry.
      const tooLarge = "its records are too large for this version's checks (many items or fields, each failing many checks); send smaller records";
      const bound =
        error instanceof ThreadTimeout
          ? { kind: 'time' as const, limit: 'small file time', max: error.ms, took: `took more than the ${error.ms} ms a small file may take`, why: tooLarge }
          : error instanceof ThreadOutOfMemory
            ? {
                kind: 'memory' as const,
                limit: 'validation thread memory',
                max: error.maxMiB,
                took: `needed more than the ${error.maxMiB} MiB of memory a validation thread has`,
                why: tooLarge,
              }
            : error instanceof StackExceeded
              ? {
                  kind: 'stack' as const,
                  limit: 'validation stack',
                  max: error.maxMiB,
                  took: `needed more than the ${error.maxMiB === undefined ? '' : `${error.maxMiB} MiB of `}stack a validation thread has`,
                  // A recursive schema's validator calls itself once a level of the record (at most MAX_RECORD_DEPTH levels), each call as large as the schema.
                  why: "a record is nested too deeply for this version's checks, which follow its schema into itself ($ref) at each level; send records nested less deeply",
                }
              : undefined;
      const refusedFor = outcome === 'failed' ? bound?.kind : undefined;
      this.limits.onValidated?.({ standard: version.standardId, format, outcome, ...lane, ...(refusedFor ? { refusedFor } : {}) });
      if (outcome === 'abandoned') throw request.signal!.reason as Error;
      if (error instanceof InputError) throw inputRefusal(error);
      // Another submission's piece killed the thread that held this file's state: no verdict on this file, send it again.
      if (error instanceof ThreadLost) throw threadLost(error);
      if (bound === undefined) throw error;
      const detail = `validating the file ${bound.took}: ${bound.why}`;
      const refused = new DomainError('rejected', detail, [{ in: 'body', detail, limit: bound.limit, ...(bound.max === undefined ? {} : { max: bound.max }) }]);
      refused.cause = error;
      throw refused;
    }
    const scorecard = quality.scorecard();
    addFindings(report, quality.duplicateFindings());
    if (scorecard.plan.period) report.period = reportPeriod(scorecard.plan.period, context.submittedAt);
    report.scorecard = scorecard;
    const titles = reportFieldTitles(report, version.compiled.titles);
    if (titles) report.fieldTitles = titles;
    if (warnings.length > 0) report.warnings = warnings;
    const { records, bytes, findings } = report.stats;
    this.limits.onValidated?.({ standard: report.standard.id, format, outcome: report.valid ? 'valid' : 'invalid', records, bytes, findings, ...lane });
    return report;
  }

  /**
   * Validates a submission and stores its report (never the data) for the caller's organisation. A
   * validation beyond the admission bounds is refused before the first byte of its body is read.
   */
  async submit(request: ValidationRequest, principal: Principal): Promise<Report> {
    requireRole(principal, SUBMITTERS, 'submit data');
    const store = this.requireStore();
    // Counted before the body is read, like admission: a supplier past its minute's share sends nothing more.
    const taken = this.limits.rate?.take(principal.organisation ?? `actor:${principal.actor}`);
    const submittedAt = this.clock();
    let report: Report;
    try {
      report = await this.admitted(request, principal, submittedAt);
    } catch (error) {
      // Turned away to try again later (admission's 429 or 503, a busy compile queue, a lost thread): not the caller's share.
      if (error instanceof DomainError && (error.kind === 'over-limit' || error.kind === 'unavailable')) taken?.giveBack();
      throw error;
    }
    // A caller gone while the report was being finished gets nothing stored (admitted() has said so).
    request.signal?.throwIfAborted();
    // A token revoked while its file arrived (a leaked token, stopped by an admin) stores nothing more.
    if (this.aids.tokenLive && !(await this.aids.tokenLive(principal.tokenId)))
      throw new DomainError('unauthorized', 'the token was revoked while this submission was being sent; nothing was stored');
    const id = randomUUID();
    const fileName = sanitiseFileName(request.fileName);
    const fileSize = report.stats.compressedBytes ?? report.stats.bytes;
    report.submission = {
      id,
      createdAt: submittedAt.toISOString(),
      organisation: principal.organisation,
      submitter: principal.name,
      fileName,
      size: fileSize,
    };
    const card = report.scorecard as Scorecard;
    const scores = {
      validity: card.validity,
      failsValidity: card.failsValidity,
      overall: card.overall,
      dimensions: Object.fromEntries(Object.entries(card.dimensions).map(([k, d]) => [k, d.score])),
    };
    const stored: StoredSubmission = {
      id,
      organisation: principal.organisation,
      submittedBy: principal.actor,
      standardId: report.standard.id,
      version: report.standard.version,
      createdAt: submittedAt.toISOString(),
      valid: report.valid,
      records: report.stats.records,
      // The row outcomes (not enumerable, so not in the report's JSON) are stored with it, for its acknowledgement files.
      report: JSON.stringify(report.outcomes ? { ...report, outcomes: report.outcomes } : report),
      quality: JSON.stringify(scores),
      period: report.period ? { id: report.period.id, start: report.period.start, end: report.period.end } : null,
      // The deadline that applies now, kept with it: a later edit of the standard's deadline does not make it late.
      periodDeadline: report.period?.deadline ?? null,
      fileName,
      fileSize,
    };
    await store.saveSubmission(stored);
    return report;
  }

  /**
   * A trial run: the same validation, under the same admission bounds, with the full report; nothing is
   * stored (no submission, no quality point, no audit entry), so a test file never touches the trend.
   * Where the service holds trial reports, the report is held in memory for a while for its caller, and
   * `trial` says under which id and until when (absent when it was too large to hold).
   */
  async trial(request: ValidationRequest, principal: Principal): Promise<Report> {
    requireRole(principal, SUBMITTERS, 'validate data');
    const report = await this.admitted(request, principal, this.clock());
    request.signal?.throwIfAborted();
    const held = this.aids.trials?.hold(report, principal, sanitiseFileName(request.fileName));
    if (held) report.trial = held;
    return report;
  }

  /** A held trial report of the caller's (trial-reports.ts); expired, unknown or someone else's is not-found. */
  heldTrial(id: string, principal: Principal): Report {
    requireRole(principal, SUBMITTERS, 'read trial reports');
    if (!this.aids.trials) throw new DomainError('not-found', 'this service holds no trial reports');
    const { report, trial } = this.aids.trials.get(id, principal);
    report.trial = trial;
    return report;
  }

  /**
   * The largest file accepted, counted after decompression, in the figures the refusal of a larger one
   * gives (validation/size-words.ts): "2 GiB"; undefined where there is no limit.
   */
  get sizeLimit(): string | undefined {
    const { maxBytes } = this.limits;
    return maxBytes >= Number.MAX_SAFE_INTEGER ? undefined : sizeWords(maxBytes);
  }

  /** Minutes a trial report is held (what the faces tell people), or undefined where none are held. */
  get trialMinutes(): number | undefined {
    return this.aids.trials?.minutes;
  }

  /**
   * Validates within the caller's share of the admission bounds (refused before the body is read), at the
   * input boundary applying the organisation's column mapping to a CSV header (column-rename.ts) and
   * keeping the file's first bytes, from which the report may suggest a standard the columns match better.
   */
  private async admitted(request: ValidationRequest, principal: Principal, submittedAt: Date): Promise<Report> {
    const { signal } = request;
    signal?.throwIfAborted();
    const supplier = principal.organisation ?? `actor:${principal.actor}`;
    const slot = this.limits.admission?.enter(supplier);
    // A caller gone frees its slot at once, not when the validation has wound down.
    const release = (): void => slot?.release();
    signal?.addEventListener('abort', release, { once: true });
    const started = performance.now();
    let format: InputFormat | undefined;
    try {
      // The version is resolved once; the format is known (by the version's rule) before a byte of the body is read.
      request = { ...request, source: await this.withinDeclaredLimit(request) };
      const resolved = await this.version(request.standardId, request.versionSpec);
      format = formatIn(resolved.version, request);
      const mapping =
        format === 'csv' && request.useMapping !== false ? await this.aids.mappings?.forValidation(principal.organisation, request.standardId) : undefined;
      const head = this.aids.suggestions ? new HeadCapture(SAMPLE_BYTES) : undefined;
      // The label is checked first: the column mapping reads the body's first bytes too.
      const body = request.declaredGzip === true ? declaredGzip(request.source) : request.source;
      let source: ValidationRequest['source'] = head ? head.tap(body) : body;
      const renamed: Renamed[] = [];
      const counters: InputCounters = { received: 0, decoded: 0, gzip: false };
      if (mapping) source = renameCsvHeader(source, mapping, counters, this.limits.maxBytes, renamed);
      const report = await this.validateIn(resolved, { ...request, format, source, declaredGzip: false }, submittedAt, supplier);
      if (mapping) {
        // The engine read the renamed header: the report describes the file as sent.
        report.stats.bytes = counters.decoded;
        if (counters.gzip) {
          report.gzip = true;
          report.stats.compressedBytes = counters.received;
        }
      }
      if (renamed.length > 0) report.columnMapping = { renamed };
      if (head) await this.suggest(report, head, format, mapping);
      signal?.throwIfAborted();
      return report;
    } catch (error) {
      // The client went away, or stopped sending before its body was whole (client-gone.ts: a BodyCutShort, answered 400).
      if (signal?.aborted) {
        const seconds = Math.round(performance.now() - started) / 1000;
        this.limits.onAbandoned?.({ standard: request.standardId, format, seconds });
        throw signal.reason as Error;
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', release);
      slot?.release();
    }
  }

  /**
   * Validates as `validate` does and, with the suggestions aid, adds the report's suggestion as submit and
   * trial do (another standard the file's columns match much better): the CLI's local run, over the
   * library on disk. Stores nothing.
   */
  async validateSuggesting(request: ValidationRequest): Promise<Report> {
    const head = this.aids.suggestions ? new HeadCapture(SAMPLE_BYTES) : undefined;
    const source = await this.withinDeclaredLimit(request);
    const resolved = await this.version(request.standardId, request.versionSpec);
    const format = formatIn(resolved.version, request);
    const report = await this.validateIn(resolved, { ...request, format, source: head ? head.tap(source) : source }, this.clock());
    if (head) await this.suggest(report, head, format, undefined);
    return report;
  }

  /** Adds the report's suggestion: another standard the file's columns match much better. Never fails the validation. */
  private async suggest(report: Report, head: HeadCapture, format: InputFormat, mapping: ReadonlyMap<string, string> | undefined): Promise<void> {
    try {
      const names = (await this.aids.suggestions!.names(head.bytes(), format, head.complete)).map((name) => mapping?.get(name) ?? name);
      const suggestion = await this.aids.suggestions!.betterThan(names, { standardId: report.standard.id, version: report.standard.version });
      if (suggestion) report.suggestion = suggestion;
    } catch {
      // A file whose start cannot be read for names has its findings already; no suggestion.
    }
  }

  /**
   * A stored report (with its withdrawal, if any); another organisation's id answers exactly like an id that
   * does not exist. Within the bounds on report reads (`held`: how long the face keeps the slot).
   */
  async get(id: string, principal: Principal, held?: HeldUntil): Promise<Report> {
    requireRole(principal, READERS, 'read submissions');
    return this.reading(principal, held, async () => {
      const stored = await this.visible(id, principal);
      return storedReport(stored, await this.storedReportOf(id));
    });
  }

  /**
   * Runs a read of a stored report within the report-read bounds (`REPORT_READS`), refused at once past
   * them. The slot is held until `held` releases it (the face: once its answer has been sent, since a
   * report's answer is written while the client reads it), or, without one, until the read is done.
   */
  private async reading<T>(principal: Principal, held: HeldUntil | undefined, read: () => Promise<T>): Promise<T> {
    const slot = this.limits.reportReads?.enter(principal.organisation ?? `actor:${principal.actor}`);
    if (!slot) return read();
    if (held) held(() => slot.release());
    try {
      return await this.inTurn(read);
    } finally {
      if (!held) slot.release();
    }
  }

  /** The last report read waiting or under way: reads take turns (see inTurn). */
  private readTurn: Promise<void> = Promise.resolve();

  /**
   * Runs one report read (the store's read and JSON.parse, some 0.3 to 0.5 s on the event loop for a
   * report of 100,000 findings) after the one before it, and after what was waiting on the event loop
   * meanwhile: several reads asked at once held every other request (and /health) for all of them in one
   * stretch; now for at most one of them at a time.
   */
  private async inTurn<T>(read: () => Promise<T>): Promise<T> {
    const before = this.readTurn;
    let done!: () => void;
    this.readTurn = new Promise<void>((resolve) => (done = resolve));
    try {
      await before;
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await read();
    } finally {
      done();
    }
  }

  /**
   * A stored batch file's BusAck or InfAck, as the national pipeline would answer (validation/ack-file.ts),
   * written from the row outcomes stored with its report, so every failed row is in it; the BusAck comes a
   * piece at a time. A report stored without outcomes (a version with no file-name convention) has none:
   * one written from its capped findings could leave failed rows out.
   */
  async acknowledgement(id: string, kind: AckKind, principal: Principal, held?: HeldUntil): Promise<Acknowledgement> {
    const report = await this.get(id, principal, held);
    const submission = report.submission!;
    if (!report.outcomes) throw new DomainError('not-found', `submission ${id} has no acknowledgement files: ${ACK_KEPT_FOR}`).about('submission');
    const run = { id: submission.id, createdAt: submission.createdAt, fileName: submission.fileName ?? null, provider: submission.organisation ?? null };
    return acknowledgementOf(report, kind, run, `submission ${id}`);
  }

  /**
   * A held trial report's BusAck or InfAck, as for a stored submission (numbered under the trial's id, its
   * time the run's), from the row outcomes held with it; a trial report without them has none.
   */
  trialAcknowledgement(id: string, kind: AckKind, principal: Principal): Acknowledgement {
    const report = this.heldTrial(id, principal);
    const trial = report.trial!;
    if (!report.outcomes) throw new DomainError('not-found', `this trial report has no acknowledgement files: ${ACK_KEPT_FOR}`).about('trial');
    const ranAt = new Date(Date.parse(trial.expiresAt) - this.aids.trials!.limits.ttlMs).toISOString();
    return acknowledgementOf(
      report,
      kind,
      { id: trial.id, createdAt: ranAt, fileName: trial.fileName, provider: report.submission?.organisation ?? null },
      'this trial report',
    );
  }

  /**
   * Withdraws a submission, with the submitter's reason (1 to 500 characters): it leaves quality trends and
   * aggregates, stays readable with its withdrawal, and the withdrawal is audited. The submitting
   * organisation or an admin may withdraw; another supplier's id answers as one that does not exist; a
   * submission withdrawn already is a conflict.
   */
  async withdraw(id: string, reason: string, principal: Principal, held?: HeldUntil): Promise<Report> {
    requireRole(principal, SUBMITTERS, 'withdraw submissions');
    const text = reason.trim();
    if (text.length < 1 || text.length > MAX_REASON) {
      throw new DomainError('invalid-input', `a withdrawal needs a reason of 1 to ${MAX_REASON} characters`, [
        { pointer: '/reason', detail: `must be 1 to ${MAX_REASON} characters` },
      ]);
    }
    if (badFreeText(text)) {
      throw new DomainError('invalid-input', `a withdrawal reason ${FREE_TEXT_RULE}`, [{ pointer: '/reason', detail: FREE_TEXT_RULE }]);
    }
    return this.reading(principal, held, async () => {
      const stored = await this.visible(id, principal);
      if (stored.withdrawn) throw new DomainError('conflict', `submission ${id} was withdrawn on ${stored.withdrawn.at}`).about('submission');
      const withdrawal: Withdrawal = { at: this.clock().toISOString(), by: principal.actor, reason: text };
      if (!(await this.requireStore().withdrawSubmission(id, withdrawal)))
        throw new DomainError('conflict', `submission ${id} is withdrawn already`).about('submission');
      return storedReport({ ...stored, withdrawn: withdrawal }, await this.storedReportOf(id));
    });
  }

  /**
   * A stored submission the caller may see (an admin or author any; a supplier its organisation's), or
   * not-found; its row without the report, which is read (storedReportOf) only once the caller may see it.
   */
  private async visible(id: string, principal: Principal): Promise<StoredSubmission> {
    const stored = await this.requireStore().getSubmissionHead(id);
    const organisation = visibleOrganisation(principal);
    if (!stored || (organisation !== undefined && stored.organisation !== organisation)) {
      throw new DomainError('not-found', `no submission has id ${id}`).about('submission');
    }
    return stored;
  }

  /**
   * A stored submission's report, parsed off the event loop (store/report-reader.ts); not-found when it was
   * deleted meanwhile (the retention job), and a 503 to ask again when its read failed.
   */
  private async storedReportOf(id: string): Promise<Report> {
    let report: unknown;
    try {
      this.requireStore();
      report = await this.reports!.read(id);
    } catch (error) {
      if (!(error instanceof ReportReadFailed)) throw error;
      throw new DomainError('unavailable', `${error.message}; ask again shortly`);
    }
    if (report === undefined) throw new DomainError('not-found', `no submission has id ${id}`).about('submission');
    return report as Report;
  }

  /** A page of stored submissions, newest first, from after the cursor's submission. */
  async list(principal: Principal, filter: { standardId?: string; period?: string; valid?: boolean; limit: number; cursor?: string }) {
    requireRole(principal, READERS, 'read submissions');
    const organisation = visibleOrganisation(principal);
    const before = filter.cursor === undefined ? undefined : decodeCursor('submissions', filter.cursor, ['string', 'string']);
    const rows = await this.requireStore().listSubmissions({
      // The list shows no report: never read them (each may be megabytes; a page may hold a thousand).
      reports: false,
      limit: filter.limit + 1,
      ...(filter.standardId !== undefined ? { standardId: filter.standardId } : {}),
      ...(filter.period !== undefined ? { period: filter.period } : {}),
      ...(filter.valid !== undefined ? { valid: filter.valid } : {}),
      ...(organisation !== undefined ? { organisation } : {}),
      ...(before ? { before: { createdAt: String(before[0]), id: String(before[1]) } } : {}),
    });
    const { items, next } = pageOf(rows, filter.limit, 'submissions', (s) => [s.createdAt, s.id]);
    const submissions = items.map((s) => ({
      id: s.id,
      organisation: s.organisation,
      standard: s.standardId,
      version: s.version,
      createdAt: s.createdAt,
      valid: s.valid,
      records: s.records,
      period: s.period?.id ?? null,
      fileName: s.fileName ?? null,
      size: s.fileSize ?? null,
      submitter: submitterName(s.submittedBy),
      withdrawn: s.withdrawn ?? null,
    }));
    return { submissions, next };
  }

  /** Scorecards of one standard over time, and suppliers ranked; a supplier sees only its own. */
  async trends(principal: Principal, query: { standardId: string; supplier?: string; from?: string; to?: string }) {
    requireRole(principal, READERS, 'read data quality');
    // Instants (ISO 8601, UTC) compare as text. A range that ends before it starts holds nothing: a mistake, said so.
    if (query.from && query.to && query.from > query.to) {
      const detail = 'is after to: the range would hold nothing; give from on or before to';
      throw new DomainError('invalid-input', `from ${detail}`, [{ in: 'query', name: 'from', pointer: '/from', detail }]);
    }
    const store = this.requireStore();
    const standard = await store.getStandard(query.standardId);
    if (!standard) throw new DomainError('not-found', `unknown standard "${query.standardId}"`).about('standard');
    const organisation = visibleOrganisation(principal, query.supplier);
    const filter = {
      standardId: query.standardId,
      ...(organisation !== undefined ? { organisation } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    };
    const [points, suppliers] = await Promise.all([
      store.qualityPoints({ ...filter, limit: MAX_TREND_POINTS }),
      store.qualityAggregates({ ...filter, limit: MAX_TREND_SUPPLIERS }),
    ]);
    const deadline = (standard.metadata.reportingPeriod as { deadline?: unknown } | undefined)?.deadline;
    return qualityTrends(query.standardId, points, suppliers, typeof deadline === 'string' ? deadline : undefined);
  }

  /**
   * Deletes reports older than the retention period (audited as a count); returns how many. The period is
   * counted in UK calendar days, as every other day Conform counts: the cut-off is the same UK time of day
   * on the UK date that many days earlier, so across a change of the clocks it is not an hour off.
   */
  async prune(retentionDays: number, now = new Date()): Promise<number> {
    const before = new Date(subtractDurationUk(now.getTime(), `P${retentionDays}D`)!).toISOString();
    return this.requireStore().pruneSubmissions(before, `retention (${countWords(retentionDays, 'day')})`);
  }

  private requireStore(): Store {
    if (!this.store) throw new Error('this submission service keeps no reports');
    return this.store;
  }
}

/** Who sent a stored submission and from which file (the report's `submission`). */
function submissionContext(stored: StoredSubmission): NonNullable<Report['submission']> {
  return {
    id: stored.id,
    createdAt: stored.createdAt,
    organisation: stored.organisation,
    submitter: submitterName(stored.submittedBy),
    fileName: stored.fileName ?? null,
    size: stored.fileSize ?? null,
  };
}

/** Keeps the first bytes of a source as they pass (never more than `limit`), and whether that was all of it. */
class HeadCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  complete = false;

  constructor(private readonly limit: number) {}

  async *tap(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    for await (const chunk of source) {
      if (this.size < this.limit) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        const kept = buffer.subarray(0, this.limit - this.size);
        this.chunks.push(Buffer.from(kept));
        this.size += kept.length;
      }
      yield chunk;
    }
    this.complete = this.size < this.limit;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * The first `count` bytes of a source (fewer if it ends first), and the source to read instead, which gives
 * them again: a look at a body's start that reads no further than its first pieces.
 */
async function firstBytes(source: ValidationRequest['source'], count: number): Promise<{ head: Buffer; source: AsyncIterable<Buffer | string> }> {
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const taken: (Buffer | string)[] = [];
  let size = 0;
  let ended = false;
  while (size < count) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))).subarray(0, count);
  async function* again(): AsyncGenerator<Buffer | string> {
    yield* taken;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, source: again() };
}

/** The longest reason a withdrawal may give. */
export const MAX_REASON = 500;

/** A stored submission's report (parsed from its row), with its withdrawal when it has one. */
function storedReport(stored: StoredSubmission, report: Report): Report {
  // The context comes from the stored row, so reports stored before it was kept show what is known.
  report.submission = { ...report.submission, ...submissionContext(stored) };
  if (stored.withdrawn) report.withdrawn = stored.withdrawn;
  // Row outcomes, stored with a batch file's report, go back out of its JSON (row-outcomes.ts).
  const { outcomes } = report;
  if (outcomes !== undefined) {
    delete report.outcomes;
    setOutcomes(report, outcomes);
  }
  return report;
}

/** What the engine is told of a submission (contracts item 1): when it was received, and its period's dates. */
function validationContext(submittedAt: Date, period: ReportingPeriod | undefined, fileName: string | undefined): ValidationContext {
  return {
    submittedAt: submittedAt.toISOString(),
    ...(period ? { period: { start: period.start, end: period.end } } : {}),
    ...(fileName !== undefined ? { fileName } : {}),
  };
}

/** The report's period: its dates, its deadline, and whether the file arrived after it (a fact, not a score). */
function reportPeriod(period: NonNullable<Scorecard['plan']['period']>, submittedAt: string): ReportPeriod {
  return {
    id: period.id,
    kind: period.kind,
    start: period.start,
    end: period.end,
    deadline: period.lastDay,
    submittedAt,
    afterDeadline: Date.parse(submittedAt) >= Date.parse(period.dueBy),
  };
}

/** The newest points a trend shows (the supplier figures cover every submission in the period). */
export const MAX_TREND_POINTS = 1000;
const MAX_TREND_SUPPLIERS = 1000;

/** An acknowledgement file: its name, its media type and its text, a piece at a time. */
export interface Acknowledgement {
  fileName: string;
  type: 'text/csv' | 'application/json';
  pieces: Iterable<string>;
}

const ACK_KEPT_FOR = 'they are kept only for national batch files (standards with a file-name convention)';

/**
 * A report's BusAck (CSV or JSON) or InfAck (validation/ack-file.ts), numbered under `run.id`; the BusAck a
 * piece at a time. A file without a BusAck (failed at file level, or empty: file-outcome.ts) answers
 * not-found for either form, saying why.
 */
function acknowledgementOf(
  report: Report,
  kind: AckKind,
  run: { id: string; createdAt: string; fileName: string | null; provider: string | null },
  named: string,
): Acknowledgement {
  const why = kind === 'infack' ? undefined : noBusAckReason(report);
  if (why !== undefined) throw new DomainError('not-found', `${named} has no BusAck: ${why} (its InfAck is at infack.csv)`);
  const options = { messageId: run.id, receivedAt: run.createdAt };
  const fileName = ackFileName(run, kind);
  if (kind === 'busack-json') {
    return { fileName, type: 'application/json', pieces: inPieces(busAckJson(report, { ...options, fileName: run.fileName, provider: run.provider })) };
  }
  return { fileName, type: 'text/csv', pieces: kind === 'busack' ? inPieces(busAckLines(report, options)) : [infAck(report, options)] };
}
