/**
 * A required field is read once for `required` and its own checks, where Ajv's code reads it twice in
 * one block, and a field passed to x-consistency's check is passed as the variable already read
 * (required-reads.ts); the verdicts and errors are those of the code Ajv wrote.
 */
import { describe, it, expect } from 'vitest';
import type { AnySchemaObject } from 'ajv';
import { createAjv } from '../../src/validation/ajv.js';
import { readRequiredOnce } from '../../src/validation/required-reads.js';
import { countedReads } from '../support/counted-reads.js';

const SCHEMA: AnySchemaObject = {
  type: 'object',
  required: ['start', 'end', 'id', 'a b'],
  properties: {
    id: { type: 'string', minLength: 2 },
    'a b': { type: 'integer' },
    start: { type: 'string', format: 'date-time' },
    end: { type: 'string', format: 'date-time' },
    inner: { type: 'object', required: ['x'], properties: { x: { enum: ['1', '2'] } } },
  },
  allOf: [{ properties: { id: {}, other: {} }, required: ['id', 'other'] }],
  'x-consistency': [{ id: 'end-after-start', field: '/end', notBefore: '/start' }],
};

describe('readRequiredOnce', () => {
  it("reads each required field once, and passes the compared fields to x-consistency's check without reading them again", () => {
    const validate = createAjv().compile(SCHEMA);
    const { record, reads } = countedReads({ id: 'r1', 'a b': 1, start: '2024-01-01T10:00:00Z', end: '2024-01-01T11:00:00Z', other: 0 });
    expect(validate(record)).toBe(true);
    // `id` is required twice: the allOf's test is in another block, so it reads `id` again.
    expect(Object.fromEntries(reads)).toEqual({ id: 2, 'a b': 1, start: 1, end: 1, other: 1 });
  });

  it('gives the same verdicts and errors as the code Ajv wrote', () => {
    const ours = createAjv().compile(SCHEMA);
    const plain = createAjv();
    plain.opts.code.process = undefined;
    const theirs = plain.compile(SCHEMA);
    expect(ours.toString()).not.toEqual(theirs.toString());
    const records: unknown[] = [
      {},
      { id: 'r1', 'a b': 1, start: '2024-01-01T10:00:00Z', end: '2024-01-01T09:00:00Z', other: 0 },
      { id: 'r', 'a b': 'x', start: 5, end: null },
      { id: undefined, start: '2024-01-01T10:00:00Z', end: '2024-01-02T10:00:00+01:00', inner: {} },
      { start: '2024-02-30T10:00:00Z', end: '2024-01-01', inner: { x: '3' }, other: undefined },
      { inner: { x: '1' }, 'a b': 2.5 },
      [],
      'text',
      null,
    ];
    for (const record of records) {
      expect(ours(record), JSON.stringify(record)).toBe(theirs(record));
      expect(ours.errors, JSON.stringify(record)).toEqual(theirs.errors);
    }
  });

  it('moves a read only within its block, and only where nothing between writes to the object', () => {
    const test = (n: string): string => `if(data.${n} === undefined){e();}`;
    // One block: the second read becomes the first.
    expect(readRequiredOnce(`{${test('a')}for(const k in data){f("}{");}let data0 = data.a;if(data0 !== undefined){g(data0);}}`)).toBe(
      '{let data0 = data.a;if(data0 === undefined){e();}for(const k in data){f("}{");}if(data0 !== undefined){g(data0);}}',
    );
    // A field passed to a call after its variable is declared, with no required test: the variable is passed.
    expect(readRequiredOnce('{let data0 = data.a;if(data0 !== undefined){g();}f(data, this, data.a, data.b);}')).toBe(
      '{let data0 = data.a;if(data0 !== undefined){g();}f(data, this, data0, data.b);}',
    );
    for (const code of [
      // The second read inside a block the first is not in, or after the first's block closes.
      `{${test('a')}if(x){let data0 = data.a;}}`,
      `{{${test('a')}}let data0 = data.a;}`,
      // A write to the object between them.
      `{${test('a')}data.a = 1;let data0 = data.a;}`,
      `{${test('a')}delete data[k];let data0 = data.a;}`,
      // Another field, or no second read.
      `{${test('a')}let data0 = data.b;}`,
      `{${test('a')}}`,
    ])
      expect(readRequiredOnce(code), code).toBe(code);
  });
});

describe('a required field with a very long name', () => {
  // A name of 100,000 characters made the rewrite build a regular expression V8 refuses ("regular
  // expression too large"), so the schema failed to compile with that internal message.
  for (const [what, name] of [
    ['a name Ajv reads with a dot', 'a'.repeat(100_000)],
    ['a name Ajv reads in quotes', 'é-'.repeat(50_000)],
  ] as const) {
    it(`compiles, read as Ajv wrote it: ${what}`, () => {
      const schema: AnySchemaObject = {
        type: 'object',
        required: [name, 'start'],
        properties: { [name]: { type: 'string' }, start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } },
        'x-consistency': [{ id: 'end-after-start', field: '/end', notBefore: '/start' }],
      };
      const validate = createAjv().compile(schema);
      expect(validate({ [name]: 'x', start: '2024-01-02', end: '2024-01-03' })).toBe(true);
      expect(validate({ [name]: 1, start: '2024-01-02' })).toBe(false);
      expect(validate.errors?.map((e) => e.keyword)).toEqual(['type']);
      expect(validate({ start: '2024-01-02', end: '2024-01-01' })).toBe(false);
      expect(validate.errors?.map((e) => e.keyword)).toEqual(['required', 'x-consistency']);
      // the short field is still read once
      const { record, reads } = countedReads({ [name]: 'x', start: '2024-01-02' });
      expect(validate(record)).toBe(true);
      expect(reads.get('start')).toBe(1);
    });
  }
});
