/** The `conform` command line. Exit codes: 0 valid or done, 1 invalid data or failed check, 2 bad usage or unreadable input. */
import { parseArgs } from 'node:util';
import { LibraryError } from '../registry/library.js';
import { NotFoundError } from '../registry/resolve.js';
import { InputError } from '../validation/errors.js';
import { SchemaCompileError } from '../validation/validators.js';
import { validateCommand } from './validate-command.js';
import { checkCommand, standardsCommand } from './library-commands.js';
import { EXIT, processIo, UsageError, type CliIo } from './io.js';

const HELP = `conform: validate health and care data against published data standards

Usage:
  conform validate <file> --standard <id>[@<version>] [--format json|ndjson|csv] [--json] [--max-findings N] [--workers N]
      Validates a JSON (record or array), NDJSON or CSV file, plain or gzip; '-' reads standard input.
      NDJSON files of 64 MiB or more are validated on two worker threads; --workers N sets the number
      (0 for one thread). The report is the same either way.
      The version is exact (2.0.0), a major (2) or latest (the default).
      Exit code 0 valid, 1 invalid, 2 bad usage or unreadable input.
  conform standards [--json]          Lists the standards in the library and their versions.
  conform check [--record-hashes]     Proves the library: every version compiles, every example behaves
                                      as declared, published versions are unchanged.
Options:
  --standards <dir>   the standards folder (default: CONFORM_STANDARDS_DIR or the bundled library)
  -h, --help          this help
`;

const OPTIONS = {
  standard: { type: 'string', short: 's' },
  format: { type: 'string', short: 'f' },
  json: { type: 'boolean' },
  'max-findings': { type: 'string' },
  workers: { type: 'string' },
  standards: { type: 'string' },
  'record-hashes': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout.write(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  switch (command) {
    case 'validate':
      if (rest.length > 1) throw new UsageError('validate takes one file');
      return validateCommand({ file: rest[0], standard: values.standard, format: values.format, json: values.json, maxFindings: values['max-findings'], workers: values.workers, standards: values.standards }, io);
    case 'standards':
      return standardsCommand({ json: values.json, standards: values.standards }, io);
    case 'check':
      return checkCommand({ recordHashes: values['record-hashes'], standards: values.standards }, io);
    default:
      throw new UsageError(`unknown command "${command}"; the commands are validate, standards, check (conform --help)`);
  }
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof NotFoundError || error instanceof InputError) {
      io.stderr.write(`conform: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof LibraryError || error instanceof SchemaCompileError) {
      io.stderr.write(`conform: the standards library cannot be loaded: ${error.message}\n`);
      return EXIT.usage;
    }
    // File system errors carry a code; anything else (a worker that ran out of memory, say) its message.
    // Neither ever holds record values: data problems are findings, never exceptions.
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(code ? `conform: cannot read the input (${code})\n` : `conform: validation stopped: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}
