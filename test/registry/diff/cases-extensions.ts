/**
 * Table rows for Conform's own keywords on the record: the file-name convention (x-file-name), the CSV
 * dialect (x-csv), advice (x-advice), the rule across rows (x-record-actions) and the annotations the
 * scorecard and findings read. None changes which records are valid, so every row's records pass both
 * versions; what the keyword judges (names, files, warnings) is checked in file-name-diff.test.ts and
 * extension-keywords.test.ts.
 */
import { closed, S, type Case } from './table-support.js';

const part = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, ...extra });

/** A convention like the immunisation batch file's: VACC_Vaccinations_ODS_TIMESTAMP.csv. */
export function convention(ods: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description: '{VACC}_Vaccinations_{ODS}_{timestamp}.csv',
    upperCase: true,
    extensions: ['CSV'],
    separator: '_',
    parts: [
      part('vaccineType', { values: ['FLU', 'COVID'] }),
      part('the word Vaccinations', { values: ['VACCINATIONS'] }),
      part('ods', ods),
      part('timestamp', { format: 'compact-date-time', length: 17 }),
    ],
    ...extra,
  };
}

const withName = (rule: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...closed(['a', 'b']),
  ...(rule ? { 'x-file-name': rule } : {}),
  ...extra,
});

const both = [{ a: '1' }, { a: 'x', b: 'y' }, {}];
const justA = [{ a: '1' }, {}];
const ods5 = { minLength: 3, maxLength: 5, characters: 'letters-and-digits' };
const ods10 = { minLength: 3, maxLength: 10, characters: 'letters-and-digits' };

