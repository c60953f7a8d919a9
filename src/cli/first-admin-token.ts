/**
 * The first admin token (`conform serve` on a store without tokens), kept out of the output a container
 * collects into its log store: it is written to `<data dir>/first-admin-token`, readable by its owner
 * only (mode 0600, created exclusively: an existing file is never overwritten or followed), and shown on
 * the terminal only when the output is one. The notice always says where the file is and to delete it
 * once the token is copied. Nothing here goes through the logger.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIRST_ADMIN_TOKEN_FILE = 'first-admin-token';

/** Where the token was written, or why it was not. */
export type Kept = { file: string } | { notWritten: string };

/** Writes the token to `<dataDir>/first-admin-token` (dataDir against `cwd`); an in-memory store has no folder. */
export function keepFirstAdminToken(token: string, dataDir: string, cwd: string): Kept {
  if (dataDir === ':memory:') return { notWritten: 'the store is in memory (CONFORM_DATA_DIR=:memory:), so there is no data folder to write it to' };
  const dir = resolve(cwd, dataDir);
  const file = join(dir, FIRST_ADMIN_TOKEN_FILE);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { notWritten: `${file} already exists (left from an earlier first start?); it was not overwritten` };
    return { notWritten: `${file} could not be written (${code ?? 'an error'})` };
  }
}

const NEXT_TOKENS =
  'Create author and supplier tokens with (a supplier token needs its organisation):\n' +
  '  conform tokens create --role author|supplier --name <name> --organisation <ODS or supplier code>\n' +
  '(in a clone of the repository, where conform is not installed: npm run conform -- tokens create …)\n';

/** What `conform serve` tells the person who started it; the token itself only when `terminal`. */
export function firstAdminNotice(token: string, kept: Kept, terminal: boolean): string {
  const lines = ['', 'The store had no tokens, so an admin token was created.'];
  if (terminal) lines.push('Keep it safe:', '', `  ${token}`, '');
  if ('file' in kept) {
    if (!terminal) lines.push('It is not shown here, as this output is not a terminal and may be kept with the logs.');
    lines.push(
      `It is ${terminal ? 'also ' : ''}in ${kept.file} (readable by this user only): read it with`,
      `  cat ${kept.file}`,
      'and delete the file once the token is kept somewhere safe:',
      `  rm ${kept.file}`,
    );
  } else {
    lines.push(`It was not written to a file: ${kept.notWritten}.`);
    if (!terminal) {
      lines.push(
        'It is not shown here, as this output is not a terminal and may be kept with the logs. Make an admin token',
        'against the same store instead: conform tokens create --role admin --name <name>',
      );
    }
  }
  return `${lines.join('\n')}\n\n${NEXT_TOKENS}\n`;
}
