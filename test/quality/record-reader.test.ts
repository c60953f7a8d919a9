/**
 * The scorecard's one reader of a record (field-reader.ts compileRecordReader) reads each field once and
 * finds what the separate readers find: the same counts, key parts fed in the same order, the same
 * operand test and event date, for every kind of record.
 */
import { describe, expect, it } from 'vitest';
import { compileAnyGiven, compileFieldReader, compileGetter, compileKeyReader, compileRecordReader, type RecordReads } from '../../src/quality/field-reader.js';
import { defaultCodeTest, exactCodes } from '../../src/quality/default-codes.js';
import { isGiven } from '../../src/quality/blank.js';

const record = (text: string): unknown => JSON.parse(text);

const RECORDS: unknown[] = [
  {},
  null,
  'text',
  7,
  [],
  { id: 'A1', org: 'RX1', start: '2024-01-02', end: '2024-01-03', code: 'X', nested: { when: '2024-01-01' } },
  { id: ' ', org: 'RX1', start: '2024-01-02' },
  { id: 12, org: true, start: '', end: null, code: 'Y' },
  { id: 'a#b', org: 'c', start: '2024-01-02', end: '  ' },
  { id: 'a', org: 'b#c', nested: 'not an object' },
  { id: {}, org: 'RX1', end: '2024-01-03' },
  { org: 'RX1', start: '2024-01-02', end: '2024-01-03' },
  record('{"id":"P","org":"Q","__proto__":"own","constructor":"c","nested":{"when":"x","toString":"t"}}'),
];

/** A reader's view of many records: counts, the key parts fed (or false), the operand test, the event date. */
function separately(reads: RecordReads, values: unknown[]): unknown {
  const readFields = compileFieldReader(reads.fields);
  const readKey = reads.key && compileKeyReader(reads.key.pointers, reads.key.join);
  const anyGiven = reads.operands && compileAnyGiven(reads.operands);
  const event = reads.eventDate === undefined ? undefined : compileGetter(reads.eventDate);
  const present = new Float64Array(reads.fields.length);
  const defaults = new Float64Array(reads.fields.length);
  const seen = values.map((value) => {
    readFields(value, present, defaults);
    const parts: unknown[] = [];
    const complete = readKey ? readKey(value, (text, tag) => parts.push([text, tag])) : false;
    return { key: complete ? parts : false, given: anyGiven ? anyGiven(value) : false, event: event?.(value) };
  });
  return { present: [...present], defaults: [...defaults], seen };
}

function together(reads: RecordReads, values: unknown[]): unknown {
  const read = compileRecordReader(reads);
  const present = new Float64Array(reads.fields.length);
  const defaults = new Float64Array(reads.fields.length);
  const out = new Uint8Array(2);
  const seen = values.map((value) => {
    const parts: unknown[] = [];
    const event = read(value, present, defaults, reads.key ? (text, tag) => parts.push([text, tag]) : undefined, out);
    return { key: out[0] === 1 ? parts : false, given: out[1] === 1, event };
  });
  return { present: [...present], defaults: [...defaults], seen };
}

const FIELDS: RecordReads['fields'] = [
  { pointer: '/id', defaultCodes: [] },
  { pointer: '/code', defaultCodes: ['X'] },
  { pointer: '/start', defaultCodes: [] },
  { pointer: '/__proto__', defaultCodes: [] },
  { pointer: '/constructor', defaultCodes: ['c'] },
  { pointer: '/nested/when', defaultCodes: [] },
  { pointer: '/nested/toString', defaultCodes: [] },
];

