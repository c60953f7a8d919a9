/**
 * Applicability (`x-applicable`): completeness counts a field only in the records where it applies, as
 * DHSC's Mandatory / Applicable / Not applicable classes do. The CLD case: Primary Support Reason does
 * not apply to a Request event, so a Request without it is complete. Worker threads count the same.
 * The workers run compiled code, so this uses the build (npm test builds first), as parallel.test.ts does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { chunked } from '../validation/helpers.js';

const dist = '../../dist/src';
const { Validators, SchemaCompileError } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');
const { recomputeScorecard } = (await import(`${dist}/quality/scorecard.js`)) as typeof import('../../src/quality/scorecard.js');
const { fieldDictionary } = (await import(`${dist}/registry/field-dictionary.js`)) as typeof import('../../src/registry/field-dictionary.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const ID = 'https://conform.invalid/standards/cld-test/1.0.0';
/** A CLD-like event row: Primary Support Reason is expected, but applies only to assessments, services and reviews. */
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'eventType'],
  'x-expected': ['primarySupportReason'],
  'x-applicable': { '/primarySupportReason': { '/eventType': ['Assessment', 'Service', 'Review'] } },
  properties: {
    personId: { type: 'string' },
    eventType: { enum: ['Request', 'Assessment', 'Service', 'Review'] },
    primarySupportReason: { enum: ['Mental Health Support', 'Learning Disability Support', 'Unknown'], 'x-default-codes': ['Unknown'] },
  },
};

/** Records as objects, or a string: a line as it is (a malformed one is a record that cannot be read). */
async function scorecard(records: (object | string)[], options: { pool?: InstanceType<typeof WorkerPool> } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'cld-test', version: '1.0.0', contentHash: 'a1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, {}, new Date('2026-01-01T00:00:00Z'));
  const text = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
  await validateStream(Readable.from(chunked(Buffer.from(text), 20_000)), version, { format: 'ndjson', observer: pass.observer, ...options });
  return pass.scorecard();
}

describe('completeness with x-applicable', () => {
  it('counts a Request event without Primary Support Reason as complete', async () => {
    const card = await scorecard([
      { personId: 'p1', eventType: 'Request' },
      { personId: 'p2', eventType: 'Request' },
    ]);
    expect(card.dimensions.completeness).toMatchObject({ measured: true, score: 100, counts: { filled: 4, cells: 4, notApplicable: 2 } });
    expect(card.dimensions.completeness.fields).toEqual([
      { field: '/personId', score: 100, filled: 2, records: 2, kind: 'required' },
      { field: '/eventType', score: 100, filled: 2, records: 2, kind: 'required' },
    ]);
  });

  it('counts a record that cannot be read as incomplete where every record needs the field, never where it may not apply', async () => {
    const records = [{ personId: 'p1', eventType: 'Request' }, '{"personId": "p2", oops', { personId: 'p3', eventType: 'Request' }];
    for (const options of [{}, { pool }]) {
      const card = await scorecard(records, options);
      expect(card.counts).toMatchObject({ records: 3, unreadableRecords: 1 });
      // The malformed line is unfilled in the fields every record needs; it was counted as an assessment
      // without Primary Support Reason too (0 of 1 filled in a file of requests).
      expect(card.dimensions.completeness.fields).toEqual([
        { field: '/personId', score: 66.7, filled: 2, records: 3, kind: 'required' },
        { field: '/eventType', score: 66.7, filled: 2, records: 3, kind: 'required' },
      ]);
      expect(card.counts.fields['/primarySupportReason']).toEqual({ present: 0, invalid: 0, defaults: 0, notApplicable: 3 });
      // Primary Support Reason applies to no record here: not one of the fields measured (it was counted as 3).
      expect(card.dimensions.completeness.counts).toEqual({ filled: 4, cells: 6, fields: 2, fieldsApplyingToNone: 1, notApplicable: 3 });
    }
  });

  it('counts the field only where it applies, and a value given where it does not apply is not counted', async () => {
    const card = await scorecard([
      { personId: 'p1', eventType: 'Request' },
      { personId: 'p2', eventType: 'Request', primarySupportReason: 'Unknown' },
      { personId: 'p3', eventType: 'Assessment', primarySupportReason: 'Mental Health Support' },
      { personId: 'p4', eventType: 'Service', primarySupportReason: 'Unknown' },
      { personId: 'p5', eventType: 'Review' },
    ]);
    // Without x-applicable it would be 3 of 5 filled (60); where it applies, 2 of 3.
    expect(card.dimensions.completeness.fields).toContainEqual({
      field: '/primarySupportReason',
      score: 66.7,
      filled: 2,
      records: 3,
      kind: 'expected',
      notApplicable: 2,
    });
    expect(card.counts.fields['/primarySupportReason']).toEqual({ present: 2, invalid: 0, defaults: 1, notApplicable: 2 });
    // Said in words, not by the schema keyword (x-applicable) behind it.
    expect(card.dimensions.completeness.note).toBe(
      '2 places where a field does not apply to its record (the standard says when each field applies) are not counted',
    );
    // defaults and the DQMI item score count the applicable records only: 1 default of 2 given, none tolerated
    expect(card.dimensions.defaults.fields).toEqual([
      { field: '/primarySupportReason', score: 50, filled: 2, defaults: 1, threshold: 0, records: 3, defaultsInExcess: 1 },
    ]);
    expect(card.dqmi.fields).toContainEqual(expect.objectContaining({ field: '/primarySupportReason', records: 3, validAndComplete: 2, score: 33.3 }));
    expect(card.plan.fields.find((f) => f.field === '/primarySupportReason')!.applicableWhen).toEqual([
      { pointer: '/eventType', values: ['Assessment', 'Service', 'Review'] },
    ]);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(card)) as typeof card)).toEqual(card);
  });

  it('gives the same counts on worker threads as on one', async () => {
    const records = Array.from({ length: 6_000 }, (_, i) => ({
      personId: `p${i}`,
      eventType: ['Request', 'Assessment', 'Service', 'Review'][i % 4],
      ...(i % 3 === 0 ? { primarySupportReason: 'Unknown' } : {}),
    }));
    const single = await scorecard(records);
    const parallel = await scorecard(records, { pool });
    expect(single.counts.fields['/primarySupportReason']!.notApplicable).toBe(1_500);
    expect(parallel).toEqual(single);
  });
});

