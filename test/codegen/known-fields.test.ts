/**
 * The standalone validator of a version with `additionalProperties: false` beside more than eight
 * `properties` finds a record's fields by name, as the engine does (validation/known-fields.ts): Ajv gives
 * the standalone source before its code hook, so the generator makes the same rewrite, with the same
 * verdicts for every field name.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { codegenSource } from '../../src/codegen/source.js';
import { standaloneValidatorCode } from '../../src/codegen/standalone.js';
import { validateValue } from '../../src/validation/validate.js';
import { generatedBeside } from './support.js';

const NAMES = ['id', 'a', 'bb', 'ccc', 'dd', 'a b', 'é', 'toString', '1', 'eeeeeeeeeeee'];
const schema: AnySchemaObject = {
  type: 'object',
  properties: Object.fromEntries(NAMES.map((n) => [n, { type: 'string' }])),
  additionalProperties: false,
};
const source = codegenSource({ standardId: 'known-fields', version: '1.0.0', contentHash: 'sha256:known', schema }, []);
const ODD = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', '', 'A', 'b', 'ccc ', 'eeeeeeeeeeeE', ...NAMES];
const RECORDS = ODD.map((name) => `{"id":"r",${JSON.stringify(name)}:"x"}`);

const generated = generatedBeside(source);

describe('generated code and a record field not in `properties`', () => {
  it('the standalone validator gives the engine’s findings for every field name', async () => {
    const module = await generated.standalone();
    const compiled = generated.engine();
    const refused = RECORDS.filter((text) => {
      const record: unknown = JSON.parse(text);
      const findings = module.validate(record);
      expect(findings, text).toEqual(validateValue(compiled, record));
      return findings.some((f) => f.rule === 'additionalProperties');
    });
    expect(refused.length).toBe(ODD.length - NAMES.length);
  });

  it('finds the field among the names, never by a hasOwnProperty call', () => {
    const code = standaloneValidatorCode(source);
    expect(code).not.toMatch(/func\d+\.call\(schema/);
    expect(code).toContain('key0.length === 8 ? key0 === "toString"');
  });
});
