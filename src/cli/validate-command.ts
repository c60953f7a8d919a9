/** `conform validate <file> --standard <id>[@<version>]`: validates a file against the library. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isUnreadable } from '../validation/file-outcome.js';
import { DomainError } from '../services/errors.js';
import type { Library } from '../registry/library.js';
import { parseStandardRef } from '../registry/resolve.js';
import { formatFromFileName, submissionFormat } from '../services/submission-format.js';
import { refuseUnreadableStart, START_BYTES } from '../services/file-start.js';
import type { InputFormat, Report } from '../validation/report-types.js';
import { SubmissionService, type ValidationRequest } from '../services/submissions.js';
import { libraryVersions, type VersionSource } from '../services/version-source.js';
import { SuggestionService, librarySuggestionSource } from '../services/suggestions.js';
import { DEFAULT_WORKERS } from '../services/worker-policy.js';
import { FINDINGS_CAP_WORDS, findingsCapOf, MAX_FINDINGS_CAP } from '../services/findings-cap.js';
import { WorkerPool, type ThreadLoss } from '../validation/parallel/pool.js';
import { UnreadableOnServer, validateOnServer } from './remote-validate.js';
import { answerUnreadable, isAckOutput, writeAcknowledgement, type AckOutput } from './ack-output.js';
import type { Scorecard } from '../quality/types.js';
import { formatScorecard } from './format-scorecard.js';
import { formatReport, trialAddress } from './format-report.js';
import { terminalText } from './terminal-text.js';
import { fileError, READ_CHUNK_BYTES, readChunks } from './files.js';
import { envOf, EXIT, UsageError, type CliIo } from './io.js';
import { maxSubmissionBytes } from '../config.js';
import { serverOf, tokenOf } from './credentials.js';
import { failureReasons, parseFailPolicy } from './fail-policy.js';
import { junitReport } from './report-junit.js';
import { sarifReport } from './report-sarif.js';
import { libraryOnUse } from './local-library.js';
import { progressReporter } from './progress.js';
import { threadFailure } from './thread-failure.js';

export interface ValidateArgs {
  file?: string;
  standard?: string;
  format?: string;
  json?: boolean;
  /** text (default), json, junit or sarif; --json is --output json. */
  output?: string;
  /** any, error (default) or none. */
  failOn?: string;
  /** <dimension>=<0 to 100>, each a floor on the scorecard. */
  minScore?: string[];
  maxFindings?: string;
  workers?: string;
  standards?: string;
  server?: string;
  token?: string;
  tokenFile?: string;
  /** Validate locally even when CONFORM_SERVER is set. */
  local?: boolean;
  scorecard?: boolean;
  /** The reporting period the submission is for. */
  period?: string;
  /** With a server: a trial run, nothing stored (locally nothing is ever stored). */
  trial?: boolean;
  /** false (--no-mapping): with a server, do not apply the organisation's saved column mapping. */
  mapping?: boolean;
  /** The name checked against the standard's file-name convention; default: the file's own name. */
  fileName?: string;
}

const OUTPUTS = ['text', 'json', 'junit', 'sarif', 'ack', 'ack-json', 'infack'] as const;
type Output = (typeof OUTPUTS)[number];

function chooseOutput(args: ValidateArgs): Output {
  if (args.json && args.output !== undefined && args.output !== 'json')
    throw new UsageError(`--json is --output json; it cannot go with --output ${args.output}`);
  const output = args.json ? 'json' : (args.output ?? 'text');
  if (!OUTPUTS.includes(output as Output)) throw new UsageError(`--output must be one of ${OUTPUTS.join(', ')}`);
  return output as Output;
}

/**
 * --workers: the pool's threads (default: one per core). Every file is validated on them, never on the main
 * thread, so a record's cost meets a thread's bounds (memory, stack) whatever the count: 0 is one thread,
 * the file whole on it, as the worker policy places it (services/worker-policy.ts); more also cuts NDJSON
 * of any size into pieces for them all.
 */
function workerCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
  return value;
}

