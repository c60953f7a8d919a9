/**
 * The standalone validator of a version with `unevaluatedProperties: false` under `anyOf`: a record's own
 * field named like an inherited member (`toString`, `constructor`, `__proto__`) is refused, as the engine
 * refuses it (validation/evaluated-fields.ts): Ajv gives the standalone source before its code hook, so the
 * generator makes the same rewrite.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { codegenSource } from '../../src/codegen/source.js';
import { standaloneValidatorCode } from '../../src/codegen/standalone.js';
import { validateValue } from '../../src/validation/validate.js';
import { generatedBeside } from './support.js';

const schema: AnySchemaObject = {
  type: 'object',
  properties: { id: { type: 'string' } },
  anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }],
  unevaluatedProperties: false,
};
const source = codegenSource({ standardId: 'uneval-fields', version: '1.0.0', contentHash: 'sha256:uneval', schema }, []);
const RECORDS = ['{"id":"r1","a":"x"}', '{"id":"r2","toString":"x"}', '{"id":"r3","constructor":"x"}', '{"id":"r4","__proto__":"x"}'];

const generated = generatedBeside(source);

describe('generated code and fields evaluated only at run time', () => {
  it('the standalone validator refuses an undeclared field named like an inherited member, as the engine does', async () => {
    const module = await generated.standalone();
    const compiled = generated.engine();
    const paths = RECORDS.map((text) => {
      const record: unknown = JSON.parse(text);
      const findings = module.validate(record);
      expect(findings).toEqual(validateValue(compiled, record));
      return findings.map((f) => `${f.path} ${f.rule}`);
    });
    expect(paths).toEqual([[], ['/toString unevaluatedProperties'], ['/constructor unevaluatedProperties'], ['/__proto__ unevaluatedProperties']]);
  });

  it("asks for Ajv's mark itself, never a truthy inherited member", () => {
    const code = standaloneValidatorCode(source);
    expect(code).toMatch(/props\d+\[key\d+\] !== true/);
    expect(code).not.toMatch(/!props\d+\[key\d+\]/);
  });
});
