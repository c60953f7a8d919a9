/**
 * The CLI compiles only the versions a command uses (cli/local-library.ts): the list of standards none,
 * `standards <id>`, `template` and `validate` the one they show or validate, `check` every one. A version
 * whose schema Ajv refuses is reported by the command that uses it, naming its file; the library's other
 * versions still serve.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { validExamples } from '../../src/registry/examples.js';
import { Validators } from '../../src/validation/validators.js';
import { captureIo } from '../support/cli-io.js';
import { scratchLibraries } from '../support/library-copy.js';

const scratch = scratchLibraries();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the validators compiled in this process from now on (each version's, whichever Validators compiles it). */
function countCompiles(): () => number {
  const spy = vi.spyOn(Validators.prototype as unknown as { compileValidator: () => unknown }, 'compileValidator');
  return () => spy.mock.calls.length;
}

/** A scratch library whose covid-vaccination-event 2.0.0 has a keyword Ajv refuses in strict mode, and an NDJSON file of 3.0.0's valid examples. */
async function libraryWithBrokenVersion(): Promise<{ dir: string; broken: string; data: string }> {
  const dir = await scratch();
  const broken = join(dir, 'covid-vaccination-event/2.0.0.yaml');
  await writeFile(broken, (await readFile(broken, 'utf8')) + 'madeUpKeyword: true\n');
  const records = (await validExamples(join(dir, 'covid-vaccination-event'), '3.0.0')).map((e) => JSON.stringify(e.record));
  expect(records.length).toBeGreaterThan(0);
  const data = join(dir, 'vaccinations.ndjson');
  await writeFile(data, records.join('\n') + '\n');
  return { dir, broken, data };
}

const BROKEN = /covid-vaccination-event@2\.0\.0 does not compile: strict mode: unknown keyword: "madeUpKeyword"/;

describe('a command compiles only the versions it uses', () => {
  it('the list of standards compiles none; standards <id>, template and validate the one they use; check all', async () => {
    const dir = await scratch();
    const compiles = countCompiles();
    const c = captureIo(dir);
    expect(await main(['standards', '--standards', dir], c.io)).toBe(0);
    expect(await main(['standards', '--json', '--standards', dir], c.io)).toBe(0);
    expect(compiles()).toBe(0);
    expect(await main(['standards', 'patient-demographics@2.0.3', '--standards', dir], c.io)).toBe(0);
    expect(compiles()).toBe(1);
    expect(await main(['template', 'emergency-care-attendance', '--standards', dir], c.io)).toBe(0);
    expect(compiles()).toBe(2);

    const records = (await validExamples(join(dir, 'patient-demographics'), '2.0.3')).slice(0, 3);
    await writeFile(join(dir, 'three.ndjson'), records.map((e) => JSON.stringify(e.record)).join('\n') + '\n');
    const v = captureIo(dir);
    expect(await main(['validate', 'three.ndjson', '-s', 'patient-demographics@2.0.3', '--workers', '0', '--standards', dir], v.io)).toBe(0);
    expect(v.out()).toContain('VALID: 3 records, 3 valid, 0 invalid');
    expect(compiles()).toBe(3);

    const check = captureIo(dir);
    expect(await main(['check', '--standards', dir], check.io)).toBe(0);
    const versions = Number(/check passed: 5 standards, (\d+) versions/.exec(check.out())?.[1]);
    expect(versions).toBeGreaterThan(20);
    expect(compiles()).toBeGreaterThanOrEqual(3 + versions);
  });
});