const FORMATS: readonly InputFormat[] = ['json', 'ndjson', 'csv'];

const FORMAT_HINT = `give --format ${FORMATS.join('|')}`;

/**
 * The format by the rule every face follows (services/submission-format.ts): --format, else the file's
 * name, which must not say another; a name that says none of the usual formats may be one of the version's
 * own (a batch file's .dat). Locally the library's version decides (`service`); against a server, the
 * server does (undefined: the file is sent as application/octet-stream with its name). (The service checks
 * --file-name, the name given for the standard's convention, against the format the same way.)
 */
async function chooseFormat(args: ValidateArgs, file: string, service: SubmissionService | undefined): Promise<InputFormat | undefined> {
  if (args.format !== undefined && !FORMATS.includes(args.format as InputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const declared = args.format as InputFormat | undefined;
  if (file === '-') {
    if (declared === undefined) throw new UsageError(`standard input (-) has no name to tell its format by; ${FORMAT_HINT}`);
    return declared;
  }
  const name = basename(file);
  const { id, spec } = parseStandardRef(args.standard!);
  if (service) return service.fileFormat({ standardId: id, versionSpec: spec, fileName: name, format: declared, formatHint: FORMAT_HINT });
  // What no version changes (a name that says another of the usual formats than --format) is refused here, before sending.
  if (declared !== undefined) return submissionFormat(name, declared, FORMAT_HINT);
  const named = formatFromFileName(name);
  // The server tells the format by the name it is sent (--file-name when given), not the file's own: for
  // another name it cannot decide as the local mode does, so a file's name that says no usual format is refused here.
  if (named === undefined && args.fileName !== undefined && basename(args.fileName) !== name) return submissionFormat(name, undefined, FORMAT_HINT);
  return named;
}

/** --max-findings, by the service's rule and in its words (services/findings-cap.ts). */
function maxFindings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = findingsCapOf(text);
  if (value === undefined) throw new UsageError(`--max-findings must be ${FINDINGS_CAP_WORDS}`);
  return value;
}

const FOLDER = (file: string): UsageError => new UsageError(`cannot read ${file}: it is a folder, not a file; give the file to validate`);

async function refuseFolder(file: string, cwd: string): Promise<void> {
  if (file === '-') return;
  const info = await stat(resolve(cwd, file)).catch(() => undefined);
  if (info?.isDirectory()) throw FOLDER(file);
}

async function inputFile(file: string, cwd: string): Promise<{ path?: string; total?: number }> {
  if (file === '-') return {};
  const path = resolve(cwd, file);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw FOLDER(file);
    if (!info.isFile()) throw new UsageError(`cannot read ${file}: it is not a regular file; give the file to validate, or - to read standard input`);
    return { path, total: info.size };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fileError(error, 'read', file);
  }
}

/**
 * Before a file is sent to a server, when its format is known (--format, or a name such as .csv): what
 * the service would refuse from the file's first bytes (a workbook, an archive or a PDF, whatever it is
 * called; UTF-16) is refused here, in the same words, so a supplier does not upload a 40 MB workbook for
 * the server to refuse. A name that says no usual format (.xlsx, a batch file's .dat) is the server's to
 * judge first, as it does (by the version's own file names, then the name's advice); gzip is read there.
 */
async function refuseUnreadableFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(START_BYTES);
  const { bytesRead } = await file.read(head, 0, head.length, 0).finally(() => file.close());
  refuseUnreadableStart(head.subarray(0, bytesRead));
}

/**
 * The library's versions, each compiled on this thread when it is resolved (the library compiles none at
 * load): a version whose schema Ajv refuses fails here, naming its file, before any of the input is read,
 * rather than on the pool's threads, which compile their own copy.
 */
function compiledOnResolve(library: Library): VersionSource {
  const versions = libraryVersions(library);
  return {
    get ajv() {
      return versions.ajv;
    },
    async resolve(standardId, spec) {
      const found = await versions.resolve(standardId, spec);
      void found.compiled.validate;
      return found;
    },
  };
}

