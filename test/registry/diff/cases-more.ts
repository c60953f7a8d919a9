/** Table rows for the less common keywords: property counts, contains, not, anyOf and propertyNames. */
import { A, field, open, rec, S, type Case } from './table-support.js';

const xs = (extra: Record<string, unknown> = {}): Record<string, unknown> => A(S(), { contains: { const: 'x' }, ...extra });

export const moreCases: Case[] = [
  {
    name: 'at most one field allowed', old: open(['a']), new: { ...open(['a']), maxProperties: 1 },
    kinds: ['max-properties-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: { a: '1', b: 2 }, both: [{ a: '1' }],
  },
  {
    name: 'limit on the number of fields lifted', old: { ...open(['a']), maxProperties: 1 }, new: open(['a']),
    kinds: ['max-properties-increased'], suppliers: false, consumers: true, bump: 'minor', newOnly: { a: '1', b: 2 },
  },
  {
    name: 'minimum number of fields lifted', old: { ...open(['a']), minProperties: 2 }, new: open(['a']),
    kinds: ['min-properties-decreased'], suppliers: false, consumers: true, bump: 'minor', newOnly: { a: '1' },
  },
  {
    name: 'array must contain a given item', old: field(A(S())), new: field(xs()),
    kinds: ['subschema-added'], suppliers: true, consumers: false, bump: 'major', path: '/x/items', oldOnly: rec(['y']), both: [rec(['x'])],
  },
  {
    name: 'array no longer needs a given item', old: field(xs()), new: field(A(S())),
    kinds: ['subschema-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/x/items', newOnly: rec(['y']),
  },
  {
    name: 'contained item needed twice', old: field(xs()), new: field(xs({ minContains: 2 })),
    kinds: ['min-contains-increased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(['x']), both: [rec(['x', 'x'])],
  },
  {
    name: 'contained item needed once again', old: field(xs({ minContains: 2 })), new: field(xs()),
    kinds: ['min-contains-decreased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(['x']),
  },
  {
    name: 'contained item allowed at most once', old: field(xs()), new: field(xs({ maxContains: 1 })),
    kinds: ['max-contains-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(['x', 'x']), both: [rec(['x'])],
  },
  {
    name: 'contained item allowed any number of times', old: field(xs({ maxContains: 1 })), new: field(xs()),
    kinds: ['max-contains-increased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(['x', 'x']),
  },
  {
    name: 'a value excluded (not added)', old: field(S()), new: field(S({ not: { const: 'x' } })),
    kinds: ['subschema-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('x'), both: [rec('y')],
  },
  {
    name: 'exclusion dropped (not removed)', old: field(S({ not: { const: 'x' } })), new: field(S()),
    kinds: ['subschema-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('x'),
  },
  {
    name: 'value must match one of several options (anyOf added)', old: field(S()), new: field(S({ anyOf: [{ maxLength: 2 }, { minLength: 5 }] })),
    kinds: ['subschema-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('abc'), both: [rec('ab')],
  },
  {
    name: 'field names limited in length', old: open(['a']), new: { ...open(['a']), propertyNames: S({ maxLength: 3 }) },
    kinds: ['type-narrowed', 'max-length-decreased'], suppliers: true, consumers: false, bump: 'major', path: '/*', oldOnly: { a: '1', long: 'x' }, both: [{ a: '1' }],
  },
];
