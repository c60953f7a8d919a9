/** The field dictionary says when a conditional rule requires a field, so no reader takes it as optional. */
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionWords, conditionalRequirements } from '../../src/registry/conditional-required.js';
import { fieldDictionary } from '../../src/registry/field-dictionary.js';
import { Validators } from '../../src/validation/validators.js';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';

describe('the words of a condition', () => {
  it('reads value tests and presence, and nothing else', () => {
    expect(conditionWords({ properties: { kind: { const: 'A' } }, required: ['kind'] })).toBe('kind is A');
    expect(conditionWords({ properties: { kind: { enum: ['A', 'B', 'C'], description: 'x' } }, required: ['kind'] })).toBe('kind is A, B or C');
    expect(conditionWords({ properties: { kind: { const: 'A' } } })).toBe('kind is A (or not given)');
    expect(conditionWords({ properties: { a: { description: 'given' } }, required: ['a', 'b', 'c'] })).toBe('a, b and c are given');
    expect(conditionWords({ properties: { kind: { pattern: '^A$' } }, required: ['kind'] })).toBeUndefined();
    expect(conditionWords({ properties: { kind: { const: 'A' } }, required: ['kind'], not: {} })).toBeUndefined();
  });
});

describe('conditional requirements of a record schema', () => {
  it('names the x-when words, then words read from the if, then the description; else rules are "unless"', () => {
    const found = conditionalRequirements({
      type: 'object',
      allOf: [
        { 'x-when': 'the flag is NEW', if: { properties: { flag: { pattern: '^new$' } } }, then: { required: ['a', 'b'] } },
        { if: { properties: { kind: { const: 'carer' } }, required: ['kind'] }, else: { required: ['event'] } },
        { description: 'A review needs its reason.', if: { properties: { kind: { pattern: 'review' } } }, then: { required: ['reason'] } },
        { if: { properties: { kind: { enum: ['x', 'y'] } }, required: ['kind'] }, then: { required: ['a'] } },
      ],
      dependentRequired: { end: ['start'] },
    });
    expect(Object.fromEntries(found)).toEqual({
      '/a': 'when the flag is NEW; or when kind is x or y',
      '/b': 'when the flag is NEW',
      '/event': 'unless kind is carer',
      '/reason': 'when this holds: A review needs its reason',
      '/start': 'when end is given',
    });
  });

  it('keeps the words short, however long the schema writes them (a page repeats them for each field)', () => {
    const codes = Array.from({ length: 5000 }, (_, i) => `C${i}`);
    const fields = Array.from({ length: 300 }, (_, i) => `f${i}`);
    const found = conditionalRequirements({
      allOf: [
        { if: { properties: { kind: { enum: codes } }, required: ['kind'] }, then: { required: fields } },
        { 'x-when': 'w'.repeat(100_000), if: { required: ['x'] }, then: { required: fields } },
        ...Array.from({ length: 10 }, (_, i) => ({ if: { required: [`t${i}`] }, then: { required: ['f0'] } })),
      ],
    });
    expect(found.get('/f1')).toBe(`when kind is C0, C1, C2, C3, C4, C5, C6, C7 or one of 4992 more; or when ${'w'.repeat(199)}…`);
    expect(found.get('/f0')!.endsWith('; or under 8 more conditions')).toBe(true);
    expect(Math.max(...[...found.values()].map((w) => w.length))).toBeLessThan(1000);
  });

  it('a field always required is not shown as conditional', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      allOf: [{ if: { required: ['b'] }, then: { required: ['a'] } }],
    };
    const fields = fieldDictionary(new Validators().ajv, schema, 'https://conform.invalid/standards/c/1.0.0', []);
    expect(fields.map((f) => [f.name, f.use, f.requiredWhen])).toEqual([
      ['a', 'Required', undefined],
      ['b', 'Optional', undefined],
    ]);
  });
});

describe('the bundled standards', () => {
  let library: Library;
  beforeAll(async () => {
    library = await loadLibrary(bundledStandardsDir());
  });
  const dictionary = (id: string, version: string) => {
    const v = library.standards.get(id)!.versions.find((x) => x.version === version)!;
    return new Map(fieldDictionary(library.validators.ajv, v.schema, v.schemaId, []).map((f) => [f.name, f]));
  };

  it('the batch file: a NEW or UPDATE row must carry the patient and the event', () => {
    const fields = dictionary('immunisation-batch', '10.2.0');
    expect(fields.get('PERSON_FORENAME')).toMatchObject({ use: 'Optional', requiredWhen: 'when ACTION_FLAG is NEW or UPDATE' });
    expect(fields.get('LOCATION_CODE')!.requiredWhen).toBe('when ACTION_FLAG is NEW or UPDATE');
    expect(fields.get('UNIQUE_ID')!.requiredWhen).toBeUndefined(); // always required
    expect(fields.get('VACCINE_MANUFACTURER')!.requiredWhen).toBeUndefined();
  });

  it('the client-level return: an event on every row but a carer known by association', () => {
    const fields = dictionary('adult-social-care-client-level', '1.2.0');
    expect(fields.get('eventType')!.requiredWhen).toBe('unless clientType is Carer known by association');
    expect(fields.get('primarySupportReason')!.requiredWhen).toBe('when eventType is Assessment, Service or Review');
    expect(fields.get('eventEndDate')!.requiredWhen).toBe('when eventType is Request, Assessment or Review; or when eventType and dateOfDeath are given');
  });
});
