/** `conform validate` locally refuses a file over the service's size limit, counted after decompression, as the service does. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';

let folder: string;
const record = JSON.stringify({ localPatientId: 'P1' }) + '\n';
const body = record.repeat(Math.ceil(4096 / record.length));
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'conform-size-'));
  await writeFile(join(folder, 'big.ndjson'), body);
  await writeFile(join(folder, 'big.ndjson.gz'), gzipSync(body));
});

const run = async (file: string, env: Record<string, string>) => {
  const c = captureIo(folder);
  const code = await main(['validate', file, '--standard', 'patient-demographics', '--json', '--local'], { ...c.io, env });
  return { code, out: c.out(), err: c.err() };
};

describe('conform validate, locally, and the size limit', () => {
  it.each(['big.ndjson', 'big.ndjson.gz'])('%s over CONFORM_MAX_SUBMISSION_BYTES is refused (exit 2) with the limit named', async (file) => {
    const refused = await run(file, { CONFORM_MAX_SUBMISSION_BYTES: '2048' });
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(
      /^conform: the submission cannot be read: the data is larger than the limit of 2 KiB( \(counted after decompression\))?: split/,
    );
    // One readable size, never the raw byte count beside it.
    expect(refused.err).not.toMatch(/2048|bytes/);
    // The limit in words, and what to do: split the file (a CSV's pieces each with the header), or have the limit raised.
    expect(refused.err).toContain(
      'split the file into smaller files (for a CSV, each beginning with the header row) and send each, or ask for the limit (CONFORM_MAX_SUBMISSION_BYTES) to be raised',
    );
    // Under the limit (the default is the service's, 2 GiB), the same file is validated.
    const read = await run(file, {});
    expect(read.code).not.toBe(2);
    expect((JSON.parse(read.out) as { stats: { bytes: number } }).stats.bytes).toBe(body.length);
  });

  it('a limit that is not a whole number of at least 1024 is a usage error naming the variable', async () => {
    const bad = await run('big.ndjson', { CONFORM_MAX_SUBMISSION_BYTES: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^conform: CONFORM_MAX_SUBMISSION_BYTES must be a whole number from 1024 to \d+\n$/);
  });
});
