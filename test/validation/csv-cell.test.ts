import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formulaLike, spreadsheetSafe } from '../../src/validation/csv-cell.js';
import { findingsCsv } from '../../src/validation/findings-csv.js';
import { busAck } from '../../src/validation/ack-file.js';
import type { Finding } from '../../src/validation/report-types.js';

describe('the formula guard on CSV cells (OWASP CSV injection)', () => {
  it('prefixes a cell that begins with =, +, -, @, tab or CR, and leaves numbers and pointers alone', () => {
    for (const text of ['=1+1', '+44 20 7946 0000', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x")']) {
      expect(formulaLike(text)).toBe(true);
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
    }
    for (const text of ['-12', '-3.5', '42', '/address/postcode', '', 'required', 'the value = 3', "'already"]) {
      expect(spreadsheetSafe(text)).toBe(text);
    }
  });

  it('findings.csv shows a formula-like message, field or rule as text', () => {
    const findings: Finding[] = [
      { record: 2, row: 3, line: 3, path: '=cmd', rule: '@rule', message: '-1+2 is not allowed', severity: 'error' },
      { record: 3, row: 4, line: 4, path: '/address/postcode', rule: 'format', message: 'is not a postcode', severity: 'warning' },
    ];
    // A label is an author's text: guarded too.
    const rows = parse<Record<string, string>>(findingsCsv({ findings, fieldTitles: { '/address/postcode': '+Postcode' } }), { columns: true });
    expect(rows).toEqual([
      { record: '2', row: '3', line: '3', field: "'=cmd", rule: "'@rule", severity: 'error', message: "'-1+2 is not allowed", fieldLabel: "'=cmd" },
      {
        record: '3',
        row: '4',
        line: '4',
        field: '/address/postcode',
        rule: 'format',
        severity: 'warning',
        message: 'is not a postcode',
        fieldLabel: "'+Postcode",
      },
    ]);
  });

  it('the BusAck guards its outcome cells', () => {
    const report = {
      format: 'csv',
      valid: false,
      stats: { records: 1, valid: 0, invalid: 1, findings: 1, bytes: 1, seconds: 0 },
      findings: [{ record: 1, line: 2, path: '', rule: 'x', message: '=bad', severity: 'error' }],
      outcomes: { runs: [1, 1, 0], texts: ['=1+1'], omitted: 0, fileFailed: false },
    };
    const text = busAck(report as never, { messageId: 'm', receivedAt: '2026-01-01T00:00:00Z' });
    expect(text).toContain("|'=1+1|");
    expect(text).not.toContain('|=1+1|');
  });
});
