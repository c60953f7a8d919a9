import { describe, it, expect } from 'vitest';
import {
  addFindings,
  cutText,
  DEFAULT_MAX_FINDINGS,
  MAX_FILE_FINDINGS,
  MAX_FINDING_MESSAGE,
  MAX_FINDING_PATH,
  ReportBuilder,
} from '../../src/validation/report-builder.js';
import type { Finding } from '../../src/validation/report-types.js';
import { compile, err, PERSON_SCHEMA, run, STANDARD } from './helpers.js';

const CONTEXT = { standard: { ...STANDARD }, format: 'ndjson' as const, gzip: false, bytes: 123, seconds: 0.5 };

describe('ReportBuilder', () => {
  it('counts valid and invalid records and builds the stats', () => {
    const builder = new ReportBuilder();
    builder.pass();
    builder.fail([err(2, 2, '/a', 'type', 'must be of type string'), err(2, 2, '/b', 'required', 'missing required field "b"')]);
    builder.pass();
    builder.fail([err(4, 5, '/a', 'type', 'must be of type string')]);
    const report = builder.build(CONTEXT);
    expect(report).toEqual({
      standard: STANDARD,
      format: 'ndjson',
      gzip: false,
      valid: false,
      stats: { records: 4, valid: 2, invalid: 2, findings: 3, bytes: 123, seconds: 0.5 },
      findings: [
        err(2, 2, '/a', 'type', 'must be of type string'),
        err(2, 2, '/b', 'required', 'missing required field "b"'),
        err(4, 5, '/a', 'type', 'must be of type string'),
      ],
      maxFindings: DEFAULT_MAX_FINDINGS,
      truncated: false,
      summary: [
        // The lines of the first records too: record 4 starts on line 5.
        { path: '/a', rule: 'type', severity: 'error', count: 2, firstRecords: [2, 4], firstLines: [2, 5] },
        { path: '/b', rule: 'required', severity: 'error', count: 1, firstRecords: [2], firstLines: [2] },
      ],
      summaryTruncated: false,
    });
  });

  it('is valid with no records and no findings, and carries compressedBytes when given', () => {
    const report = new ReportBuilder(10).build({ ...CONTEXT, gzip: true, compressedBytes: 40 });
    expect(report).toMatchObject({ valid: true, gzip: true, maxFindings: 10, truncated: false, findings: [], summary: [] });
    expect(report.stats).toEqual({ records: 0, valid: 0, invalid: 0, findings: 0, bytes: 123, compressedBytes: 40, seconds: 0.5 });
  });

  it('counts a record whose findings are only warnings as valid', () => {
    const builder = new ReportBuilder();
    builder.fail([{ record: 1, line: 1, path: '/a', rule: 'x', message: 'm', severity: 'warning' }]);
    const report = builder.build(CONTEXT);
    expect(report.valid).toBe(true);
    expect(report.stats).toMatchObject({ records: 1, valid: 1, invalid: 0, findings: 1 });
    expect(report.summary).toEqual([{ path: '/a', rule: 'x', severity: 'warning', count: 1, firstRecords: [1], firstLines: [1] }]);
  });

  it('keeps the first maxFindings findings, flags truncated, and still counts every finding in the summary', () => {
    const builder = new ReportBuilder(3);
    for (let r = 1; r <= 4; r++) {
      builder.fail([err(r, r, '/a', 'type', 'must be of type string'), err(r, r, '/b', 'enum', 'must be one of the allowed codes: "A"')]);
    }
    const report = builder.build(CONTEXT);
    expect(report.findings).toEqual([
      err(1, 1, '/a', 'type', 'must be of type string'),
      err(1, 1, '/b', 'enum', 'must be one of the allowed codes: "A"'),
      err(2, 2, '/a', 'type', 'must be of type string'),
    ]);
    expect(report.truncated).toBe(true);
    expect(report.maxFindings).toBe(3);
    expect(report.stats).toMatchObject({ records: 4, valid: 0, invalid: 4, findings: 8 });
    expect(report.summary).toEqual([
      { path: '/a', rule: 'type', severity: 'error', count: 4, firstRecords: [1, 2, 3, 4], firstLines: [1, 2, 3, 4] },
      { path: '/b', rule: 'enum', severity: 'error', count: 4, firstRecords: [1, 2, 3, 4], firstLines: [1, 2, 3, 4] },
    ]);
  });

  it('wants messages only while it keeps findings about records, or always when it keeps row outcomes', () => {
    const builder = new ReportBuilder(2);
    expect(builder.wantsMessages).toBe(true);
    builder.fileFinding('file-name', 'bad name'); // beside the cap
    builder.fail([err(1, 1, '/a', 'type', 'm')]);
    expect(builder.wantsMessages).toBe(true);
    builder.fail([err(2, 2, '/a', 'type', 'm')]);
    expect(builder.wantsMessages).toBe(false);
    expect(new ReportBuilder(0).wantsMessages).toBe(false);
    const outcomes = new ReportBuilder(0, { outcomes: true });
    outcomes.fail([err(1, 1, '/a', 'type', 'm')]);
    expect(outcomes.wantsMessages).toBe(true);
  });

  it('keeps findings about the file (record 0) beside the cap, even a cap of 0, up to MAX_FILE_FINDINGS; parts and late findings fill the cap on records only', () => {
    const builder = new ReportBuilder(2);
    builder.fileFinding('file-name', 'the name does not follow the convention');
    builder.fail([err(1, 1, '/a', 'type', 'm'), err(1, 1, '/b', 'type', 'm')]);
    expect(builder.findingsWanted).toBe(0);
    builder.fail([err(2, 2, '/a', 'type', 'm')]);
    builder.fileFinding('csv-columns', 'ragged rows', 'warning');
    const report = builder.build(CONTEXT);
    expect(report.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 file-name', '1 type', '1 type', '0 csv-columns']);
    expect(report).toMatchObject({ truncated: true, valid: false, stats: { findings: 5 } });

    const none = new ReportBuilder(0);
    none.fileFinding('file-name', 'bad name');
    none.absorb({ ...new ReportBuilder(5).part(), records: 1, findingCount: 1, errorCount: 1, findings: [err(1, 1, '/a', 'type', 'm')] }, 0, 0);
    expect(none.findingsWanted).toBe(0);
    const capped = none.build(CONTEXT);
    expect(capped.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 file-name']);
    addFindings(capped, [{ record: 1, line: 1, path: '/id', rule: 'duplicate-key', message: 'm', severity: 'warning' }]);
    expect(capped.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 file-name']);

    const one = new ReportBuilder(1);
    one.fileFinding('file-name', 'bad name');
    const late = one.build(CONTEXT);
    addFindings(late, [
      { record: 2, line: 2, path: '/id', rule: 'duplicate-key', message: 'm', severity: 'warning' },
      { record: 3, line: 3, path: '/id', rule: 'duplicate-key', message: 'm', severity: 'warning' },
    ]);
    expect(late.findings.map((f) => `${f.record} ${f.rule}`)).toEqual(['0 file-name', '2 duplicate-key']);
    expect(late.truncated).toBe(true);

    const header = new ReportBuilder(0);
    for (let i = 0; i < MAX_FILE_FINDINGS + 5; i++) header.fileFinding('unknown-column', `column ${i + 1} is not a field`);
    const many = header.build(CONTEXT);
    expect(many.findings).toHaveLength(MAX_FILE_FINDINGS);
    expect(many.stats.findings).toBe(MAX_FILE_FINDINGS + 5);
    expect(many.truncated).toBe(true);
  });

  it('is not truncated at exactly maxFindings findings', () => {
    const builder = new ReportBuilder(2);
    builder.fail([err(1, 1, '/a', 'type', 'm'), err(1, 1, '/b', 'type', 'm')]);
    expect(builder.build(CONTEXT).truncated).toBe(false);
  });

  it('keeps at most five first records per summary entry, each once', () => {
    const builder = new ReportBuilder();
    for (let r = 1; r <= 9; r++) {
      builder.fail([err(r, r, '/codes/0', 'enum', 'm'), err(r, r, '/codes/1', 'enum', 'm')]);
    }
    const report = builder.build(CONTEXT);
    expect(report.summary).toEqual([
      { path: '/codes/*', rule: 'enum', severity: 'error', count: 18, firstRecords: [1, 2, 3, 4, 5], firstLines: [1, 2, 3, 4, 5] },
    ]);
  });

  it('writes array indexes as * in summary paths, and only whole numeric segments', () => {
    const builder = new ReportBuilder();
    const paths = ['/items/0/code', '/items/12/code', '/items/3/dose/7', '/x10/y2', '/matrix/1/2', '', '/0'];
    paths.forEach((path, i) => builder.fail([err(i + 1, i + 1, path, 'type', 'm')]));
    const report = builder.build(CONTEXT);
    expect(report.summary).toEqual([
      { path: '/items/*/code', rule: 'type', severity: 'error', count: 2, firstRecords: [1, 2], firstLines: [1, 2] },
      { path: '', rule: 'type', severity: 'error', count: 1, firstRecords: [6], firstLines: [6] },
      { path: '/*', rule: 'type', severity: 'error', count: 1, firstRecords: [7], firstLines: [7] },
      { path: '/items/*/dose/*', rule: 'type', severity: 'error', count: 1, firstRecords: [3], firstLines: [3] },
      { path: '/matrix/*/*', rule: 'type', severity: 'error', count: 1, firstRecords: [5], firstLines: [5] },
      { path: '/x10/y2', rule: 'type', severity: 'error', count: 1, firstRecords: [4], firstLines: [4] },
    ]);
    // findings keep the real index
    expect(report.findings.map((f) => f.path)).toEqual(paths);
  });

  it('orders the summary by count, then path, then rule', () => {
    const builder = new ReportBuilder();
    builder.fail([err(1, 1, '/b', 'type', 'm'), err(1, 1, '/a', 'type', 'm'), err(1, 1, '/a', 'enum', 'm')]);
    builder.fail([err(2, 2, '/b', 'type', 'm')]);
    expect(builder.build(CONTEXT).summary.map((e) => `${e.path} ${e.rule} ${e.count}`)).toEqual(['/b type 2', '/a enum 1', '/a type 1']);
  });

  it('records file findings as record 0 without counting a record', () => {
    const builder = new ReportBuilder();
    builder.pass();
    builder.fileFinding('json-syntax', 'malformed JSON: the array is not closed');
    const report = builder.build(CONTEXT);
    expect(report.findings).toEqual([err(0, 0, '', 'json-syntax', 'malformed JSON: the array is not closed')]);
    expect(report.stats).toMatchObject({ records: 1, valid: 1, invalid: 0, findings: 1 });
    expect(report.valid).toBe(false);
    expect(report.summary).toEqual([{ path: '', rule: 'json-syntax', severity: 'error', count: 1, firstRecords: [0], firstLines: [0] }]);
  });

  it('shifts the first lines of a part as its findings, and gives late findings their lines in the summary', () => {
    const piece = new ReportBuilder();
    piece.fail([err(1, 1, '/a', 'type', 'm')]);
    piece.fail([err(2, 3, '/a', 'type', 'm')]);
    const builder = new ReportBuilder();
    builder.fail([err(1, 1, '/a', 'type', 'm')]);
    // The piece starts at record 11, line 20: its record 2 (its line 3) is record 12 on line 22.
    builder.absorb(piece.part(), 10, 19);
    const report = builder.build(CONTEXT);
    expect(report.summary).toEqual([{ path: '/a', rule: 'type', severity: 'error', count: 3, firstRecords: [1, 11, 12], firstLines: [1, 20, 22] }]);
    addFindings(report, [
      { record: 14, line: 31, row: 30, path: '', rule: 'duplicate-key', message: 'm', severity: 'warning' },
      { record: 15, line: 33, row: 31, path: '', rule: 'duplicate-key', message: 'm', severity: 'warning' },
    ]);
    expect(report.summary.find((s) => s.rule === 'duplicate-key')).toEqual({
      path: '',
      rule: 'duplicate-key',
      severity: 'warning',
      count: 2,
      firstRecords: [14, 15],
      firstLines: [31, 33],
      firstRows: [30, 31],
    });
  });

  it("keeps a CSV group's first rows index-aligned with its first records, 0 for a finding about the file, whatever came first", () => {
    const rowed = (record: number, line: number, row: number): Finding => ({ ...err(record, line, '', 'encoding', 'm'), row });
    // A record's finding, then the file's (undefined bytes, said at the end), then another record's.
    const builder = new ReportBuilder();
    builder.fail([rowed(1, 3, 2)]);
    builder.fileFinding('encoding', 'm', 'error', 0);
    builder.fail([rowed(2, 5, 4)]);
    expect(builder.build(CONTEXT).summary).toEqual([
      { path: '', rule: 'encoding', severity: 'error', count: 3, firstRecords: [1, 0, 2], firstLines: [3, 0, 5], firstRows: [2, 0, 4] },
    ]);
    // The file's finding first: the rows still go with their records (they were once left out altogether).
    const fileFirst = new ReportBuilder();
    fileFirst.fileFinding('encoding', 'm', 'error', 1);
    fileFirst.fail([rowed(1, 3, 2)]);
    const report = fileFirst.build(CONTEXT);
    expect(report.summary[0]).toMatchObject({ firstRecords: [0, 1], firstLines: [1, 3], firstRows: [0, 2] });
    // A late finding (the scorecard's) keeps the alignment; so does a part absorbed from a thread.
    addFindings(report, [{ ...rowed(7, 9, 8), severity: 'warning' }]);
    expect(report.summary[0]).toMatchObject({ firstRecords: [0, 1, 7], firstRows: [0, 2, 8] });
    const thread = new ReportBuilder();
    thread.fileFinding('encoding', 'm', 'error', 1);
    thread.fail([rowed(1, 3, 2)]);
    const whole = new ReportBuilder();
    whole.absorbDrained(thread.drain());
    whole.fileFinding('encoding', 'm', 'error', 0);
    thread.fail([rowed(2, 4, 3)]);
    whole.absorbDrained(thread.drain());
    expect(whole.build(CONTEXT).summary[0]).toMatchObject({ firstRecords: [0, 1, 0, 2], firstRows: [0, 2, 0, 3] });
    // Not CSV: no rows at all.
    const ndjson = new ReportBuilder();
    ndjson.fileFinding('encoding', 'm');
    ndjson.fail([err(1, 2, '', 'encoding', 'm')]);
    expect(ndjson.build(CONTEXT).summary[0]).not.toHaveProperty('firstRows');
  });

  it('stops adding summary entries past its limit and says so, still counting the findings', () => {
    const builder = new ReportBuilder(1);
    const findings: Finding[] = [];
    for (let i = 0; i < 5001; i++) findings.push(err(1, 1, `/f${i}`, 'additionalProperties', 'is not a field of this standard'));
    builder.fail(findings);
    builder.fail([err(2, 2, '/f0', 'additionalProperties', 'is not a field of this standard')]);
    const report = builder.build(CONTEXT);
    expect(report.summary).toHaveLength(5000);
    expect(report.summaryTruncated).toBe(true);
    expect(report.summary[0]).toEqual({ path: '/f0', rule: 'additionalProperties', severity: 'error', count: 2, firstRecords: [1, 2], firstLines: [1, 2] });
    expect(report.stats.findings).toBe(5002);
  });
});

describe('maxFindings through validateStream', () => {
  it('caps the findings list and keeps the summary whole', async () => {
    const version = compile(PERSON_SCHEMA);
    const lines = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? `{"id":${i}}` : `{"id":"ok${i}","age":-1}`)).join('\n');
    const report = await run([lines], version, { format: 'ndjson', maxFindings: 2 });
    // A number in a text field is told to be quoted (type-hints.ts).
    expect(report.findings).toEqual([
      err(1, 1, '/id', 'type', 'must be of type string; it is written as a number, but the field holds text: send the value in quotes ("…")'),
      err(2, 2, '/age', 'minimum', 'must be at least 0'),
    ]);
    expect(report).toMatchObject({ maxFindings: 2, truncated: true, valid: false });
    expect(report.stats).toMatchObject({ records: 10, valid: 0, invalid: 10, findings: 10 });
    expect(report.summary).toEqual([
      { path: '/age', rule: 'minimum', severity: 'error', count: 5, firstRecords: [2, 4, 6, 8, 10], firstLines: [2, 4, 6, 8, 10] },
      { path: '/id', rule: 'type', severity: 'error', count: 5, firstRecords: [1, 3, 5, 7, 9], firstLines: [1, 3, 5, 7, 9] },
    ]);
  });
});

describe('a report never outgrows its findings’ bounds', () => {
  it('cuts a field name of megabytes in the path, and an author’s long message, in the findings and the summary', async () => {
    const key = 'k'.repeat(100_000);
    const version = compile({ type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false });
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ [`${key}${i}`]: 1 })).join('\n');
    const report = await run([lines], version, { format: 'ndjson' });
    expect(report.stats).toMatchObject({ records: 50, invalid: 50, findings: 50 });
    expect(report.findings).toHaveLength(50);
    for (const f of report.findings) expect(f.path).toBe(`/${'k'.repeat(MAX_FINDING_PATH - 2)}…`);
    expect(report.summary).toEqual([expect.objectContaining({ path: `/${'k'.repeat(MAX_FINDING_PATH - 2)}…`, rule: 'additionalProperties', count: 50 })]);
    expect(JSON.stringify(report).length).toBeLessThan(100_000); // the input was 5 MB

    const builder = new ReportBuilder();
    builder.fail([err(1, 1, '/a', 'x-consistency', 'm'.repeat(10_000))]);
    builder.fileFinding('file-name', 'n'.repeat(10_000));
    const built = builder.build(CONTEXT);
    expect(built.findings.map((f) => f.message.length)).toEqual([MAX_FINDING_MESSAGE, MAX_FINDING_MESSAGE]);
    expect(built.findings[0]!.message.endsWith('m…')).toBe(true);
  });

  it('never cuts between the halves of a pair, nor inside a pointer escape', () => {
    expect(cutText(`${'a'.repeat(8)}😀`, 10)).toBe(`${'a'.repeat(8)}😀`);
    expect(cutText(`${'a'.repeat(8)}😀b`, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(cutText(`/${'a'.repeat(7)}~1b`, 10)).toBe(`/${'a'.repeat(7)}…`);
    expect(cutText('short', 10)).toBe('short');
  });
});
