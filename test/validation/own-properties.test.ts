/**
 * Fields named like a member every object inherits (`constructor`, `toString`, `__proto__`): a record is
 * judged by its own fields only, from NDJSON, a JSON array and CSV, on one thread and on the worker pool;
 * the scorecard counts them by their own values; and an ordinary version compiles exactly as before (no
 * own-property reads). The workers run compiled code, so this uses the build, as parallel.test.ts does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { AnySchemaObject } from 'ajv';
import type { Finding } from '../../src/validation/report-types.js';

const dist = '../../dist/src';
const { Validators } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { createAjv } = (await import(`${dist}/validation/ajv.js`)) as typeof import('../../src/validation/ajv.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');
const { runCandidate } = (await import(`${dist}/validation/candidate.js`)) as typeof import('../../src/validation/candidate.js');
const { needsOwnProperties, protoFieldsForAjv } = (await import(
  `${dist}/validation/own-properties.js`
)) as typeof import('../../src/validation/own-properties.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const ID = 'https://conform.invalid/standards/own/1.0.0';

/** The standard, as an author's JSON (JSON.parse makes `__proto__` an own member of `properties`). */
function schemaRequiring(required: string[]): AnySchemaObject {
  return JSON.parse(`{
    "type": "object",
    "additionalProperties": false,
    "required": ${JSON.stringify(required)},
    "x-expected": ["constructor", "toString", "__proto__"],
    "properties": {
      "id": { "type": "string" },
      "constructor": { "type": "string", "maxLength": 5 },
      "toString": { "enum": ["A", "B"] },
      "__proto__": { "type": "string", "pattern": "^P" }
    }
  }`) as AnySchemaObject;
}

/** `toString` and `__proto__` required, `constructor` optional; and the other way about. */
const SHAPES = {
  'toString and __proto__ required': ['id', 'toString', '__proto__'],
  'constructor required, __proto__ optional': ['id', 'constructor'],
} as const;

const RECORDS = [
  '{"id":"r1","toString":"A","__proto__":"P1"}',
  '{"id":"r2"}',
  '{"id":"r3","constructor":"too long","toString":"C","__proto__":"Q"}',
  '{"id":"r4","constructor":"c","toString":"B","__proto__":"P4"}',
];
/** The same rows as CSV (an empty cell: the field is absent). */
const CSV = ['id,constructor,toString,__proto__', 'r1,,A,P1', 'r2,,,', 'r3,too long,C,Q', 'r4,c,B,P4'].join('\n');

const INPUTS = {
  ndjson: { format: 'ndjson', text: RECORDS.join('\n') },
  json: { format: 'json', text: `[${RECORDS.join(',\n')}]` },
  csv: { format: 'csv', text: CSV },
} as const;

/** What a finding says, without where in the file it was (lines differ by format). */
const said = (findings: readonly Finding[]) => findings.map((f) => ({ record: f.record, path: f.path, rule: f.rule, message: f.message }));

/** The findings expected of RECORDS under each shape: own fields judged, inherited members never. */
const EXPECTED: Record<keyof typeof SHAPES, ReturnType<typeof said>> = {
  'toString and __proto__ required': [
    { record: 2, path: '/toString', rule: 'required', message: 'missing required field "toString"' },
    { record: 2, path: '/__proto__', rule: 'required', message: 'missing required field "__proto__"' },
    { record: 3, path: '/constructor', rule: 'maxLength', message: 'must be at most 5 characters' },
    { record: 3, path: '/toString', rule: 'enum', message: 'must be one of the allowed codes: "A", "B"' },
    { record: 3, path: '/__proto__', rule: 'pattern', message: 'must match the pattern ^P' },
  ],
  'constructor required, __proto__ optional': [
    { record: 1, path: '/constructor', rule: 'required', message: 'missing required field "constructor"' },
    { record: 2, path: '/constructor', rule: 'required', message: 'missing required field "constructor"' },
    { record: 3, path: '/constructor', rule: 'maxLength', message: 'must be at most 5 characters' },
    { record: 3, path: '/toString', rule: 'enum', message: 'must be one of the allowed codes: "A", "B"' },
    { record: 3, path: '/__proto__', rule: 'pattern', message: 'must match the pattern ^P' },
  ],
};

