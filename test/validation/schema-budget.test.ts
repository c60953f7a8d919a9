import { describe, expect, it } from 'vitest';
import { budgetProblems, DEFAULT_SCHEMA_LIMITS, type SchemaLimits } from '../../src/validation/schema-budget.js';
import { forEachSchemaNode } from '../../src/validation/schema-refs.js';
import { RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

const ID = 'https://conform.invalid/standards/t/1.0.0';
const COMMON = 'https://conform.invalid/standards/_common/codes';
const limits = (over: Partial<SchemaLimits>): SchemaLimits => ({ ...DEFAULT_SCHEMA_LIMITS, ...over });
const check = (schema: unknown, over: Partial<SchemaLimits> = {}, shared = new Map<string, unknown>()) => budgetProblems(schema, ID, shared, limits(over));
const leaves = (n: number) => Array.from({ length: n }, () => ({ type: 'string' }));

describe('schema budget', () => {
  it('measures a plain schema and finds nothing over the defaults', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { enum: ['x', 'y'] }, c: { anyOf: leaves(2) } } };
    expect(check(schema)).toEqual({
      problems: [],
      measure: { nodes: 6, depth: 2, enumValues: 2, properties: 3, branches: 2, combinatorNesting: 1, refDepth: 0 },
    });
  });

  it('names each limit, its value and the pointer', () => {
    const schema = {
      type: 'object',
      properties: { code: { enum: [1, 2, 3, 4] }, x: { type: 'string' }, y: { type: 'string' } },
      patternProperties: { '^a': { type: 'string' } },
    };
    const { problems } = check(schema, { enumValues: 3, properties: 2 });
    expect(problems).toEqual([
      { pointer: '/properties', limit: 'properties', max: 2, value: 3, detail: 'properties names 3 fields; the limit is 2 (properties per object)' },
      { pointer: '/properties/code/enum', limit: 'enumValues', max: 3, value: 4, detail: 'enum has 4 values; the limit is 3 (enum values)' },
    ]);
  });

  it('counts nodes and branches at each use of a definition, not where it is written', () => {
    const fan = (ref: string) => ({ anyOf: Array.from({ length: 5 }, () => ({ $ref: ref })) });
    const schema = { properties: { v: { $ref: '#/$defs/a' } }, $defs: { a: fan('#/$defs/b'), b: { anyOf: leaves(5) } } };
    const { measure, problems } = check(schema, { branches: 20 });
    expect(measure.branches).toBe(5 + 5 * 5);
    expect(measure.refDepth).toBe(2);
    expect(problems).toEqual([expect.objectContaining({ limit: 'branches', pointer: '/$defs/a', value: 30 })]);
  });

  it('follows $refs into the shared definitions', () => {
    const shared = new Map<string, unknown>([[COMMON, { $defs: { list: { anyOf: leaves(10) } } }]]);
    const schema = { properties: { a: { $ref: '../_common/codes#/$defs/list' }, b: { $ref: '../_common/codes#/$defs/list' } } };
    const { measure, problems } = check(schema, { branches: 15 }, shared);
    expect(measure.branches).toBe(20);
    expect(problems.map((p) => p.limit)).toEqual(['branches']);
  });

  it('counts recursion once and never loops', () => {
    for (const schema of Object.values(RECURSIVE_SHAPES)) {
      const { problems, measure } = check(schema);
      expect(problems).toEqual([]);
      expect(measure.nodes).toBeLessThan(50);
    }
  });

  it('refuses combinators nested too deep, at the first place they are', () => {
    const schema = { anyOf: [{ oneOf: [{ allOf: [{ type: 'string' }] }] }] };
    expect(check(schema, { combinatorNesting: 2 }).problems).toEqual([
      expect.objectContaining({ limit: 'combinatorNesting', pointer: '/anyOf/0/oneOf/0/allOf/0', value: 3 }),
    ]);
  });

  it('refuses a chain of $refs deeper than the limit', () => {
    const $defs = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, i === 29 ? { type: 'string' } : { $ref: `#/$defs/d${i + 1}` }]));
    const { problems, measure } = check({ $ref: '#/$defs/d0', $defs });
    expect(measure.refDepth).toBe(30);
    expect(problems).toEqual([expect.objectContaining({ limit: 'refDepth', value: 30 })]);
  });

  it('stops at the depth limit on a very deep schema instead of exhausting the stack', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100_000; i++) schema = { items: schema };
    const started = performance.now();
    const { problems } = check(schema);
    expect(problems).toEqual([expect.objectContaining({ limit: 'depth', max: 32, value: 33 })]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never counts data keywords as schemas', () => {
    let visited = 0;
    forEachSchemaNode({ enum: [{ type: 'x' }], default: { properties: {} }, examples: [{}], const: { anyOf: [] } }, ID, () => visited++);
    expect(visited).toBe(1);
  });
});
