/**
 * Code generation for recursive versions: the types refer to themselves by name (a `$ref` to the version
 * is the record type), compile with tsc --strict with nested records assigned to them (and a wrong value
 * deep inside refused), and the standalone validators agree with the engine on nested records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { codegenSource, fileBase, recordTypeName, type CodegenSource } from '../../src/codegen/source.js';
import { generateFiles } from '../../src/codegen/generate.js';
import { generateTypes } from '../../src/codegen/typescript-types.js';
import { Validators } from '../../src/validation/validators.js';
import { validateValue } from '../../src/validation/validate.js';
import type { Finding } from '../../src/validation/report-types.js';
import { NESTED_RECORDS, RECURSIVE_SHAPES } from '../support/recursive-schemas.js';
import { scratch } from './support.js';

const run = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const sources: CodegenSource[] = Object.entries(RECURSIVE_SHAPES).map(([shape, schema]) =>
  codegenSource({ standardId: `recursive-${shape}`, version: '1.0.0', contentHash: `sha256:${shape}`, schema }, []),
);
const byShape = (shape: string): CodegenSource => sources.find((s) => s.standardId === `recursive-${shape}`)!;

let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  work = await scratch();
  for (const file of await generateFiles(sources)) {
    await mkdir(dirname(join(work.dir, file.path)), { recursive: true });
    await writeFile(join(work.dir, file.path), file.content);
  }
});
afterAll(() => work.remove());

describe('code generation for recursive versions', () => {
  it('declares recursive types that refer to themselves by name', async () => {
    const self = await generateTypes(byShape('self-parent'));
    expect(self).toContain('parent?: RecursiveSelfParent;');
    expect(self.match(/export interface/g)).toHaveLength(1); // no second copy of the record type
    const tree = await generateTypes(byShape('defs-tree'));
    expect(tree).toContain('children?: Node[];');
    expect(tree.match(/export interface Node \{/g)).toHaveLength(1);
    expect(await generateTypes(byShape('self-items'))).toContain('parts?: RecursiveSelfItems[];');
    const mutual = await generateTypes(byShape('mutual'));
    expect(mutual).toContain('employer?: Organisation;');
    expect(mutual).toContain('owner?: Person;');
  });

  it('compile with tsc --strict, taking nested records and refusing a wrong value deep inside', async () => {
    const lines = sources.flatMap((source, i) => {
      const shape = source.standardId.replace('recursive-', '');
      const type = recordTypeName(source);
      return [
        `import type { ${type} as T${i} } from './${fileBase(source)}.js';`,
        `export const valid${i}: T${i} = ${JSON.stringify(NESTED_RECORDS[shape]!.valid)};`,
      ];
    });
    lines.push('// @ts-expect-error a number where a nested name must be a string');
    lines.push(`export const wrong: T0 = { name: 'a', parent: { name: 'b', parent: { name: 3 } } };`);
    await writeFile(join(work.dir, 'records.ts'), `${lines.join('\n')}\n`);
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023'],
        types: [],
        skipLibCheck: true,
        noEmit: true,
      },
      files: ['records.ts', ...(await generateFiles(sources)).map((f) => f.path).filter((p) => p.endsWith('.ts'))],
    };
    await writeFile(join(work.dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const result = await run(process.execPath, [TSC, '-p', join(work.dir, 'tsconfig.json')]).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(sources[0]!.standardId).toBe('recursive-self-parent'); // T0 in the mistake above
  }, 120_000);

  it.each(Object.keys(RECURSIVE_SHAPES))('%s: the generated validator agrees with the engine on nested records', async (shape) => {
    const source = byShape(shape);
    const module = (await import(join(work.dir, `${fileBase(source)}.validate.ts`))) as { validate: (v: unknown) => Finding[] };
    const compiled = new Validators().compile({ id: source.standardId, version: '1.0.0', contentHash: source.contentHash }, source.schemaId, source.schema);
    const { valid, invalid, path } = NESTED_RECORDS[shape]!;
    expect(module.validate(valid)).toEqual([]);
    expect(module.validate(invalid)).toEqual(validateValue(compiled, invalid));
    expect(module.validate(invalid).map((f) => f.path)).toEqual([path]);
  });
});
