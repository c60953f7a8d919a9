/**
 * The text report's first lines say which findings fail the file: errors and warnings are counted apart
 * and each row of the tables says which it is, and a file failed by a fault of its own (its header, its
 * name) though its records pass says so, rather than "INVALID: 1 record, 1 valid, 0 invalid" alone.
 */
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/cli/format-report.js';
import type { Report } from '../../src/validation/report-types.js';

const base: Report = {
  standard: { id: 'immunisation-batch', version: '10.2.0', contentHash: 'sha256:x' },
  format: 'csv',
  gzip: false,
  valid: false,
  stats: { records: 1, valid: 1, invalid: 0, findings: 1, bytes: 1130, seconds: 0.01 },
  findings: [{ record: 0, line: 0, path: '', rule: 'header-order', message: 'the header must be …', severity: 'error' }],
  maxFindings: 1000,
  truncated: false,
  summary: [{ path: '', rule: 'header-order', severity: 'error', count: 1, firstRecords: [0], firstLines: [0], firstRows: [0] }],
  summaryTruncated: false,
};

describe('the text report says what fails the file', () => {
  it('a file whose records pass but whose header is wrong: the file itself has the error, to fix first', () => {
    const text = formatReport(base, 'COVID_Vaccinations_v5_B86001_20261206T12000000.csv');
    const lines = text.split('\n');
    expect(lines[1]).toBe('INVALID: 1 record, 1 valid, 0 invalid, 1 finding (1 error, 0 warnings) in 0.01 s');
    expect(lines[2]).toBe(
      'The file itself has 1 error (its header row), so it is invalid though every record passes: fix that first (record "file" in the findings below).',
    );
    expect(text).toMatch(/\n {2}field\s+rule\s+severity\s+count\s/);
    expect(text).toMatch(/\n {2}\(record\)\s+header-order\s+error\s+1\s+file\s/);
    expect(text).toMatch(/\n {2}file\s+-\s+-\s+\(record\)\s+header-order\s+error\s+the header must be/);
  });

  it("gives the file's size as the service and the pages do (KiB, MiB), not in decimal-sounding KB or MB", () => {
    const header = (bytes: number, gzip = false): string => formatReport({ ...base, gzip, stats: { ...base.stats, bytes } }, 'x.csv').split('\n')[0] ?? '';
    expect(header(1130)).toBe('immunisation-batch@10.2.0  x.csv (csv, 1.1 KiB)');
    expect(header(512)).toBe('immunisation-batch@10.2.0  x.csv (csv, 512 bytes)');
    expect(header(3 * 1024 * 1024, true)).toBe('immunisation-batch@10.2.0  x.csv (csv, gzip, 3 MiB)');
    expect(header(1_048_575)).toBe('immunisation-batch@10.2.0  x.csv (csv, 1 MiB)');
  });

  it('invalid records and a wrong file name: both are said, the name by what it is', () => {
    const report: Report = {
      ...base,
      stats: { ...base.stats, records: 3, valid: 1, invalid: 2, findings: 4 },
      findings: [
        { record: 0, line: 0, path: '', rule: 'file-name', message: 'the file name must be …', severity: 'error' },
        { record: 1, line: 2, row: 2, path: '/NHS_NUMBER', rule: 'format', message: 'must be a valid NHS number', severity: 'error' },
      ],
      summary: [
        { path: '', rule: 'file-name', severity: 'error', count: 1, firstRecords: [0], firstLines: [0], firstRows: [0] },
        { path: '/PERSON_POSTCODE', rule: 'format', severity: 'warning', count: 1, firstRecords: [3], firstLines: [4], firstRows: [4] },
        { path: '/NHS_NUMBER', rule: 'format', severity: 'error', count: 2, firstRecords: [1, 2], firstLines: [2, 3], firstRows: [2, 3] },
      ],
    };
    const text = formatReport(report, 'x.csv');
    expect(text).toContain('INVALID: 3 records, 1 valid, 2 invalid, 4 findings (3 errors, 1 warning) in');
    expect(text).toContain('As well as the invalid records, the file itself has 1 error (its name) (record "file" in the findings below).');
    // Errors first in the table of fields and rules: the warning comes after every error.
    const table = text.slice(text.indexOf('Findings by field and rule:'), text.indexOf('First findings:'));
    expect(table.indexOf('/PERSON_POSTCODE')).toBeGreaterThan(table.indexOf('/NHS_NUMBER'));
    expect(table).toMatch(/\/PERSON_POSTCODE\s+format\s+warning\s+1\s/);
  });

  it('an empty file: the file itself has the errors, and no record is said to pass', () => {
    const report: Report = {
      ...base,
      stats: { ...base.stats, records: 0, valid: 0, invalid: 0, findings: 2 },
      findings: [
        { record: 0, line: 0, path: '', rule: 'csv-header', message: 'the file has no header row', severity: 'error' },
        { record: 0, line: 0, path: '', rule: 'empty', message: 'the file is empty', severity: 'error' },
      ],
      summary: [
        { path: '', rule: 'csv-header', severity: 'error', count: 1, firstRecords: [0], firstLines: [0], firstRows: [0] },
        { path: '', rule: 'empty', severity: 'error', count: 1, firstRecords: [0], firstLines: [0], firstRows: [0] },
      ],
    };
    expect(formatReport(report, 'empty.csv').split('\n')[2]).toBe(
      'The file itself has 2 errors (its header row; it is empty), so it is invalid: fix that first (record "file" in the findings below).',
    );
  });

  it('a valid file with warnings: they are counted as warnings, and said not to fail the file', () => {
    const report: Report = {
      ...base,
      valid: true,
      findings: [{ record: 1, line: 2, row: 2, path: '/PERSON_POSTCODE', rule: 'format', message: 'is not a postcode', severity: 'warning' }],
      summary: [{ path: '/PERSON_POSTCODE', rule: 'format', severity: 'warning', count: 1, firstRecords: [1], firstLines: [2], firstRows: [2] }],
    };
    const text = formatReport(report, 'x.csv');
    expect(text).toContain('VALID: 1 record, 1 valid, 0 invalid, 1 finding (0 errors, 1 warning) in');
    expect(text).toContain('Warnings do not make the file invalid: check each one.');
    expect(text).not.toContain('The file itself');
  });
});
