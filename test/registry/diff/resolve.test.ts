/** `$ref` resolution for the diff: merging siblings, shared documents, anchors, cycles and recursion. */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { Resolver } from '../../../src/registry/diff/resolve.js';
import { mergeRef } from '../../../src/registry/diff/merge.js';

const OLD = 'https://conform.invalid/standards/t/1.0.0';
const NEW = 'https://conform.invalid/standards/t/2.0.0';
const COMMON = 'https://conform.invalid/standards/_common/ids';
const kinds = (before: unknown, after: unknown, shared?: Map<string, unknown>, sharedAfter = shared): string[] =>
  diffSchemas({ schema: before, id: OLD, shared }, { schema: after, id: NEW, shared: sharedAfter }).map(
    (c) => `${c.path} ${c.kind}${c.undecidable ? ' undecidable' : ''}`,
  );

describe('resolving $ref for comparison', () => {
  it('follows relative refs to shared documents and merges the siblings (own annotations win)', () => {
    const resolver = new Resolver({
      schema: { properties: { p: { $ref: '../_common/ids#/$defs/code', description: 'Own.', enum: ['A'] } } },
      id: OLD,
      shared: new Map([[COMMON, { $defs: { code: { type: 'string', description: 'Shared.', enum: ['A', 'B'] } } }]]),
    });
    const view = resolver.view((resolver.root as { properties: { p: unknown } }).properties.p);
    expect(view).toEqual({ ok: true, schema: { type: 'string', description: 'Own.', enum: ['A'] }, refs: [`${COMMON}#/$defs/code`] });
  });

  it('keeps both sides as allOf when their validation keywords cannot be combined', () => {
    expect(mergeRef({ type: 'string', pattern: '^a' }, { pattern: '^b', title: 'T' })).toEqual({
      title: 'T',
      allOf: [{ type: 'string', pattern: '^a' }, { pattern: '^b' }],
    });
    expect(
      kinds(
        { $ref: '#/$defs/a', pattern: '^b', $defs: { a: { type: 'string', pattern: '^a' } } },
        { $ref: '#/$defs/a', pattern: '^b', $defs: { a: { type: 'string', pattern: '^a' } } },
      ),
    ).toEqual([]);
  });

  it('sees no change when two versions reach the same shared definitions', () => {
    const shared = new Map([[COMMON, { $defs: { nhs: { type: 'string', format: 'nhs-number' } } }]]);
    const schema = { type: 'object', properties: { n: { $ref: '../_common/ids#/$defs/nhs' } } };
    expect(kinds(schema, schema, shared)).toEqual([]);
  });

  it('reports a change made inside a shared document, at the field that reaches it', () => {
    const before = new Map([[COMMON, { $defs: { nhs: { type: 'string', maxLength: 10 } } }]]);
    const after = new Map([[COMMON, { $defs: { nhs: { type: 'string', maxLength: 8 } } }]]);
    const schema = { type: 'object', properties: { n: { $ref: '../_common/ids#/$defs/nhs' } } };
    expect(kinds(schema, schema, before, after)).toEqual(['/n max-length-decreased']);
  });

  it('resolves $anchor references', () => {
    const schema = (max: number): unknown => ({
      type: 'object',
      properties: { n: { $ref: '#code' } },
      $defs: { c: { $anchor: 'code', type: 'string', maxLength: max } },
    });
    expect(kinds(schema(5), schema(9))).toEqual(['/n max-length-increased']);
  });

  it('compares a $ref that loops, or reaches outside the documents, as undecidable', () => {
    const looping = { type: 'object', properties: { n: { $ref: '#/$defs/a' } }, $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } };
    expect(kinds({ type: 'object', properties: { n: { type: 'string' } } }, looping)).toEqual(['/n unresolvable undecidable']);
    expect(
      kinds({ type: 'object', properties: { n: { type: 'string' } } }, { type: 'object', properties: { n: { $ref: 'https://example.org/s.json' } } }),
    ).toEqual(['/n unresolvable undecidable']);
  });

  it('terminates on recursive schemas and reports a change once, where the recursion starts', () => {
    const tree = (max: number): unknown => ({
      $ref: '#/$defs/node',
      $defs: {
        node: { type: 'object', properties: { name: { type: 'string', maxLength: max }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } },
      },
    });
    expect(kinds(tree(10), tree(10))).toEqual([]);
    expect(kinds(tree(10), tree(5))).toEqual(['/name max-length-decreased']);
  });
});

describe('union types (not used by Conform standards, still classified)', () => {
  it('narrows, widens and changes', () => {
    expect(kinds({ type: ['string', 'number'] }, { type: 'string' })).toEqual([' type-narrowed']);
    expect(kinds({ type: 'integer' }, { type: ['string', 'number'] })).toEqual([' type-widened']);
    expect(kinds({ type: ['string', 'null'] }, { type: ['string', 'number'] })).toEqual([' type-changed']);
    expect(kinds({ type: ['number', 'integer'] }, { type: 'number' })).toEqual([]);
  });
});
