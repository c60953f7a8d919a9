/** The diff on recursive versions: no change against itself, each change once against a changed copy, never a loop. */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../src/registry/diff/diff.js';
import { RECURSIVE_SHAPES } from '../../support/recursive-schemas.js';

const OLD = 'https://conform.invalid/standards/r/1.0.0';
const NEW = 'https://conform.invalid/standards/r/1.1.0';
const COMMON = 'https://conform.invalid/standards/_common/tree';
const changes = (before: unknown, after: unknown, shared?: Map<string, unknown>, sharedAfter = shared): string[] =>
  diffSchemas({ schema: before, id: OLD, shared }, { schema: after, id: NEW, shared: sharedAfter }).map(
    (c) => `${c.path} ${c.kind}${c.undecidable ? ' undecidable' : ''}`,
  );
const copy = <T>(value: T): T => structuredClone(value);

describe('diffing recursive versions', () => {
  it.each(Object.keys(RECURSIVE_SHAPES))('%s compared with itself has no change', (shape) => {
    expect(changes(RECURSIVE_SHAPES[shape], copy(RECURSIVE_SHAPES[shape]))).toEqual([]);
  });

  it('reports a change inside the recursion once, at the field where it first applies', () => {
    const self = copy(RECURSIVE_SHAPES['self-parent']!);
    self.properties.name.maxLength = 5;
    expect(changes(RECURSIVE_SHAPES['self-parent'], self)).toEqual(['/name max-length-decreased']);

    const tree = copy(RECURSIVE_SHAPES['defs-tree']!);
    tree.$defs.node.properties.label.maxLength = 20;
    tree.$defs.node.properties.note = { type: 'string' };
    expect(changes(RECURSIVE_SHAPES['defs-tree'], tree)).toEqual(['/children/items/label max-length-increased', '/children/items/note property-added']);

    const items = copy(RECURSIVE_SHAPES['self-items']!);
    items.required = [];
    expect(changes(RECURSIVE_SHAPES['self-items'], items)).toEqual(['/name required-removed']);

    const mutual = copy(RECURSIVE_SHAPES.mutual!);
    mutual.$defs.organisation.required = ['orgName', 'owner'];
    expect(changes(RECURSIVE_SHAPES.mutual, mutual)).toEqual(['/person/employer/owner required-added']);
  });

  it('compares a schema that becomes recursive, and back, with the changes at the new fields', () => {
    const flat = { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 10 }, parent: { type: 'object' } } };
    const recursive = { ...flat, properties: { ...flat.properties, parent: { $ref: '#' } } };
    const became = changes(flat, recursive);
    expect(became).toContain('/parent/name property-added');
    expect(became).toContain('/parent/name required-added');
    expect(became.every((c) => !c.includes('undecidable'))).toBe(true);
    expect(changes(recursive, flat)).toContain('/parent/name required-removed');
  });

  it('terminates on recursion through a shared document, and sees a change made inside it', () => {
    const tree = (max: number) =>
      new Map([
        [
          COMMON,
          {
            $defs: {
              node: { type: 'object', properties: { label: { type: 'string', maxLength: max }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } },
            },
          },
        ],
      ]);
    const schema = { type: 'object', properties: { root: { $ref: '../_common/tree#/$defs/node' } } };
    expect(changes(schema, schema, tree(10))).toEqual([]);
    expect(changes(schema, schema, tree(10), tree(5))).toEqual(['/root/label max-length-decreased']);
  });
});
