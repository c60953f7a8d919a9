/**
 * The scorecard's treatment of a record's text faults (json-duplicate-key, json-lone-surrogate): error
 * findings at the field, so the record is invalid for validity and the field's value counts as invalid,
 * on this thread and on the worker threads alike. The workers run compiled code, so this uses the build
 * (npm test builds first), as parallel.test.ts does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { chunked } from '../validation/helpers.js';

const dist = '../../dist/src';
const { Validators } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const ID = 'https://conform.invalid/standards/integrity-test/1.0.0';
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' } },
};

async function run(lines: string[], options: { pool?: InstanceType<typeof WorkerPool> } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'integrity-test', version: '1.0.0', contentHash: 'a1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, {}, new Date('2026-01-01T00:00:00Z'));
  // The faulty records in the middle of the file, among valid ones.
  const filler = Array.from({ length: 3000 }, (_, i) => `{"id":"f${i}","name":"n"}`);
  const text = [...filler.slice(0, 1500), ...lines, ...filler.slice(1500)].join('\n');
  const report = await validateStream(Readable.from(chunked(Buffer.from(text), 20_000)), version, { format: 'ndjson', observer: pass.observer, ...options });
  return { report, card: pass.scorecard() };
}

describe('the scorecard and a record’s text faults', () => {
  const lines = ['{"id":"a","name":"x","name":"y"}', '{"id":"b","name":"\\ud800"}', '{"id":"c","name":"\\ud83d\\ude00"}'];

  for (const [how, options] of [
    ['on this thread', {}],
    ['on the worker threads', { pool }],
  ] as const) {
    it(`counts the records invalid for validity and their fields’ values as invalid, ${how}`, async () => {
      const { report, card } = await run(lines, options);
      expect(report.findings.map((f) => `${f.record} ${f.line} ${f.path} ${f.rule}`)).toEqual([
        '1501 1501 /name json-duplicate-key',
        '1502 1502 /name json-lone-surrogate',
      ]);
      expect(card.dimensions.validity).toMatchObject({ measured: true, counts: { records: 3003, validRecords: 3001, unreadableRecords: 0 } });
      expect(card.dimensions.validity.fields).toContainEqual({ field: '/name', score: expect.any(Number), present: 3003, invalid: 2 });
    });
  }
});
