/** The `conform` command line. Exit codes: 0 valid or done, 1 invalid data or failed check, 2 bad usage or unreadable input. */
import { parseArgs } from 'node:util';
import { LibraryError } from '../registry/library.js';
import { NotFoundError } from '../registry/resolve.js';
import { DomainError } from '../services/errors.js';
import { InputError } from '../validation/errors.js';
import { SchemaCompileError } from '../validation/validators.js';
import { validateCommand } from './validate-command.js';
import { checkCommand, standardsCommand } from './library-commands.js';
import { serveCommand } from './serve-command.js';
import { tokensCommand } from './tokens-command.js';
import { publishCommand } from './publish-command.js';
import { typesCommand } from './types-command.js';
import { backupCommand } from './backup-command.js';
import { ConfigError } from '../config.js';
import { EXIT, processIo, UsageError, type CliIo } from './io.js';

const HELP = `conform: validate health and care data against published data standards

Usage:
  conform validate <file> --standard <id>[@<version>] [--format json|ndjson|csv] [--json] [--max-findings N] [--workers N]
                   [--server <url> --token <supplier token>] [--scorecard]
      Validates a JSON (record or array), NDJSON or CSV file, plain or gzip; '-' reads standard input.
      NDJSON files of 16 MiB or more (and standard input) are validated on a pool of worker threads, one per core; --workers N sets the number
      (0 for one thread). The report is the same either way. With --server the file is streamed to the
      service, which validates it, stores the report and answers with it. Every report carries a
      data-quality scorecard; --scorecard prints it as a table.
      The version is exact (2.0.0), a major (2) or latest (the default).
      Exit code 0 valid, 1 invalid, 2 bad usage or unreadable input.
  conform standards [--json]          Lists the standards in the library and their versions.
  conform check [--record-hashes]     Proves the library: every version compiles, every example behaves
                                      as declared, published versions are unchanged.
  conform serve                       Runs the HTTP service (PORT, default 3000) over the embedded store
                                      (CONFORM_DATA_DIR, default ./.conform) or PostgreSQL (DATABASE_URL),
                                      with the bundled standards loaded.
  conform tokens create --role admin|author|supplier --name <name> [--organisation <ODS code>]
  conform tokens list | conform tokens revoke <id>
  conform backup <file>               Copies the SQLite store (CONFORM_DATA_DIR) to a new file, online, while
                                      it serves; for PostgreSQL use pg_dump (docs/deployment.md).
  conform types --standard <id>[@<version>] | --all --out <dir> [--server <url>] [--check]
                                      Writes TypeScript types and standalone validators for each version
                                      (--check: fail if the files in <dir> differ from what it would write).
  conform publish <file.yaml|file.json> --standard <id> --version <v> --server <url> --token <t>
                                      Publishes a version over HTTP; exit 0 published (or already the
                                      same), 1 refused (each reason listed), 2 usage or unreachable.
Options:
  --standards <dir>   the standards folder (default: CONFORM_STANDARDS_DIR or the bundled library)
  -h, --help          this help
`;

const OPTIONS = {
  standard: { type: 'string', short: 's' },
  format: { type: 'string', short: 'f' },
  json: { type: 'boolean' },
  scorecard: { type: 'boolean' },
  all: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  check: { type: 'boolean' },
  'max-findings': { type: 'string' },
  workers: { type: 'string' },
  standards: { type: 'string' },
  'record-hashes': { type: 'boolean' },
  role: { type: 'string' },
  name: { type: 'string' },
  organisation: { type: 'string' },
  version: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
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
      return validateCommand(
        {
          file: rest[0],
          standard: values.standard,
          format: values.format,
          json: values.json,
          maxFindings: values['max-findings'],
          workers: values.workers,
          standards: values.standards,
          server: values.server,
          token: values.token,
          scorecard: values.scorecard,
        },
        io,
      );
    case 'standards':
      return standardsCommand({ json: values.json, standards: values.standards }, io);
    case 'check':
      return checkCommand({ recordHashes: values['record-hashes'], standards: values.standards }, io);
    case 'serve':
      return serveCommand(io);
    case 'publish':
      return publishCommand({ file: rest[0], standard: values.standard, version: values.version, server: values.server, token: values.token }, io);
    case 'types':
      return typesCommand(
        { standard: values.standard, all: values.all, out: values.out, check: values.check, server: values.server, standards: values.standards },
        io,
      );
    case 'backup':
      if (rest.length !== 1) throw new UsageError('backup takes one file: conform backup <file>');
      return backupCommand({ file: rest[0] }, io);
    case 'tokens':
      return tokensCommand({ action: rest[0], id: rest[1], role: values.role, name: values.name, organisation: values.organisation, json: values.json }, io);
    default:
      throw new UsageError(`unknown command "${command}"; the commands are validate, standards, check, serve, tokens, publish, types, backup (conform --help)`);
  }
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof NotFoundError ||
      error instanceof DomainError ||
      error instanceof InputError ||
      error instanceof ConfigError
    ) {
      io.stderr.write(`conform: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof LibraryError || error instanceof SchemaCompileError) {
      io.stderr.write(`conform: the standards library cannot be loaded: ${error.message}\n`);
      return EXIT.usage;
    }
    // Data problems are findings, never exceptions, so what reaches here (a file or database that cannot
    // be reached, a worker that ran out of memory) holds no record values.
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`conform: ${(error as Error).message}${code && !(error as Error).message.includes(code) ? ` (${code})` : ''}\n`);
    return EXIT.usage;
  }
}