describe('the x-applicable keyword', () => {
  it('is an annotation: it never fails a record', async () => {
    const card = await scorecard([{ personId: 'p1', eventType: 'Request', primarySupportReason: 'Unknown' }]);
    expect(card.validity).toBe(100);
  });

  it.each<[object, string]>([
    [{ '/a': ['x'] }, 'conditions as a list'],
    [{ '/a': { '/b': [] } }, 'no values'],
    [{ a: { '/b': ['x'] } }, 'a field that is not a JSON pointer'],
    [{ '/a': {} }, 'no condition'],
    [{ '/a': { '/b': 'x' } }, 'a value that is not a list'],
    [{ '/a': { '/b': { anyCase: [] } } }, 'no values in any case'],
    [{ '/a': { '/b': { anyCase: ['x', 1] } } }, 'a number in any case'],
    [{ '/a': { '/b': { anycase: ['x'] } } }, 'anyCase misspelt'],
    [{ '/a': { '/b': { anyCase: ['x'], exact: ['y'] } } }, 'another form beside anyCase'],
  ])('refuses %j (%s) when the schema compiles', (declared) => {
    const bad = { ...schema, 'x-applicable': declared };
    expect(() => new Validators().compile({ id: 'x', version: '1.0.0', contentHash: 'x' }, 'https://conform.invalid/standards/x/1.0.0', bad)).toThrow(
      SchemaCompileError,
    );
  });

  it('is shown in the field dictionary', () => {
    const entries = fieldDictionary(new Validators().ajv, schema, ID, []);
    expect(entries.find((f) => f.pointer === '/primarySupportReason')).toMatchObject({
      use: 'Expected',
      appliesWhen: 'eventType is Assessment, Service or Review',
    });
    expect(entries.find((f) => f.pointer === '/personId')!.appliesWhen).toBeUndefined();
  });
});

