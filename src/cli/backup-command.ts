/**
 * `conform backup <file>`: an online copy of the embedded SQLite store (the configured CONFORM_DATA_DIR)
 * to a new file, while `conform serve` may keep serving from it. The copy is a complete store: point
 * CONFORM_DATA_DIR at a folder holding it as conform.sqlite to serve from it. The rule (SQLite only, never
 * overwrite) is HealthService's; PostgreSQL is refused with the pg_dump path (docs/deployment.md).
 */
import { resolve } from 'node:path';
import { openHealth } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { EXIT, UsageError, type CliIo } from './io.js';

export async function backupCommand(args: { file?: string }, io: CliIo, config: Config = loadConfig()): Promise<number> {
  if (!args.file) throw new UsageError('backup needs the file to write: conform backup <file>');
  const destination = resolve(io.cwd, args.file);
  const { health, close } = await openHealth(config);
  try {
    const { bytes } = await health.backup(destination);
    io.stdout.write(
      `backed up the ${config.dataDir === ':memory:' ? 'in-memory' : 'SQLite'} store to ${destination} (${bytes.toLocaleString('en-GB')} bytes)\n`,
    );
    return EXIT.ok;
  } finally {
    await close();
  }
}