export const extensionCases: Case[] = [
  {
    name: 'file name: a part allows longer values (widening)',
    old: withName(convention(ods5)),
    new: withName(convention(ods10)),
    kinds: ['file-name-widened'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    path: '',
    both,
  },
  {
    name: 'file name: a part allows only shorter values (narrowing)',
    old: withName(convention(ods10)),
    new: withName(convention(ods5)),
    kinds: ['file-name-narrowed'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    both,
  },
  {
    name: 'file name: a part shorter and of more characters (both ways)',
    old: withName(convention(ods10)),
    new: withName(convention({ minLength: 3, maxLength: 5 })),
    kinds: ['file-name-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    both,
  },
  {
    name: 'file name: a format the diff cannot compare with another (undecidable)',
    old: withName(convention({ format: 'ods-site' })),
    new: withName(convention({ format: 'ods-trust' })),
    kinds: ['file-name-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    undecidable: true,
    both,
  },
  {
    name: 'file name: a convention declared',
    old: withName(undefined),
    new: withName(convention(ods5)),
    kinds: ['file-name-added'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    both,
  },
  {
    name: 'file name: the convention dropped',
    old: withName(convention(ods5)),
    new: withName(undefined),
    kinds: ['file-name-removed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    both,
  },
  {
    name: 'file name: the code lists it chooses changed (warnings only)',
    old: withName(convention(ods5, { codes: { group: 'vaccineType', fields: { '/a': { FLU: ['1'] } } } })),
    new: withName(convention(ods5, { codes: { group: 'vaccineType', fields: { '/a': { FLU: ['1', '2'] } } } })),
    kinds: ['file-name-codes-changed'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both,
  },
  {
    name: 'file name: the code lists checked on fewer records (when added; warnings only)',
    old: withName(convention(ods5, { codes: { group: 'vaccineType', fields: { '/a': { FLU: ['1'] } } } })),
    new: withName(convention(ods5, { codes: { group: 'vaccineType', fields: { '/a': { FLU: ['1'] } }, when: { '/a': { anyCase: ['NEW'] } } } })),
    kinds: ['file-name-codes-changed'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both,
  },
  {
    name: 'file name: the description and a part name reworded',
    old: withName(convention(ods5)),
    new: withName({
      ...convention(ods5),
      description: 'another wording',
      parts: (convention(ods5).parts as Record<string, unknown>[]).map((p, i) => (i === 2 ? { ...p, name: 'ODS code' } : p)),
    }),
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    both,
  },
  {
    name: 'CSV: booleans in any case',
    old: closed(['a'], [], { 'x-csv': { booleans: 'true-false' } }),
    new: closed(['a'], [], { 'x-csv': { booleans: 'any-case' } }),
    kinds: ['csv-dialect-changed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    both: justA,
  },
  {
    name: 'CSV: a field added under an exact header changes the one header a file may have',
    old: closed(['a'], [], { 'x-csv': { header: 'exact' } }),
    new: closed(['a', 'b'], [], { 'x-csv': { header: 'exact' } }),
    kinds: ['property-added', 'csv-columns-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    both: [{ a: '1' }],
  },
  {
    // The engine's CSV layout lists the fields a record's combinators declare too (schema-walk.ts declaredFields).
    name: 'CSV: a field declared in an allOf member under an exact header changes the one header a file may have',
    old: { type: 'object', properties: { a: S() }, unevaluatedProperties: false, 'x-csv': { header: 'exact' } },
    new: { type: 'object', properties: { a: S() }, allOf: [{ properties: { b: S() } }], unevaluatedProperties: false, 'x-csv': { header: 'exact' } },
    kinds: ['property-added', 'keyword-changed', 'csv-columns-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    undecidable: true, // beside unevaluatedProperties, an allOf member's fields cannot be followed (keyword-changed)
    both: [{ a: '1' }],
  },
  {
    name: 'advice added (warnings only)',
    old: closed(['a']),
    new: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-code', message: 'a should be an ODS code' }] }),
    kinds: ['advice-added'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both: justA,
  },
  {
    name: 'advice removed (warnings only)',
    old: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-code', message: 'a should be an ODS code' }] }),
    new: closed(['a']),
    kinds: ['advice-removed'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both: justA,
  },
  {
    name: 'advice asks for another format (warnings only)',
    old: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-code', message: 'a should be an ODS code' }] }),
    new: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-site', message: 'a should be an ODS code' }] }),
    kinds: ['advice-changed'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both: justA,
  },
  {
    name: 'advice made only on some records (when added; warnings only)',
    old: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-code', message: 'a should be an ODS code' }] }),
    new: closed(['a'], [], { 'x-advice': [{ id: 'a-ods', field: '/a', format: 'ods-code', message: 'a should be an ODS code', when: { '/a': ['X1'] } }] }),
    kinds: ['advice-changed'],
    suppliers: false,
    consumers: false,
    bump: 'minor',
    both: justA,
  },
  {
    name: 'record actions declared',
    old: closed(['a', 'b']),
    new: closed(['a', 'b'], [], { 'x-record-actions': { key: ['/a'], action: '/b', create: ['NEW'], id: 'dup', field: '/a', message: 'duplicated' } }),
    kinds: ['record-actions-added'],
    suppliers: true,
    consumers: false,
    bump: 'major',
    both,
  },
  {
    name: 'record actions dropped',
    old: closed(['a', 'b'], [], { 'x-record-actions': { key: ['/a'], action: '/b', create: ['NEW'], id: 'dup', field: '/a', message: 'duplicated' } }),
    new: closed(['a', 'b']),
    kinds: ['record-actions-removed'],
    suppliers: false,
    consumers: true,
    bump: 'minor',
    both,
  },
  {
    name: 'record actions keyed differently (undecidable)',
    old: closed(['a', 'b'], [], { 'x-record-actions': { key: ['/a'], action: '/b', create: ['NEW'], id: 'dup', field: '/a', message: 'duplicated' } }),
    new: closed(['a', 'b'], [], { 'x-record-actions': { key: ['/a', '/b'], action: '/b', create: ['NEW'], id: 'dup', field: '/a', message: 'duplicated' } }),
    kinds: ['record-actions-changed'],
    suppliers: true,
    consumers: true,
    bump: 'major',
    undecidable: true,
    both,
  },
  {
    name: 'the words of a condition (x-when) reworded',
    old: {
      ...closed(['a', 'b']),
      allOf: [
        { 'x-when': 'a is set', if: { required: ['a'], properties: { a: { const: '1' } } }, then: { required: ['b'], properties: { b: { type: 'string' } } } },
      ],
    },
    new: {
      ...closed(['a', 'b']),
      allOf: [
        {
          'x-when': 'a is present',
          if: { required: ['a'], properties: { a: { const: '1' } } },
          then: { required: ['b'], properties: { b: { type: 'string' } } },
        },
      ],
    },
    kinds: ['annotation-changed'],
    suppliers: false,
    consumers: false,
    bump: 'patch',
    both: [{ a: '1', b: '2' }, {}],
  },
];
