import { describe, it, expect } from 'vitest';
import { createAjv } from '../../src/validation/ajv.js';
import { SchemaCompileError, Validators } from '../../src/validation/validators.js';
import { SCHEMA_ID, STANDARD } from './helpers.js';

const compileWith = (validators: Validators, schema: Record<string, unknown>, contentHash = 'h1') =>
  validators.compile({ ...STANDARD, contentHash }, SCHEMA_ID, schema);

describe('createAjv', () => {
  it('runs in strict mode: an unknown keyword fails to compile', () => {
    expect(() => createAjv().compile({ type: 'object', properties: { a: { type: 'string', colour: 'red' } } })).toThrow(/unknown keyword: "colour"/);
    expect(() => compileWith(new Validators(), { type: 'object', properties: { a: { type: 'string', colour: 'red' } } })).toThrow(SchemaCompileError);
    expect(() => compileWith(new Validators(), { type: 'object', properties: { a: { type: 'string', colour: 'red' } } })).toThrow(
      /^t@1\.0\.0 does not compile: strict mode: unknown keyword: "colour"/,
    );
  });

  it('runs in strict mode: an unknown format fails to compile', () => {
    expect(() => compileWith(new Validators(), { type: 'object', properties: { a: { type: 'string', format: 'nhs-numbr' } } })).toThrow(SchemaCompileError);
  });

  it('accepts the x- annotation keywords, which never fail a record', () => {
    const version = compileWith(new Validators(), {
      type: 'object',
      'x-expected': ['ethnicity'],
      properties: {
        ethnicity: {
          type: 'string',
          enum: ['A', 'Z', '99'],
          'x-labels': { A: 'White - British', Z: 'Not stated', '99': 'Not known' },
          'x-default-codes': ['99'],
        },
      },
      'x-consistency': [{ id: 'b-not-before-a', field: '/b', notBefore: '/a' }],
    });
    expect(version.validate({})).toBe(true);
    expect(version.validate({ ethnicity: '99' })).toBe(true);
    expect(version.validate({ ethnicity: 'Q' })).toBe(false);
  });

  it('checks the annotation keywords’ own shape', () => {
    expect(() => compileWith(new Validators(), { type: 'object', 'x-expected': 'ethnicity' })).toThrow(SchemaCompileError);
    expect(() => compileWith(new Validators(), { type: 'object', 'x-consistency': [{ id: 'Bad Id', field: '/b', notBefore: '/a' }] })).toThrow(
      SchemaCompileError,
    );
    expect(() => compileWith(new Validators(), { type: 'object', 'x-consistency': [{ id: 'x', field: 'b', notBefore: '/a' }] })).toThrow(SchemaCompileError);
  });

  it('never fetches a $ref to an unknown remote URI: it fails to compile', () => {
    const schema = { type: 'object', properties: { a: { $ref: 'https://example.com/schemas/thing.json#/$defs/a' } } };
    expect(() => compileWith(new Validators(), schema)).toThrow(SchemaCompileError);
    expect(() => compileWith(new Validators(), schema)).toThrow(/can't resolve reference https:\/\/example\.com\/schemas\/thing\.json/);
    expect(() => compileWith(new Validators(), { type: 'object', properties: { a: { $ref: '../_common/identifiers#/$defs/nhsNumber' } } })).toThrow(
      SchemaCompileError,
    );
  });

  it('resolves a $ref to a shared schema that has been added', () => {
    const validators = new Validators();
    validators.addShared('https://conform.invalid/standards/_common/identifiers', {
      $defs: { nhsNumber: { type: 'string', format: 'nhs-number' } },
    });
    const version = compileWith(validators, {
      type: 'object',
      properties: { nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber' } },
    });
    expect(version.validate({ nhsNumber: '9434765919' })).toBe(true);
    expect(version.validate({ nhsNumber: '9876544321' })).toBe(false);
  });

  it('has $data off', () => {
    expect(() => createAjv().compile({ type: 'object', properties: { a: { type: 'integer', maximum: { $data: '1/b' } } } })).toThrow();
  });

  it('can compile again after a failed compile of the same id', () => {
    const validators = new Validators();
    expect(() => compileWith(validators, { type: 'object', colour: 'red' }, 'bad')).toThrow(SchemaCompileError);
    const good = compileWith(validators, { type: 'object', properties: { a: { type: 'string' } } }, 'good');
    expect(good.validate({ a: 'x' })).toBe(true);
    expect(good.validate({ a: 1 })).toBe(false);
  });

  it('caches a compiled version by content hash', () => {
    const validators = new Validators();
    const schema = { type: 'object' };
    expect(compileWith(validators, schema, 'same')).toBe(compileWith(validators, schema, 'same'));
  });
});
