/**
 * A rule whose condition is settled (an `if` every value meets, or `if: false`) is compared as the branch
 * that applies, folded into the schema beside it where exact (settled-conditions.ts); where folding is
 * not exact, or the branch leads back to the rule, the rule is compared as any other.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { settleCondition } from '../../../src/registry/diff/settled-conditions.js';

const id = 'https://conform.invalid/standards/t/1.0.0';
const record = (extra: Record<string, unknown>): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  properties: { a: { type: 'string' }, b: { type: 'string' } },
  ...extra,
});
const kinds = (before: unknown, after: unknown): string[] => diffSchemas({ schema: before, id }, { schema: after, id }).map((c) => c.kind);
const same = (node: unknown) => node as Record<string, unknown> | boolean;

describe('settled conditions', () => {
  it('a branch that leads back to the rule is compared, and the comparison ends', () => {
    const looping = record({ if: true, then: { $ref: '#' } });
    expect(kinds(looping, looping)).toEqual([]);
  });

  it('a closed record whose settled branch declares a field it does not list is not folded (that would let the field in)', () => {
    const schema = record({ if: true, then: { properties: { c: { type: 'string' } } } });
    expect(settleCondition(schema, same)).toBe(schema);
    // An open record takes the field's schema beside its own.
    const { additionalProperties: _, ...open } = schema;
    expect(settleCondition(open, same)).toMatchObject({ properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } });
  });

  it('a branch with keywords that mean something else one level up, or a condition that is not settled, is left alone', () => {
    for (const schema of [
      record({ if: true, then: { unevaluatedProperties: false } }),
      record({ if: true, then: { 'x-consistency': [] } }),
      record({ if: { required: ['a'] }, then: { required: ['b'] } }),
      record({ if: { $ref: '#/$defs/any' }, then: { required: ['b'] }, $defs: { any: {} } }),
      record({ if: true, then: { properties: { a: { not: { const: 'x' } } } }, properties: { a: { not: { const: 'y' } } } }), // not on both sides of a
    ])
      expect(settleCondition(schema, same)).toBe(schema);
  });

  it('a branch that accepts nothing makes the schema accept nothing; one that accepts everything drops the rule', () => {
    expect(settleCondition(record({ if: {}, then: false }), same)).toBe(false);
    expect(settleCondition(record({ if: false, then: false }), same)).toEqual(record({}));
  });
});
