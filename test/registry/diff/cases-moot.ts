/**
 * Table rows: changes another keyword makes moot, so that the version accepts what it accepted (or
 * more), each with the row that still tightens: a requirement made conditional or unconditional.
 */
import { S, type Case } from './table-support.js';

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
];