/**
 * The same service as the server's, over the library on disk, with the same suggestion of a standard the
 * columns match much better, under the service's size limit; nothing is stored and there are no admission
 * bounds. The process's worker pool (started on first use) has --workers threads (default: one per core; 0: one).
 */
async function localService(
  args: ValidateArgs,
  io: CliIo,
  workers: number | undefined,
): Promise<{ service: SubmissionService; pool: WorkerPool; losses: ThreadLoss[] }> {
  const library = await libraryOnUse(args.standards, io.cwd, envOf(io));
  // The threads that die in this run, why in a word: a crash's words say so (thread-failure.ts).
  const losses: ThreadLoss[] = [];
  const pool = new WorkerPool(Math.max(1, workers ?? DEFAULT_WORKERS), undefined, { onThreadLost: (loss) => losses.push(loss) });
  // The same suggestion as the service's ("your columns match <standard> <version>"), from the library.
  const suggestions = new SuggestionService(librarySuggestionSource(library));
  // The service's size limit (CONFORM_MAX_SUBMISSION_BYTES, counted after decompression): a file it would refuse is refused here too.
  const limits = { maxBytes: maxSubmissionBytes(envOf(io)), pool };
  return { service: new SubmissionService(compiledOnResolve(library), undefined, limits, undefined, { suggestions }), pool, losses };
}

/** The same validation as the service's, locally (nothing stored). */
async function validateLocally(
  args: ValidateArgs,
  service: SubmissionService,
  request: Omit<ValidationRequest, 'standardId' | 'versionSpec'>,
): Promise<Report> {
  const { id, spec } = parseStandardRef(args.standard!);
  return service.validateSuggesting({ ...request, standardId: id, versionSpec: spec });
}

/** Counts the bytes read from the file itself (compressed bytes for gzip), for the progress line. */
function counted(source: AsyncIterable<Buffer>, onRead: (bytes: number) => void): AsyncIterable<Buffer> {
  return (async function* () {
    let read = 0;
    for await (const chunk of source) {
      read += chunk.length;
      onRead(read);
      yield chunk;
    }
  })();
}

/**
 * Whether validation stopped because the file cannot be read at all: locally an InputError, as the service
 * passes it on (its cause); with a server, a refusal whose problem names it unreadable (nothing stored).
 */
function unreadable(error: unknown): boolean {
  return isUnreadable(error) || (error instanceof DomainError && isUnreadable(error.cause)) || error instanceof UnreadableOnServer;
}

function render(
  report: Report,
  output: Exclude<Output, AckOutput>,
  args: ValidateArgs,
  file: string,
  policy: ReturnType<typeof parseFailPolicy>,
  server: string | undefined,
): string {
  switch (output) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'junit':
      return junitReport(report, file, policy);
    case 'sarif':
      return sarifReport(report, file);
    default:
      // The report may be a server's, its messages and labels a standard author's: shown as text, never as terminal controls.
      return terminalText(
        formatReport(report, file) + (args.scorecard && report.scorecard ? formatScorecard(report.scorecard as Scorecard) : '') + trialAddress(report, server),
      );
  }
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the file to validate: conform validate <file> --standard <id>[@<version>]');
  if (!args.standard) throw new UsageError('give the standard: --standard <id>[@<version>], e.g. --standard emergency-care-attendance@2');
  const output = chooseOutput(args);
  const policy = parseFailPolicy(args.failOn, args.minScore);
  const server = args.local ? undefined : serverOf(args, io);
  const token = server ? await tokenOf(args, io) : undefined;
  if (server && !token) throw new UsageError('--server needs a supplier token: CONFORM_TOKEN, --token-file <path> or --token <token>');
  // A folder is the mistake to name, whatever its name says (or does not say) of its format.
  await refuseFolder(args.file, io.cwd);
  const workers = workerCount(args.workers);
  const local = server ? undefined : await localService(args, io, workers);
  try {
    return await validateWith({ ...args, file: args.file, standard: args.standard }, io, output, policy, server, token, workers, local?.service);
  } catch (error) {
    // A thread's bound reached, or a thread lost: one line in the CLI's words, naming the bound and what to do.
    throw (local && threadFailure(error, local.losses)) ?? error;
  } finally {
    await local?.pool.close();
  }
}

