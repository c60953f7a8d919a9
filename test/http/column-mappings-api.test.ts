/**
 * Column mappings over the API: an organisation saves its CSV header names -> the standard's fields
 * (bounded, checked against the standard), reads and deletes it; validate and trial rename the header
 * by it (gzip too) unless `?mapping=none`; another organisation neither sees nor uses it.
 */
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let csv: string;
let other: string;
beforeAll(async () => {
  t = await startTestApp();
  csv = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
  other = (await t.app.services.access.issue({ name: 'other supplier', role: 'supplier', organisation: 'RR8' }, 'test')).token;
});
afterAll(async () => t.stop());

const URL_ = '/v1/standards/emergency-care-attendance/column-mappings';
const put = (body: unknown, token = t.tokens.supplier) =>
  t.call({ method: 'PUT', url: URL_, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...bearer(token) } });
const get = (token = t.tokens.supplier) => t.call({ method: 'GET', url: URL_, headers: bearer(token) });
const del = (token = t.tokens.supplier) => t.call({ method: 'DELETE', url: URL_, headers: bearer(token) });

/** The sample with two columns renamed as a supplier's system writes them. */
const renamed = () => {
  const [header, ...rows] = csv.split('\n');
  return [header!.replace('nhsNumber', 'NHS Number').replace('postcode', 'post_code'), ...rows].join('\n');
};
const trial = (body: string | Buffer, query = '', token = t.tokens.supplier) =>
  t.call({
    method: 'POST',
    url: `/v1/standards/emergency-care-attendance/versions/3.0.0/trial${query}`,
    payload: body,
    headers: { 'content-type': 'text/csv', ...bearer(token) },
  });
const paths = (report: unknown) => (report as { findings: { path: string; rule: string }[] }).findings.map((f) => `${f.path} ${f.rule}`);

describe('column mappings', () => {
  it('are saved, read, replaced and deleted for the caller’s organisation only', async () => {
    expect((await get()).statusCode).toBe(404);
    const created = await put({ columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode' } });
    expect(created.statusCode).toBe(201);
    expect(created.result).toEqual({
      standard: 'emergency-care-attendance',
      organisation: '8KR01',
      columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode' },
      updatedAt: expect.any(String),
      updatedBy: expect.stringMatching(/^supplier:test supplier/),
    });
    expect((await get()).result).toEqual(created.result);
    expect((await get(other)).statusCode).toBe(404);
    const replaced = await put({ columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode', Gender: 'personStatedGender' } });
    expect(replaced.statusCode).toBe(200);
    expect(await del(other)).toMatchObject({ statusCode: 404 });
    expect((await del()).statusCode).toBe(204);
    expect((await get()).statusCode).toBe(404);
    expect((await del()).statusCode).toBe(404);
  });

  it('rename the header of a CSV before validation (gzip too), unless ?mapping=none; another organisation is unaffected', async () => {
    const unmapped = paths((await trial(renamed())).result);
    // Unmapped, the renamed columns are header findings (one for both, as they are the fields written
    // another way: "NHS Number", "post_code"), not row findings.
    expect(unmapped.filter((p) => p.endsWith('misspelt-column'))).toHaveLength(1);
    await put({ columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode' } });
    const mapped = await trial(renamed());
    const report = mapped.result as { columnMapping: object; stats: object };
    expect(report.columnMapping).toEqual({
      renamed: [
        { column: 'NHS Number', field: 'nhsNumber' },
        { column: 'post_code', field: 'postcode' },
      ],
    });
    const original = (await trial(csv, '?mapping=none')).result;
    expect(paths(report)).toEqual(paths(original));
    expect(paths((await trial(renamed(), '?mapping=none')).result)).toEqual(unmapped);
    expect(paths((await trial(renamed(), '', other)).result)).toEqual(unmapped);
    const gz = (await trial(gzipSync(renamed()))).result as { gzip: boolean; stats: { compressedBytes: number; bytes: number } };
    expect(gz).toMatchObject({ gzip: true, stats: { bytes: Buffer.byteLength(renamed()), compressedBytes: expect.any(Number) } });
    expect(paths(gz)).toEqual(paths(original));
    expect((await trial(renamed(), '?mapping=other')).statusCode).toBe(400);
    await del();
  });

  it('leave a header byte that is not UTF-8 for the reader to refuse, as without a mapping (never read as U+FFFD)', async () => {
    await put({ columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode' } });
    const [header, ...rows] = renamed().split('\n');
    const bad = Buffer.concat([Buffer.from(`${header}`), Buffer.from(',caf'), Buffer.from([0xe9]), Buffer.from(`\n${rows.join('\n')}`)]);
    try {
      for (const query of ['', '?mapping=none']) {
        const response = await trial(bad, query);
        expect(response.statusCode, query).toBe(400);
        expect(JSON.parse(response.payload), query).toMatchObject({
          detail: 'the submission cannot be read: the header row is not valid UTF-8; save the file as UTF-8',
          errors: [{ unreadable: 'csv-header' }],
        });
      }
    } finally {
      await del();
    }
  });

  it.each([
    ['more than 500 columns', { columns: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`c${i}`, 'nhsNumber'])) }, 422, /columns/],
    ['a name over 200 characters', { columns: { ['x'.repeat(201)]: 'nhsNumber' } }, 422, /columns/],
    ['a field the standard does not have', { columns: { nhs: 'nhsNumbr' } }, 422, /"nhsNumbr" is not a field of emergency-care-attendance/],
    ['two names for one field', { columns: { nhs: 'nhsNumber', NHS: 'nhsNumber' } }, 422, /maps to nhsNumber already/],
    ['a name with a line break', { columns: { 'nhs\nnumber': 'nhsNumber' } }, 422, /without surrounding spaces, control, format or bidirectional characters/],
    // A right-to-left override would reorder what a page shows around the name; a lone surrogate can never match a UTF-8 header.
    ['a name with a right-to-left override', { columns: { 'nhs\u202Erebmun': 'nhsNumber' } }, 422, /control, format or bidirectional characters/],
    ['a name with a zero-width joiner', { columns: { 'nhs\u200Dnumber': 'nhsNumber' } }, 422, /control, format or bidirectional characters/],
    ['a name with a lone surrogate', { columns: { 'nhs\uD800number': 'nhsNumber' } }, 422, /control, format or bidirectional characters/],
    ['no columns object', { nhs: 'nhsNumber' }, 422, /column mapping/],
  ])('refuse %s', async (_name, body, status, detail) => {
    const response = await put(body);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.payload).detail).toMatch(detail);
    expect((await get()).statusCode).toBe(404);
  });

  it('refuse a body over 256 KiB (413), authors (403) and unknown standards (404)', async () => {
    const huge = await t.call({
      method: 'PUT',
      url: URL_,
      payload: JSON.stringify({ columns: { a: 'x'.repeat(300 * 1024) } }),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
    });
    expect(huge.statusCode).toBe(413);
    expect((await put({ columns: {} }, t.tokens.author)).statusCode).toBe(403);
    const unknown = await t.call({
      method: 'PUT',
      url: '/v1/standards/no-such-standard/column-mappings',
      payload: '{"columns":{}}',
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
