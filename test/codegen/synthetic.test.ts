/**
 * Code generation on a made-up standard that uses what the library does not yet: local `$defs` used
 * twice, a `$ref` with a code list beside it, a definition named like a global type, a nested object with
 * its own x-consistency rules, arrays (uniqueItems, prefixItems), `const`, `anyOf` and `not`, and text
 * that would end a comment. The types read as intended and the validator agrees with the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codegenSource, type CodegenSource } from '../../src/codegen/source.js';
import { generateFiles } from '../../src/codegen/generate.js';
import { generateTypes } from '../../src/codegen/typescript-types.js';
import { Validators } from '../../src/validation/validators.js';
import { validateValue } from '../../src/validation/validate.js';
import type { Finding } from '../../src/validation/report-types.js';
import { library, scratch } from './support.js';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Clinic visit 1.0.0',
  description: 'A made-up record. A comment must survive */ in text.',
  type: 'object',
  additionalProperties: false,
  required: ['visitId', 'status', 'stay'],
  properties: {
    visitId: { type: 'string', pattern: '^V[0-9]+$', description: 'Visit id.' },
    status: { $ref: '#/$defs/status', description: 'Status now.' },
    previousStatus: { $ref: '#/$defs/status', description: 'Status before.' },
    gender: { $ref: '../_common/code-lists#/$defs/personStatedGender', enum: ['1', '2'], description: 'Only 1 or 2 here.' },
    seen: { $ref: '#/$defs/date' },
    kind: { const: 'visit' },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
    pair: { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string' }], items: false, minItems: 2 },
    score: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    note: { type: 'string', not: { const: 'secret' } },
    stay: {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: { from: { $ref: '#/$defs/date' }, to: { $ref: '#/$defs/date' } },
      'x-consistency': [{ id: 'stay-ends-after-start', field: '/to', notBefore: '/from' }],
    },
  },
  $defs: {
    status: { title: 'Visit status', type: 'string', enum: ['booked', 'seen'], 'x-labels': { booked: 'Booked', seen: 'Seen' } },
    date: { type: 'string', format: 'date', description: 'A local date.' },
  },
};

let source: CodegenSource;
let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  const lib = await library();
  source = codegenSource(
    { standardId: 'clinic-visit', version: '1.0.0', contentHash: 'sha256:test', schema },
    [...lib.shared].map(([id, s]) => [id, s.schema] as const),
  );
  work = await scratch();
});
afterAll(() => work.remove());

describe('code generation beyond the library', () => {
  it('declares each definition once, keeps codes and labels, and avoids global names', async () => {
    const types = await generateTypes(source);
    expect(types.match(/export type Status =/g)).toHaveLength(1); // the `status` definition, named by its key
    expect(types).toContain(' * Visit status\n');
    expect(types).toContain('status: Status;');
    expect(types).toContain('previousStatus?: Status;');
    expect(types).toContain('export type Status = "booked" | "seen";');
    expect(types).toContain(' * - `booked`: Booked');
    expect(types).toContain('gender?: "1" | "2";');
    expect(types).toContain('seen?: DateString;');
    expect(types).toContain('kind?: "visit";');
    expect(types).toContain('pair?: [number, string];');
    expect(types).toContain('stay: {\n    from: DateString;\n    to?: DateString;\n  };');
    expect(types).toContain('score?: number | null;');
    expect(types).toContain('*\\/ in text');
    expect(types).not.toMatch(/PersonStatedGender/); // its codes are replaced by the property's own list
    expect(types).toContain(' * - `stay-ends-after-start`: to not before from.');
  });

  it('gives a validator that agrees with the engine, nested cross-field rules included', async () => {
    for (const file of await generateFiles([source])) {
      await mkdir(dirname(join(work.dir, file.path)), { recursive: true });
      await writeFile(join(work.dir, file.path), file.content);
    }
    const module = (await import(join(work.dir, 'clinic-visit.v1.0.0.validate.ts'))) as {
      validate: (v: unknown) => Finding[];
      isClinicVisit: (v: unknown) => boolean;
    };
    const validators = new Validators();
    for (const [id, s] of source.shared) validators.addShared(id, s);
    const compiled = validators.compile({ id: 'clinic-visit', version: '1.0.0', contentHash: 'sha256:test' }, source.schemaId, source.schema);
    const records = [
      { visitId: 'V1', status: 'seen', stay: { from: '2024-01-02', to: '2024-01-03' }, tags: ['a', 'b'], pair: [1, 'x'], score: null },
      {
        visitId: 'X',
        status: 'gone',
        gender: '9',
        kind: 'other',
        stay: { from: '2024-01-02', to: '2024-01-01' },
        tags: ['a', 'a'],
        pair: [1, 'x', 3],
        note: 'secret',
        score: -1,
        extra: 1,
      },
      { stay: { to: 'soon' } },
      'not an object',
    ];
    for (const record of records) {
      expect(module.validate(record)).toEqual(validateValue(compiled, record));
      expect(module.isClinicVisit(record)).toBe(validateValue(compiled, record).length === 0);
    }
    expect(module.validate(records[1]).map((f) => `${f.path} ${f.rule}`)).toContain('/stay/to stay-ends-after-start');
  });
});