async function validateWith(
  args: ValidateArgs & { file: string; standard: string },
  io: CliIo,
  output: Output,
  policy: ReturnType<typeof parseFailPolicy>,
  server: string | undefined,
  token: string | undefined,
  workers: number | undefined,
  service: SubmissionService | undefined,
): Promise<number> {
  // The file's own name (never its folder): the standard's file-name convention is checked against it.
  const fileName = args.fileName ?? (args.file === '-' ? undefined : basename(args.file));
  const format = await chooseFormat(args, args.file, service);
  // An acknowledgement lists every failed row: locally from the run's row outcomes, which the findings cap
  // does not limit; from a server's JSON report only from its findings, so it keeps as many as a server
  // keeps (a batch file's acknowledgement comes from the server whole; another standard's, or a trial's on
  // a server that names none, is written from the JSON report's findings).
  const ack = isAckOutput(output);
  const cap = maxFindings(args.maxFindings) ?? (ack && output !== 'infack' && server ? MAX_FINDINGS_CAP : undefined);
  const { path, total } = await inputFile(args.file, io.cwd);
  // `-` with nothing piped in reads the terminal: without a word the command would seem to hang.
  if (!path && (io.stdin as { isTTY?: boolean }).isTTY === true)
    io.stderr.write('conform: reading the data from the terminal (standard input): type or paste it and end with Ctrl-D, or pipe a file in\n');
  const progress = progressReporter(io.stderr, total);
  let read = 0;
  // Validated here, the file is read into a few buffers used in turn (readChunks); sent to a server, whose
  // upload queues what it writes, each chunk is its own.
  const file = path && (server ? (createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) : readChunks(path));
  const source = counted(file || (io.stdin as AsyncIterable<Buffer>), (bytes) => (read = bytes));
  let report: Report;
  try {
    // Only where the server would read the content: a name that says no usual format is the server's to judge first.
    if (server && path && format !== undefined) await refuseUnreadableFile(path);
    report = server
      ? await validateOnServer({
          server,
          token: token!,
          standard: args.standard,
          format,
          source,
          maxFindings: cap,
          ...(args.period !== undefined ? { period: args.period } : {}),
          ...(args.trial ? { trial: true } : {}),
          ...(args.mapping === false ? { mapping: 'none' as const } : {}),
          ...(fileName !== undefined ? { fileName } : {}),
          onSent: progress.sent,
        })
      : await validateLocally(args, service!, {
          format,
          source,
          ...(args.period !== undefined ? { period: args.period } : {}),
          ...(fileName !== undefined ? { fileName } : {}),
          ...(total !== undefined ? { sizeHint: total } : {}),
          // --workers 0 leaves the file to the worker policy, on a pool of one thread (never this thread).
          ...(workers !== undefined && workers > 0 ? { workers } : {}),
          ...(cap !== undefined ? { maxFindings: cap } : {}),
          ...(ack ? { outcomes: true } : {}),
          onProgress: ({ records }) => progress.update({ bytes: read, records }),
        });
  } catch (error) {
    progress.done();
    if (isAckOutput(output) && unreadable(error)) return answerUnreadable(output, io, error as Error);
    throw error;
  }
  progress.done(server ? report.stats.records : undefined);

  for (const warning of report.warnings ?? []) io.stderr.write(`warning: ${terminalText(warning)}\n`);
  if (isAckOutput(output)) await writeAcknowledgement(report, output, io, server, token, fileName);
  else io.stdout.write(render(report, output, args, args.file, policy, server));
  const reasons = failureReasons(report, policy);
  if (reasons.length > 0 && (policy.failOn !== 'error' || policy.minScores.length > 0)) io.stderr.write(`conform: failing: ${reasons.join('; ')}\n`);
  return reasons.length > 0 ? EXIT.invalid : EXIT.ok;
}
