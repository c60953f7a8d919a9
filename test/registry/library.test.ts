import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compiledVersion, loadLibrary, LibraryError } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { Validators } from '../../src/validation/validators.js';
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
    // One line: the parser's reason without its own "at line 2, column 1:" (the place is named first), which ended in a colon.
    const error = (await loadLibrary(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`^${file}:\\d+:\\d+: not valid YAML: [^\\n]*[^:\\n]$`));
    expect(error.message).not.toMatch(/at line \d+, column \d+/);
  });

  it('rejects an unknown keyword (strict mode), naming the version', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'madeUpKeyword: true\n');
    await expect(loadLibrary(dir)).rejects.toThrow(/covid-vaccination-event@2\.0\.0 does not compile: strict mode: unknown keyword: "madeUpKeyword"/);
  });

  it('rejects a field required in a then but not declared there, saying how to declare it, as a publish does', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'if: { properties: { nhsNumber: { description: Given } } }\nthen: { required: [vaccinationDateTime] }\n');
    await expect(loadLibrary(dir)).rejects.toThrow(
      /covid-vaccination-event@2\.0\.0 does not compile: strict mode: required property "vaccinationDateTime" is not defined at "[^"]*#\/then" \(strictRequired\); declare it in the same schema as the required list, as strict mode asks \(properties: \{ "vaccinationDateTime": \{ description: … \} \}\)/,
    );
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
    await expect(loadLibrary(dir)).rejects.toThrow(/not a valid standard\.yaml: \/owner is required$/);
    await writeFile(meta, original);
    await writeFile(join(dir, 'covid-vaccination-event/9.9.9.yaml'), 'type: object\n');
    await expect(loadLibrary(dir)).rejects.toThrow(/9\.9\.9\.yaml is not listed under versions/);
  });
});

describe("loading with compile: 'on-use'", () => {
  it('compiles no version at load, and a version when first used (compiledVersion), once', async () => {
    const validators = new Validators();
    const library = await loadLibrary(bundledStandardsDir(), validators, { compile: 'on-use' });
    expect(validators.compiles).toBe(0);
    const version = library.standards.get('patient-demographics')!.versions.at(-1)!;
    // What the CLI reads of a version without validating (dialect, file-name rule, labels) needs no compile.
    expect(version.compiled.csvLayout.dialect.delimiter).toBe(',');
    expect(version.compiled.hasValidator).toBe(false);
    expect(validators.compiles).toBe(0);
    expect(compiledVersion(version)).toBe(version.compiled);
    expect(version.compiled.hasValidator).toBe(true);
    expect(compiledVersion(version).validate({})).toBe(false);
    expect(validators.compiles).toBe(1);
  });

  it('loads a library with a version Ajv refuses, and that version fails on use with a LibraryError naming its file', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'madeUpKeyword: true\n');
    await expect(loadLibrary(dir)).rejects.toThrow(LibraryError);
    const library = await loadLibrary(dir, new Validators(), { compile: 'on-use' });
    const versions = library.standards.get('covid-vaccination-event')!.versions;
    const broken = versions.find((v) => v.version === '2.0.0')!;
    const sound = versions.find((v) => v.version === '3.0.0')!;
    expect(() => compiledVersion(broken)).toThrow(LibraryError);
    expect(() => broken.compiled.validate).toThrow(`${file}: covid-vaccination-event@2.0.0 does not compile: strict mode: unknown keyword: "madeUpKeyword"`);
    expect(compiledVersion(sound).validate({})).toBe(false);
  });

  it('reads a version file when its schema is first read: one that is not YAML fails then, naming the file and line', async () => {
    const dir = await scratch();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await append(file, 'broken: [unclosed\n');
    const library = await loadLibrary(dir, new Validators(), { compile: 'on-use' });
    const broken = library.standards.get('covid-vaccination-event')!.versions.find((v) => v.version === '2.0.0')!;
    expect(broken.meta.status).toBe('deprecated');
    expect(() => broken.schema).toThrow(new RegExp(`^${file}:\\d+:\\d+: not valid YAML`));
    expect(() => broken.compiled).toThrow(LibraryError);
    const sound = library.standards.get('covid-vaccination-event')!.versions.find((v) => v.version === '3.0.0')!;
    expect(sound.contentHash).toBe(sound.meta.contentHash);
  });
});
