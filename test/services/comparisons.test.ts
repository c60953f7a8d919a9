/**
 * The shared documents a comparison's worker is given: those the two sides reach by `$ref`, directly or
 * through one another, never every document the registry holds.
 */
import { describe, expect, it } from 'vitest';
import { reachedDocuments } from '../../src/validation/schema-refs.js';

const base = 'https://conform.invalid/standards/';

describe('reachedDocuments', () => {
  const shared = new Map<string, unknown>([
    [`${base}_common/identifiers`, { $defs: { nhs: { $ref: 'conform:code-lists/ids/1.0.0#/$defs/code' } } }],
    ['conform:code-lists/ids/1.0.0', { $defs: { code: { enum: ['A'] } } }],
    [`${base}_common/unused`, { $defs: { x: { type: 'string' } } }],
    ['conform:code-lists/other/1.0.0', { $defs: { code: { enum: ['B'] } } }],
  ]);

  it('follows relative and absolute references, through shared documents too, and leaves the rest', () => {
    const version = {
      id: `${base}demo/1.0.0`,
      schema: {
        properties: { id: { $ref: '../_common/identifiers#/$defs/nhs' }, own: { $ref: '#/$defs/own' }, bad: { $ref: 'http://[' } },
        $defs: { own: {} },
      },
    };
    expect([...reachedDocuments([version], shared).keys()].sort()).toEqual(['conform:code-lists/ids/1.0.0', `${base}_common/identifiers`]);
  });

  it('takes the union of both sides, and none for a side without references', () => {
    const from = { id: `${base}demo/1.0.0`, schema: { type: 'object' } };
    const to = { id: `${base}demo/2.0.0`, schema: { properties: { c: { $ref: 'conform:code-lists/other/1.0.0#/$defs/code' } } } };
    expect([...reachedDocuments([from], shared).keys()]).toEqual([]);
    expect([...reachedDocuments([from, to], shared).keys()]).toEqual(['conform:code-lists/other/1.0.0']);
  });
});