describe('a version whose schema Ajv refuses, in a library folder', () => {
  it('validate against a sound version of the same standard works', async () => {
    const { dir, data } = await libraryWithBrokenVersion();
    const c = captureIo(dir);
    expect(await main(['validate', data, '-s', 'covid-vaccination-event@3.0.0', '--standards', dir], c.io)).toBe(0);
    expect(c.out()).toMatch(/VALID: \d+ records?, \d+ valid, 0 invalid/);
    expect(c.err()).toBe('');
  });

  it('validate against the broken version exits 2 naming its file and the problem, before reading the input', async () => {
    const { dir, broken, data } = await libraryWithBrokenVersion();
    const c = captureIo(dir);
    expect(await main(['validate', data, '-s', 'covid-vaccination-event@2.0.0', '--standards', dir], c.io)).toBe(2);
    expect(c.err()).toContain(`conform: the standards library cannot be loaded: ${broken}: `);
    expect(c.err()).toMatch(BROKEN);
    expect(c.out()).toBe('');
  });

  it('the built command names the file too where the pool threads validate (NDJSON on standard input, --workers 2): the version is compiled on resolve', async () => {
    const { dir, broken, data } = await libraryWithBrokenVersion();
    const bin = join(process.cwd(), 'bin/conform.js');
    const child = execFile('node', [bin, 'validate', '-', '--format', 'ndjson', '-s', 'covid-vaccination-event@2.0.0', '--workers', '2', '--standards', dir]);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    // The command may stop before it reads its input: a closed pipe is no failure of the test.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(await readFile(data));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err).toContain(`conform: the standards library cannot be loaded: ${broken}: `);
    expect(err).toMatch(BROKEN);
  });

  it('check reports it, naming the file, as before', async () => {
    const { dir, broken } = await libraryWithBrokenVersion();
    const c = captureIo(dir);
    expect(await main(['check', '--standards', dir], c.io)).toBe(2);
    expect(c.err()).toContain(`${broken}: `);
    expect(c.err()).toMatch(BROKEN);
  });

  it('types of the broken version exits 2 naming its file; of a sound one it writes the files', async () => {
    const { dir, broken } = await libraryWithBrokenVersion();
    const c = captureIo(dir);
    expect(await main(['types', '-s', 'covid-vaccination-event@2.0.0', '--out', 'generated', '--standards', dir], c.io)).toBe(2);
    expect(c.err()).toContain(`${broken}: `);
    expect(c.err()).toMatch(BROKEN);
    const sound = captureIo(dir);
    expect(await main(['types', '-s', 'covid-vaccination-event@3.0.0', '--out', 'generated', '--standards', dir], sound.io)).toBe(0);
    expect(sound.out()).toContain('covid-vaccination-event.v3.0.0.validate.ts');
  });

  it('a version file that is not YAML is reported by the commands that read it, with its line; the list and the other versions serve', async () => {
    const { dir, data } = await libraryWithBrokenVersion();
    const file = join(dir, 'covid-vaccination-event/2.0.0.yaml');
    await writeFile(file, (await readFile(file, 'utf8')) + 'broken: [unclosed\n');
    const notYaml = new RegExp(`${file}:\\d+:\\d+: not valid YAML`);
    const list = captureIo(dir);
    expect(await main(['standards', '--standards', dir], list.io)).toBe(0);
    expect(list.out()).toContain('versions: 1.0.0 (deprecated), 2.0.0 (deprecated), 2.1.0 (published), 3.0.0 (published)');
    const sound = captureIo(dir);
    expect(await main(['validate', data, '-s', 'covid-vaccination-event@3.0.0', '--standards', dir], sound.io)).toBe(0);
    for (const argv of [
      ['standards', 'covid-vaccination-event@2.0.0'],
      ['template', 'covid-vaccination-event@2.0.0'],
      ['validate', data, '-s', 'covid-vaccination-event@2.0.0'],
      ['types', '-s', 'covid-vaccination-event@2.0.0', '--out', 'generated'],
      ['check'],
    ]) {
      const c = captureIo(dir);
      expect(await main([...argv, '--standards', dir], c.io), argv.join(' ')).toBe(2);
      expect(c.err(), argv.join(' ')).toMatch(notYaml);
    }
  });

  it('a listed version with no file is reported by every command, at load', async () => {
    const dir = await scratch();
    await rm(join(dir, 'covid-vaccination-event/2.0.0.yaml'));
    const c = captureIo(dir);
    expect(await main(['standards', '--standards', dir], c.io)).toBe(2);
    expect(c.err()).toMatch(/standard\.yaml: version 2\.0\.0 is listed but .*2\.0\.0\.yaml does not exist/);
  });
});

describe('standards <id> and template compile the version they show', () => {
  /** Each way a version's schema is refused by the engine, and the words the refusal names it with. */
  const refusals: { what: string; edit: (schema: Record<string, any>) => void; problem: RegExp }[] = [
    { what: "a pattern Ajv's unicode regex refuses", edit: (s) => (s.properties.batchNumber.pattern = 'a{'), problem: /Invalid regular expression: \/a\{\/u/ },
    { what: 'an unknown format', edit: (s) => (s.properties.batchNumber.format = 'made-up'), problem: /unknown format "made-up"/ },
    {
      what: 'a bad x-consistency rule',
      edit: (s) => (s['x-consistency'][0].notBefore = 'nowhere'),
      problem: /x-consistency at #\/x-consistency: rule 1 \("expiry-not-before-vaccination"\) notBefore must be a JSON pointer/,
    },
    { what: 'a $ref to nowhere', edit: (s) => (s.properties.batchNumber = { $ref: '#/$defs/nowhere' }), problem: /can't resolve reference #\/\$defs\/nowhere/ },
  ];

  for (const { what, edit, problem } of refusals) {
    it(`${what}: each exits 2 naming the file and the problem, printing nothing; a sound version still serves`, async () => {
      const dir = await scratch();
      const file = join(dir, 'covid-vaccination-event/3.1.0.yaml');
      const schema = parseYaml(await readFile(file, 'utf8')) as Record<string, any>;
      edit(schema);
      await writeFile(file, stringifyYaml(schema));
      for (const argv of [
        ['template', 'covid-vaccination-event@3.1.0'],
        ['template', 'covid-vaccination-event', '--out', 'template.csv'],
        ['standards', 'covid-vaccination-event@3'],
        ['standards', 'covid-vaccination-event@3.1.0', '--json'],
      ]) {
        const c = captureIo(dir);
        expect(await main([...argv, '--standards', dir], c.io), argv.join(' ')).toBe(2);
        expect(c.err(), argv.join(' ')).toContain(`conform: the standards library cannot be loaded: ${file}: covid-vaccination-event@3.1.0 does not compile: `);
        expect(c.err(), argv.join(' ')).toMatch(problem);
        expect(c.out(), argv.join(' ')).toBe('');
      }
      await expect(readFile(join(dir, 'template.csv'))).rejects.toThrow(/ENOENT/);
      const sound = captureIo(dir);
      expect(await main(['template', 'covid-vaccination-event@2.1.0', '--standards', dir], sound.io)).toBe(0);
      expect(sound.out()).toMatch(/^vaccinationEventId,/);
      const list = captureIo(dir);
      expect(await main(['standards', '--standards', dir], list.io)).toBe(0);
      expect(list.out()).toContain('versions: 1.0.0 (deprecated), 2.0.0 (deprecated), 2.1.0 (published), 3.0.0 (published)');
    });
  }
});
