/**
 * Table rows: arrays, conditionals, `$ref`s (own `$defs` and shared documents), x-consistency,
 * annotations and what the rules cannot decide.
 */
import { A, closed, field, N, open, rec, S, type Case } from './table-support.js';

const coding = (props: string[]): Record<string, unknown> => closed(props, ['code']);
const dated = (rules: Record<string, unknown>[]): Record<string, unknown> => ({
  ...closed(['start', 'end']),
  properties: { start: S({ format: 'date' }), end: S({ format: 'date' }) },
  'x-consistency': rules,
});
const endRule = { id: 'end-not-before-start', field: '/end', notBefore: '/start', message: 'The end is before the start.' };
const startRule = { ...endRule, field: '/start', notBefore: '/end' };

const eventRecord = (conditional: Record<string, unknown>): Record<string, unknown> => ({
  ...closed(['kind', 'end']),
  properties: { kind: S({ enum: ['Service', 'Review'] }), end: S() },
  ...conditional,
});
const ifReview = (kind: string): Record<string, unknown> => ({ properties: { kind: { const: kind } }, required: ['kind'] });
const needB = { properties: { b: { description: 'b is mandatory.' } }, required: ['b'] };
const thenEnd = { properties: { end: { description: 'End is mandatory.' } }, required: ['end'] };

const COMMON = 'https://conform.invalid/standards/_common/t';
const shared = { [COMMON]: { $defs: { text: S({ maxLength: 10 }), date: S({ format: 'date' }), code: S({ enum: ['A', 'B', 'C'] }) } } };
const viaDefs = (maxLength: number): Record<string, unknown> => ({ ...field({ $ref: '#/$defs/code' }), $defs: { code: S({ maxLength }) } });

