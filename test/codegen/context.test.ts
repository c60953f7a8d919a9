/**
 * A generated standalone validator takes the engine's validation context (`isX(value, context?)`,
 * `validate(value, record?, line?, context?)`) and gives the engine's findings for it: the submission
 * time and skew, the reporting period, warnings (which leave the type guard true), code labels and one
 * finding per fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codegenSource, type CodegenSource } from '../../src/codegen/source.js';
import { generateFiles } from '../../src/codegen/generate.js';
import { Validators, type CompiledVersion } from '../../src/validation/validators.js';
import { validateValue } from '../../src/validation/validate.js';
import type { ValidationContext } from '../../src/validation/context.js';
import type { Finding } from '../../src/validation/report-types.js';
import { library, scratch } from './support.js';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Vaccination 1.0.0',
  type: 'object',
  additionalProperties: false,
  required: ['given'],
  properties: {
    given: { type: 'string', format: 'date-time', title: 'Vaccination date' },
    born: { type: 'string', format: 'date' },
    expires: { type: 'string', format: 'date' },
    dose: {
      $ref: '../_common/identifiers#/$defs/sctid',
      enum: ['1324681000000101', '1324691000000104'],
      'x-labels': { '1324681000000101': 'first dose', '1324691000000104': 'second dose' },
    },
    gender: { $ref: '../_common/code-lists#/$defs/personStatedGender' },
  },
  'x-consistency': [
    { id: 'given-not-in-future', field: '/given', notAfter: '$submission' },
    { id: 'born-not-in-future', field: '/born', notAfter: '$submission', skew: 'PT0S' },
    { id: 'given-not-after-expiry', field: '/given', notAfter: '/expires' },
    { id: 'given-not-before-birth', field: '/given', notBefore: '/born' },
    { id: 'given-in-period', field: '/given', within: '$period', severity: 'warning' },
  ],
};

type Module = {
  validate: (value: unknown, record?: number, line?: number, context?: ValidationContext) => Finding[];
  isVaccination: (value: unknown, context?: ValidationContext) => boolean;
};

let source: CodegenSource;
let work: Awaited<ReturnType<typeof scratch>>;
let module: Module;
let compiled: CompiledVersion;
beforeAll(async () => {
  const lib = await library();
  source = codegenSource(
    { standardId: 'vaccination', version: '1.0.0', contentHash: 'sha256:test', schema },
    [...lib.shared].map(([id, s]) => [id, s.schema] as const),
  );
  work = await scratch();
  for (const file of await generateFiles([source])) {
    await mkdir(dirname(join(work.dir, file.path)), { recursive: true });
    await writeFile(join(work.dir, file.path), file.content);
  }
  module = (await import(join(work.dir, 'vaccination.v1.0.0.validate.ts'))) as Module;
  const validators = new Validators();
  for (const [id, s] of source.shared) validators.addShared(id, s);
  compiled = validators.compile({ id: 'vaccination', version: '1.0.0', contentHash: 'sha256:test' }, source.schemaId, source.schema);
});
afterAll(() => work.remove());

const CONTEXTS: ValidationContext[] = [
  { submittedAt: '2024-03-15T12:00:00Z' },
  { submittedAt: '2024-03-15T12:00:00Z', period: { start: '2024-03-01', end: '2024-03-31' } },
  { submittedAt: '2024-07-01T23:30:00Z', period: { start: '2024-04-01', end: '2024-06-30' } },
];
const RECORDS: unknown[] = [
  { given: '2024-03-10T10:00:00Z', born: '1980-01-01', expires: '2024-03-10', dose: '1324681000000101', gender: '1' },
  { given: '2024-03-15T12:05:00Z' },
  { given: '2024-03-15T12:05:01Z', born: '2024-03-16', expires: '2024-03-14' },
  { given: '2024-03-15T13:04:59+01:00', born: '2024-03-15' },
  { given: '2024-06-30T23:30:00-01:00', born: '2024-07-02' },
  { given: '2024-02-29T09:00:00Z', dose: '1362591000000103', gender: 'Q' },
  { given: '2024-02-30T09:00:00Z', born: '2099-01-01', dose: 'abc', gender: 7 },
  { given: '2024-03-01T00:00:00Z', born: '2024-03-01T00:00:00Z' },
  'not an object',
];

describe('a standalone validator with a validation context', () => {
  it('gives the engine’s findings for each context', () => {
    let seen = 0;
    for (const context of CONTEXTS) {
      for (const record of RECORDS) {
        const engine = validateValue(compiled, record, context);
        expect(module.validate(record, 1, 0, context), JSON.stringify([record, context])).toEqual(engine);
        expect(module.isVaccination(record, context)).toBe(!engine.some((f) => f.severity === 'error'));
        seen += engine.length;
      }
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('uses the time of the call when no context is given', () => {
    const future = { given: new Date(Date.now() + 3_600_000).toISOString() };
    expect(module.validate(future).map((f) => f.rule)).toEqual(['given-not-in-future']);
    expect(module.isVaccination(future)).toBe(false);
    expect(module.isVaccination({ given: '2024-03-10T10:00:00Z' })).toBe(true);
  });

  it('keeps a record with warnings only valid for the type guard, and reports the warning', () => {
    const record = { given: '2024-03-20T10:00:00Z' };
    const context = CONTEXTS[2]!;
    expect(module.isVaccination(record, context)).toBe(true);
    expect(module.validate(record, 3, 7, context)).toEqual([
      {
        record: 3,
        line: 7,
        path: '/given',
        rule: 'given-in-period',
        message: 'The vaccination date is outside the reporting period 2024-04-01 to 2024-06-30',
        severity: 'warning',
      },
    ]);
  });

  it('names codes with their labels and reports one finding per fault', () => {
    expect(module.validate({ given: '2024-03-10T10:00:00Z', dose: 'abc' }, 1, 0, CONTEXTS[0])).toEqual([
      {
        record: 1,
        line: 0,
        path: '/dose',
        rule: 'enum',
        message: 'must be one of the allowed codes: 1324681000000101 (first dose), 1324691000000104 (second dose)',
        severity: 'error',
      },
    ]);
  });

  it('refuses a malformed context as the engine does', () => {
    expect(() => module.validate({ given: '2024-03-10T10:00:00Z' }, 1, 0, { submittedAt: 'now' })).toThrow(/submittedAt/);
  });
});
