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

async function duplicateFindings(text: string, options: { pool?: InstanceType<typeof WorkerPool>; format?: 'ndjson' | 'csv' | 'json' } = {}) {
  const validators = new Validators();
  const version = validators.compile({ id: 'dup-test', version: '1.0.0', contentHash: 'd1' }, ID, schema);
  const pass = scorecardPass(validators.ajv, schema, ID, { recordKey: ['/personId'] }, new Date('2026-01-01T00:00:00Z'));
  const { format = 'ndjson', ...rest } = options;
  await validateStream(Readable.from(chunked(Buffer.from(text), 64_000)), version, { format, observer: pass.observer, ...rest });
  return { findings: pass.duplicateFindings(), duplicates: pass.scorecard().dimensions.uniqueness.counts.duplicates };
}

describe('duplicate record keys', () => {
  it('list the records that share a key (ten, then a count), as warnings without the key', () => {
    const d = new DuplicateRecords();
    for (let r = 2; r <= 13; r++) d.add({ record: 1, line: 3, row: 0 }, { record: r, line: r + 2, row: 0 });
    d.add({ record: 0, line: 0, row: 0 }, { record: 20, line: 22, row: 0 }); // a first record that is not known names nothing
    const findings = d.findings(['personId']);
    expect(findings).toHaveLength(9);
    expect(findings[0]).toEqual({
      record: 2,
      line: 4,
      path: '',
      rule: 'duplicate-key',
      message: 'has the same record key (personId) as record 1 (line 3); records with this key: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (13 records in all)',
      severity: 'warning',
    });
  });

  it('number the records the same on worker threads as on this one, across pieces', async () => {
    const lines: string[] = ['', ''];
    for (let i = 1; i <= 40_000; i++) {
      // A blank line before every thousandth record: lines and records part ways, in every piece.
      if (i % 1000 === 0) lines.push('');
      lines.push(JSON.stringify({ personId: i === 25_000 || i === 39_000 ? 'P7' : `P${i}`, note: 'x'.repeat(30) }));
    }
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const single = await duplicateFindings(text);
    const parallel = await duplicateFindings(text, { pool });
    expect(single.duplicates).toBe(2);
    const listed = 'records with this key: 7, 25000, 39000 (3 records)';
    expect(single.findings.map((f) => [f.record, f.line, f.row, f.message])).toEqual([
      [25_000, 25_027, undefined, `has the same record key (personId) as record 7 (line 9); ${listed}`],
      [39_000, 39_041, undefined, `has the same record key (personId) as record 7 (line 9); ${listed}`],
    ]);
    expect(parallel).toEqual(single);
  });

  it('carry the line and the spreadsheet row in CSV, after blank lines and a cell over two lines', async () => {
    // Spreadsheet rows: 1 header, 2 empty, 3 P1, 4 P2 (its note over lines 5 and 6), 5 empty, 6 P1.
    const text = 'personId,note\r\n\r\nP1,a\r\nP2,"two\r\nlines"\r\n\r\nP1,b\r\n';
    const { findings } = await duplicateFindings(text, { format: 'csv' });
    expect(findings).toEqual([
      {
        record: 3,
        line: 7,
        row: 6,
        path: '',
        rule: 'duplicate-key',
        message: 'has the same record key (personId) as record 1 (line 3, row 3); records with this key: 1, 3 (2 records)',
        severity: 'warning',
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('P1');
  });
});

describe('near-duplicate record keys', () => {
  const near = (first: string) =>
    `has a record key (personId) that differs only in letter case or surrounding spaces from that of ${first}; not counted as a duplicate: check whether they are the same record`;

  it('warn at each key that differs from an earlier one only in case or surrounding spaces, naming its line, never the values', async () => {
    const text =
      ['{"personId":"RK9A0001"}', '', '{"personId":" rk9a0001"}', '{"personId":"P2"}', '{"personId":"p2\\t"}', '{"personId":"RK9A0001"}'].join('\n') + '\n';
    const { findings, duplicates } = await duplicateFindings(text);
    expect(duplicates).toBe(1); // the verdict is the standard's exact key: only record 5 repeats record 1
    expect(findings.map((f) => [f.record, f.line, f.rule, f.message])).toEqual([
      [2, 3, 'near-duplicate-key', near('record 1 (line 1)')],
      [4, 5, 'near-duplicate-key', near('record 3 (line 4)')],
      [5, 6, 'duplicate-key', 'has the same record key (personId) as record 1 (line 1); records with this key: 1, 5 (2 records)'],
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(JSON.stringify(findings)).not.toMatch(/rk9a|RK9A|"p2|P2/);
  });

  it('find a normal-form key after an odd one, in CSV with rows', async () => {
    const { findings } = await duplicateFindings('personId,note\n\n  ab1 ,x\nAB1,y\n', { format: 'csv' });
    expect(findings).toEqual([
      { record: 2, line: 4, row: 4, path: '', rule: 'near-duplicate-key', message: near('record 1 (line 3, row 3)'), severity: 'warning' },
    ]);
  });

  it('are found the same on worker threads as on this one, across pieces', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 40_000; i++) {
      const id = i === 30_000 ? 'p77 ' : i === 39_500 ? 'p1234' : `P${i}`;
      lines.push(JSON.stringify({ personId: id, note: 'x'.repeat(30) }));
    }
    const text = lines.join('\n') + '\n';
    const single = await duplicateFindings(text);
    const parallel = await duplicateFindings(text, { pool });
    expect(single.findings.map((f) => [f.record, f.line, f.rule, f.message])).toEqual([
      [30_000, 30_000, 'near-duplicate-key', near('record 77 (line 77)')],
      [39_500, 39_500, 'near-duplicate-key', near('record 1234 (line 1234)')],
    ]);
    expect(parallel).toEqual(single);
  });
});
