/**
 * Findings that guide: code-list messages name each allowed code with its label; duplicate record keys
 * are warnings naming every record that shares the key (never its value); CSV findings carry the
 * spreadsheet row; a stored report's findings download as CSV, without values.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let header: string;
let first: string;
beforeAll(async () => {
  t = await startTestApp();
  const csv = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
  [header, first] = csv.split('\n') as [string, string];
});
afterAll(async () => t.stop());

interface Finding {
  record: number;
  row?: number;
  line: number;
  path: string;
  rule: string;
  message: string;
  severity: string;
}

const send = (body: string, act: 'trial' | 'validate' = 'trial') =>
  t.call({
    method: 'POST',
    url: `/v1/standards/emergency-care-attendance/versions/3.0.0/${act}`,
    payload: body,
    headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
  });

describe('findings that guide', () => {
  it('list every record that shares a record key, as warnings, without the key', async () => {
    const alone = (await send(`${header}\n${first}\n`)).result as { valid: boolean; findings: Finding[] };
    // An empty line (spreadsheet row 3) between the first record and its duplicates: rows follow the file, not record + 1.
    const report = (await send(`${header}\n${first}\n\n${first}\n${first}\n`)).result as {
      valid: boolean;
      findings: Finding[];
      summary: { path: string; rule: string; count: number; firstRecords: number[]; firstLines: number[]; firstRows?: number[] }[];
      scorecard: { dimensions: { uniqueness: { counts: { duplicates: number } } } };
    };
    expect(report.valid).toBe(alone.valid);
    const duplicates = report.findings.filter((f) => f.rule === 'duplicate-key');
    const message = 'has the same record key (providerOdsCode, attendanceId) as record 1 (line 2, row 2); records with this key: 1, 2, 3 (3 records)';
    expect(duplicates).toEqual([
      { record: 2, line: 4, path: '', rule: 'duplicate-key', message, severity: 'warning', row: 4 },
      { record: 3, line: 5, path: '', rule: 'duplicate-key', message, severity: 'warning', row: 5 },
    ]);
    expect(report.summary).toContainEqual({
      path: '',
      rule: 'duplicate-key',
      severity: 'warning',
      count: 2,
      firstRecords: [2, 3],
      firstLines: [4, 5],
      firstRows: [4, 5],
    });
    expect(report.scorecard.dimensions.uniqueness.counts.duplicates).toBe(2);
    expect(JSON.stringify(duplicates)).not.toContain('RH8A0000001');
  });

  it('name the allowed codes with their labels', async () => {
    const cells = first.split(',');
    const arrival = header.split(',').indexOf('arrivalMode');
    cells[arrival] = '1234567';
    const report = (await send(`${header}\n${cells.join(',')}\n`)).result as { findings: Finding[] };
    const finding = report.findings.find((f) => f.path === '/arrivalMode')!;
    expect(finding).toMatchObject({ rule: 'enum', row: 2 });
    expect(finding.message).toMatch(
      /^must be one of the allowed codes: 1048031000000100 \(Arrival by emergency road ambulance\), 1048041000000109 \(Arrival by emergency road ambulance with medical escort\), /,
    );
    expect(finding.message).not.toContain('1234567');
  });

  it("download a stored report's findings as CSV: positions, fields, rules, messages, no values", async () => {
    const cells = first.split(',');
    cells[header.split(',').indexOf('nhsNumber')] = '9434765918';
    const stored = (await send(`${header}\n${first}\n${cells.join(',')}\n`, 'validate')).result as { submission: { id: string }; findings: Finding[] };
    const response = await t.server.inject({ method: 'GET', url: `/v1/submissions/${stored.submission.id}/findings.csv`, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="findings-${stored.submission.id}.csv"`);
    const lines = response.payload.trim().split('\n');
    expect(lines[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(lines).toContain(
      // fieldLabel last: the field has no title of its own (its $ref'd definition's names the kind of value), so the pointer again.
      '2,3,3,/nhsNumber,format,error,must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error?,/nhsNumber',
    );
    expect(lines).toHaveLength(stored.findings.length + 1);
    expect(response.payload).not.toContain('9434765918');
    expect(response.payload).not.toContain('RH8A0000001');
    const other = (await t.app.services.access.issue({ name: 'other', role: 'supplier', organisation: 'RR8' }, 'test')).token;
    expect((await t.server.inject({ method: 'GET', url: `/v1/submissions/${stored.submission.id}/findings.csv`, headers: bearer(other) })).statusCode).toBe(
      404,
    );
  });
});
