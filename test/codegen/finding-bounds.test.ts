/**
 * The standalone validators bound a finding's text as reports do (src/validation/finding-text.ts, copied
 * into the runtime): a path cut at 1,000 characters and a message at 2,000, marked "…", a lone surrogate
 * in a path written `\uXXXX`. Before, a record inventing a key of 100 KB gave a 100 KB path from validate()
 * and the file check, where the service's report gave 1,000 characters. Compared here with the service's
 * report of the same records (the engine's streaming validation of an NDJSON file), finding for finding:
 * every version of the library (the committed generated modules), and a version whose messages are long
 * (a code list of many labelled codes, a condition of an author’s 3,000 characters, a file-name convention
 * described at length).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { librarySource } from '../../src/codegen/generate.js';
import { codegenSource, fileBase } from '../../src/codegen/source.js';
import { validateStream } from '../../src/validation/validate.js';
import { MAX_FINDING_MESSAGE, MAX_FINDING_PATH } from '../../src/validation/finding-text.js';
import { FILE_FORMAT_RULE } from '../../src/validation/file-format.js';
import type { CompiledVersion } from '../../src/validation/validators.js';
import type { ValidationContext } from '../../src/validation/context.js';
import type { Finding } from '../../src/validation/report-types.js';
import type { Library } from '../../src/registry/library.js';
import { examples, GENERATED, generatedBeside, library } from './support.js';

interface GeneratedModule {
  validate(value: unknown, record?: number, line?: number, context?: ValidationContext): Finding[];
  validateRows(rows: Iterable<unknown>, options?: { context?: ValidationContext }): Generator<Finding[], void, undefined>;
}

const CONTEXT: ValidationContext = { submittedAt: '2026-07-01T12:00:00Z' };
const LONG_KEY = 'k'.repeat(100_000);

/** The service's findings for the records sent as one NDJSON file (record n on line n). */
async function serviceFindings(version: CompiledVersion, records: readonly unknown[]): Promise<Finding[]> {
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  const report = await validateStream([Buffer.from(`${text}\n`)], version, { format: 'ndjson', context: CONTEXT, maxFindings: 100_000 });
  return report.findings.filter(notAboutTheFileFormat);
}

/**
 * The service's warning that a JSON or NDJSON file was sent to a standard whose files are CSV (file-format.ts)
 * is about the form the file was sent in; a standalone validator checks values in memory, with no file.
 */
const notAboutTheFileFormat = (f: Finding): boolean => f.rule !== FILE_FORMAT_RULE;

/** The module's findings for the same records: validate() one by one, and the file check over them all. */
function moduleFindings(module: GeneratedModule, records: readonly unknown[]): { one: Finding[]; file: Finding[] } {
  return {
    one: records.flatMap((r, i) => module.validate(r, i + 1, i + 1, CONTEXT)),
    file: [...module.validateRows(records, { context: CONTEXT })].flat(),
  };
}

let lib: Library;
beforeAll(async () => {
  lib = await library();
});

