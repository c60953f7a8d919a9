/**
 * `conform backup <file>`: an online copy of the embedded SQLite store (the configured CONFORM_DATA_DIR)
 * to a new file, while `conform serve` may keep serving from it. The copy is a complete store: point
 * CONFORM_DATA_DIR at a folder holding it as conform.sqlite to serve from it. The rule (SQLite only, never
 * overwrite, and no file by the destination's name until the copy is complete) is HealthService's; PostgreSQL
 * is refused with the pg_dump path (docs/deployment.md). Ctrl-C removes the unfinished copy.
 */
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { openHealth } from '../app.js';
import { removePartialBackup } from '../services/health.js';
import { loadConfig, type Config } from '../config.js';
import { EXIT, UsageError, type CliIo } from './io.js';

export async function backupCommand(args: { file?: string }, io: CliIo, config: Config = loadConfig()): Promise<number> {
  if (!args.file) throw new UsageError('backup needs the file to write: conform backup <file>');
  const destination = resolve(io.cwd, args.file);
  const { health, close } = await openHealth(config);
  // Stopped part-way (Ctrl-C, a kill): the unfinished copy is removed, so no partial file is left behind.
  const stop = (signal: NodeJS.Signals): void => {
    removePartialBackup(destination);
    io.stderr.write(`conform: the backup was stopped (${signal}); nothing was written to ${destination}\n`);
    process.exit(128 + constants.signals[signal]);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const { bytes } = await health.backup(destination);
    io.stdout.write(
      `backed up the ${config.dataDir === ':memory:' ? 'in-memory' : 'SQLite'} store to ${destination} (${bytes.toLocaleString('en-GB')} bytes)\n`,
    );
    return EXIT.ok;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await close();
  }
}
