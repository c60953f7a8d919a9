/**
 * Where each finding is, on the report page (an upload's, and a past submission's): a field and rule's
 * first records with the line of the file each starts on (every format) and, for CSV, the row a
 * spreadsheet shows each on, under their own column headers, in the words the findings download uses.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';
import { reportView } from '../../src/web/report-view.js';
import type { Report } from '../../src/validation/report-types.js';

let t: TestApp;
let cookie: string;
let header: string;
let first: string;
let ndjson: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
  [header, first] = (await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8')).split('\n') as [string, string];
  ndjson = (await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url), 'utf8')).split('\n')[0]!;
});
afterAll(async () => t.stop());

const get = (url: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });

/** Uploads a file as a submission on the web form, and answers the stored report's address. */
async function submit(name: string, text: string): Promise<string> {
  const form = await get('/validate');
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', 'emergency-care-attendance@3.0.0'],
    ['act', 'submit'],
  ];
  const payload = Buffer.concat(multipartParts(fields, { name, chunk: Buffer.from(text), repeat: 1 }));
  const response = await t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload,
  });
  expect(response.statusCode, response.payload.slice(0, 500)).toBe(303);
  return String(response.headers.location);
}

/** The findings table: its column headers, and its rows as cells of text (the responsive headings left out). */
function findingsTable(html: string): { headers: string[]; rows: string[][] } {
  const table = /<h2>Findings by field and rule<\/h2>[^]*?(<table[^]*?<\/table>)/.exec(html)![1]!;
  const text = (cell: string) =>
    cell
      .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return {
    headers: [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]!),
    rows: [...table.matchAll(/<tr class="nhsuk-table__row" role="row">(<td[^]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((c) => text(c[1]!)),
    ),
  };
}

describe('the report page says where each finding is', () => {
  it("CSV: first records with their spreadsheet rows and lines, under their own headers, on the submission's page", async () => {
    // An empty line after the first record: the duplicates are records 2 and 3, on lines (and rows) 4 and 5.
    const location = await submit('duplicates.csv', `${header}\n${first}\n\n${first}\n${first}\n`);
    // The upload lands on the stored report's own address, the page for this past submission.
    {
      const page = await get(location);
      expect(page.statusCode).toBe(200);
      const { headers, rows } = findingsTable(page.payload);
      expect(headers).toEqual(['Field', 'Rule', 'Severity', 'Count', 'First records', 'Spreadsheet rows', 'Lines in the file', 'Message']);
      expect(rows.filter((r) => r[1] === 'duplicate-key')).toEqual([
        [
          '(record)',
          'duplicate-key',
          'Warning',
          '2',
          '2, 3',
          '4, 5',
          '4, 5',
          'has the same record key (providerOdsCode, attendanceId) as record 1 (line 2, row 2); records with this key: 1, 2, 3 (3 records)',
        ],
      ]);
      // The headings are explained, with the download's column names.
      expect(page.payload).toContain('the row a spreadsheet shows each on (the header is row 1; an empty line is a row, a cell over several lines is one row)');
      expect(page.payload).toContain('in its columns record, row, line.');
      expect(page.payload).toContain('aria-describedby="where-findings-are"');
    }
    // The download names them the same way.
    const csv = await get(`${location}/findings.csv`);
    expect(
      csv.payload
        .split('\n')
        .filter((l) => l.includes('duplicate-key'))
        .map((l) => l.split(',').slice(0, 3)),
    ).toEqual([
      ['2', '4', '4'],
      ['3', '5', '5'],
    ]);
  });

  it('NDJSON: the lines, and no spreadsheet rows column', async () => {
    // A blank line: record 2 is on line 3.
    const location = await submit('duplicates.ndjson', `${ndjson}\n\n${ndjson}\n`);
    const { headers, rows } = findingsTable((await get(location)).payload);
    expect(headers).toEqual(['Field', 'Rule', 'Severity', 'Count', 'First records', 'Lines in the file', 'Message']);
    expect(rows.find((r) => r[1] === 'duplicate-key')!.slice(2, 6)).toEqual(['Warning', '1', '2', '3']);
    expect(rows.find((r) => r[1] === 'duplicate-key')![6]).toContain('as record 1 (line 1);');
  });
});

describe('reportView: the first records where they are', () => {
  const base: Report = {
    standard: { id: 's', version: '1.0.0', contentHash: 'sha256:x' },
    format: 'csv',
    gzip: false,
    valid: false,
    stats: { records: 9, valid: 6, invalid: 3, findings: 4, bytes: 10, seconds: 0 },
    findings: [
      { record: 0, line: 0, path: '', rule: 'csv-columns', message: 'ragged', severity: 'warning' },
      // After a cell over two lines, a record's spreadsheet row is one less than its line.
      { record: 2, line: 4, row: 3, path: '/n', rule: 'format', message: 'a near miss of one kind', severity: 'error' },
      { record: 5, line: 8, row: 7, path: '/n', rule: 'format', message: 'a near miss of another kind', severity: 'error' },
    ],
    maxFindings: 1000,
    truncated: false,
    summary: [
      { path: '/n', rule: 'format', severity: 'error', count: 3, firstRecords: [2, 5, 9], firstLines: [4, 8, 12], firstRows: [3, 7, 11] },
      { path: '', rule: 'csv-columns', severity: 'warning', count: 1, firstRecords: [0], firstLines: [0] },
    ],
    summaryTruncated: false,
  };

  it("gives each first record its row and line, a file finding neither, and each message's records where they are", () => {
    const view = reportView(base);
    expect(view.csv).toBe(true);
    expect(view.groups.map((g) => g.first)).toEqual([
      // Record 9's finding is not kept in the report (the cap): its line and row come from the summary.
      { records: ['2', '5', '9'], rows: ['3', '7', '11'], lines: ['4', '8', '12'] },
      { records: ['file'], rows: ['–'], lines: ['–'] },
    ]);
    expect(view.groups[0]!.messages).toEqual([
      { message: 'a near miss of one kind', records: 'record 2 (line 4, row 3)' },
      { message: 'a near miss of another kind', records: 'record 5 (line 8, row 7)' },
    ]);
  });

  it("a group mixing the file's finding and records' shows each row beside its own record, as the summary aligns them", () => {
    const mixed: Report = {
      ...base,
      findings: [
        { record: 0, line: 0, path: '', rule: 'encoding', message: 'bytes that are not UTF-8', severity: 'error' },
        { record: 3, line: 5, row: 4, path: '', rule: 'encoding', message: 'bytes that are not UTF-8', severity: 'error' },
      ],
      summary: [{ path: '', rule: 'encoding', severity: 'error', count: 3, firstRecords: [0, 3, 6], firstLines: [0, 5, 9], firstRows: [0, 4, 8] }],
    };
    expect(reportView(mixed).groups[0]!.first).toEqual({ records: ['file', '3', '6'], rows: ['–', '4', '8'], lines: ['–', '5', '9'] });
    // Stored before firstRows was aligned: record 0 had no place in it, so its rows are fewer; realigned.
    const unaligned = { ...mixed, summary: [{ ...mixed.summary[0]!, firstRows: [4, 8] }] };
    expect(reportView(unaligned).groups[0]!.first.rows).toEqual(['–', '4', '8']);
    // Stored before summaries kept rows: each from its kept finding where the report has it, else not known.
    const rowless = { ...mixed, summary: [{ ...mixed.summary[0]!, firstRows: undefined }] };
    expect(reportView(rowless).groups[0]!.first.rows).toEqual(['–', '4', '–']);
  });

  it('a report stored before the summary kept lines takes them from its kept findings; NDJSON has no rows', () => {
    const old = { ...base, summary: base.summary.map(({ firstLines: _lines, ...s }) => s) } as unknown as Report;
    expect(reportView(old).groups[0]!.first).toEqual({ records: ['2', '5', '9'], rows: ['3', '7', '11'], lines: ['4', '8', '–'] });
    const ndjsonReport: Report = {
      ...base,
      format: 'ndjson',
      findings: base.findings.map(({ row: _row, ...f }) => f),
      summary: [{ path: '/n', rule: 'format', severity: 'error', count: 2, firstRecords: [2, 5], firstLines: [3, 6] }],
    };
    const view = reportView(ndjsonReport);
    expect(view.csv).toBe(false);
    expect(view.groups[0]!.first).toEqual({ records: ['2', '5'], rows: [], lines: ['3', '6'] });
  });
});
