/** `conform validate <file> --standard <id>[@<version>]`: validates a file against the library. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadLibrary } from '../registry/library.js';
import { parseStandardRef } from '../registry/resolve.js';
import { formatFromFileName } from '../validation/input-format.js';
import type { InputFormat, Report } from '../validation/report-types.js';
import { SubmissionService, type ValidationRequest } from '../services/submissions.js';
import { libraryVersions } from '../services/version-source.js';
import { DEFAULT_WORKERS } from '../services/worker-policy.js';
import { WorkerPool } from '../validation/parallel/pool.js';
import { validateOnServer } from './remote-validate.js';
import type { Scorecard } from '../quality/types.js';
import { formatScorecard } from './format-scorecard.js';
import { formatReport } from './format-report.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { standardsDir } from './paths.js';
import { progressReporter } from './progress.js';

export interface ValidateArgs {
  file?: string;
  standard?: string;
  format?: string;
  json?: boolean;
  maxFindings?: string;
  workers?: string;
  standards?: string;
  server?: string;
  token?: string;
  scorecard?: boolean;
  /** The reporting period id (--period). */
  period?: string;
}

/** --workers overrides the worker policy (services/worker-policy.ts) that the service follows too. */
function workerCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
  return value;
}

const FORMATS: readonly InputFormat[] = ['json', 'ndjson', 'csv'];

function chooseFormat(args: ValidateArgs, file: string): InputFormat {
  if (args.format !== undefined) {
    if (!FORMATS.includes(args.format as InputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    return args.format as InputFormat;
  }
  const format = file === '-' ? undefined : formatFromFileName(file);
  if (!format) throw new UsageError(`cannot tell the format of "${file}" from its name; give --format ${FORMATS.join('|')}`);
  return format;
}

function maxFindings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError('--max-findings must be a whole number, 0 or more');
  return value;
}

async function inputFile(file: string, cwd: string): Promise<{ path?: string; total?: number }> {
  if (file === '-') return {};
  const path = resolve(cwd, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${file} is not a file`);
    return { path, total: info.size };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/**
 * The same validation as the service's, over the library on disk; nothing is stored and nothing is
 * limited (no admission bounds). The process's worker pool has --workers threads (default: one per core).
 */
async function validateLocally(
  args: ValidateArgs,
  io: CliIo,
  request: Omit<ValidationRequest, 'standardId' | 'versionSpec'>,
  workers: number | undefined,
): Promise<Report> {
  const library = await loadLibrary(standardsDir(args.standards, io.cwd));
  const { id, spec } = parseStandardRef(args.standard!);
  const pool = new WorkerPool(workers ?? DEFAULT_WORKERS);
  try {
    return await new SubmissionService(libraryVersions(library), undefined, { maxBytes: Number.MAX_SAFE_INTEGER, pool }).validate({
      ...request,
      standardId: id,
      versionSpec: spec,
    });
  } finally {
    await pool.close();
  }
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the file to validate: conform validate <file> --standard <id>[@<version>]');
  if (!args.standard) throw new UsageError('give the standard: --standard <id>[@<version>], e.g. --standard emergency-care-attendance@2');
  if (args.server && !args.token) throw new UsageError('--server needs --token <supplier token>');
  const format = chooseFormat(args, args.file);
  const cap = maxFindings(args.maxFindings);
  const workers = workerCount(args.workers);
  const { path, total } = await inputFile(args.file, io.cwd);
  const source = (path ? createReadStream(path, { highWaterMark: 1 << 20 }) : io.stdin) as AsyncIterable<Buffer>;
  const progress = progressReporter(io.stderr, total);
  const report = await (
    args.server
      ? validateOnServer({
          server: args.server,
          token: args.token!,
          standard: args.standard,
          format,
          source,
          maxFindings: cap,
          ...(args.period !== undefined ? { period: args.period } : {}),
          onProgress: progress.update,
        })
      : validateLocally(
          args,
          io,
          {
            format,
            source,
            ...(args.period !== undefined ? { period: args.period } : {}),
            ...(total !== undefined ? { sizeHint: total } : {}),
            ...(workers !== undefined ? { workers } : {}),
            ...(cap !== undefined ? { maxFindings: cap } : {}),
            onProgress: progress.update,
          },
          workers,
        )
  ).finally(progress.done);

  for (const warning of report.warnings ?? []) io.stderr.write(`warning: ${warning}\n`);
  io.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, args.file));
  if (args.scorecard && !args.json && report.scorecard) io.stdout.write(formatScorecard(report.scorecard as Scorecard));
  return report.valid ? EXIT.ok : EXIT.invalid;
}
