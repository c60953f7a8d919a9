/**
 * Table rows for keywords whose effect depends on others beside them: unevaluatedProperties and
 * unevaluatedItems (which fields or items the rest of the schema evaluated), contains under
 * maxContains (how many items match), minContains' default of 1, lower limits of 0 (their default)
 * and oneOf added or dropped as a whole.
 */
import { A, field, rec, S, type Case } from './table-support.js';

/** A record closed by unevaluatedProperties rather than additionalProperties. */
const sealed = (props: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object',
  properties: Object.fromEntries(props.map((p) => [p, S()])),
  unevaluatedProperties: false,
  ...extra,
});

const numbers = (contains: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  A({ type: 'integer' }, { contains, ...extra });

export const evaluationCases: Case[] = [
  {
    name: 'field removed from a record closed by unevaluatedProperties',
    old: sealed(['a', 'b']),
    new: sealed(['a']),
    kinds: ['property-removed'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    path: '/b',
    oldOnly: { a: 'x', b: 'y' },
    both: [{ a: 'x' }],
  },
  {
    name: 'optional field added to a record closed by unevaluatedProperties',
    old: sealed(['a']),
    new: sealed(['a', 'b']),
    kinds: ['property-added'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    path: '/b',
    newOnly: { a: 'x', b: 'y' },
    both: [{ a: 'x' }],
  },
  {
    name: 'field removed from an allOf branch under unevaluatedProperties (undecidable)',
    old: sealed(['a'], { allOf: [{ properties: { b: S() } }] }),
    new: sealed(['a'], { allOf: [{ properties: { c: S() } }] }),
    kinds: ['property-removed', 'property-added', 'keyword-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    undecidable: true,
    oldOnly: { a: 'x', b: 'y' },
    newOnly: { a: 'x', c: 'y' },
  },
  {
    name: 'items checked by unevaluatedItems shortened (no other applicator: read as items)',
    old: field({ type: 'array', unevaluatedItems: S() }),
    new: field({ type: 'array', unevaluatedItems: S({ maxLength: 2 }) }),
    kinds: ['max-length-decreased'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    path: '/x/items',
    oldOnly: rec(['abc']),
    both: [rec(['ab'])],
  },
  {
    name: 'contains matches more where maxContains caps the matches',
    old: field(numbers({ const: 1 }, { maxContains: 1 })),
    new: field(numbers({ enum: [1, 2] }, { maxContains: 1 })),
    kinds: ['enum-value-added'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    path: '/x/items',
    oldOnly: rec([1, 2]),
    newOnly: rec([2]),
  },
  {
    name: 'minContains 0 dropped (its default is 1)',
    old: field(numbers({ const: 1 }, { minContains: 0, maxContains: 2 })),
    new: field(numbers({ const: 1 }, { maxContains: 2 })),
    kinds: ['min-contains-increased'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    oldOnly: rec([]),
    both: [rec([1])],
  },
  {
    name: 'minLength 0 declared (its default: no change)',
    old: field(S()),
    new: field(S({ minLength: 0 })),
    kinds: [],
    suppliers: false,
    consumers: false,
    bump: 'none',
    both: [rec('')],
  },
  {
    name: 'oneOf added (a new conjunct only narrows)',
    old: field(S()),
    new: field(S({ oneOf: [{ maxLength: 2 }, { minLength: 5 }] })),
    kinds: ['subschema-added'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    oldOnly: rec('abc'),
    both: [rec('ab'), rec('abcdef')],
  },
  {
    name: 'oneOf dropped (a conjunct removed only widens)',
    old: field(S({ oneOf: [{ maxLength: 2 }, { minLength: 5 }] })),
    new: field(S()),
    kinds: ['subschema-removed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    newOnly: rec('abc'),
  },
];
