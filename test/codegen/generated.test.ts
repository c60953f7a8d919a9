/**
 * The generator is deterministic and the committed generated files are what it makes: generating twice
 * gives identical bytes, in memory and through the CLI, and `conform types --all --check` over
 * test/codegen/generated passes (the CI check for committed generated files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allLibrarySources, generateFiles } from '../../src/codegen/generate.js';
import { typesCommand } from '../../src/cli/types-command.js';
import { UsageError } from '../../src/cli/io.js';
import type { Library } from '../../src/registry/library.js';
import { captureIo } from '../support/cli-io.js';
import { GENERATED, REGENERATE, library, scratch } from './support.js';

let lib: Library;
let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  lib = await library();
  work = await scratch();
});
afterAll(() => work.remove());

async function tree(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    names.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return [
        path
          .slice(dir.length + 1)
          .split('\\')
          .join('/'),
        await readFile(path, 'utf8'),
      ] as const;
    }),
  );
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('conform types', () => {
  it('makes the same bytes every time', async () => {
    const first = await generateFiles(allLibrarySources(lib));
    const second = await generateFiles(allLibrarySources(await library()));
    expect(second).toEqual(first);
    expect(first.length).toBe(21 + 3 * [...lib.standards.values()].reduce((n, s) => n + s.versions.length, 0));
  });

  it('writes identical folders when run twice, through the CLI', async () => {
    for (const out of ['a', 'b']) {
      const c = captureIo(work.dir);
      expect(await typesCommand({ all: true, out }, c.io)).toBe(0);
      expect(c.out()).toContain(`files to ${out}:`);
    }
    const a = await tree(join(work.dir, 'a'));
    expect(a).toEqual(await tree(join(work.dir, 'b')));
    expect([...a.keys()]).toContain('emergency-care-attendance.v2.0.0.validate.ts');
  });

  it(`keeps test/codegen/generated up to date (else run: ${REGENERATE})`, async () => {
    const c = captureIo(process.cwd());
    const code = await typesCommand({ all: true, out: GENERATED, check: true }, c.io);
    expect(c.err(), `test/codegen/generated is stale; run: ${REGENERATE}`).toBe('');
    expect(code).toBe(0);
    const made = await generateFiles(allLibrarySources(lib));
    expect([...(await tree(GENERATED)).keys()].filter((p) => p.endsWith('.ts'))).toEqual(made.map((f) => f.path));
  });

  it('--check fails on a changed, missing or no longer made file and writes nothing', async () => {
    const c = captureIo(work.dir);
    await typesCommand({ standard: 'patient-demographics@1.1.0', out: 'check' }, c.io);
    const file = join(work.dir, 'check', 'patient-demographics.v1.1.0.ts');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('familyName', 'surname'));
    await writeFile(join(work.dir, 'check', 'old.v0.1.0.ts'), `/*\n * Generated file: do not edit it; generate it again instead.\n */\n`);
    const d = captureIo(work.dir);
    expect(await typesCommand({ standard: 'patient-demographics@1.1.0', out: 'check', check: true }, d.io)).toBe(1);
    expect(d.err()).toContain('patient-demographics.v1.1.0.ts differs');
    expect(d.err()).toContain('old.v0.1.0.ts is generated but no longer made');
    expect(await readFile(file, 'utf8')).not.toBe(original);
    const e = captureIo(work.dir);
    expect(await typesCommand({ standard: 'patient-demographics@1', out: 'nowhere', check: true }, e.io)).toBe(1);
    expect(e.err()).toContain('patient-demographics.v1.1.0.validate.ts is missing');
  });

  it('resolves a version as validate does, and refuses bad usage', async () => {
    const c = captureIo(work.dir);
    expect(await typesCommand({ standard: 'emergency-care-attendance@2', out: 'one' }, c.io)).toBe(0);
    expect(c.out()).toContain('emergency-care-attendance.v2.0.0.ts');
    expect(c.out()).not.toContain('v1.0.0');
    await expect(typesCommand({ out: 'x' }, c.io)).rejects.toThrow(UsageError);
    await expect(typesCommand({ all: true, standard: 'patient-demographics', out: 'x' }, c.io)).rejects.toThrow(UsageError);
    await expect(typesCommand({ all: true }, c.io)).rejects.toThrow(/--out/);
    await expect(typesCommand({ standard: 'no-such-standard', out: 'x' }, c.io)).rejects.toThrow(/unknown standard "no-such-standard"/);
  });
});
