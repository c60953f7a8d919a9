/** Content hashes of recursive versions and of shared definitions that reach each other: they end and are stable. */
import { describe, expect, it } from 'vitest';
import { contentHash, reachedDefinitions } from '../../src/registry/content-hash.js';
import { RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

const ID = 'https://conform.invalid/standards/r/1.0.0';
const COMMON = 'https://conform.invalid/standards/_common/people';
const people = (max: number) => ({
  $defs: {
    person: { type: 'object', properties: { given: { type: 'string', maxLength: max }, employer: { $ref: '#/$defs/organisation' } } },
    organisation: { type: 'object', properties: { owner: { $ref: '#/$defs/person' }, parent: { $ref: '#/$defs/organisation' } } },
    unused: { type: 'string' },
  },
});

describe('content hashes of recursive schemas', () => {
  it.each(Object.keys(RECURSIVE_SHAPES))('%s: hashes, the same every time and for a copy', (shape) => {
    const hash = contentHash(RECURSIVE_SHAPES[shape]!, ID, new Map());
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentHash(structuredClone(RECURSIVE_SHAPES[shape]!), ID, new Map())).toBe(hash);
  });

  it('takes each shared definition once when definitions reach each other, and nothing unused', () => {
    const schema = { type: 'object', properties: { p: { $ref: '../_common/people#/$defs/person' } } };
    const reached = reachedDefinitions(schema, ID, new Map([[COMMON, people(10)]]));
    expect([...reached.keys()].sort()).toEqual([`${COMMON}#/$defs/organisation`, `${COMMON}#/$defs/person`]);
    const hash = contentHash(schema, ID, new Map([[COMMON, people(10)]]));
    expect(contentHash(schema, ID, new Map([[COMMON, people(10)]]))).toBe(hash);
    expect(contentHash(schema, ID, new Map([[COMMON, people(9)]]))).not.toBe(hash);
  });

  it('includes a shared definition reached through a $ref to its whole document', () => {
    const selfDocument = { type: 'object', properties: { next: { $ref: '#' } } };
    const schema = { properties: { list: { $ref: '../_common/people' } } };
    expect([...reachedDefinitions(schema, ID, new Map([[COMMON, selfDocument]])).keys()]).toEqual([`${COMMON}#`]);
  });
});
