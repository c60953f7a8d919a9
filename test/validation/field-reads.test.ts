/**
 * Each field of `properties` is read once per record (field-reads.ts), and the verdicts are the same as
 * with Ajv's own code, which reads it twice.
 */
import { describe, it, expect } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from '../../src/validation/ajv.js';
import { readEachFieldOnce } from '../../src/validation/field-reads.js';
import { countedReads } from '../support/counted-reads.js';

const SCHEMA = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 2 },
    'odd name': { type: 'integer', minimum: 0 },
    nested: { type: 'object', properties: { when: { type: 'string', format: 'date' } }, additionalProperties: false },
  },
  additionalProperties: false,
};

describe('readEachFieldOnce', () => {
  it('reads each field of a record once after the required check, where Ajv alone reads it twice', () => {
    const validate = createAjv().compile(SCHEMA);
    const { record, reads } = countedReads({ id: 'r1', 'odd name': 3 });
    expect(validate(record)).toBe(true);
    // `id` once for both `required` and its own checks (required-reads.ts); the other once.
    expect(Object.fromEntries(reads)).toEqual({ id: 1, 'odd name': 1 });

    const plain = new Ajv2020({ strict: false, allErrors: true }).compile(SCHEMA);
    const before = countedReads({ id: 'r1', 'odd name': 3 });
    expect(plain(before.record)).toBe(true);
    expect(Object.fromEntries(before.reads)).toEqual({ id: 3, 'odd name': 2 });
  });

  it('gives the same errors as the code Ajv wrote, at every depth', () => {
    const ours = createAjv().compile(SCHEMA);
    const ajvs = createAjv();
    ajvs.opts.code.process = undefined;
    const theirs = ajvs.compile(SCHEMA);
    expect(ours.toString()).not.toEqual(theirs.toString());
    const records: unknown[] = [
      { id: 'r1' },
      { id: 'r' },
      { id: 7, 'odd name': -1 },
      { 'odd name': 1.5, nested: { when: '2024-02-30', other: 1 } },
      { id: 'r2', nested: { when: '2024-02-29' }, extra: true },
      { id: undefined, nested: null },
      [],
      'text',
    ];
    for (const record of records) {
      const verdict = ours(record);
      expect(verdict, JSON.stringify(record)).toBe(theirs(record));
      expect(ours.errors, JSON.stringify(record)).toEqual(theirs.errors);
    }
  });

  it('rewrites statements only: never an `else if`, a test of another field, or own-property reads', () => {
    const once = 'let data0 = data.a;if(data0 !== undefined){';
    expect(readEachFieldOnce('}if(data.a !== undefined){let data0 = data.a;')).toBe(`}${once}`);
    expect(readEachFieldOnce(';if(data["a b"] !== undefined){let data1 = data["a b"];')).toBe(';let data1 = data["a b"];if(data1 !== undefined){');
    for (const code of [
      '}else if(data.a !== undefined){let data0 = data.a;',
      '}if(data.a !== undefined){let data0 = data.b;',
      '}if(data.a !== undefined && func0.call(data, "a")){let data0 = data.a;',
      '}if(data[key0] !== undefined){let data0 = data[key0];',
    ]) {
      expect(readEachFieldOnce(code)).toBe(code);
    }
  });
});