export const structureCases: Case[] = [
  {
    name: 'array items narrowed', old: field(A({})), new: field(A(S())),
    kinds: ['type-narrowed'], suppliers: true, consumers: false, bump: 'major', path: '/x/items', oldOnly: rec([1]), both: [rec(['a'])],
  },
  {
    name: 'array items widened', old: field(A(S())), new: field(A({})),
    kinds: ['type-widened'], suppliers: false, consumers: true, bump: 'minor', path: '/x/items', newOnly: rec([1]),
  },
  {
    name: 'optional field added inside array items', old: field(A(coding(['code']))), new: field(A(coding(['code', 'system']))),
    kinds: ['property-added'], suppliers: false, consumers: true, bump: 'minor', path: '/x/items/system',
    newOnly: rec([{ code: 'a', system: 's' }]), both: [rec([{ code: 'a' }])],
  },
  {
    name: 'minItems raised', old: field(A(S())), new: field(A(S(), { minItems: 1 })),
    kinds: ['min-items-increased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec([]), both: [rec(['a'])],
  },
  {
    name: 'minItems lowered', old: field(A(S(), { minItems: 1 })), new: field(A(S())),
    kinds: ['min-items-decreased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec([]),
  },
  {
    name: 'maxItems lowered', old: field(A(S(), { maxItems: 3 })), new: field(A(S(), { maxItems: 1 })),
    kinds: ['max-items-decreased'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(['a', 'b']), both: [rec(['a'])],
  },
  {
    name: 'maxItems raised', old: field(A(S(), { maxItems: 1 })), new: field(A(S(), { maxItems: 3 })),
    kinds: ['max-items-increased'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(['a', 'b']),
  },
  {
    name: 'items made unique', old: field(A(S())), new: field(A(S(), { uniqueItems: true })),
    kinds: ['unique-items-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(['a', 'a']), both: [rec(['a', 'b'])],
  },
  {
    name: 'items no longer unique', old: field(A(S(), { uniqueItems: true })), new: field(A(S())),
    kinds: ['unique-items-removed'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(['a', 'a']),
  },
  {
    name: 'tuple position narrowed', old: field({ type: 'array', prefixItems: [S(), {}], items: false, minItems: 2 }),
    new: field({ type: 'array', prefixItems: [S(), N()], items: false, minItems: 2 }),
    kinds: ['type-narrowed'], suppliers: true, consumers: false, bump: 'major', path: '/x/1', oldOnly: rec(['a', 'b']), both: [rec(['a', 1])],
  },
  {
    name: 'consistency rule added', old: dated([]), new: dated([endRule]),
    kinds: ['consistency-rule-added'], suppliers: true, consumers: false, bump: 'major', path: '/end',
    oldOnly: { start: '2024-02-01', end: '2024-01-01' }, both: [{ start: '2024-01-01', end: '2024-02-01' }],
  },
  {
    name: 'consistency rule removed', old: dated([endRule]), new: dated([]),
    kinds: ['consistency-rule-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/end',
    newOnly: { start: '2024-02-01', end: '2024-01-01' },
  },
  {
    name: 'consistency rule compares other fields', old: dated([endRule]), new: dated([startRule]),
    kinds: ['consistency-rule-changed'], suppliers: true, consumers: true, bump: 'major',
    oldOnly: { start: '2024-01-01', end: '2024-02-01' }, newOnly: { start: '2024-02-01', end: '2024-01-01' },
  },
  {
    name: 'annotations only: title, description, labels, expected and default codes',
    old: { ...field(S({ enum: ['1', 'X'], 'x-labels': { '1': 'One', X: 'Unknown' }, description: 'Old' })), title: 'v1', 'x-expected': [] },
    new: { ...field(S({ enum: ['1', 'X'], 'x-labels': { '1': 'First', X: 'Unknown' }, description: 'New', 'x-default-codes': ['X'] })), title: 'v2', 'x-expected': ['x'] },
    kinds: ['annotation-changed'], suppliers: false, consumers: false, bump: 'patch', both: [rec('1'), {}],
  },
  { name: 'no change at all', old: field(S()), new: field(S()), kinds: [], suppliers: false, consumers: false, bump: 'none', both: [rec('a')] },
  {
    name: 'allOf gains a rule requiring a field', old: closed(['a', 'b']), new: { ...closed(['a', 'b']), allOf: [needB] },
    kinds: ['required-added', 'annotation-changed'], suppliers: true, consumers: false, bump: 'major', path: '/b', oldOnly: { a: '1' }, both: [{ b: '2' }],
  },
  {
    name: 'allOf loses a rule requiring a field', old: { ...closed(['a', 'b']), allOf: [needB] }, new: closed(['a', 'b']),
    kinds: ['required-removed', 'annotation-changed'], suppliers: false, consumers: true, bump: 'minor', path: '/b', newOnly: { a: '1' },
  },
  {
    name: 'conditional rule (same if) now requires a field', old: eventRecord({}), new: eventRecord({ allOf: [{ if: ifReview('Review'), then: thenEnd }] }),
    kinds: ['required-added', 'annotation-changed'], suppliers: true, consumers: false, bump: 'major',
    oldOnly: { kind: 'Review' }, both: [{ kind: 'Service' }, { kind: 'Review', end: 'e' }],
  },
  {
    name: 'conditional rule dropped', old: eventRecord({ allOf: [{ if: ifReview('Review'), then: thenEnd }] }), new: eventRecord({}),
    kinds: ['required-removed', 'annotation-changed'], suppliers: false, consumers: true, bump: 'minor', newOnly: { kind: 'Review' },
  },
  {
    name: 'condition (if) of a rule changed (undecidable)', old: eventRecord({ if: ifReview('Review'), then: thenEnd }), new: eventRecord({ if: ifReview('Service'), then: thenEnd }),
    kinds: ['conditional-changed'], suppliers: true, consumers: true, bump: 'major', undecidable: true, oldOnly: { kind: 'Service' }, newOnly: { kind: 'Review' },
  },
  {
    name: 'anyOf option added', old: field({ anyOf: [S({ maxLength: 2 }), N()] }), new: field({ anyOf: [S({ maxLength: 2 }), N(), { type: 'boolean' }] }),
    kinds: ['any-of-option-added'], suppliers: false, consumers: true, bump: 'minor', newOnly: rec(true), both: [rec('ab'), rec(1)],
  },
  {
    name: 'anyOf option removed', old: field({ anyOf: [S({ maxLength: 2 }), N()] }), new: field({ anyOf: [S({ maxLength: 2 })] }),
    kinds: ['any-of-option-removed'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec(1), both: [rec('ab')],
  },
  {
    name: 'oneOf changed (undecidable)', old: field({ oneOf: [S(), N()] }), new: field({ oneOf: [S(), { type: 'integer' }] }),
    kinds: ['conditional-changed'], suppliers: true, consumers: true, bump: 'major', undecidable: true, oldOnly: rec(1.5),
  },
  {
    name: 'excluded values widened (not)', old: field(S({ not: { const: 'x' } })), new: field(S({ not: { enum: ['x', 'y'] } })),
    kinds: ['enum-value-added'], suppliers: true, consumers: false, bump: 'major', oldOnly: rec('y'), both: [rec('z')],
  },
  {
    name: '$defs definition reached through $ref tightened', old: viaDefs(10), new: viaDefs(5),
    kinds: ['max-length-decreased'], suppliers: true, consumers: false, bump: 'major', path: '/x', oldOnly: rec('abcdefg'), both: [rec('abc')],
  },
  {
    name: '$defs definition reached through $ref loosened', old: viaDefs(5), new: viaDefs(10),
    kinds: ['max-length-increased'], suppliers: false, consumers: true, bump: 'minor', path: '/x', newOnly: rec('abcdefg'),
  },
  {
    name: 'field moved to a shared definition with a format', shared,
    old: field({ $ref: '../_common/t#/$defs/text' }), new: field({ $ref: '../_common/t#/$defs/date', description: 'A date.' }),
    kinds: ['format-added', 'max-length-increased', 'annotation-changed'], suppliers: true, consumers: true, bump: 'major', path: '/x',
    oldOnly: rec('hello'), both: [rec('2024-03-31')],
  },
  {
    name: 'shared code list narrowed by a sibling enum beside the $ref', shared,
    old: field({ $ref: '../_common/t#/$defs/code' }), new: field({ $ref: '../_common/t#/$defs/code', enum: ['A', 'B'] }),
    kinds: ['enum-value-removed'], suppliers: true, consumers: false, bump: 'major', path: '/x', oldOnly: rec('C'), both: [rec('A')],
  },
  {
    name: 'unevaluatedProperties changed (not covered: undecidable)', old: open(['a']), new: { ...open(['a']), unevaluatedProperties: false },
    kinds: ['keyword-changed'], suppliers: true, consumers: true, bump: 'major', undecidable: true, oldOnly: { a: '1', b: 2 },
  },
];
