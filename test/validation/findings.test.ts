import { describe, it, expect } from 'vitest';
import type { ErrorObject } from 'ajv';
import { toFindings } from '../../src/validation/findings.js';
import { compile, err, run } from './helpers.js';

/** Validates one record and returns its findings as record 1, line 1. */
function findingsFor(schema: Record<string, unknown>, record: unknown) {
  const { validate } = compile(schema);
  if (validate(record)) return [];
  return toFindings(validate.errors ?? [], 1, 1);
}

const CODES = ['A', 'B', 'C', 'Z', '99'];

describe('toFindings', () => {
  it('reports a missing required field at its own path, nested too', () => {
    const schema = {
      type: 'object',
      required: ['nhsNumber', 'address'],
      properties: {
        nhsNumber: { type: 'string' },
        address: { type: 'object', required: ['postcode'], properties: { postcode: { type: 'string' } } },
      },
    };
    expect(findingsFor(schema, {})).toEqual([
      err(1, 1, '/nhsNumber', 'required', 'missing required field "nhsNumber"'),
      err(1, 1, '/address', 'required', 'missing required field "address"'),
    ]);
    expect(findingsFor(schema, { nhsNumber: '1', address: {} })).toEqual([err(1, 1, '/address/postcode', 'required', 'missing required field "postcode"')]);
  });

  it('reports an unexpected field at its own path, escaping / and ~ in the name', () => {
    const schema = { type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } };
    expect(findingsFor(schema, { id: 'x', extra: 1, 'a/b~c': 2 })).toEqual([
      err(1, 1, '/extra', 'additionalProperties', 'is not a field of this standard'),
      err(1, 1, '/a~1b~0c', 'additionalProperties', 'is not a field of this standard'),
    ]);
  });

  it('lists the allowed codes in an enum message', () => {
    const schema = { type: 'object', properties: { ethnicity: { type: 'string', enum: CODES } } };
    expect(findingsFor(schema, { ethnicity: 'Q' })).toEqual([err(1, 1, '/ethnicity', 'enum', 'must be one of the allowed codes: "A", "B", "C", "Z", "99"')]);
  });

  it('lists at most 20 codes and says how many there are', () => {
    const many = Array.from({ length: 25 }, (_, i) => `C${i}`);
    const schema = { type: 'object', properties: { code: { type: 'string', enum: many } } };
    const shown = many
      .slice(0, 20)
      .map((c) => `"${c}"`)
      .join(', ');
    expect(findingsFor(schema, { code: 'nope' })).toEqual([err(1, 1, '/code', 'enum', `must be one of the allowed codes: ${shown}, … (25 in all)`)]);
  });

  it('describes health and standard formats', () => {
    const schema = {
      type: 'object',
      properties: {
        nhs: { type: 'string', format: 'nhs-number' },
        sct: { type: 'string', format: 'sctid' },
        pc: { type: 'string', format: 'uk-postcode' },
        ods: { type: 'string', format: 'ods-code' },
        d: { type: 'string', format: 'date' },
        dt: { type: 'string', format: 'date-time' },
      },
    };
    expect(findingsFor(schema, { nhs: '9876544321', sct: '22298007', pc: 'Q1 1AA', ods: 'rh8', d: '2024-02-30', dt: '2024-01-01T10:00:00' })).toEqual([
      err(1, 1, '/nhs', 'format', 'must be a valid NHS number (10 digits with a Modulus 11 check digit)'),
      err(1, 1, '/sct', 'format', 'must be a valid SNOMED CT identifier (6–18 digits, known partition, Verhoeff check digit)'),
      err(1, 1, '/pc', 'format', 'must be a valid UK postcode (or a ZZ99 pseudo-postcode)'),
      err(1, 1, '/ods', 'format', 'must be a valid ODS code (3 to 8 upper-case letters and digits)'),
      err(1, 1, '/d', 'format', 'must be a valid date (YYYY-MM-DD)'),
      err(1, 1, '/dt', 'format', 'must be a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
    ]);
    expect(findingsFor(schema, { nhs: '9434765919', sct: '22298006', pc: 'SW1A 1AA', ods: 'RH8', d: '2024-02-29', dt: '2024-01-01T10:00:00+01:00' })).toEqual(
      [],
    );
  });

  it('describes the stricter health formats in words a data manager uses', () => {
    const schema = {
      type: 'object',
      properties: {
        nhs: { type: 'string', format: 'nhs-number' },
        concept: { type: 'string', format: 'sctid-concept' },
        trust: { type: 'string', format: 'ods-trust' },
        site: { type: 'string', format: 'ods-site' },
        practice: { type: 'string', format: 'ods-gp-practice' },
        at: { type: 'string', format: 'uk-date-time' },
      },
    };
    // 22298010 is a valid SCTID (Verhoeff) in the description partition (01).
    const bad = { nhs: '4444444444', concept: '22298010', trust: 'RH802', site: 'RH8', practice: 'G9999981', at: '2024-06-21T10:15:20-05:00' };
    expect(findingsFor(schema, bad)).toEqual([
      err(1, 1, '/nhs', 'format', 'must be a valid NHS number (10 digits with a Modulus 11 check digit)'),
      err(1, 1, '/concept', 'format', 'must be a SNOMED CT concept id (not a description or relationship id)'),
      err(1, 1, '/trust', 'format', 'must be an ODS trust code (3 upper-case letters and digits, e.g. RH8), not a site code'),
      err(1, 1, '/site', 'format', 'must be an ODS site code (5 to 9 upper-case letters and digits, e.g. RH802), not a trust code'),
      err(1, 1, '/practice', 'format', 'must be a GP practice code (a letter and 5 digits, e.g. A81001; G9999981 is a GP practitioner code, not a practice)'),
      err(1, 1, '/at', 'format', 'must be a valid date-time with a UK offset (Z, +00:00 or -00:00 for GMT, +01:00 for BST)'),
    ]);
    const good = { nhs: '9434765919', concept: '22298006', trust: 'RH8', site: 'RH802', practice: 'V81997', at: '2024-06-21T10:15:20+01:00' };
    expect(findingsFor(schema, good)).toEqual([]);
  });

  it('words type, pattern, length, range and size messages from the schema', () => {
    const schema = {
      type: 'object',
      properties: {
        t: { type: 'integer' },
        t2: { type: ['string', 'null'] },
        p: { type: 'string', pattern: '^[A-Z]{2}$' },
        short: { type: 'string', minLength: 1 },
        long: { type: 'string', maxLength: 3 },
        n: { type: 'number', minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 },
        list: { type: 'array', minItems: 2, uniqueItems: true },
        c: { const: 'X' },
      },
    };
    const record = { t: 1.5, t2: 1, p: 'abc', short: '', long: 'abcd', n: 10.25, list: [1, 1, 1].slice(0, 1), c: 'Y' };
    expect(findingsFor(schema, record)).toEqual([
      err(1, 1, '/t', 'type', 'must be of type integer'),
      err(1, 1, '/t2', 'type', 'must be of type string or null'),
      err(1, 1, '/p', 'pattern', 'must match the pattern ^[A-Z]{2}$'),
      err(1, 1, '/short', 'minLength', 'must be at least 1 character'),
      err(1, 1, '/long', 'maxLength', 'must be at most 3 characters'),
      err(1, 1, '/n', 'exclusiveMaximum', 'must be less than 10'),
      err(1, 1, '/n', 'multipleOf', 'must be a multiple of 0.5'),
      err(1, 1, '/list', 'minItems', 'must have at least 2 items'),
      err(1, 1, '/c', 'const', 'must be "X"'),
    ]);
    expect(findingsFor(schema, { list: ['a', 'b', 'a'] })).toEqual([err(1, 1, '/list', 'uniqueItems', 'must not repeat items (items 0 and 2 are the same)')]);
  });

  it('reports array items at their index (a wrong type in a code list is one code-list finding)', () => {
    const schema = { type: 'object', properties: { codes: { type: 'array', items: { type: 'string', enum: ['A'] } } } };
    expect(findingsFor(schema, { codes: ['A', 'B', 3] })).toEqual([
      err(1, 1, '/codes/1', 'enum', 'must be one of the allowed codes: "A"'),
      err(1, 1, '/codes/2', 'enum', 'must be one of the allowed codes: "A"'),
    ]);
  });

  it('drops the if error and reports the failing then', () => {
    const schema = {
      type: 'object',
      properties: { kind: { type: 'string' }, endDate: { type: 'string' } },
      if: { properties: { kind: { const: 'Review' } }, required: ['kind'] },
      then: { properties: { endDate: { type: 'string' } }, required: ['endDate'] },
    };
    expect(findingsFor(schema, { kind: 'Review' })).toEqual([err(1, 1, '/endDate', 'required', 'missing required field "endDate"')]);
  });

  it('reports each (path, rule) once, and carries the record and line it is given', () => {
    const errors = [
      { keyword: 'type', instancePath: '/a', schemaPath: '#/anyOf/0/type', params: { type: 'string' } },
      { keyword: 'type', instancePath: '/a', schemaPath: '#/anyOf/1/type', params: { type: 'string' } },
      { keyword: 'someCustom', instancePath: '/b', schemaPath: '#/x', params: {} },
    ] as ErrorObject[];
    expect(toFindings(errors, 7, 42)).toEqual([
      err(7, 42, '/a', 'type', 'must be of type string'),
      err(7, 42, '/b', 'someCustom', 'fails the "someCustom" rule'),
    ]);
  });
});