describe('compileRecordReader', () => {
  const plans: [string, RecordReads][] = [
    ['fields alone', { fields: FIELDS }],
    [
      'a key, operands and an event date among the fields and beside them',
      { fields: FIELDS, key: { pointers: ['/org', '/id'] }, operands: [['/end', '/start'], [], ['/nested/when']], eventDate: '/start' },
    ],
    [
      'a joined key, operands never all given',
      { fields: FIELDS, key: { pointers: ['/id', '/org'], join: '#' }, operands: [['/missing', '/start']], eventDate: '/nested/when' },
    ],
    ['a key of inherited names', { fields: FIELDS.slice(0, 2), key: { pointers: ['/constructor', '/__proto__'] }, operands: [], eventDate: '/__proto__' }],
  ];
  for (const [label, reads] of plans) {
    it(`finds what the separate readers find: ${label}`, () => {
      expect(together(reads, RECORDS)).toEqual(separately(reads, RECORDS));
    });
  }

  it('finds what reads by name find where it reads the top fields by for…in: odd names, arrays, inherited and escaped fields', () => {
    const fields: RecordReads['fields'] = ['/id', '/length', '/0', '/café', '/a b', '/ID', '/idx', '/\u0000', '/toString', '/a~1b', '/'].map((pointer) => ({
      pointer,
      defaultCodes: pointer === '/id' ? ['X'] : [],
    }));
    const inherited = Object.create({ id: 'from the prototype', idx: 'x' }) as Record<string, unknown>;
    inherited.ID = 'own';
    const shadowed = Object.create({ id: 'hidden' }) as Record<string, unknown>;
    shadowed.id = 'X';
    const records: unknown[] = [
      ...RECORDS,
      ['a', 'b'],
      Object.assign(['a', 'b'], { id: 'on an array' }),
      [, 'hole'], // eslint-disable-line no-sparse-arrays
      inherited,
      shadowed,
      Object.create(null),
      Object.assign(Object.create(null) as object, { id: 'X', length: 3 }),
      record('{"\\u0069d":"escaped name","l\\u0065ngth":2,"0":"zero","caf\\u00e9":"accent","a b":" ","\\u0000":"nul","a/b":"slash","":"empty"}'),
      record('{"id":"first","id":"second","ID":"X","idx":"\\ud800","toString":"own","length":"  "}'),
      record('{"idy":"same length","iD":"case","ida":1,"0":[1],"1":{}}'),
      { id: undefined, length: null, 0: '', café: 0, 'a b': false },
    ];
    const reads: RecordReads = { fields, key: { pointers: ['/ID', '/length'] }, operands: [['/0', '/idx'], ['/id']], eventDate: '/café' };
    expect(together(reads, records)).toEqual(separately(reads, records));
    expect(together({ fields, eventDate: '/a b' }, records)).toEqual(separately({ fields, eventDate: '/a b' }, records));
  });

  it('feeds no key without a hash, and reads each field once', () => {
    const reads = new Map<string, number>();
    const counted: Record<string, unknown> = {};
    for (const [name, value] of Object.entries({ id: 'A', org: 'B', start: '2024-01-02', end: '2024-01-03' })) {
      Object.defineProperty(counted, name, { enumerable: true, get: () => (reads.set(name, (reads.get(name) ?? 0) + 1), value) });
    }
    const read = compileRecordReader({ fields: FIELDS.slice(0, 3), key: { pointers: ['/org', '/id'] }, operands: [['/end', '/start']], eventDate: '/start' });
    const out = new Uint8Array(2).fill(9);
    expect(read(counted, new Float64Array(3), new Float64Array(3), undefined, out)).toBe('2024-01-02');
    expect([...out]).toEqual([0, 1]);
    expect(Object.fromEntries(reads)).toEqual({ id: 1, org: 1, start: 1, end: 1 });
  });

  it("counts a field's default codes as the field's own test does, where the codes are written into the reader", () => {
    const fields: RecordReads['fields'] = [
      { pointer: '/a', defaultCodes: ['X'] },
      { pointer: '/b', defaultCodes: ['99', 99, -1, 0, 1e21, 'say "no"', '\u2028', ''] },
      { pointer: '/c', defaultCodes: [-0, Infinity, -Infinity, 'NaN'] },
      { pointer: '/d', defaultCodes: [NaN, 'N'] },
      { pointer: '/e', defaultCodes: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] },
      { pointer: '/f', defaultCodes: ['zz99 3wz'], format: 'uk-postcode' },
    ];
    // A few codes are compared in the code; NaN, many codes and a format's spellings keep the test.
    expect(fields.map((f) => exactCodes(f) !== undefined)).toEqual([true, true, true, false, false, false]);
    const values: unknown[] = [
      'X',
      'x',
      ' X',
      '99',
      99,
      '-1',
      -1,
      0,
      -0,
      '0',
      1e21,
      '1e+21',
      'say "no"',
      '\u2028',
      '',
      Infinity,
      -Infinity,
      'NaN',
      NaN,
      'N',
      '5',
      5,
    ];
    values.push('ZZ99 3WZ', 'ZZ993WZ', 'ZZ99  3WZ', null, true, {}, ['X']);
    const records = values.map((v) => Object.fromEntries(fields.map((f) => [f.pointer.slice(1), v])));
    const read = compileRecordReader({ fields });
    const present = new Float64Array(fields.length);
    const defaults = new Float64Array(fields.length);
    for (const r of records) read(r, present, defaults, undefined, new Uint8Array(2));
    const expected = fields.map((f) => values.filter((v) => isGiven(v) && defaultCodeTest(f)!(v)).length);
    expect([...defaults]).toEqual(expected);
    expect(expected.every((n) => n > 0)).toBe(true);
    // The reader writes the few codes into its code: no call to the field's test for them.
    expect(read.toString()).toContain('v === "X"');
    expect(read.toString()).toContain('isDefault[3](v)');
  });
});
