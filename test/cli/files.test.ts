import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { runCli } from '../support/run-cli.js';

// Paths the CLI cannot read or write: one line naming the path and what is wrong in plain words (never
// Node's bare ENOENT or EISDIR, never a stack trace), exit code 2, and never a hang.
const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-files-'));
  await mkdir(join(dir, 'records.csv'));
  await mkdir(join(dir, 'batch'));
  await mkdir(join(dir, 'schema.yaml'));
  await writeFile(join(dir, 'plain'), 'a file\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(dir, args);

describe('a path the CLI cannot read or write', () => {
  it.each([
    [['validate', 'records.csv', '--standard', 'patient-demographics'], 'records.csv'],
    // a folder whose name says no format: the folder is named, not the format
    [['validate', 'batch', '--standard', 'patient-demographics'], 'batch'],
    [['validate', 'batch', '--standard', 'patient-demographics', '--format', 'csv'], 'batch'],
  ])('validate %j: names the folder', async (args, name) => {
    expect(await cli(args)).toEqual({ code: 2, out: '', err: `conform: cannot read ${name}: it is a folder, not a file; give the file to validate\n` });
  });

  it('template --out into a folder that does not exist, or onto a folder', async () => {
    expect(await cli(['template', 'patient-demographics', '--out', 'nowhere/t.csv'])).toEqual({
      code: 2,
      out: '',
      err: 'conform: cannot write nowhere/t.csv: its folder does not exist (create it first, or give another path)\n',
    });
    expect((await cli(['template', 'patient-demographics', '--out', 'batch'])).err).toBe('conform: cannot write batch: it is a folder; give a file name\n');
  });

  it('types --out a file, or below one: names the file in the way', async () => {
    for (const out of ['plain', 'plain/generated']) {
      expect(await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', out])).toEqual({
        code: 2,
        out: '',
        err: `conform: cannot write ${out}: ${join(dir, 'plain')} is a file, not a folder\n`,
      });
    }
  });

  it('types --out makes the missing folders above it', async () => {
    const result = await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', 'a/b/generated']);
    expect(result.code).toBe(0);
    expect(await readdir(join(dir, 'a/b/generated'))).toContain('patient-demographics.v1.0.0.validate.ts');
    expect(await readdir(join(dir, 'a/b/generated/conform-runtime'))).toContain('context.ts');
  });

  // Node's recursive mkdir never returns where every mkdir answers ENOENT (procfs): the command spun for good.
  it.runIf(existsSync('/proc/self'))(
    'types --out under /proc ends at once, saying the folder cannot be created',
    async () => {
      const result = await cli(['types', '--standard', 'patient-demographics@1.0.0', '--out', '/proc/conform-generated/x']);
      expect(result).toEqual({
        code: 2,
        out: '',
        err: 'conform: cannot write /proc/conform-generated/x: the folder /proc/conform-generated cannot be created there\n',
      });
    },
    20_000,
  );

  it('publish of a folder says it is one', async () => {
    const c = captureIo(dir);
    c.io.env = { CONFORM_SERVER: 'http://127.0.0.1:9', CONFORM_TOKEN: 'cfm_x' };
    expect(await main(['publish', 'schema.yaml', '--standard', 'x', '--version', '1.0.0'], c.io)).toBe(2);
    expect(c.err()).toBe('conform: cannot read schema.yaml: it is a folder, not a file\n');
  });
});

describe('a standards folder that is not one', () => {
  // It said "the standards folder cannot be read" for both, and nothing of where the folder came from.
  it.each([
    ['nowhere', 'there is no such folder'],
    ['plain', 'it is a file, not a folder'],
  ])('--standards %s: says what is wrong and which options choose the folder', async (folder, why) => {
    expect(await cli(['standards', '--standards', folder])).toEqual({
      code: 2,
      out: '',
      err: `conform: the standards library cannot be loaded: ${join(dir, folder)}: ${why}; give the folder that holds the standards (--standards or CONFORM_STANDARDS_DIR), or neither for the bundled library\n`,
    });
  });
});

describe('standard output that cannot be written', () => {
  // A full disk: the stream's error was thrown from bin/conform.js's handler, a stack trace and exit 1.
  it.runIf(existsSync('/dev/full'))(
    'one line saying the output is incomplete, exit 2, no stack trace',
    async () => {
      const bin = join(process.cwd(), 'bin/conform.js');
      const command = `node ${JSON.stringify(bin)} standards --json > /dev/full`;
      const error = await run('sh', ['-c', command]).catch((e: { code: number; stderr: string }) => e);
      expect(error).toMatchObject({ code: 2 });
      expect((error as { stderr: string }).stderr).toBe(
        'conform: cannot write the output: no space left on the device (ENOSPC); what was written is incomplete\n',
      );
    },
    30_000,
  );
});