describe('x-consistency', () => {
  const schema = {
    type: 'object',
    properties: {
      arrival: { type: 'string', format: 'date-time' },
      departure: { type: 'string', format: 'date-time' },
      admitted: { type: 'string', format: 'date-time' },
    },
    'x-consistency': [
      { id: 'departure-not-before-arrival', field: '/departure', notBefore: '/arrival' },
      { id: 'admitted-not-before-arrival', field: '/admitted', notBefore: '/arrival', message: 'the admission is before the arrival' },
    ],
  };

  it('reports a departure before the arrival at /departure with the rule id', () => {
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', departure: '2024-03-01T09:59:59Z' })).toEqual([
      err(1, 1, '/departure', 'departure-not-before-arrival', 'The departure is before the arrival'),
    ]);
  });

  it('compares instants, not text (offsets count)', () => {
    // 10:30+01:00 is 09:30Z: before an arrival of 10:00Z
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', departure: '2024-03-01T10:30:00+01:00' })).toEqual([
      err(1, 1, '/departure', 'departure-not-before-arrival', 'The departure is before the arrival'),
    ]);
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00+01:00', departure: '2024-03-01T09:30:00Z' })).toEqual([]);
  });

  it('uses the rule’s own message when it has one', () => {
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', admitted: '2024-02-01T10:00:00Z' })).toEqual([
      err(1, 1, '/admitted', 'admitted-not-before-arrival', 'the admission is before the arrival'),
    ]);
  });

  it('passes equal and later times', () => {
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', departure: '2024-03-01T10:00:00Z' })).toEqual([]);
    expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', departure: '2024-03-02T10:00:00Z' })).toEqual([]);
  });

  it('does not apply when either value is missing', () => {
    expect(findingsFor(schema, { departure: '2024-03-01T09:00:00Z' })).toEqual([]);
    expect(findingsFor(schema, { arrival: '2024-03-01T09:00:00Z' })).toEqual([]);
  });

  it('does not apply when either value is malformed (only format is reported)', () => {
    expect(findingsFor(schema, { arrival: 'not a date', departure: '2024-03-01T09:00:00Z' })).toEqual([
      err(1, 1, '/arrival', 'format', 'must be a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
    ]);
    expect(findingsFor(schema, { arrival: '2024-03-01T09:00:00Z', departure: 'yesterday' })).toEqual([
      err(1, 1, '/departure', 'format', 'must be a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
    ]);
    // text Date.parse would read in the local time zone or date order is not compared either
    for (const departure of ['2024-03-01 08:00', '03/01/2024', '2024-03-01T08:00:00']) {
      expect(findingsFor(schema, { arrival: '2024-03-01T10:00:00Z', departure }), departure).toEqual([
        err(1, 1, '/departure', 'format', 'must be a valid date-time with an offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)'),
      ]);
    }
    expect(findingsFor(schema, { arrival: '2024-03-01T09:00:00Z', departure: 20240301 })).toEqual([err(1, 1, '/departure', 'type', 'must be of type string')]);
  });

  it('is reported through validateStream with the record and line', async () => {
    const version = compile(schema);
    const report = await run(
      ['{"arrival":"2024-03-01T10:00:00Z","departure":"2024-03-01T11:00:00Z"}\n{"arrival":"2024-03-01T10:00:00Z","departure":"2024-03-01T08:00:00Z"}\n'],
      version,
      { format: 'ndjson' },
    );
    expect(report.findings).toEqual([err(2, 2, '/departure', 'departure-not-before-arrival', 'The departure is before the arrival')]);
    expect(report.summary).toEqual([
      { path: '/departure', rule: 'departure-not-before-arrival', severity: 'error', count: 1, firstRecords: [2], firstLines: [2] },
    ]);
  });

  it('places and rules the same findings without their messages (messages: false leaves each message empty)', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'code'],
      properties: {
        id: { type: 'string', minLength: 2 },
        code: { type: 'string', enum: CODES, 'x-labels': { A: 'Alpha' } },
        nhsNumber: { type: 'string', format: 'nhs-number' },
        count: { type: 'integer', maximum: 3 },
        tags: { type: 'array', maxItems: 1, items: { type: 'string', enum: ['x'] } },
      },
    };
    const { validate, labels } = compile(schema);
    const record = { id: 'a', code: 'a', nhsNumber: '943 476 5918', count: 7, tags: ['y', 'z'], extra: 1 };
    expect(validate(record)).toBe(false);
    const full = toFindings(validate.errors ?? [], 3, 4, labels, undefined, record);
    const bare = toFindings(validate.errors ?? [], 3, 4, labels, undefined, record, false);
    expect(full.length).toBeGreaterThanOrEqual(6);
    expect(full.every((f) => f.message.length > 0)).toBe(true);
    expect(bare).toEqual(full.map((f) => ({ ...f, message: '' })));
  });
});
