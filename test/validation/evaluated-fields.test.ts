/**
 * `unevaluatedProperties: false` where the evaluated fields are known only at run time (anyOf, if/then):
 * a record's own field named like an inherited member (`toString`, `constructor`, `__proto__`) is not
 * "evaluated" by inheritance (evaluated-fields.ts), from NDJSON and a JSON array, on one thread and on the
 * worker pool, with own-property reads off (no field so named) and on; a CSV refuses such columns at file
 * level. The workers run compiled code,
 * so this uses the build, as own-properties.test.ts does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { AnySchemaObject } from 'ajv';
import type { Finding } from '../../src/validation/report-types.js';

const dist = '../../dist/src';
const { Validators } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { evaluatedFieldsOwnOnly } = (await import(`${dist}/validation/evaluated-fields.js`)) as typeof import('../../src/validation/evaluated-fields.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const ID = 'https://conform.invalid/standards/uneval/1.0.0';

/** `kind` decides which other field a record may have; any other field is refused. */
const SCHEMAS: Record<string, AnySchemaObject> = {
  'anyOf, own-property reads off': {
    type: 'object',
    properties: { id: { type: 'string' } },
    anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }],
    unevaluatedProperties: false,
  },
  'if/then, own-property reads on (a field named valueOf)': {
    type: 'object',
    properties: { id: { type: 'string' }, valueOf: { type: 'string' } },
    if: { properties: { id: { const: 'r1' } } },
    then: { properties: { a: { type: 'string' } } },
    unevaluatedProperties: false,
  },
};

const RECORDS = ['{"id":"r1","a":"x"}', '{"id":"r2","toString":"x"}', '{"id":"r3","constructor":"x"}', '{"id":"r4","__proto__":"x"}'];
const CSV = ['id,a,toString,constructor,__proto__', 'r1,x,,,', 'r2,,x,,', 'r3,,,x,', 'r4,,,,x'].join('\n');
const INPUTS = {
  ndjson: { format: 'ndjson', text: RECORDS.join('\n') },
  json: { format: 'json', text: `[${RECORDS.join(',\n')}]` },
  csv: { format: 'csv', text: CSV },
} as const;

const refused = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'unevaluatedProperties').map((f) => ({ record: f.record, path: f.path }));

describe('unevaluatedProperties and fields named like inherited members', () => {
  for (const [shape, schema] of Object.entries(SCHEMAS)) {
    for (const [name, input] of Object.entries(INPUTS)) {
      for (const onPool of name === 'ndjson' ? [false, true] : [false]) {
        it(`${shape}: ${name}${onPool ? ' on the worker pool' : ''} refuses each such field`, async () => {
          const started = pool.stats().started;
          const version = new Validators().compile({ id: 'uneval', version: '1.0.0', contentHash: `uneval-${shape}` }, ID, schema);
          expect(version.ownProperties).toBe(shape.includes('reads on'));
          const report = await validateStream(Readable.from([Buffer.from(input.text)]), version, { format: input.format, ...(onPool ? { pool } : {}) });
          if (onPool) expect(pool.stats().started).toBeGreaterThan(0);
          else expect(pool.stats().started).toBe(started);
          if (name === 'csv') {
            // A CSV's columns that are no field of the standard are refused at file level: never read into a record.
            const columns = report.findings
              .filter((f) => f.rule === 'unknown-column' && f.severity === 'error')
              .map((f) => /^column (\d+)/.exec(f.message)?.[1]);
            expect(columns).toEqual(expect.arrayContaining(['3', '4', '5']));
            return;
          }
          expect(report.stats).toMatchObject({ records: 4, invalid: 3 });
          expect(refused(report.findings)).toEqual([
            { record: 2, path: '/toString' },
            { record: 3, path: '/constructor' },
            { record: 4, path: '/__proto__' },
          ]);
        });
      }
    }
  }

  it('rewrites only the evaluated-field reads of Ajv code', () => {
    expect(evaluatedFieldsOwnOnly('if(!props0 || !props0[key1]){x}props1[key0] = true;!props12[key3]')).toBe(
      'if(!props0 || props0[key1] !== true){x}props1[key0] = true;props12[key3] !== true',
    );
  });
});
