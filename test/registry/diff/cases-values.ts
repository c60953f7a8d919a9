/** Table rows: what one field accepts (type, codes, lengths, limits, patterns, formats). */
import { field, N, rec, S, type Case } from './table-support.js';

const codes = (values: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => S({ enum: values, ...extra });

export const valueCases: Case[] = [
  {
    name: 'type narrowed from any to string', old: field({ description: 'anything' }), new: field(S({ description: 'anything' })),
    kinds: ['type-narrowed'], suppliers: true, consumers: false, bump: 'major', path: '/x', oldOnly: rec(5), both: [rec('a')],
  },
  {
    name: 'type widened from string to any', old: field(S()), new: field({}),
    kinds: ['type-widened'], suppliers: false, consumers: true, bump: 'minor', path: '/x', newOnly: rec(5), both: [rec('a')],
  },
  {
    name: 'number narrowed to integer', old: field(N()), new: field({ type: 'integer' }),
    kinds: ['type-narrowed'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(1.5), both: [rec(2)],
  },
  {
    name: 'integer widened to number', old: field({ type: 'integer' }), new: field(N()),
    kinds: ['type-widened'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(1.5), both: [rec(2)],
  },
  {
    name: 'type changed from string to number', old: field(S()), new: field(N()),
    kinds: ['type-changed'], suppliers: true, consumers: true, bump: 'major', oldOnly: rec('1'), newOnly: rec(1),
  },
  {
    name: 'code added to a list', old: field(codes(['1', '2'])), new: field(codes(['1', '2', '3'])),
    kinds: ['enum-value-added'], suppliers: false, consumers: true, bump: 'minor', path: '/x', newOnly: rec('3'), both: [rec('1')],
  },
  {
    name: 'code removed from a list', old: field(codes(['1', '2', '3'])), new: field(codes(['1', '2'])),
    kinds: ['enum-value-removed'], suppliers: true, consumers: false, bump: 'major', path: '/x', oldOnly: rec('3'), both: [rec('1')],
  },
  {
    name: 'free text restricted to a code list', old: field(S()), new: field(codes(['A', 'B'])),
    kinds: ['enum-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('Z'), both: [rec('A')],
  },
  {
    name: 'code list removed', old: field(codes(['A', 'B'])), new: field(S()),
    kinds: ['enum-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('Z'), both: [rec('A')],
  },
  {
    name: 'value fixed (const)', old: field(S()), new: field(S({ const: 'COVID' })),
    kinds: ['const-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('FLU'), both: [rec('COVID')],
  },
  {
    name: 'fixed value released', old: field(S({ const: 'COVID' })), new: field(S()),
    kinds: ['const-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('FLU'),
  },
  {
    name: 'fixed value changed', old: field(S({ const: 'COVID' })), new: field(S({ const: 'FLU' })),
    kinds: ['const-changed'], suppliers: true, consumers: true, bump: 'major', oldOnly: rec('COVID'), newOnly: rec('FLU'),
  },
  {
    name: 'maxLength lowered', old: field(S({ maxLength: 20 })), new: field(S({ maxLength: 10 })),
    kinds: ['max-length-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('x'.repeat(15)), both: [rec('short')],
  },
  {
    name: 'maxLength raised', old: field(S({ maxLength: 10 })), new: field(S({ maxLength: 20 })),
    kinds: ['max-length-increased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('x'.repeat(15)),
  },
  {
    name: 'maxLength added', old: field(S()), new: field(S({ maxLength: 10 })),
    kinds: ['max-length-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('x'.repeat(15)),
  },
  {
    name: 'minLength raised', old: field(S({ minLength: 1 })), new: field(S({ minLength: 3 })),
    kinds: ['min-length-increased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('ab'), both: [rec('abc')],
  },
  {
    name: 'minLength lowered', old: field(S({ minLength: 3 })), new: field(S({ minLength: 1 })),
    kinds: ['min-length-decreased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('ab'),
  },
  {
    name: 'minimum raised', old: field(N({ minimum: 0 })), new: field(N({ minimum: 1 })),
    kinds: ['minimum-increased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(0), both: [rec(5)],
  },
  {
    name: 'minimum lowered', old: field(N({ minimum: 1 })), new: field(N({ minimum: 0 })),
    kinds: ['minimum-decreased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(0),
  },
  {
    name: 'inclusive minimum made exclusive', old: field(N({ minimum: 0 })), new: field(N({ exclusiveMinimum: 0 })),
    kinds: ['minimum-increased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(0), both: [rec(1)],
  },
  {
    name: 'maximum lowered', old: field(N({ maximum: 100 })), new: field(N({ maximum: 50 })),
    kinds: ['maximum-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(75), both: [rec(10)],
  },
  {
    name: 'maximum raised', old: field(N({ maximum: 50 })), new: field(N({ maximum: 100 })),
    kinds: ['maximum-increased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(75),
  },
  {
    name: 'multipleOf tightened from 2 to 4', old: field(N({ multipleOf: 2 })), new: field(N({ multipleOf: 4 })),
    kinds: ['multiple-of-tightened'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(6), both: [rec(8)],
  },
  {
    name: 'multipleOf loosened from 4 to 2', old: field(N({ multipleOf: 4 })), new: field(N({ multipleOf: 2 })),
    kinds: ['multiple-of-loosened'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(6),
  },
  {
    name: 'multipleOf changed from 2 to 3', old: field(N({ multipleOf: 2 })), new: field(N({ multipleOf: 3 })),
    kinds: ['multiple-of-changed'], suppliers: true, consumers: true, bump: 'major', oldOnly: rec(2), newOnly: rec(3), both: [rec(6)],
  },
  {
    name: 'pattern added', old: field(S()), new: field(S({ pattern: '^[0-9]+$' })),
    kinds: ['pattern-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('abc'), both: [rec('123')],
  },
  {
    name: 'pattern removed', old: field(S({ pattern: '^[0-9]+$' })), new: field(S()),
    kinds: ['pattern-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('abc'),
  },
  {
    name: 'pattern changed (undecidable)', old: field(S({ pattern: '^[0-9]{1,12}$' })), new: field(S({ pattern: '^[1-9][0-9]{0,11}$' })),
    kinds: ['pattern-changed'], suppliers: true, consumers: true, bump: 'major', undecidable: true, oldOnly: rec('0123'), both: [rec('123')],
  },
  {
    name: 'format added', old: field(S()), new: field(S({ format: 'date' })),
    kinds: ['format-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('31/03/2024'), both: [rec('2024-03-31')],
  },
  {
    name: 'format removed', old: field(S({ format: 'date' })), new: field(S()),
    kinds: ['format-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec('31/03/2024'),
  },
  {
    name: 'format changed (undecidable)', old: field(S({ format: 'date' })), new: field(S({ format: 'date-time' })),
    kinds: ['format-changed'], suppliers: true, consumers: true, bump: 'major', undecidable: true, oldOnly: rec('2024-03-31'), newOnly: rec('2024-03-31T10:00:00Z'),
  },
];
