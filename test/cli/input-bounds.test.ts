/**
 * Files the CLI reads whole (a schema to publish, a token file) are read no further than their bound: a
 * file given by mistake (/dev/zero, a 3 GB file) is one line saying how much it may hold, exit code 2, at
 * the cost of the bound's memory. A pipe (`--token-file <(…)`) is read as a file is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readAtMost } from '../../src/cli/files.js';
import { captureIo } from '../support/cli-io.js';

/** Nothing listens here (the brief's port range): every command below stops before connecting. */
const SERVER = 'http://127.0.0.1:4351';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conform-input-bounds-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(dir);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('files read whole are read within a bound', () => {
  it('publish: a schema file of 3 GB, or /dev/zero, is refused after 64 MiB, not read to its end', async () => {
    await writeFile(join(dir, 'huge.json'), '');
    await truncate(join(dir, 'huge.json'), 3 * 1024 ** 3);
    await symlink('/dev/zero', join(dir, 'zero.yaml'));
    for (const file of ['huge.json', 'zero.yaml']) {
      expect(await run(['publish', file, '-s', 'a', '--version', '1.0.0', '--server', SERVER, '--token', 'x'])).toEqual({
        code: 2,
        out: '',
        err: `conform: ${file} holds more than 64 MiB, more than any service takes (CONFORM_MAX_SCHEMA_BYTES, 1 MiB unless raised)\n`,
      });
    }
  });

  it('a token file of more than 64 KiB (a file given by mistake, /dev/zero) is refused, never sent as a token', async () => {
    await writeFile(join(dir, 'big.token'), 'a'.repeat(100_000));
    await writeFile(join(dir, 'a.json'), '{}');
    for (const tokenFile of ['big.token', '/dev/zero']) {
      const { code, err } = await run(['publish', 'a.json', '-s', 'a', '--version', '1.0.0', '--server', SERVER, '--token-file', tokenFile]);
      expect(code).toBe(2);
      expect(err).toBe(`conform: the token file ${tokenFile} holds more than 64 KiB; it should hold the token alone\n`);
    }
  });

  it('readAtMost: a file at the bound is read whole, one byte more is not', async () => {
    await writeFile(join(dir, 'ten'), '0123456789');
    expect((await readAtMost(join(dir, 'ten'), 10))?.toString()).toBe('0123456789');
    expect(await readAtMost(join(dir, 'ten'), 9)).toBeUndefined();
  });
});
