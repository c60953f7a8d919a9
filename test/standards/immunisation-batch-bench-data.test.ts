/**
 * The benchmark's batch file (scripts/bench-generate-batch.ts) targets the latest immunisation-batch
 * version, and its rows are valid or invalid as the generator means them under that version's rules,
 * the rules across rows included: made here at 20,000 rows (the benchmark makes a million), the file's
 * invalid rows are exactly the generator's faulted ones, as `npm run bench` checks at full size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { resolveVersion } from '../../src/registry/resolve.js';
import { validateStream } from '../../src/validation/validate.js';
import { BATCH_FILE_NAME, BATCH_STANDARD, BATCH_VERSION, batchFile, ensureBatchData } from '../../scripts/bench-generate-batch.js';

const dir = mkdtempSync(join(tmpdir(), 'conform-bench-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the benchmark's batch file", () => {
  it('is made for the latest version of the standard', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    expect(BATCH_VERSION).toBe(resolveVersion(library, BATCH_STANDARD, 'latest').version);
  });

  it('fails exactly the rows the generator faulted, and no row by a rule across rows', async () => {
    const log: string[] = [];
    const manifest = await ensureBatchData((line) => log.push(line), { records: 20_000, dir });
    expect(manifest.records).toBe(20_000);
    expect(manifest.invalid).toBeGreaterThan(1_000);
    const library = await loadLibrary(bundledStandardsDir());
    const version = resolveVersion(library, BATCH_STANDARD, BATCH_VERSION);
    const report = await validateStream(createReadStream(batchFile('csv', dir)), version.compiled, {
      format: 'csv',
      maxFindings: 100_000,
      context: { submittedAt: '2024-06-12T12:00:00Z', fileName: BATCH_FILE_NAME },
    });
    expect(report.stats).toMatchObject({ records: 20_000, invalid: manifest.invalid, valid: 20_000 - manifest.invalid });
    const rules = new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
    expect(rules.has('duplicate-identifier')).toBe(false);
    expect(rules.has('identifier-already-deleted')).toBe(false);
    // Made again only when its key changes: the second call reuses the files.
    await ensureBatchData((line) => log.push(line), { records: 20_000, dir });
    expect(log.at(-1)).toMatch(new RegExp(`^bench-data: reusing 2 batch files \\(batch generator 2; 20000 rows; immunisation-batch@${BATCH_VERSION.replaceAll('.', '\\.')} sha256:`));
  });
});
