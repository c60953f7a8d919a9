import { describe, expect, it } from 'vitest';
import { refCycles } from '../../src/validation/ref-cycles.js';

const ID = 'https://conform.invalid/standards/loops/1.0.0';

describe('refCycles', () => {
  it('finds nothing in recursion through a field, an item or a property name', () => {
    const schema = {
      type: 'object',
      $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      properties: { root: { $ref: '#/$defs/node' }, next: { anyOf: [{ $ref: '#' }, { type: 'null' }] } },
      additionalProperties: { allOf: [{ $ref: '#' }] },
    };
    expect(refCycles(schema, ID, new Map())).toEqual([]);
  });

  it('finds a loop through if/then/else and dependentSchemas, from where it starts in the candidate', () => {
    const schema = { type: 'object', $defs: { a: { if: { $ref: '#/$defs/b' } }, b: { dependentSchemas: { x: { $ref: '#/$defs/a' } } } } };
    const [cycle, ...rest] = refCycles(schema, ID, new Map());
    expect(rest).toEqual([]);
    expect(cycle).toMatchObject({ pointer: '/$defs/a', loop: '/$defs/a -> /$defs/a/if -> /$defs/b -> /$defs/b/dependentSchemas/x -> /$defs/a' });
  });

  it('finds a loop in a shared document the candidate reaches, named by that document, and not one it never reaches', () => {
    const shared = new Map<string, unknown>([
      ['conform:definitions/looping/1.0.0', { $defs: { a: { oneOf: [{ $ref: '#/$defs/a' }] } } }],
      ['conform:definitions/unused/1.0.0', { $defs: { a: { not: { $ref: '#/$defs/a' } } } }],
    ]);
    const schema = { type: 'object', properties: { x: { $ref: 'conform:definitions/looping/1.0.0#/$defs/a' } } };
    const cycles = refCycles(schema, ID, shared);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({
      pointer: '',
      loop: 'conform:definitions/looping/1.0.0#/$defs/a -> conform:definitions/looping/1.0.0#/$defs/a/oneOf/0 -> conform:definitions/looping/1.0.0#/$defs/a',
    });
  });

  it('names a long loop by its first places and how many more, in one linear pass', () => {
    const defs: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) defs[`d${i}`] = { $ref: `#/$defs/d${(i + 1) % 20_000}` };
    const started = performance.now();
    const cycles = refCycles({ $defs: defs }, ID, new Map());
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.loop).toBe(
      '/$defs/d0 -> /$defs/d1 -> /$defs/d2 -> /$defs/d3 -> /$defs/d4 -> /$defs/d5 -> /$defs/d6 -> /$defs/d7 -> 19992 more -> /$defs/d0',
    );
  });
});
