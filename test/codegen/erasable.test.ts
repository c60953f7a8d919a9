/**
 * The generated validators and their runtime (conform-runtime/, copies of the engine's own files) are
 * plain erasable TypeScript: no enum or const enum, namespace, parameter property or `import x =`, and
 * type-only imports marked `type`. That is what `erasableSyntaxOnly` and `verbatimModuleSyntax` ask, and
 * what Node's built-in type stripping can run, so a developer's project with those options compiles them.
 * Checked with the TypeScript compiler over the committed folder (test/codegen/generated), so a change to
 * a copied engine file that brings such syntax back fails here, naming the file and line.
 */
import { describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { GENERATED, scratch } from './support.js';

const OPTIONS: ts.CompilerOptions = {
  erasableSyntaxOnly: true,
  verbatimModuleSyntax: true,
  strict: true,
  // A developer's strict settings too: nothing generated is left unused.
  noUnusedLocals: true,
  noUnusedParameters: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts'],
  types: [],
  skipLibCheck: true,
};

/** Every diagnostic of a program over `files`, as `file(line,col): TSnnnn message`. */
function diagnostics(files: string[]): string[] {
  const program = ts.createProgram(files, OPTIONS);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (!d.file || d.start === undefined) return `TS${d.code} ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(process.cwd(), d.file.fileName)}(${line + 1},${character + 1}): TS${d.code} ${text}`;
  });
}

describe('the generated runtime and modules are erasable TypeScript', () => {
  it('every runtime file and every generated validator module compiles with erasableSyntaxOnly and verbatimModuleSyntax', async () => {
    const runtime = (await readdir(join(GENERATED, 'conform-runtime'))).filter((f) => f.endsWith('.ts')).map((f) => join(GENERATED, 'conform-runtime', f));
    const modules = (await readdir(GENERATED)).filter((f) => f.endsWith('.validate.ts')).map((f) => join(GENERATED, f));
    expect(runtime.map((f) => relative(GENERATED, f))).toContain('conform-runtime/record-actions.ts');
    expect(runtime.map((f) => relative(GENERATED, f))).toContain('conform-runtime/file-name.ts');
    expect(modules.length).toBeGreaterThan(20);
    expect(diagnostics([...runtime, ...modules])).toEqual([]);
  }, 120_000);

  it('the check is not vacuous: it refuses a const enum and a parameter property, as Node type stripping does', async () => {
    const work = await scratch();
    try {
      const file = join(work.dir, 'not-erasable.ts');
      await writeFile(
        file,
        'const enum A { X }\nexport class B {\n  constructor(private readonly a: number) {}\n  get value(): number {\n    return this.a;\n  }\n}\nexport const x = A.X;\n',
      );
      expect(diagnostics([file]).map((d) => d.replace(/^.*?: /, ''))).toEqual([
        "TS1294 This syntax is not allowed when 'erasableSyntaxOnly' is enabled.",
        "TS1294 This syntax is not allowed when 'erasableSyntaxOnly' is enabled.",
      ]);
    } finally {
      await work.remove();
    }
  });
});
