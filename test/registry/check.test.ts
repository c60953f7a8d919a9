import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { checkLibrary } from '../../src/registry/check.js';
import { recordHashes } from '../../src/registry/record-hashes.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const edited = text.replace(from, to);
  expect(edited, `the edit must change ${file}`).not.toBe(text);
  await writeFile(file, edited);
}

describe('conform check on the bundled library', () => {
  it('passes: every version compiles, every example behaves, hashes match', async () => {
    const result = await checkLibrary(await loadLibrary(bundledStandardsDir()));
    expect(result.problems).toEqual([]);
    expect(result.standards).toBeGreaterThanOrEqual(4);
    expect(result.versions).toBeGreaterThanOrEqual(8);
    expect(result.examples).toBeGreaterThanOrEqual(70);
  });

  it('has the four standards, each with at least two versions and every published version hashed', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    for (const id of ['patient-demographics', 'adult-social-care-client-level', 'emergency-care-attendance', 'covid-vaccination-event']) {
      const standard = library.standards.get(id);
      expect(standard, id).toBeDefined();
      expect(standard!.versions.length).toBeGreaterThanOrEqual(2);
      for (const v of standard!.versions) {
        if (v.meta.status !== 'draft') expect(v.meta.contentHash).toBe(v.contentHash);
      }
    }
  });
});

describe('conform check catches mistakes', () => {
  it('fails when a valid example does not pass', async () => {
    const dir = await scratch();
    const file = join(dir, 'patient-demographics/examples/1.0.0.yaml');
    await edit(file, /nhsNumber: "?9434765919"?/, 'nhsNumber: "9876544321"');
    const { problems } = await checkLibrary(await loadLibrary(dir));
    expect(problems.some((p) => p.where === 'patient-demographics@1.0.0' && /valid example ".*" fails: \/nhsNumber format/.test(p.message))).toBe(true);
  });

  it('fails when an invalid example fails on another rule than the one it names', async () => {
    const dir = await scratch();
    const file = join(dir, 'patient-demographics/examples/1.0.0.yaml');
    const text = await readFile(file, 'utf8');
    // Point the first expectation at another rule.
    await writeFile(file, text.replace(/rule: (\w+)/, 'rule: not-the-rule'));
    const { problems } = await checkLibrary(await loadLibrary(dir));
    expect(problems.some((p) => /expected but not found: \S+ not-the-rule/.test(p.message))).toBe(true);
  });

  it('fails when a published version file is edited, naming the file to restore', async () => {
    const dir = await scratch();
    const file = join(dir, 'emergency-care-attendance/2.0.0.yaml');
    await edit(file, /maxLength: 20/, 'maxLength: 21');
    const { problems } = await checkLibrary(await loadLibrary(dir));
    const problem = problems.find((p) => p.where === 'emergency-care-attendance@2.0.0' && p.message.includes('has changed since it was published'));
    expect(problem?.message).toContain(file);
  });

  it('fails when a shared definition that published versions use is edited', async () => {
    const dir = await scratch();
    await edit(
      join(dir, '_common/code-lists.yaml'),
      'enum: [A, B, C, D, E, F, G, H, J, K, L, M, N, P, R, S, Z, "99"]',
      'enum: [A, B, C, D, E, F, G, H, J, K, L, M, N, P, R, S, Z]',
    );
    const { problems } = await checkLibrary(await loadLibrary(dir));
    expect(problems.filter((p) => p.message.includes('has changed since it was published')).length).toBeGreaterThan(0);
  });

  it('does not fail when a shared file gains an unrelated definition', async () => {
    const dir = await scratch();
    const file = join(dir, '_common/dates.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        /\$defs:\n/,
        '$defs:\n  unusedNewDefinition:\n    title: New\n    description: Not used by any version.\n    type: string\n',
      ),
    );
    expect((await checkLibrary(await loadLibrary(dir))).problems).toEqual([]);
  });

  it('records missing hashes without touching the rest of standard.yaml, and never overwrites one', async () => {
    const dir = await scratch();
    const file = join(dir, 'patient-demographics/standard.yaml');
    const original = await readFile(file, 'utf8');
    const withoutHash = original.replace(/\n\s*contentHash: sha256:[0-9a-f]+(?=\n\s*- version: 1\.1\.0|\s*$)/, '');
    expect(withoutHash).not.toBe(original);
    await writeFile(file, withoutHash);
    const library = await loadLibrary(dir);
    expect((await checkLibrary(library)).problems.map((p) => p.message)).toEqual([expect.stringContaining('has no contentHash recorded')]);
    expect(await recordHashes(library)).toHaveLength(1);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(await recordHashes(await loadLibrary(dir))).toEqual([]);
  });
});
