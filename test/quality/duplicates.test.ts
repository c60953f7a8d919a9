/**
 * Duplicate record keys as findings: each record whose key an earlier record has is a warning naming
 * every record that shares it (the first ten, and how many in all), never the key; worker threads number
 * the records exactly as this thread does. The workers run compiled code, so this uses the build (npm
 * test builds first), as parallel.test.ts does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { chunked } from '../validation/helpers.js';
import { DuplicateRecords } from '../../src/quality/duplicates.js';

const dist = '../../dist/src';
const { Validators } = (await import(`${dist}/validation/validators.js`)) as typeof import('../../src/validation/validators.js');
const { validateStream } = (await import(`${dist}/validation/validate.js`)) as typeof import('../../src/validation/validate.js');
const { WorkerPool } = (await import(`${dist}/validation/parallel/pool.js`)) as typeof import('../../src/validation/parallel/pool.js');
const { scorecardPass } = (await import(`${dist}/quality/observer.js`)) as typeof import('../../src/quality/observer.js');

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const ID = 'https://conform.invalid/standards/dup-test/1.0.0';
const schema = { type: 'object', required: ['personId'], properties: { personId: { type: 'string' }, note: { type: 'string' } } };

async function duplicateFindings(text: string, options: { pool?: InstanceType<typeof WorkerPool> } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'dup-test', version: '1.0.0', contentHash: 'd1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, { recordKey: ['/personId'] }, new Date('2026-01-01T00:00:00Z'));
  await validateStream(Readable.from(chunked(Buffer.from(text), 64_000)), version, { format: 'ndjson', observer: pass.observer, ...options });
  return { findings: pass.duplicateFindings(), duplicates: pass.scorecard().dimensions.uniqueness.counts.duplicates };
}

describe('duplicate record keys', () => {
  it('list the records that share a key (ten, then a count), as warnings without the key', () => {
    const d = new DuplicateRecords();
    for (let r = 2; r <= 13; r++) d.add(1, r);
    d.add(0, 20); // a first record that is not known names nothing
    const findings = d.findings(['personId']);
    expect(findings).toHaveLength(9);
    expect(findings[0]).toEqual({
      record: 2,
      line: 0,
      path: '',
      rule: 'duplicate-key',
      message: 'has the same record key (personId) as record 1; records with this key: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (13 records in all)',
      severity: 'warning',
    });
  });

  it('number the records the same on worker threads as on this one, across pieces', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 40_000; i++) lines.push(JSON.stringify({ personId: i === 25_000 || i === 39_000 ? 'P7' : `P${i}`, note: 'x'.repeat(30) }));
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const single = await duplicateFindings(text);
    const parallel = await duplicateFindings(text, { pool });
    expect(single.duplicates).toBe(2);
    expect(single.findings.map((f) => [f.record, f.message])).toEqual([
      [25_000, 'has the same record key (personId) as record 7; records with this key: 7, 25000, 39000 (3 records)'],
      [39_000, 'has the same record key (personId) as record 7; records with this key: 7, 25000, 39000 (3 records)'],
    ]);
    expect(parallel).toEqual(single);
  });
});
