/**
 * The generated files compile with `tsc --strict` together with a file assigning every valid example of
 * every version to its generated type, and with type-mistakes.ts (whose @ts-expect-error lines fail the
 * build if the types stop catching a wrong code or a misspelt field). The emitted JavaScript of the
 * validators imports nothing but their runtime (the conform-runtime files, Ajv's run-time helpers and
 * ajv-formats' format functions), and runs in plain Node, agreeing with the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { fileBase, recordTypeName } from '../../src/codegen/source.js';
import { librarySource } from '../../src/codegen/generate.js';
import { validateValue } from '../../src/validation/validate.js';
import type { Library } from '../../src/registry/library.js';
import { GENERATED, HERE, examples, library, scratch } from './support.js';

const run = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** What emitted validator code may import: its own files, Ajv's run-time helpers, ajv-formats' formats. */
const ALLOWED = /^(\.{1,2}\/.*|ajv\/dist\/runtime\/[a-z0-9_]+\.js|ajv-formats\/dist\/formats\.js)$/;

let lib: Library;
let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  lib = await library();
  work = await scratch();
});
afterAll(() => work.remove());

async function examplesModule(): Promise<{ text: string; count: number }> {
  const lines = ['/* Every valid example of every version, assigned to its generated type (written by typecheck.test.ts). */'];
  let count = 0;
  let n = 0;
  for (const standard of lib.standards.values()) {
    for (const version of standard.versions) {
      const source = librarySource(lib, version);
      const alias = `T${++n}`;
      lines.push(`import type { ${recordTypeName(source)} as ${alias} } from '../generated/${fileBase(source)}.js';`);
      for (const example of (await examples(standard, version)).valid) {
        lines.push(`// ${version.standardId}@${version.version}: ${example.name.replace(/\n/g, ' ')}`);
        lines.push(`export const example${++count}: ${alias} = ${JSON.stringify(example.record)};`);
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, count };
}

async function files(dir: string, suffix: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}

describe('the generated files', () => {
  it('compile with tsc --strict with every valid example assigned to its type, and catch the marked mistakes', async () => {
    const { text, count } = await examplesModule();
    expect(count).toBeGreaterThan(30);
    await writeFile(join(work.dir, 'examples.ts'), text);
    const generated = (await files(GENERATED, '.ts')).map((f) => relative(work.dir, f));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: [],
        skipLibCheck: true,
        rootDir: '..',
        outDir: 'js',
        noEmitOnError: true,
      },
      files: ['examples.ts', '../type-mistakes.ts', ...generated],
    };
    await writeFile(join(work.dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const result = await run(process.execPath, [TSC, '-p', join(work.dir, 'tsconfig.json'), '--strict']).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).toBe('');
  }, 120_000);

  it('import nothing but their runtime once compiled, and run in plain Node as the engine does', async () => {
    const emitted = join(work.dir, 'js', 'generated');
    const js = await files(emitted, '.js');
    expect(js.length).toBe((await files(GENERATED, '.ts')).length);
    for (const file of js) {
      const specifiers = [
        ...(await readFile(file, 'utf8')).matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm),
      ].map((m) => m[1] ?? m[2]!);
      for (const specifier of specifiers) expect(specifier, `${relative(emitted, file)} imports ${specifier}`).toMatch(ALLOWED);
      expect(await readFile(file, 'utf8')).not.toMatch(/\brequire\(|\bimport\(/);
    }
    const version = lib.standards.get('emergency-care-attendance')!.versions.at(-1)!;
    const records = [
      {},
      {
        attendanceId: 'A1',
        providerOdsCode: 'RH8',
        siteOdsCode: 'RH802',
        attendanceCategory: '5',
        arrivalMode: '1048031000000100',
        activityStartDateTime: '2024-07-14T23:50:00+01:00',
        departureDateTime: '2024-07-14T20:00:00Z',
        nhsNumber: '9434765918',
      },
    ];
    const script = `import { validate } from ${JSON.stringify(join(emitted, `${fileBase(librarySource(lib, version))}.validate.js`))};
      process.stdout.write(JSON.stringify(${JSON.stringify(records)}.map((r) => validate(r))));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: HERE });
    expect(JSON.parse(stdout)).toEqual(records.map((r) => validateValue(version.compiled, r)));
    // The category, the NHS number, the departure before the arrival, and (3.1.0's advice) the departure's Z in BST.
    expect((JSON.parse(stdout) as unknown[][])[1]!.length).toBe(4);
  }, 60_000);
});
