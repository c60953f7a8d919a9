/**
 * A version with fields named like inherited members (`constructor`, `toString`, `__proto__`): the
 * generated standalone validator reads own fields only, as the engine does, and agrees with it record by
 * record; the generated type declares each field. An ordinary version's Ajv code has no own-property reads.
 */
import { describe, expect, it } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { codegenSource } from '../../src/codegen/source.js';
import { generateTypes } from '../../src/codegen/typescript-types.js';
import { standaloneValidatorCode } from '../../src/codegen/standalone.js';
import { validateValue } from '../../src/validation/validate.js';
import { generatedBeside } from './support.js';

// As an author writes it: JSON.parse makes `__proto__` an own member of `properties`.
const schema = JSON.parse(`{
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "toString", "__proto__"],
  "properties": {
    "id": { "type": "string" },
    "constructor": { "type": "string", "maxLength": 5 },
    "toString": { "enum": ["A", "B"] },
    "__proto__": { "type": "string", "pattern": "^P" },
    "nested": { "type": "object", "properties": { "valueOf": { "type": "integer" } } }
  }
}`) as AnySchemaObject;
const source = codegenSource({ standardId: 'own-fields', version: '1.0.0', contentHash: 'sha256:own', schema }, []);

const RECORDS = [
  '{"id":"r1","toString":"A","__proto__":"P1"}',
  '{"id":"r2"}',
  '{"id":"r3","constructor":"too long","toString":"C","__proto__":"Q","nested":{"valueOf":"x"}}',
  '{"id":"r4","constructor":"c","toString":"B","__proto__":"P4","nested":{}}',
  '{"id":"r5","toString":"A","__proto__":5,"hasOwnProperty":"x"}',
];

const generated = generatedBeside(source);

describe('generated code for fields named like inherited members', () => {
  it('the standalone validator agrees with the engine, record by record', async () => {
    const module = await generated.standalone();
    const compiled = generated.engine();
    const paths = RECORDS.map((text) => {
      const record: unknown = JSON.parse(text);
      const findings = module.validate(record);
      expect(findings).toEqual(validateValue(compiled, record));
      return findings.map((f) => `${f.path} ${f.rule}`);
    });
    expect(paths).toEqual([
      [],
      ['/toString required', '/__proto__ required'],
      ['/constructor maxLength', '/toString enum', '/nested/valueOf type', '/__proto__ pattern'],
      [],
      ['/hasOwnProperty additionalProperties', '/__proto__ type'],
    ]);
  });

  it('the Ajv code reads own properties for such a version only', () => {
    expect(standaloneValidatorCode(source)).toContain('Object.prototype.hasOwnProperty');
    const plain = codegenSource(
      { standardId: 'plain', version: '1.0.0', contentHash: 'sha256:plain', schema: { type: 'object', properties: { a: { type: 'string' } } } },
      [],
    );
    expect(standaloneValidatorCode(plain)).not.toContain('hasOwnProperty');
  });

  it('the record type declares each field', async () => {
    const types = await generateTypes(source);
    expect(types).toMatch(/\n {2}constructor\?: string;/);
    expect(types).toMatch(/\n {2}toString: "A" \| "B";/);
    expect(types).toMatch(/\n {2}__proto__: string;/);
    expect(types).toMatch(/\n {4}valueOf\?: number;/);
  });
});