async function validate(required: readonly string[], input: (typeof INPUTS)[keyof typeof INPUTS], onPool: boolean) {
  const schema = schemaRequiring([...required]);
  const validators = new Validators();
  const version = validators.compile({ id: 'own', version: '1.0.0', contentHash: `own-${required.join()}` }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, {}, new Date('2026-01-01T00:00:00Z'));
  const report = await validateStream(Readable.from([Buffer.from(input.text)]), version, {
    format: input.format,
    observer: pass.observer,
    ...(onPool ? { pool } : {}),
  });
  return { version, report, card: pass.scorecard() };
}

const byRecord = (a: { record: number }, b: { record: number }) => a.record - b.record;

describe('fields named like inherited members', () => {
  for (const [shape, required] of Object.entries(SHAPES) as [keyof typeof SHAPES, readonly string[]][]) {
    for (const [name, input] of Object.entries(INPUTS)) {
      for (const onPool of name === 'ndjson' ? [false, true] : [false]) {
        it(`${shape}: ${name}${onPool ? ' on the worker pool' : ''} is judged by each record's own fields`, async () => {
          const started = pool.stats().started;
          const { version, report } = await validate(required, input, onPool);
          expect(version.ownProperties).toBe(true);
          if (onPool) expect(pool.stats().started).toBeGreaterThan(0);
          else expect(pool.stats().started).toBe(started);
          expect(report.stats).toMatchObject({ records: 4, invalid: shape === 'toString and __proto__ required' ? 2 : 3 });
          expect(said(report.findings).sort(byRecord)).toEqual(EXPECTED[shape]);
        });
      }
    }
  }

  it('the scorecard counts each field by its own value, on one thread and on the pool alike', async () => {
    for (const onPool of [false, true]) {
      const { card } = await validate(SHAPES['toString and __proto__ required'], INPUTS.ndjson, onPool);
      const fields = Object.fromEntries((card.dimensions.completeness.fields ?? []).map((f) => [f.field, { filled: f.filled, records: f.records }]));
      expect(fields).toMatchObject({
        '/constructor': { filled: 2, records: 4 },
        '/toString': { filled: 3, records: 4 },
        '/__proto__': { filled: 3, records: 4 },
      });
    }
  });

  it('a CSV with a __proto__ column gives the same scorecard as the NDJSON', async () => {
    const fromCsv = await validate(SHAPES['toString and __proto__ required'], INPUTS.csv, false);
    const fromNdjson = await validate(SHAPES['toString and __proto__ required'], INPUTS.ndjson, false);
    expect(fromCsv.card.dimensions.completeness).toEqual(fromNdjson.card.dimensions.completeness);
  });

  it('a record with an unexpected __proto__ member is told it is not a field of an ordinary standard', async () => {
    const schema = { type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } };
    const version = new Validators().compile({ id: 'plain', version: '1.0.0', contentHash: 'plain-proto' }, ID, schema);
    const report = await validateStream(Readable.from([Buffer.from('{"id":"a","__proto__":{"id":5}}\n{"id":"b"}')]), version, { format: 'ndjson' });
    expect(said(report.findings)).toEqual([{ record: 1, path: '/__proto__', rule: 'additionalProperties', message: 'is not a field of this standard' }]);
  });
});

