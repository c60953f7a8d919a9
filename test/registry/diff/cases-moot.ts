/**
 * Table rows: changes another keyword makes moot, so that the version accepts what it accepted (or
 * more), each with the row that still tightens: a requirement made conditional or unconditional, a
 * type change on a field whose values a list fixes.
 */
import { A, field, rec, S, type Case } from './table-support.js';

/** A closed event record requiring the given fields, with the extra keywords. */
const event = (required: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { kind: S({ enum: ['Service', 'Review'] }), end: S() },
  ...extra,
});
/** A rule requiring the end (described there, as Ajv's strict mode asks). */
const needEnd = { properties: { end: { description: 'The end is mandatory.' } }, required: ['end'] };
/** The end is required of reviews. */
const endOfReviews = { allOf: [{ if: { properties: { kind: { const: 'Review' } }, required: ['kind'] }, then: needEnd }] };

export const mootCases: Case[] = [
  {
    name: 'required field made conditional (if/then)',
    old: event(['kind', 'end']),
    new: event(['kind'], endOfReviews),
    kinds: ['required-removed', 'annotation-changed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    path: '/end',
    newOnly: { kind: 'Service' },
    both: [
      { kind: 'Review', end: 'e' },
      { kind: 'Service', end: 'e' },
    ],
  },
  {
    name: 'conditional requirement made unconditional (if/then)',
    old: event(['kind'], endOfReviews),
    new: event(['kind', 'end']),
    kinds: ['required-added', 'annotation-changed'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    path: '/end',
    oldOnly: { kind: 'Service' },
    both: [{ kind: 'Review', end: 'e' }],
  },
  {
    name: 'conditional requirement added where there was none',
    old: event(['kind']),
    new: event(['kind'], endOfReviews),
    kinds: ['required-added', 'annotation-changed'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    oldOnly: { kind: 'Review' },
    both: [{ kind: 'Service' }, { kind: 'Review', end: 'e' }],
  },
  {
    name: 'conditional requirement added for a field required anyway',
    old: event(['kind', 'end']),
    new: event(['kind', 'end'], endOfReviews),
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    both: [
      { kind: 'Review', end: 'e' },
      { kind: 'Service', end: 'e' },
    ],
  },
  {
    name: 'required field made dependent on another (dependentRequired)',
    old: event(['end']),
    new: event([], { dependentRequired: { kind: ['end'] } }),
    kinds: ['required-removed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    path: '/end',
    newOnly: {},
    both: [{ kind: 'Review', end: 'e' }],
  },
  {
    name: 'dependent requirement made unconditional',
    old: event([], { dependentRequired: { kind: ['end'] } }),
    new: event(['end']),
    kinds: ['required-added'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    path: '/end',
    oldOnly: {},
    both: [{ kind: 'Review', end: 'e' }],
  },
  {
    name: 'requirement moved into an allOf member (the same requirement)',
    old: event(['kind', 'end']),
    new: event(['kind'], { allOf: [needEnd] }),
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    path: '/end',
    both: [{ kind: 'Review', end: 'e' }],
  },
  {
    name: 'requirement moved under not (not relaxed: undecided by this rule)',
    old: event(['kind', 'end']),
    new: event(['kind'], { not: { not: needEnd } }),
    kinds: ['required-removed', 'subschema-added'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    both: [{ kind: 'Review', end: 'e' }],
  },
  {
    name: 'type widened on a code list whose codes are all text (moot)',
    old: field(S({ enum: ['A', 'B'] })),
    new: field({ type: ['string', 'integer'], enum: ['A', 'B'] }),
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    path: '/x',
    both: [rec('A'), rec('B')],
  },
  {
    name: 'type narrowed on a list whose every value it still lets through (moot)',
    old: field(A({ type: ['string', 'integer'], const: 'A' })),
    new: field(A({ type: 'string', const: 'A' })),
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    path: '/x/items',
    both: [rec(['A'])],
  },
  {
    name: 'type narrowed on a list with a value it now refuses',
    old: field(A({ type: ['string', 'integer'], enum: ['A', 1] })),
    new: field(A({ type: 'string', enum: ['A', 1] })),
    kinds: ['type-narrowed'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    path: '/x/items',
    oldOnly: rec([1]),
    both: [rec(['A'])],
  },
  {
    name: 'type widened on a code list with a code that becomes a number in CSV cells',
    old: field(S({ enum: ['1', 'B'] })),
    new: field({ type: ['string', 'integer'], enum: ['1', 'B'] }),
    // The cell 1 is then the integer 1, outside the list: the JSON records alone are valid alike.
    kinds: ['annotation-changed', 'csv-cells-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    path: '/x',
    both: [rec('1'), rec('B')],
  },
];
