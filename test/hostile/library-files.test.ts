/**
 * A standards folder holding what no standard is: a version file that is a link to /dev/zero, a named pipe,
 * or a file far larger than any schema. The loader read every file whole: the link to /dev/zero read until
 * the heap was full, the pipe's open waited for a writer for ever (the service never started, `conform check`
 * never ended), and a 2 GB file was read whole. Now each is a LibraryError naming the file and what it is,
 * at once, and never quoting its content (registry/library-file.ts, CONFORM_MAX_LIBRARY_FILE_BYTES).
 */
import { execFileSync } from 'node:child_process';
import { rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledVersion, loadLibrary, LibraryError } from '../../src/registry/library.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { main } from '../../src/cli/main.js';
import { Validators } from '../../src/validation/validators.js';
import { captureIo } from '../support/cli-io.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();
const VERSION = 'covid-vaccination-event/2.0.0.yaml';
const onUse = { compile: 'on-use' as const };

/** The load's error, within a few seconds: the old loader never answered for a pipe. */
async function loadError(dir: string, options: Parameters<typeof loadLibrary>[2] = onUse): Promise<Error> {
  const outcome = await Promise.race([
    loadLibrary(dir, new Validators(), options).then(
      () => new Error('loaded'),
      (error: unknown) => error as Error,
    ),
    new Promise<Error>((resolve) => setTimeout(() => resolve(new Error('still loading after 5 s')), 5_000).unref()),
  ]);
  return outcome;
}

describe('a library file that is not a regular file', () => {
  it('refuses a version file that links to /dev/zero, naming it as a character device', async () => {
    const dir = await scratch();
    const file = join(dir, VERSION);
    await rm(file);
    await symlink('/dev/zero', file);
    const error = await loadError(dir, {});
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe(`${file}: is a character device, not a regular file; a library file must be a regular file`);
  });

  it('refuses a named pipe at once, where the open waited for a writer for ever: as standard.yaml, a shared file, and a version read on use', async () => {
    for (const relative of ['patient-demographics/standard.yaml', '_common/identifiers.yaml']) {
      const dir = await scratch();
      const file = join(dir, relative);
      await rm(file);
      execFileSync('mkfifo', [file]);
      const error = await loadError(dir);
      expect(error.message, relative).toBe(`${file}: is a named pipe, not a regular file; a library file must be a regular file`);
    }
    const dir = await scratch();
    const file = join(dir, VERSION);
    await rm(file);
    execFileSync('mkfifo', [file]);
    // Loaded on use, the version's file is opened only when it is read: the load succeeds, the read is refused.
    const library = await loadLibrary(dir, new Validators(), onUse);
    const version = library.standards.get('covid-vaccination-event')!.versions.find((v) => v.version === '2.0.0')!;
    expect(() => compiledVersion(version)).toThrow(new LibraryError(`${file}: is a named pipe, not a regular file; a library file must be a regular file`));
  });

  it('refuses a folder named like a version file, saying it is a folder', async () => {
    const dir = await scratch();
    const file = join(dir, VERSION);
    await rm(file);
    execFileSync('mkdir', [file]);
    expect((await loadError(dir, {})).message).toBe(`${file}: is a folder, not a regular file; a library file must be a regular file`);
  });
});

describe('a library file larger than the bound', () => {
  it('refuses a 2 GB (sparse) version file by its size, without reading it', async () => {
    const dir = await scratch();
    const file = join(dir, VERSION);
    await truncate(file, 2 * 1024 ** 3);
    const error = await loadError(dir, {});
    expect(error).toBeInstanceOf(LibraryError);
    expect(error.message).toBe(`${file}: holds 2 GiB, more than the 8 MiB a library file may hold (CONFORM_MAX_LIBRARY_FILE_BYTES)`);
  });

  it('holds every file to the configured bound, and names neither a line nor a value of it', async () => {
    const dir = await scratch();
    const file = join(dir, 'patient-demographics/standard.yaml');
    await writeFile(file, `description: "${'secret 9434765919 '.repeat(4_000)}"\n`);
    const error = await loadError(dir, { ...onUse, maxFileBytes: 64 * 1024 });
    expect(error.message).toBe(`${file}: holds 70.3 KiB, more than the 64 KiB a library file may hold (CONFORM_MAX_LIBRARY_FILE_BYTES)`);
    expect(error.message).not.toContain('9434765919');
    // Two sizes that would round alike are told in bytes.
    await writeFile(file, 'x'.repeat(64 * 1024 + 1));
    expect((await loadError(dir, { ...onUse, maxFileBytes: 64 * 1024 })).message).toBe(
      `${file}: holds 65537 bytes, more than the 65536 bytes a library file may hold (CONFORM_MAX_LIBRARY_FILE_BYTES)`,
    );
  });

  it('is read from CONFORM_MAX_LIBRARY_FILE_BYTES by the service and every command', async () => {
    expect(loadConfig({}).maxLibraryFileBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ CONFORM_MAX_LIBRARY_FILE_BYTES: '65536' }).maxLibraryFileBytes).toBe(65_536);
    expect(() => loadConfig({ CONFORM_MAX_LIBRARY_FILE_BYTES: '10' })).toThrow(ConfigError);
    const dir = await scratch();
    const c = captureIo(dir);
    c.io.env = { CONFORM_MAX_LIBRARY_FILE_BYTES: '2048' };
    expect(await main(['standards', '--standards', dir], c.io)).toBe(2);
    expect(c.err()).toMatch(/\.yaml: holds \d+(\.\d)? KiB, more than the 2 KiB a library file may hold \(CONFORM_MAX_LIBRARY_FILE_BYTES\)/);
  });
});