describe('the standalone validators and the report’s bounds on a finding’s text', () => {
  it('give the service’s findings, path cut at 1,000 characters, for a record inventing a 100 KB key, in every version', async () => {
    let versions = 0;
    for (const standard of lib.standards.values()) {
      for (const version of standard.versions) {
        const { valid, invalid } = await examples(standard, version);
        const base = (valid[0] ?? invalid[0])!.record as Record<string, unknown>;
        const records = [{ ...base, [LONG_KEY]: 1 }, { ...base, [`${'~/'.repeat(600)}x`]: 'y' }, base];
        const module = (await import(join(GENERATED, `${fileBase(librarySource(lib, version))}.validate.ts`))) as GeneratedModule;
        const expected = await serviceFindings(version.compiled, records);
        const { one, file } = moduleFindings(module, records);
        const at = `${version.standardId}@${version.version}`;
        expect(file, at).toEqual(expected);
        // validate() alone skips the rules across rows; these records make none.
        expect(one, at).toEqual(expected);
        const long = expected.filter((f) => f.rule === 'additionalProperties' && f.record === 1);
        expect(
          long.map((f) => f.path),
          at,
        ).toEqual([`/${'k'.repeat(MAX_FINDING_PATH - 2)}…`]);
        expect(Math.max(...one.map((f) => f.path.length)), at).toBeLessThanOrEqual(MAX_FINDING_PATH);
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(25);
  }, 120_000);
});

/** A version whose findings' messages outgrow the bound: 150 labelled codes, a condition of 3,000 characters. */
const CODES = Array.from({ length: 150 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const WHEN = `flag is Y, ${'and a long author’s sentence '.repeat(110)}`;
const schema: AnySchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    code: { type: 'string', enum: CODES, 'x-labels': Object.fromEntries(CODES.map((c) => [c, `the label of code ${c}, ${'at length '.repeat(40)}`])) },
    flag: { type: 'string' },
    detail: { type: 'string' },
  },
  allOf: [
    {
      'x-when': WHEN,
      if: { properties: { flag: { const: 'Y' } }, required: ['flag'] },
      then: { properties: { detail: { type: 'string' } }, required: ['detail'] },
    },
  ],
};
const source = codegenSource({ standardId: 'long-messages', version: '1.0.0', contentHash: 'sha256:long', schema }, []);
const generated = generatedBeside(source);

describe('a version whose messages are longer than a report keeps', () => {
  it('gives the service’s findings, messages cut at 2,000 characters, and a lone surrogate in a path as \\uXXXX', async () => {
    const module = (await generated.standalone()) as unknown as GeneratedModule;
    const records = [
      { id: 'a', code: 'nope' },
      { id: 'b', flag: 'Y' },
      { id: 'c', code: 'C001', [`${'é'.repeat(3_000)}`]: 1 },
      { id: 'd', code: 'C002' },
    ];
    const expected = await serviceFindings(generated.engine(), records);
    const { one, file } = moduleFindings(module, records);
    expect(file).toEqual(expected);
    expect(one).toEqual(expected);
    expect(expected.map((f) => [f.record, f.rule, f.message.length])).toEqual([
      [1, 'enum', MAX_FINDING_MESSAGE],
      [2, 'required', MAX_FINDING_MESSAGE],
      [3, 'additionalProperties', 'is not a field of this standard'.length],
    ]);
    for (const f of one.slice(0, 2)) expect(f.message.endsWith('…')).toBe(true);
    expect(one[0]!.message.startsWith('must be one of')).toBe(true);

    // JSON.parse makes a key with half a surrogate pair; the service's reader refuses the record's text
    // (json-lone-surrogate) before it is validated, so this is compared with the report as the builder shows it.
    const lone = module.validate(JSON.parse('{"id":"e","x\\ud800y":1}'), 1, 1, CONTEXT);
    expect(lone.map((f) => [f.path, f.rule])).toEqual([['/x\\ud800y', 'additionalProperties']]);
  });
});

/** A version whose file-name convention is described at length (an author's text, in the file finding's message). */
const named = codegenSource(
  {
    standardId: 'long-name-rule',
    version: '1.0.0',
    contentHash: 'sha256:named',
    schema: {
      type: 'object',
      properties: { id: { type: 'string' } },
      'x-file-name': {
        description: `KIND_rest.csv, ${'where the author explains at length '.repeat(80)}`,
        extensions: ['csv'],
        separator: '_',
        parts: [{ name: 'kind', values: ['A'] }],
      },
    },
  },
  [],
);
const namedFiles = generatedBeside(named);

describe('a file-name convention described at length', () => {
  it('gives the service’s file finding, its message cut at 2,000 characters, from fileFindings and the file check', async () => {
    const module = (await namedFiles.standalone()) as unknown as GeneratedModule & {
      fileFindings(context?: ValidationContext): readonly Finding[];
      createFileCheck(context?: ValidationContext): { fileFindings: readonly Finding[] };
    };
    const context = { ...CONTEXT, fileName: 'B_x.csv' };
    const report = await validateStream([Buffer.from('{"id":"a"}\n')], namedFiles.engine(), { format: 'ndjson', context });
    expect(report.findings.filter((f) => f.record === 0).map((f) => f.rule)).toEqual(['file-name', FILE_FORMAT_RULE]);
    const expected = report.findings.filter((f) => f.record === 0 && notAboutTheFileFormat(f));
    expect(expected.map((f) => [f.rule, f.message.length])).toEqual([['file-name', MAX_FINDING_MESSAGE]]);
    expect(module.fileFindings(context)).toEqual(expected);
    expect(module.createFileCheck(context).fileFindings).toEqual(expected);
  });
});
