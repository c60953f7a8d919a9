/** Table rows: fields of records (properties, required, additional properties, nesting). */
import { closed, open, type Case } from './table-support.js';

const address = (props: string[], required: string[] = ['postcode']): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  required: ['address'],
  properties: { address: closed(props, required) },
});

export const objectCases: Case[] = [
  {
    name: 'optional field added to a closed record', old: closed(['a'], ['a']), new: closed(['a', 'b'], ['a']),
    kinds: ['property-added'], suppliers: false, consumers: true, bump: 'minor', path: '/b',
    newOnly: { a: '1', b: 'z' }, both: [{ a: '1' }],
  },
  {
    name: 'optional field removed from a closed record', old: closed(['a', 'b'], ['a']), new: closed(['a'], ['a']),
    kinds: ['property-removed'], suppliers: true, consumers: false, bump: 'major', path: '/b',
    oldOnly: { a: '1', b: 'z' }, both: [{ a: '1' }],
  },
  {
    name: 'required field added to a closed record', old: closed(['a'], ['a']), new: closed(['a', 'b'], ['a', 'b']),
    kinds: ['property-added', 'required-added'], suppliers: true, consumers: true, bump: 'major', path: '/b',
    oldOnly: { a: '1' }, newOnly: { a: '1', b: 'z' },
  },
  {
    name: 'required field removed from a closed record', old: closed(['a', 'b'], ['a', 'b']), new: closed(['a'], ['a']),
    kinds: ['property-removed', 'required-removed'], suppliers: true, consumers: true, bump: 'major', path: '/b',
    oldOnly: { a: '1', b: 'z' }, newOnly: { a: '1' },
  },
  {
    name: 'typed field added to an open record (old data may carry it in another shape)', old: open(['a']), new: open(['a', 'b']),
    kinds: ['property-added'], suppliers: true, consumers: false, bump: 'major', path: '/b',
    oldOnly: { a: '1', b: 5 }, both: [{ a: '1' }, { a: '1', b: 'z' }],
  },
  {
    name: 'typed field removed from an open record', old: open(['a', 'b']), new: open(['a']),
    kinds: ['property-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/b',
    newOnly: { a: '1', b: 5 }, both: [{ a: '1', b: 'z' }],
  },
  {
    name: 'existing field made required', old: closed(['a', 'b'], ['a']), new: closed(['a', 'b'], ['a', 'b']),
    kinds: ['required-added'], suppliers: true, consumers: false, bump: 'major', path: '/b',
    oldOnly: { a: '1' }, both: [{ a: '1', b: 'z' }],
  },
  {
    name: 'field made optional', old: closed(['a', 'b'], ['a', 'b']), new: closed(['a', 'b'], ['a']),
    kinds: ['required-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/b',
    newOnly: { a: '1' }, both: [{ a: '1', b: 'z' }],
  },
  {
    name: 'record closed to fields it does not list', old: open(['a']), new: closed(['a']),
    kinds: ['additional-properties-closed'], suppliers: true, consumers: false, bump: 'major', path: '',
    oldOnly: { a: '1', extra: 1 }, both: [{ a: '1' }],
  },
  {
    name: 'record opened to fields it does not list', old: closed(['a']), new: open(['a']),
    kinds: ['additional-properties-opened'], suppliers: false, consumers: true, bump: 'minor', path: '',
    newOnly: { a: '1', extra: 1 }, both: [{ a: '1' }],
  },
  {
    name: 'other fields restricted to strings', old: open(['a']), new: { ...open(['a']), additionalProperties: { type: 'string' } },
    kinds: ['type-narrowed'], suppliers: true, consumers: false, bump: 'major', path: '/*',
    oldOnly: { a: '1', extra: 1 }, both: [{ a: '1', extra: 'e' }],
  },
  {
    name: 'nested optional field added', old: address(['line1', 'postcode']), new: address(['line1', 'postcode', 'uprn']),
    kinds: ['property-added'], suppliers: false, consumers: true, bump: 'minor', path: '/address/uprn',
    newOnly: { address: { postcode: 'P', uprn: '1' } }, both: [{ address: { postcode: 'P' } }],
  },
  {
    name: 'nested optional field removed', old: address(['line1', 'postcode', 'uprn']), new: address(['line1', 'postcode']),
    kinds: ['property-removed'], suppliers: true, consumers: false, bump: 'major', path: '/address/uprn',
    oldOnly: { address: { postcode: 'P', uprn: '1' } },
  },
  {
    name: 'nested field made required', old: address(['line1', 'postcode']), new: address(['line1', 'postcode'], ['postcode', 'line1']),
    kinds: ['required-added'], suppliers: true, consumers: false, bump: 'major', path: '/address/line1',
    oldOnly: { address: { postcode: 'P' } },
  },
  {
    name: 'nested field made optional', old: address(['line1', 'postcode'], ['postcode', 'line1']), new: address(['line1', 'postcode']),
    kinds: ['required-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/address/line1',
    newOnly: { address: { postcode: 'P' } },
  },
  {
    name: 'field forbidden (schema false)', old: closed(['a']), new: { ...closed(['a']), properties: { a: false } },
    kinds: ['value-forbidden'], suppliers: true, consumers: false, bump: 'major', path: '/a',
    oldOnly: { a: '1' }, both: [{}],
  },
  {
    name: 'forbidden field allowed', old: { ...closed(['a']), properties: { a: false } }, new: closed(['a']),
    kinds: ['value-allowed'], suppliers: false, consumers: true, bump: 'minor', path: '/a',
    newOnly: { a: '1' }, both: [{}],
  },
  {
    name: 'at least two fields needed', old: open(['a']), new: { ...open(['a']), minProperties: 2 },
    kinds: ['min-properties-increased'], suppliers: true, consumers: false, bump: 'major', path: '',
    oldOnly: { a: '1' }, both: [{ a: '1', b: 'z' }],
  },
  {
    name: 'field needed when another is present (dependentRequired)', old: closed(['a', 'b']), new: { ...closed(['a', 'b']), dependentRequired: { a: ['b'] } },
    kinds: ['dependent-required-added'], suppliers: true, consumers: false, bump: 'major', path: '/b',
    oldOnly: { a: '1' }, both: [{ a: '1', b: '2' }, {}],
  },
  {
    name: 'dependentRequired removed', old: { ...closed(['a', 'b']), dependentRequired: { a: ['b'] } }, new: closed(['a', 'b']),
    kinds: ['dependent-required-removed'], suppliers: false, consumers: true, bump: 'minor', path: '/b',
    newOnly: { a: '1' },
  },
];
