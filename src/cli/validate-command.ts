/** `conform validate <file> --standard <id>[@<version>]`: validates a file against the library. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadLibrary } from '../registry/library.js';
import { parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { validateStream, type ValidateOptions } from '../validation/validate.js';
import { formatFromFileName } from '../validation/input-format.js';
import type { InputFormat, Report } from '../validation/report-types.js';
import { deprecationWarning } from '../submissions/service.js';
import { validateOnServer } from './remote-validate.js';
import { scorecardPass } from '../quality/observer.js';
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
}

/** NDJSON files at least this large are validated on worker threads (the report is the same); below it, starting the workers (about 0.1 s) costs more than they save. */
const PARALLEL_FROM_BYTES = 64 * 1024 * 1024;

function workerCount(text: string | undefined, format: InputFormat, size: number | undefined): number {
  if (text !== undefined) {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
    return value;
  }
  return format === 'ndjson' && size !== undefined && size >= PARALLEL_FROM_BYTES ? Math.min(2, availableParallelism()) : 0;
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

async function validateLocally(args: ValidateArgs, io: CliIo, source: AsyncIterable<Buffer>, options: ValidateOptions): Promise<Report> {
  const library = await loadLibrary(standardsDir(args.standards, io.cwd));
  const { id, spec } = parseStandardRef(args.standard!);
  const version = resolveVersion(library, id, spec);
  const standard = library.standards.get(id)!;
  const quality = scorecardPass(library.validators.ajv, version.schema, version.schemaId, standard.meta);
  const report = await validateStream(source, version.compiled, { ...options, observer: quality.observer });
  report.scorecard = quality.scorecard();
  if (version.meta.status === 'deprecated') {
    const all = standard.versions.map((v) => ({ version: v.version, status: v.meta.status }));
    report.warnings = [deprecationWarning(id, version.version, all)];
  }
  return report;
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the file to validate: conform validate <file> --standard <id>[@<version>]');
  if (!args.standard) throw new UsageError('give the standard: --standard <id>[@<version>], e.g. --standard emergency-care-attendance@2');
  if (args.server && !args.token) throw new UsageError('--server needs --token <supplier token>');
  const format = chooseFormat(args, args.file);
  const cap = maxFindings(args.maxFindings);
  const { path, total } = await inputFile(args.file, io.cwd);
  const source = (path ? createReadStream(path, { highWaterMark: 1 << 20 }) : io.stdin) as AsyncIterable<Buffer>;
  const progress = progressReporter(io.stderr, total);
  const report = await (args.server
    ? validateOnServer({ server: args.server, token: args.token!, standard: args.standard, format, source, maxFindings: cap, onProgress: progress.update })
    : validateLocally(args, io, source, { format, workers: workerCount(args.workers, format, total), ...(cap !== undefined ? { maxFindings: cap } : {}), onProgress: progress.update })
  ).finally(progress.done);

  for (const warning of report.warnings ?? []) io.stderr.write(`warning: ${warning}\n`);
  io.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, args.file));
  if (args.scorecard && !args.json && report.scorecard) io.stdout.write(formatScorecard(report.scorecard as Scorecard));
  return report.valid ? EXIT.ok : EXIT.invalid;
}