describe('fields sharing conditions, and fields under other ones', () => {
  // Two fields apply when kind is A (judged once a record for both), one when kind is B.
  const shared = {
    type: 'object',
    'x-expected': ['a1', 'a2', 'b1'],
    properties: { kind: { enum: ['A', 'B'] }, a1: { type: 'string' }, a2: { type: 'string', 'x-default-codes': ['X'] }, b1: { type: 'string' } },
    'x-applicable': { '/a1': { '/kind': ['A'] }, '/a2': { '/kind': ['A'] }, '/b1': { '/kind': ['B'] } },
  };
  const id = 'https://conform.invalid/standards/shared/1.0.0';

  it('counts each field only where its own conditions hold', async () => {
    const validators = new Validators();
    const version = validators.compile({ id: 'shared', version: '1.0.0', contentHash: 's1' }, id, shared);
    const pass = scorecardPass(validators.ajv, shared, id, {}, new Date('2026-01-01T00:00:00Z'));
    const records = [
      { kind: 'A', a1: 'x', a2: 'X', b1: 'given where it does not apply' },
      { kind: 'A', a2: 'y' },
      { kind: 'B', a1: 'given where it does not apply', a2: 'X', b1: 'z' },
      { kind: 'B', b1: 'w' },
    ];
    await validateStream([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))], version, { format: 'ndjson', observer: pass.observer });
    const fields = pass.scorecard().counts.fields;
    // a1, a2 apply to records 1 and 2; b1 to records 3 and 4. Values given where a field does not apply are set aside.
    expect(fields['/a1']).toMatchObject({ present: 1, notApplicable: 2, defaults: 0 });
    expect(fields['/a2']).toMatchObject({ present: 2, notApplicable: 2, defaults: 1 });
    expect(fields['/b1']).toMatchObject({ present: 2, notApplicable: 2 });
  });
});

describe('conditions in any case ({ anyCase: [...] })', () => {
  // a1 and a2 apply when kind is A in any case (one group, judged once a record); b1 when kind is exactly B.
  const anyCase = {
    type: 'object',
    'x-expected': ['a1', 'a2', 'b1'],
    properties: { kind: { type: ['string', 'number'] }, a1: { type: 'string' }, a2: { type: 'string', 'x-default-codes': ['X'] }, b1: { type: 'string' } },
    'x-applicable': { '/a1': { '/kind': { anyCase: ['A'] } }, '/a2': { '/kind': { anyCase: ['A'] } }, '/b1': { '/kind': ['B'] } },
  };
  const id = 'https://conform.invalid/standards/any-case/1.0.0';
  const KINDS = ['A', 'a', 'B', 'b', 7];

  async function card(records: object[], options: { pool?: InstanceType<typeof WorkerPool> } = {}) {
    const validators = new Validators();
    const version = validators.compile({ id: 'any-case', version: '1.0.0', contentHash: 'c1' }, id, anyCase);
    const pass = scorecardPass(validators.ajv, anyCase, id, {}, new Date('2026-01-01T00:00:00Z'));
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    await validateStream(Readable.from(chunked(Buffer.from(text), 20_000)), version, { format: 'ndjson', observer: pass.observer, ...options });
    return pass.scorecard();
  }

  it('counts a field where the value is one of the listed ones in any case; an exact list stays exact', async () => {
    const c = await card([
      { kind: 'A', a1: 'x', a2: 'X', b1: 'set aside' },
      { kind: 'a', a2: 'y' },
      { kind: 'B', a1: 'set aside', b1: 'z' },
      { kind: 'b', b1: 'set aside' },
      { kind: 7, a1: 'set aside' },
    ]);
    // a1, a2: records 1 and 2 (A, a); b1: record 3 only (b is not B).
    expect(c.counts.fields['/a1']).toEqual({ present: 1, invalid: 0, defaults: 0, notApplicable: 3 });
    expect(c.counts.fields['/a2']).toEqual({ present: 2, invalid: 0, defaults: 1, notApplicable: 3 });
    expect(c.counts.fields['/b1']).toEqual({ present: 1, invalid: 0, defaults: 0, notApplicable: 4 });
    expect(c.dimensions.completeness.counts).toEqual({ filled: 4, cells: 5, fields: 3, fieldsApplyingToNone: 0, notApplicable: 10 });
    // The plan says the condition is in any case, and a stored scorecard recomputes the same.
    expect(c.plan.fields.find((f) => f.field === '/a1')!.applicableWhen).toEqual([{ pointer: '/kind', values: ['A'], anyCase: true }]);
    expect(recomputeScorecard(JSON.parse(JSON.stringify(c)) as typeof c)).toEqual(c);
  });

  it('gives the same counts on worker threads as on one', async () => {
    const records = Array.from({ length: 6_000 }, (_, i) => ({ kind: KINDS[i % 5], a1: 'x', ...(i % 3 === 0 ? { a2: 'X' } : {}) }));
    const single = await card(records);
    expect(single.counts.fields['/a1']!.notApplicable).toBe(3_600);
    expect(await card(records, { pool })).toEqual(single);
  });

  it('is said in the field dictionary as in any case', () => {
    const entries = fieldDictionary(new Validators().ajv, anyCase, id, []);
    expect(entries.find((f) => f.pointer === '/a1')!.appliesWhen).toBe('kind is A (in any case)');
    expect(entries.find((f) => f.pointer === '/b1')!.appliesWhen).toBe('kind is B');
  });
});
