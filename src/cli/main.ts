/** The `conform` command line. Exit codes: 0 valid or done, 1 invalid data or failed check, 2 bad usage or unreadable input. */
import { CommanderError } from 'commander';
import { terminalText } from './terminal-text.js';
import { LibraryError } from '../registry/library.js';
import { NotFoundError } from '../registry/resolve.js';
import { DomainError } from '../services/errors.js';
import { InputError } from '../validation/errors.js';
import { SchemaCompileError } from '../validation/validators.js';
import { ConfigError } from '../config.js';
import { buildProgram, type Outcome } from './program.js';
import { fileError } from './files.js';
import { EXIT, processIo, UsageError, type CliIo } from './io.js';
import { ThreadFailure } from './thread-failure.js';

/** Commander's own exits: help and --version asked for are done; anything else is a usage error (already printed on one line). */
function commanderExit(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  // `conform help <command>` asked for help (exit code 0); `conform` alone showed it for want of a command.
  if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.usage;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const outcome: Outcome = { code: EXIT.ok };
  try {
    const program = buildProgram(io, outcome);
    // `conform help <no such command>`: commander showed the global help with no word of the mistake;
    // parse the name as the command asked for, which says it is unknown and suggests the nearest one.
    const [first, asked] = argv;
    const known = (name: string): boolean => program.commands.some((c) => c.name() === name || c.aliases().includes(name));
    const args = first === 'help' && asked !== undefined && !asked.startsWith('-') && !known(asked) ? [asked] : argv;
    await program.parseAsync(args, { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    if (
      error instanceof UsageError ||
      error instanceof NotFoundError ||
      error instanceof DomainError ||
      error instanceof InputError ||
      error instanceof ConfigError ||
      error instanceof ThreadFailure
    ) {
      io.stderr.write(`conform: ${terminalText(error.message)}\n`);
      return EXIT.usage;
    }
    if (error instanceof LibraryError || error instanceof SchemaCompileError) {
      io.stderr.write(`conform: the standards library cannot be loaded: ${terminalText(error.message)}\n`);
      return EXIT.usage;
    }
    // Data problems are findings, never exceptions, so what reaches here (a file or database that cannot
    // be reached, a worker that ran out of memory) holds no record values.
    const { code, path, syscall } = error as NodeJS.ErrnoException;
    if (code && path) {
      const action = /^(open|read|stat|lstat|scandir)$/.test(syscall ?? '') ? 'read' : 'write';
      io.stderr.write(`conform: ${terminalText(fileError(error, action, path).message)} (${code})\n`);
      return EXIT.usage;
    }
    io.stderr.write(`conform: ${terminalText((error as Error).message)}${code && !(error as Error).message.includes(code) ? ` (${code})` : ''}\n`);
    return EXIT.usage;
  }
}
