import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLibrary, LibraryError } from '../../src/registry/library.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();

async function append(file: string, text: string): Promise<void> {
  await writeFile(file, (await readFile(file, 'utf8')) + text);
}

describe('loading the library: setup errors name the file and the problem', () => {
  it('rejects YAML that does not parse, with its line', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'broken: [unclosed\n');
    await expect(loadLibrary(dir)).rejects.toThrow(new RegExp(`${file}:\\d+:\\d+: not valid YAML`));
  });

  it('rejects an unknown keyword (strict mode), naming the version', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'madeUpKeyword: true\n');
    await expect(loadLibrary(dir)).rejects.toThrow(/covid-vaccination-event@2\.0\.0 does not compile: strict mode: unknown keyword: "madeUpKeyword"/);
  });

  it('rejects a $ref to anything not in the library (nothing is fetched)', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^properties:\n/m, 'properties:\n  remoteThing:\n    $ref: https://example.org/remote-schema.json\n'),
    );
    await expect(loadLibrary(dir)).rejects.toThrow(/can't resolve reference https:\/\/example\.org\/remote-schema\.json/);
  });

  it('rejects a field name with a lone surrogate, naming it by pointer, never "URI malformed"', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^properties:\n/m, 'properties:\n  "odd\\ud800":\n    type: string\n'));
    const loading = loadLibrary(dir);
    await expect(loading).rejects.toThrow(LibraryError);
    await expect(loading).rejects.toThrow(/2\.0\.0\.yaml: a name holds an unpaired surrogate escape .* at \/properties\/odd\\ud800$/);
  });

  it('rejects a version file that declares its own $id', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, '$id: https://example.org/x\n');
    await expect(loadLibrary(dir)).rejects.toThrow(/must not declare \$id/);
  });

  it('rejects a standard.yaml missing a field, and a version file that is not listed', async () => {
    const dir = await scratch();
    const meta = join(dir, 'covid-vaccination-event/standard.yaml');
    const original = await readFile(meta, 'utf8');
    await writeFile(meta, original.replace(/^owner:.*\n/m, ''));
    await expect(loadLibrary(dir)).rejects.toThrow(LibraryError);
    await expect(loadLibrary(dir)).rejects.toThrow(/not a valid standard\.yaml: \/ required \{"missingProperty":"owner"\}/);
    await writeFile(meta, original);
    await writeFile(join(dir, 'covid-vaccination-event/9.9.9.yaml'), 'type: object\n');
    await expect(loadLibrary(dir)).rejects.toThrow(/9\.9\.9\.yaml is not listed under versions/);
  });
});
