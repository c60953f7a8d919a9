/**
 * The files the CLI's commands write (conform types --out, conform template --out): the destination is
 * checked before any work, a file appears only complete, a write error or Ctrl-C leaves the destination as
 * it was, and an existing file is replaced only with --force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-output-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(dir, args);

describe('conform template --out', () => {
  it('refuses an existing file unless --force, and leaves it as it was', async () => {
    await writeFile(join(dir, 'mine.csv'), 'my own work\n');
    expect(await cli(['template', 'patient-demographics@1.0.0', '--out', 'mine.csv'])).toEqual({
      code: 2,
      out: '',
      err: 'conform: mine.csv already exists; give --force to replace it, or another name\n',
    });
    expect(await readFile(join(dir, 'mine.csv'), 'utf8')).toBe('my own work\n');

    const forced = await cli(['template', 'patient-demographics@1.0.0', '--out', 'mine.csv', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^wrote mine\.csv: the header of patient-demographics@1\.0\.0 \(\d+ columns\)/);
    expect((await readFile(join(dir, 'mine.csv'), 'utf8')).split('\n')[0]).toContain('nhsNumber');
    // No temporary file is left beside it.
    expect((await readdir(dir)).filter((name) => name.includes('partial'))).toEqual([]);
  });
});

describe('conform types --out', () => {
  it('a file that cannot be written refuses the whole output: nothing is moved into the folder', async () => {
    const out = join(dir, 'generated');
    await mkdir(out);
    await writeFile(join(out, 'notes.md'), 'kept\n');
    // A folder where the last file the generator makes goes (it writes them in path order).
    await mkdir(join(out, 'patient-demographics.v1.0.0.validate.ts'));
    const result = await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', 'generated']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `conform: cannot write generated: ${join(out, 'patient-demographics.v1.0.0.validate.ts')} is a folder, where the file patient-demographics.v1.0.0.validate.ts goes; nothing was written\n`,
    );
    expect((await readdir(out)).sort()).toEqual(['notes.md', 'patient-demographics.v1.0.0.validate.ts']);
    expect((await readdir(dir)).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('regenerating into a folder replaces the generated files and keeps the others', async () => {
    const out = join(dir, 'again');
    expect((await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', 'again'])).code).toBe(0);
    await writeFile(join(out, 'patient-demographics.v1.0.0.ts'), 'stale\n');
    await writeFile(join(out, 'index.ts'), 'export {};\n');
    expect((await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', 'again'])).code).toBe(0);
    expect(await readFile(join(out, 'patient-demographics.v1.0.0.ts'), 'utf8')).not.toBe('stale\n');
    expect(await readFile(join(out, 'index.ts'), 'utf8')).toBe('export {};\n');
  });

  // A folder on another file system than the output's (a mount point, or a link to one): the final move
  // was a rename across file systems, which fails (EXDEV), and the command said "cannot write".
  const otherDevice = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
  it.runIf(otherDevice)('writes into a folder whose sub-folder is on another file system, whole, leaving no hidden copies', async () => {
    const out = join(dir, 'linked');
    await mkdir(out);
    const elsewhere = await mkdtemp('/dev/shm/conform-runtime-');
    try {
      await symlink(elsewhere, join(out, 'conform-runtime'));
      const result = await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', 'linked']);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      const runtime = (await readdir(elsewhere)).sort();
      expect(runtime.length).toBeGreaterThan(3);
      expect(runtime.filter((name) => name.startsWith('.'))).toEqual([]);
      expect(await readFile(join(elsewhere, 'pointer.ts'), 'utf8')).toContain('export');
      expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);
      expect(await readdir(out)).toContain('patient-demographics.v1.0.0.validate.ts');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  // It generated every version first and only then found that the folder could not be made.
  it.runIf(existsSync('/proc/self'))('a folder that cannot be made is said before the library is even read', async () => {
    expect(await cli(['types', '--all', '--standards', 'no-such-library', '--out', '/proc/conform-generated/x'])).toEqual({
      code: 2,
      out: '',
      err: 'conform: cannot write /proc/conform-generated/x: the folder /proc/conform-generated cannot be created there\n',
    });
  });

  it('Ctrl-C part-way: exit 130, one line, and nothing left in the parent folder', { timeout: 120_000 }, async () => {
    const parent = join(dir, 'stopped');
    await mkdir(parent);
    const child = spawn(process.execPath, [join(process.cwd(), 'bin/conform.js'), 'types', '--all', '--out', join(parent, 'gen')]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // The command's first mark in the parent (the temporary folder, made before generating) is the moment to stop it.
    for (let waited = 0; (await readdir(parent)).length === 0; waited += 10) {
      if (waited > 60_000) throw new Error('nothing appeared in 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toBe(`conform: stopped (SIGINT); nothing was written to ${join(parent, 'gen')}\n`);
    expect(await readdir(parent)).toEqual([]);
  });
});
