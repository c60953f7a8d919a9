/**
 * The `conform` commands, options and help, declared once with commander: parsing, `--version`, help per
 * command with examples, "did you mean" suggestions and the shell completion scripts all come from here.
 * Each action loads its command module when it runs, so `conform validate` never loads the store, the
 * web pages or better-sqlite3 (only `serve` and `tokens` do).
 */
import { Argument, Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { packageVersion } from './package-info.js';
import { DEFAULT_MAX_FINDINGS, MAX_FINDINGS_CAP } from '../services/findings-cap.js';

/** The exit code the chosen command returned. */
export interface Outcome {
  code: number;
}

const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const standardsOption = (): Option => new Option('--standards <dir>', 'the standards folder (default: CONFORM_STANDARDS_DIR or the bundled library)');

const ROOT_AFTER = `
Environment:
  CONFORM_SERVER         the service for validate and publish (--server overrides it)
  CONFORM_TOKEN          the token sent to it (--token-file or --token override it; prefer these to --token,
                         which other users of the machine can see in the process list)
  CONFORM_STANDARDS_DIR  the standards folder for local commands (--standards overrides it)
  CONFORM_MAX_LIBRARY_FILE_BYTES  the most one file of the standards folder may hold (default 8 MiB;
                         a file that is no regular file, such as a pipe or a device, is refused too)
  CONFORM_MAX_SUBMISSION_BYTES  the largest file validate reads locally, counted after decompression
                         (default 2 GiB, the service's own default limit)

Exit codes: 0 valid or done, 1 invalid data or a failed check, 2 bad usage or input that cannot be read.
Run "conform <command> --help" for a command's options and examples.
`;

export function buildProgram(io: CliIo, outcome: Outcome): Command {
  const width = (stream: CliIo['stdout']): number => Math.min((stream as { columns?: number }).columns ?? 100, 120);
  const program = new Command('conform')
    .description('Validate health and care data against published data standards, and run the Conform service.')
    .usage('<command> [options]')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .enablePositionalOptions()
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => width(io.stdout),
      getErrHelpWidth: () => width(io.stderr),
      // Commander's "error: …\n(Did you mean …?)" becomes one line in the CLI's own style.
      outputError: (text, write) => write(`conform: ${oneLine(text)}\n`),
    })
    .addHelpText('after', ROOT_AFTER);

  const done = (code: number): void => {
    outcome.code = code;
  };

  program
    .command('validate')
    .summary('validate a JSON, NDJSON or CSV file (plain or gzip)')
    .description(
      'Validates a JSON (record or array), NDJSON or CSV file, plain or gzip; "-" reads standard input (give --format). Locally by default; with --server (or CONFORM_SERVER) the file is streamed to the service, which stores the report as a submission (--trial: a trial run, nothing stored). The version is exact (2.0.0), a major (2) or latest (the default). Exit 0 valid, 1 invalid (or what --fail-on and --min-score choose), 2 bad usage or unreadable input.',
    )
    .argument('[file]', 'the file to validate, or - for standard input')
    .option('-s, --standard <id[@version]>', 'the standard, e.g. emergency-care-attendance@2')
    .option('-f, --format <format>', 'json, ndjson or csv (default: from the file name)')
    .addOption(new Option('--output <format>', 'the report on standard output').choices(['text', 'json', 'junit', 'sarif', 'ack', 'ack-json', 'infack']))
    .option('--json', 'the whole report as JSON (the same as --output json)')
    .addOption(new Option('--fail-on <level>', 'what exits 1: any finding or warning, errors only, or none').choices(['any', 'error', 'none']).default('error'))
    .addOption(new Option('--min-score <dimension=score>', 'also exit 1 when a scorecard figure (0 to 100) is below this; repeatable').argParser(collect))
    .option('--max-findings <n>', `findings kept in the report (0 to ${MAX_FINDINGS_CAP}, default ${DEFAULT_MAX_FINDINGS}); the summary counts all`)
    .option('--workers <n>', 'validation threads, each with its memory and stack bounds (default: one per core; 0 for one); every file is validated on them')
    .option('--scorecard', 'also print the data-quality scorecard as a table (text output)')
    .option(
      '--period <id>',
      'the reporting period the file is for: a month (2026-11), a quarter (2026-Q3), a financial year (2026-27) or its quarter (2026-27-Q1), or dates (2026-04-01/2026-06-30)',
    )
    .option('--file-name <name>', "the name checked against the standard's file-name convention (default: the file's own name)")
    .option('--server <url>', 'validate on this service instead (default: CONFORM_SERVER)')
    .option(
      '--trial',
      "with --server: a trial run, the full report but nothing stored (a local validation never stores anything); the text output ends with the held report's address and how long the server keeps it",
    )
    .option('--no-mapping', "with --server: do not rename CSV columns by your organisation's saved column mapping")
    .option('--token-file <path>', 'a file holding the supplier token (default: CONFORM_TOKEN)')
    .option('--token <token>', 'the supplier token (visible in the process list: prefer --token-file or CONFORM_TOKEN)')
    .option('--local', 'validate locally even when CONFORM_SERVER is set')
    .addOption(standardsOption())
    .addHelpText(
      'after',
      examples(
        'conform validate attendances.csv --standard emergency-care-attendance',
        'conform validate people.ndjson.gz -s patient-demographics@1.1.0 --scorecard',
        'conform validate data.csv -s emergency-care-attendance --output junit > conform-junit.xml',
        'conform validate data.csv -s emergency-care-attendance --output sarif --fail-on none > conform.sarif',
        'conform validate data.csv -s emergency-care-attendance --min-score overall=90 --min-score completeness=95',
        'CONFORM_SERVER=https://conform.example CONFORM_TOKEN=… conform validate data.csv -s emergency-care-attendance',
        'CONFORM_SERVER=https://conform.example CONFORM_TOKEN=… conform validate data.csv -s emergency-care-attendance --trial',
        'gunzip -c data.ndjson.gz | conform validate - --format ndjson -s patient-demographics',
        'conform validate FLU_Vaccinations_v5_B86001_20240610T18332500.csv -s immunisation-batch --output ack',
      ),
    )
    .action(async (file: string | undefined, o: Record<string, unknown>) => {
      const { validateCommand } = await import('./validate-command.js');
      done(
        await validateCommand(
          {
            file,
            standard: o.standard as string | undefined,
            format: o.format as string | undefined,
            json: o.json as boolean | undefined,
            output: o.output as string | undefined,
            failOn: o.failOn as string | undefined,
            minScore: o.minScore as string[] | undefined,
            maxFindings: o.maxFindings as string | undefined,
            workers: o.workers as string | undefined,
            standards: o.standards as string | undefined,
            server: o.server as string | undefined,
            token: o.token as string | undefined,
            tokenFile: o.tokenFile as string | undefined,
            local: o.local as boolean | undefined,
            scorecard: o.scorecard as boolean | undefined,
            period: o.period as string | undefined,
            trial: o.trial as boolean | undefined,
            mapping: o.mapping as boolean | undefined,
            fileName: o.fileName as string | undefined,
          },
          io,
        ),
      );
    });

  program
    .command('standards')
    .summary("list the library's standards, or show one version's fields")
    .description(
      'Without an id, lists the standards in the library and their versions. With an id (and optionally a version: exact, a major or latest), shows the standard and the fields of that version: name, type, required, expected or optional, format and code list.',
    )
    .argument('[standard]', 'a standard id, optionally with @version')
    .option('--json', 'as JSON')
    .addOption(standardsOption())
    .addHelpText('after', examples('conform standards', 'conform standards patient-demographics', 'conform standards emergency-care-attendance@1 --json'))
    .action(async (ref: string | undefined, o: { json?: boolean; standards?: string }) => {
      const { standardsCommand } = await import('./library-commands.js');
      done(await standardsCommand({ ref, json: o.json, standards: o.standards }, io));
    });

  program
    .command('template')
    .summary('write a CSV template (header and an example row) for a standard')
    .description(
      "Writes a CSV header naming every field of the version (dotted for nested fields) and a row from the version's valid examples that validates against it, to standard output or --out.",
    )
    .argument('<standard>', 'a standard id, optionally with @version')
    .option('-o, --out <file>', 'write the template to this file (never an existing one without --force)')
    .option('--force', 'with --out: replace the file if it exists')
    .addOption(standardsOption())
    .addHelpText('after', examples('conform template emergency-care-attendance --out attendances.csv', 'conform template patient-demographics@1.0.0'))
    .action(async (ref: string, o: { out?: string; force?: boolean; standards?: string }) => {
      const { templateCommand } = await import('./template-command.js');
      done(await templateCommand({ ref, out: o.out, force: o.force, standards: o.standards }, io));
    });

  program
    .command('check')
    .summary('prove the standards library')
    .description(
      'Proves the library: every version compiles, every example behaves as declared, published versions are unchanged and versions follow semver under their compatibility policy.',
    )
    .option('--record-hashes', 'record the content hash of versions that have none yet')
    .addOption(standardsOption())
    .addHelpText('after', examples('conform check', 'conform check --standards ./standards'))
    .action(async (o: { recordHashes?: boolean; standards?: string }) => {
      const { checkCommand } = await import('./library-commands.js');
      done(await checkCommand({ recordHashes: o.recordHashes, standards: o.standards }, io));
    });

  program
    .command('serve')
    .summary('run the HTTP service and web pages')
    .description(
      'Runs the HTTP service (PORT, default 3000) over the embedded SQLite store (CONFORM_DATA_DIR, default ./.conform; it needs better-sqlite3 built for this Node) or PostgreSQL (DATABASE_URL), with the bundled standards loaded. Configured by environment variables only (README: The service).',
    )
    .addHelpText('after', examples('conform serve', 'PORT=8080 DATABASE_URL=postgres://conform@db/conform conform serve'))
    .action(async () => {
      const { serveCommand } = await import('./serve-command.js');
      done(await serveCommand(io));
    });

  const tokens = program
    .command('tokens')
    .summary("create, list and revoke API tokens in the service's store")
    .description('Manages API tokens directly in the configured store (CONFORM_DATA_DIR or DATABASE_URL, as conform serve).')
    .addHelpText(
      'after',
      examples('conform tokens create --role supplier --name "Leeds ED feed" --organisation RR8', 'conform tokens list', 'conform tokens revoke <id>'),
    );
  tokens
    .command('create')
    .description('creates a token and prints it, once')
    .option('--role <role>', 'admin, author or supplier')
    .option('--name <name>', 'who or what the token is for')
    .option('--organisation <code>', "the organisation's ODS code or supplier code, 3 to 10 letters and digits (required for a supplier)")
    .option('--json', 'as JSON')
    .addHelpText('after', examples('conform tokens create --role author --name "Standards team" --organisation X26'))
    .action(async (o: { role?: string; name?: string; organisation?: string; json?: boolean }) => {
      const { tokensCommand } = await import('./tokens-command.js');
      done(await tokensCommand({ action: 'create', ...o }, io));
    });
  tokens
    .command('list')
    .description('lists the tokens (never the tokens themselves)')
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) => {
      const { tokensCommand } = await import('./tokens-command.js');
      done(await tokensCommand({ action: 'list', json: o.json }, io));
    });
  tokens
    .command('revoke')
    .description('revokes a token by its id')
    .argument('[id]', 'the token id (from conform tokens list)')
    .action(async (id: string | undefined) => {
      const { tokensCommand } = await import('./tokens-command.js');
      done(await tokensCommand({ action: 'revoke', id }, io));
    });

  program
    .command('backup')
    .summary('copy the SQLite store to a new file, online')
    .description(
      "Copies the embedded SQLite store (CONFORM_DATA_DIR) to a new file while conform serve may keep serving from it (SQLite's online backup). The copy is a complete store: put it in a folder as conform.sqlite and point CONFORM_DATA_DIR at that folder. Never overwrites a file. For PostgreSQL use pg_dump (docs/deployment.md).",
    )
    .argument('[file]', 'the file to write')
    .addHelpText('after', examples('conform backup ./backups/conform-2026-12-02.sqlite'))
    .action(async (file: string | undefined) => {
      const { backupCommand } = await import('./backup-command.js');
      done(await backupCommand({ file }, io));
    });

  program
    .command('types')
    .summary('write TypeScript types and standalone validators')
    .description(
      "Writes TypeScript types and standalone validators for a version (--standard) or every version (--all), of the local library or of a service's (--server). --check writes nothing and exits 1 when the folder differs.",
    )
    .option('-s, --standard <id[@version]>', 'one standard version')
    .option('--all', 'every version of every standard')
    .option('-o, --out <dir>', 'the output folder')
    .option('--check', 'exit 1 if the files in --out differ from what would be written')
    .option('--server <url>', "read the versions from this service's API")
    .addOption(standardsOption())
    .addHelpText('after', examples('conform types --standard patient-demographics --out src/generated', 'conform types --all --out generated --check'))
    .action(async (o: { standard?: string; all?: boolean; out?: string; check?: boolean; server?: string; standards?: string }) => {
      const { typesCommand } = await import('./types-command.js');
      done(await typesCommand(o, io));
    });

  program
    .command('publish')
    .summary('publish a version of a standard (or an artefact) to a service')
    .description(
      'Publishes a schema (YAML or JSON) as a version of a standard over HTTP; with --artefact, a code list or definitions set (the file names its kind, id and version) and lists the standards that could adopt it. Exit 0 published (or already the same), 1 refused (each reason listed), 2 usage or unreachable.',
    )
    .argument('[file]', 'the schema, .yaml, .yml or .json')
    .option('--artefact', 'the file is a code list or definitions set, published at the version it declares')
    .option('-s, --standard <id>', 'the standard')
    .option('--version <version>', 'the version to publish, e.g. 1.2.0')
    .option('--server <url>', 'the service (default: CONFORM_SERVER)')
    .option('--token-file <path>', 'a file holding the author token (default: CONFORM_TOKEN)')
    .option('--token <token>', 'the author token (visible in the process list: prefer --token-file or CONFORM_TOKEN)')
    .addHelpText(
      'after',
      examples(
        'conform publish appointment.yaml --standard appointment --version 1.0.0 --server http://localhost:3000 --token-file ~/.conform-token',
        'conform publish ethnic-category-1.1.0.yaml --artefact --server http://localhost:3000 --token-file ~/.conform-token',
      ),
    )
    .action(
      async (file: string | undefined, o: { artefact?: boolean; standard?: string; version?: string; server?: string; token?: string; tokenFile?: string }) => {
        const { publishCommand } = await import('./publish-command.js');
        done(await publishCommand({ file, ...o }, io));
      },
    );

  program
    .command('completion')
    .summary('print a shell completion script (bash or zsh)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .addHelpText('after', examples('source <(conform completion bash)', 'conform completion zsh > "${fpath[1]}/_conform"'))
    .action(async (shell: 'bash' | 'zsh') => {
      const { completionScript } = await import('./completion.js');
      io.stdout.write(completionScript(program, shell));
      done(0);
    });

  return program;
}

/** Commander's error text as one line: "error: unknown option '--jsn'\n(Did you mean --json?)" -> "unknown option '--jsn' (did you mean --json?)". */
export function oneLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean/g, ' (did you mean')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
