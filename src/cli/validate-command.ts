/** `conform validate <file> --standard <id>[@<version>]`: validates a file against the library. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadLibrary } from '../registry/library.js';
import { parseStandardRef, resolveVersion } from '../registry/resolve.js';
import { validateStream } from '../validation/validate.js';
import type { InputFormat } from '../validation/report-types.js';
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

export function formatFromName(file: string): InputFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  return undefined;
}

function chooseFormat(args: ValidateArgs, file: string): InputFormat {
  if (args.format !== undefined) {
    if (!FORMATS.includes(args.format as InputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    return args.format as InputFormat;
  }
  const format = file === '-' ? undefined : formatFromName(file);
  if (!format) throw new UsageError(`cannot tell the format of "${file}" from its name; give --format ${FORMATS.join('|')}`);
  return format;
}

function maxFindings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError('--max-findings must be a whole number, 0 or more');
  return value;
}

export async function validateCommand(args: ValidateArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('give the file to validate: conform validate <file> --standard <id>[@<version>]');
  if (!args.standard) throw new UsageError('give the standard: --standard <id>[@<version>], e.g. --standard emergency-care-attendance@2');
  const format = chooseFormat(args, args.file);
  const cap = maxFindings(args.maxFindings);
  const library = await loadLibrary(standardsDir(args.standards, io.cwd));
  const { id, spec } = parseStandardRef(args.standard);
  const version = resolveVersion(library, id, spec);

  const path = args.file === '-' ? undefined : resolve(io.cwd, args.file);
  let total: number | undefined;
  if (path) {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new UsageError(`${args.file} is not a file`);
      total = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const source = path ? createReadStream(path, { highWaterMark: 1 << 20 }) : io.stdin;
  const progress = progressReporter(io.stderr, total);
  const report = await validateStream(source as AsyncIterable<Buffer>, version.compiled, {
    format,
    workers: workerCount(args.workers, format, total),
    ...(cap !== undefined ? { maxFindings: cap } : {}),
    onProgress: progress.update,
  }).finally(progress.done);

  if (version.meta.status === 'deprecated') {
    io.stderr.write(`warning: ${id}@${version.version} is deprecated; newer versions: ${newerVersions(library, id, version.version)}\n`);
  }
  io.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, args.file));
  return report.valid ? EXIT.ok : EXIT.invalid;
}

function newerVersions(library: Awaited<ReturnType<typeof loadLibrary>>, id: string, version: string): string {
  const standard = library.standards.get(id)!;
  const newer = standard.versions.filter((v) => v.meta.status === 'published' && v.version > version).map((v) => v.version);
  return newer.length > 0 ? newer.join(', ') : 'none published';
}
