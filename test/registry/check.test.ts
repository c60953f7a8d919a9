import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadLibrary } from '../../src/registry/library.js';
import { checkLibrary } from '../../src/registry/check.js';
import { recordHashes } from '../../src/registry/record-hashes.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { scratchLibraries } from '../support/library-copy.js';
import { readExamples } from '../../src/registry/examples.js';
import { validateValue } from '../../src/validation/validate.js';

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

  it('a later version that only warns of more keeps an earlier valid example valid: a warning rejects nothing', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    const batch = library.standards.get('immunisation-batch')!;
    const version = (v: string) => batch.versions.find((x) => x.version === v)!;
    const placeholder = (await readExamples(batch.dir, '10.0.0'))!.valid.find((e) => (e.record as Record<string, unknown>).NHS_NUMBER === '9999999999')!;
    expect(validateValue(version('10.0.0').compiled, placeholder.record)).toEqual([]);
    // 10.1.0 warns of the placeholder NHS number; until the check counted errors alone, it called that a rejection.
    expect(validateValue(version('10.1.0').compiled, placeholder.record).map((f) => [f.severity, f.rule])).toEqual([['warning', 'nhs-number-placeholder']]);
    expect((await checkLibrary(library)).problems).toEqual([]);
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

  it('fails when a declared default code is not a value its field accepts, so it could never be counted', async () => {
    const dir = await scratch();
    // A spelling the postcode format refuses (a hyphen), and a code outside the address object's field.
    await edit(join(dir, 'patient-demographics/2.0.3.yaml'), 'x-default-codes: ["ZZ99 3WZ", "ZZ99 3CZ",', 'x-default-codes: ["ZZ99-3WZ", "ZZ99 3CZ",');
    const { problems } = await checkLibrary(await loadLibrary(dir));
    const ours = problems.filter((p) => p.message.includes('default code'));
    expect(ours).toEqual([
      {
        where: 'patient-demographics@2.0.3',
        message: '/address/postcode: default code "ZZ99-3WZ" is not a value the field accepts (format), so it could never be counted',
      },
    ]);
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
      'enum: [A, B, C, D, E, F, G, H, J, K, L, M, N, P, R, S, "99"]',
    );
    const { problems } = await checkLibrary(await loadLibrary(dir));
    expect(problems.filter((p) => p.message.includes('has changed since it was published')).length).toBeGreaterThan(0);
    // The file is also the published definitions set code-lists 1.0.0, which never changes.
    expect(problems.filter((p) => p.where === 'definitions/code-lists/1.0.0')).toEqual([
      { where: 'definitions/code-lists/1.0.0', message: expect.stringContaining('has changed since it was published') },
    ]);
  });

  it('a shared file gaining an unrelated definition leaves the standard versions unchanged (only the definitions artefact it is changes)', async () => {
    const dir = await scratch();
    const file = join(dir, '_common/dates.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        /\$defs:\n/,
        '$defs:\n  unusedNewDefinition:\n    title: New\n    description: Not used by any version.\n    type: string\n',
      ),
    );
    expect((await checkLibrary(await loadLibrary(dir))).problems).toEqual([
      { where: 'definitions/dates/1.0.0', message: expect.stringContaining('has changed since it was published') },
    ]);
  });

  it('fails when a published code list is edited, a reference names no artefact, or a code list breaks semver', async () => {
    const dir = await scratch();
    await edit(join(dir, '_code-lists/ethnic-category/1.0.1.yaml'), 'label: White - Irish', 'label: White - Irish (edited)');
    const { problems } = await checkLibrary(await loadLibrary(dir));
    // Both the artefact and the standard version that reaches it (its hash covers the artefact version).
    expect(problems).toEqual([
      { where: 'patient-demographics@2.0.1', message: expect.stringContaining('has changed since it was published') },
      { where: 'patient-demographics@2.0.2', message: expect.stringContaining('has changed since it was published') },
      { where: 'patient-demographics@2.0.3', message: expect.stringContaining('has changed since it was published') },
      { where: 'patient-demographics@2.1.0', message: expect.stringContaining('has changed since it was published') },
      { where: 'code-lists/ethnic-category/1.0.1', message: expect.stringContaining('has changed since it was published') },
    ]);

    const other = await scratch();
    const list = join(other, '_code-lists/ethnic-category/1.0.1.yaml');
    await writeFile(list, (await readFile(list, 'utf8')).replace(/ {2}- code: B\n {4}label: White - Irish\n/, ''));
    const index = join(other, '_artefacts.yaml');
    await writeFile(index, (await readFile(index, 'utf8')).replace(/code-lists\/ethnic-category\/1\.0\.1: .*\n/, ''));
    const second = await checkLibrary(await loadLibrary(other));
    expect(second.problems).toContainEqual({ where: 'patient-demographics@2.0.1', message: expect.stringContaining('is a draft') });
    // The standard adopting the narrower list is judged through the same diff: a code removed is MAJOR for it.
    expect(second.problems).toContainEqual({ where: 'patient-demographics@2.0.1', message: expect.stringContaining('enum-value-removed at /ethnicCategory') });
    await writeFile(index, `${await readFile(index, 'utf8')}code-lists/ethnic-category/1.0.1: { status: published, contentHash: "sha256:x" }\n`);
    const third = await checkLibrary(await loadLibrary(other));
    expect(third.problems.filter((p) => p.where.startsWith('code-lists/')).map((p) => [p.where, p.message.replace(/:.*$/s, '')])).toEqual([
      ['code-lists/ethnic-category/1.0.1', expect.stringContaining('has changed since it was published') as string],
      [
        'code-lists/ethnic-category/1.0.1',
        "1.0.0 → 1.0.1 is a PATCH release, but enum-value-removed at / breaks suppliers (a supplier's file valid under 1.0.0 may be refused by 1.0.1), so under BACKWARD it needs a new MAJOR (2.0.0)",
      ],
    ]);
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

  it('reads standard.yaml again within the library bound: one grown or replaced by a pipe since the load is refused, naming it, and left as it is', async () => {
    const dir = await scratch();
    const file = join(dir, 'patient-demographics/standard.yaml');
    const original = await readFile(file, 'utf8');
    const withoutHash = original.replace(/\n\s*contentHash: sha256:[0-9a-f]+(?=\n\s*- version: 1\.1\.0|\s*$)/, '');
    await writeFile(file, withoutHash);
    const library = await loadLibrary(dir, undefined, { maxFileBytes: 64 * 1024 });
    // Grown past the bound after the load checked it (a comment of 100 KiB at its end).
    const grown = `${withoutHash}\n# ${'x'.repeat(100 * 1024)}\n`;
    await writeFile(file, grown);
    await expect(recordHashes(library)).rejects.toThrow(
      new RegExp(`^${file}: holds 10\\d\\.\\d KiB, more than the 64 KiB a library file may hold \\(CONFORM_MAX_LIBRARY_FILE_BYTES\\)$`),
    );
    expect(await readFile(file, 'utf8')).toBe(grown);
    // Replaced by a named pipe no one writes to: refused at once, where reading it waited for ever.
    await rm(file);
    execFileSync('mkfifo', [file]);
    await expect(recordHashes(library)).rejects.toThrow(`${file}: is a named pipe, not a regular file; a library file must be a regular file`);
  });

  it('records a missing artefact hash in _artefacts.yaml, keeping its comments, and never overwrites one', async () => {
    const dir = await scratch();
    const file = join(dir, '_artefacts.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/(code-lists\/gender-identity\/1\.0\.0: \{ status: published), contentHash: "[^"]+" \}/, '$1 }'));
    const library = await loadLibrary(dir);
    expect((await checkLibrary(library)).problems.map((p) => p.where)).toEqual(['code-lists/gender-identity/1.0.0']);
    expect(await recordHashes(library)).toEqual(['code-lists/gender-identity/1.0.0']);
    const written = await readFile(file, 'utf8');
    expect(written).toContain('# Every published shared artefact version');
    expect((await checkLibrary(await loadLibrary(dir))).problems).toEqual([]);
    expect(await recordHashes(await loadLibrary(dir))).toEqual([]);
  });
});