describe('when own-property reads are switched on', () => {
  it('is off for an ordinary version, which compiles exactly as the factory compiles it', () => {
    const schema = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
    const version = new Validators().compile({ id: 'plain', version: '1.0.0', contentHash: 'plain' }, ID, schema);
    expect(version.ownProperties).toBe(false);
    expect(version.validate.toString()).not.toContain('hasOwnProperty');
    expect(version.validate.toString()).toBe(
      createAjv()
        .compile({ ...schema, $id: ID })
        .toString(),
    );
  });

  it('is on for a name in properties, required, dependentRequired or dependentSchemas, or in a shared schema reached', () => {
    const shared: [string, AnySchemaObject][] = [['https://conform.invalid/shared/common', { $defs: { c: { properties: { valueOf: { type: 'string' } } } } }]];
    expect(needsOwnProperties(ID, { properties: { a: {} } }, shared)).toBe(false);
    expect(needsOwnProperties(ID, { properties: { hasOwnProperty: {} } }, [])).toBe(true);
    expect(needsOwnProperties(ID, { required: ['isPrototypeOf'] }, [])).toBe(true);
    expect(needsOwnProperties(ID, { dependentRequired: { a: ['toLocaleString'] } }, [])).toBe(true);
    expect(needsOwnProperties(ID, { dependentSchemas: { propertyIsEnumerable: {} } }, [])).toBe(true);
    expect(needsOwnProperties(ID, { items: { properties: { __defineGetter__: {} } } }, [])).toBe(true);
    expect(needsOwnProperties(ID, { properties: { a: { $ref: '/shared/common#/$defs/c' } } }, shared)).toBe(true);
    // A code or an example that happens to be such a name is data, not a field.
    expect(needsOwnProperties(ID, { properties: { a: { enum: ['constructor'], examples: [{ toString: 1 }] } } }, [])).toBe(false);
  });

  it('a candidate with such fields compiles as the version will, and a bad __proto__ field schema is refused', async () => {
    const job = { schemaId: ID, shared: [], patternTimeoutMs: 1_000, compile: true };
    expect(await runCandidate({ ...job, schema: schemaRequiring(['id', '__proto__']) })).toEqual({ kind: 'ok' });
    const bad = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"strin"}}}') as AnySchemaObject;
    expect(await runCandidate({ ...job, schema: bad })).toMatchObject({ kind: 'compile', message: expect.stringContaining('type') as unknown });
  });

  it('gives Ajv a __proto__ field as a pattern of its own, keeping every other member', () => {
    const schema = JSON.parse(
      '{"properties":{"a":{"type":"string"},"__proto__":{"type":"string"}},"patternProperties":{"^x":{}},"enum":[{"__proto__":1}]}',
    ) as AnySchemaObject;
    const forAjv = protoFieldsForAjv(schema);
    expect(Object.keys(forAjv.properties as object)).toEqual(['a']);
    expect(forAjv.patternProperties).toEqual({ '^x': {}, '^__proto__$': { type: 'string' } });
    expect(forAjv.enum).toBe(schema.enum);
    expect(Object.hasOwn(schema.properties as object, '__proto__')).toBe(true); // the author's schema is untouched
  });
});

describe('a keyword naming an inherited member that properties does not declare', () => {
  // Ajv's strict mode finds `properties.toString` by inheritance, so these compile; own-property reads must be on.
  const SCHEMAS: Record<string, { schema: AnySchemaObject; missing: string }> = {
    required: { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id', 'toString'] }, missing: '/toString' },
    dependentRequired: {
      schema: { type: 'object', properties: { id: { type: 'string' } }, dependentRequired: { id: ['constructor'] } },
      missing: '/constructor',
    },
    'if/then required': {
      schema: {
        type: 'object',
        properties: { id: { type: 'string' } },
        if: { properties: { id: { const: 'r1' } } },
        then: { properties: {}, required: ['valueOf'] },
      },
      missing: '/valueOf',
    },
  };
  for (const [keyword, { schema, missing }] of Object.entries(SCHEMAS)) {
    for (const [name, text] of [
      ['ndjson', '{"id":"r1"}\n{"id":"r1","toString":"t","constructor":"c","valueOf":"v"}'],
      ['json', '[{"id":"r1"},{"id":"r1","toString":"t","constructor":"c","valueOf":"v"}]'],
    ] as const) {
      for (const onPool of name === 'ndjson' ? [false, true] : [false]) {
        it(`${keyword}: ${name}${onPool ? ' on the worker pool' : ''} finds the member missing from a record without it`, async () => {
          const version = new Validators().compile({ id: 'own', version: '1.0.0', contentHash: `own-named-${keyword}` }, ID, schema);
          expect(version.ownProperties).toBe(true);
          const report = await validateStream(Readable.from([Buffer.from(text)]), version, { format: name, ...(onPool ? { pool } : {}) });
          expect(said(report.findings).map(({ record, path, rule }) => ({ record, path, rule }))).toEqual([
            { record: 1, path: missing, rule: keyword === 'dependentRequired' ? 'dependentRequired' : 'required' },
          ]);
        });
      }
    }
  }
});
