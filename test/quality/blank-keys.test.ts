/**
 * A record whose key is given but blank (a key field of white space only) cannot be told apart from others:
 * uniqueness leaves it out, and a warning names it (the first ten, and how many in all), never the key's
 * value; an absent key field is validation's to report, not named here. Worker threads number and place
 * the records exactly as this thread does. The workers run compiled code, so this uses the build.
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

const ID = 'https://conform.invalid/standards/blank-key/1.0.0';
const schema = { type: 'object', properties: { org: { type: 'string' }, eventId: { type: 'string' }, note: { type: 'string' } } };

async function keyFindings(text: string, options: { pool?: InstanceType<typeof WorkerPool>; format?: 'ndjson' | 'csv' } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'blank-key', version: '1.0.0', contentHash: 'b1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, { recordKey: ['/org', '/eventId'] }, new Date('2026-01-01T00:00:00Z'));
  const { format = 'ndjson', ...rest } = options;
  await validateStream(Readable.from(chunked(Buffer.from(text), 64_000)), version, { format, observer: pass.observer, ...rest });
  return { findings: pass.duplicateFindings(), uniqueness: pass.scorecard().dimensions.uniqueness.counts };
}

describe('a record key given but blank', () => {
  it('is named in a warning, without the key; an absent key field is not', async () => {
    const rows = [
      { org: 'RH8', eventId: 'E1' },
      { org: 'RH8', eventId: '   ' },
      { org: 'RH8' }, // absent: not named (validation's to say, where the standard requires it)
      { org: '\t', eventId: 'E4' },
      { org: 'RH8', eventId: '' },
      { org: 'RH8', eventId: 'E6' },
    ];
    const { findings, uniqueness } = await keyFindings(rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(uniqueness).toMatchObject({ keyed: 2, missingKey: 4 });
    expect(findings.map((f) => [f.record, f.line, f.rule, f.severity])).toEqual([
      [2, 2, 'blank-key', 'warning'],
      [4, 4, 'blank-key', 'warning'],
      [5, 5, 'blank-key', 'warning'],
    ]);
    expect(findings[0]!.message).toBe(
      'has a blank record key (org, eventId): a key field holds only white space, so this record cannot be told apart from others and uniqueness does not count it; records with a blank key: 2, 4, 5 (3 records)',
    );
  });

  it('names the first ten, and counts the rest; on worker threads as on this one, across pieces', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 40_000; i++) {
      if (i % 1000 === 0) lines.push(''); // blank lines: lines and records part ways in every piece
      const blank = i % 3000 === 0;
      lines.push(JSON.stringify({ org: 'RH8', eventId: blank ? ' ' : `E${i}`, note: 'x'.repeat(30) }));
    }
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const single = await keyFindings(text);
    const parallel = await keyFindings(text, { pool });
    expect(single.findings).toHaveLength(10);
    expect(single.findings.map((f) => f.record)).toEqual([3000, 6000, 9000, 12000, 15000, 18000, 21000, 24000, 27000, 30000]);
    expect(single.findings[0]!.line).toBe(3003); // after the blank lines before records 1000, 2000 and 3000
    expect(single.findings[0]!.message).toContain(
      'records with a blank key: 3000, 6000, 9000, 12000, 15000, 18000, 21000, 24000, 27000, 30000, … (13 records in all)',
    );
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.uniqueness).toEqual(single.uniqueness);
  });

  it('is not named again where an error names a key field (a standard refusing blank identifiers)', async () => {
    const validators = new Validators();
    const strict = { ...schema, properties: { ...schema.properties, eventId: { type: 'string', pattern: '\\S' } } };
    const version = validators.compile({ id: 'blank-key', version: '1.0.0', contentHash: 'b2' }, ID, strict);
    const pass = scorecardPass(validators.ajv, strict, ID, { recordKey: ['/org', '/eventId'] }, new Date('2026-01-01T00:00:00Z'));
    const text = [
      { org: 'RH8', eventId: ' ' },
      { org: ' ', eventId: 'E2' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const report = await validateStream([Buffer.from(text)], version, { format: 'ndjson', observer: pass.observer });
    expect(report.findings.map((f) => [f.record, f.path, f.rule])).toEqual([[1, '/eventId', 'pattern']]);
    expect(pass.duplicateFindings().map((f) => [f.record, f.rule])).toEqual([[2, 'blank-key']]);
  });

  it('names a CSV row by its line and spreadsheet row', async () => {
    const csv = ['org,eventId', 'RH8,E1', 'RH8,  ', 'RH8,E3'].join('\n') + '\n';
    const { findings } = await keyFindings(csv, { format: 'csv' });
    expect(findings.map((f) => [f.record, f.line, f.row, f.rule])).toEqual([[2, 3, 3, 'blank-key']]);
  });
});
