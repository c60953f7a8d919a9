/**
 * The file's name from a Content-Disposition header (RFC 6266, with RFC 8187's filename*), as curl, browsers
 * and HTTP libraries send it: read when ?filename= is not given, the same name in both accepted, two names
 * that differ refused naming both places, and a header that cannot be read refused naming the header.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { dispositionFileName } from '../../src/http/content-disposition.js';

describe('dispositionFileName', () => {
  it.each([
    ['attachment; filename="a.csv"', 'a.csv'],
    ['attachment; filename=a.csv', 'a.csv'],
    ['inline;filename="with \\"quotes\\" and ; semicolon.csv"', 'with "quotes" and ; semicolon.csv'],
    ['attachment; filename="fallback.csv"; filename*=UTF-8\'\'Caf%C3%A9%20%E2%80%93%20Q1.csv', 'Café – Q1.csv'],
    ["attachment; filename*=utf-8'en'na%C3%AFve.csv", 'naïve.csv'],
    ["attachment; filename*=ISO-8859-1''caf%E9.csv", 'café.csv'],
    ['attachment; filename="C:\\Users\\me\\a.csv"', 'C:\\Users\\me\\a.csv'],
    ['attachment', undefined],
    ['form-data; name="file"', undefined],
    ['', undefined],
  ])('%s -> %s', (header, name) => {
    expect(dispositionFileName(header)).toBe(name);
  });

  it.each([
    ['; filename=a.csv', 'must begin with its type, such as attachment or inline'],
    ['attachment; filename="a.csv', 'has a quoted value without its closing quote'],
    ['attachment; filename=a.csv; filename=b.csv', 'gives filename more than once'],
    ["attachment; filename*=UTF-8''%FF.csv", 'has a filename* that is not UTF-8, though it says so'],
    ["attachment; filename*=Shift_JIS''a.csv", 'has a filename* in a charset other than UTF-8 or ISO-8859-1'],
    ['attachment; filename*=a.csv', "has a filename* that is not charset'language'value (such as UTF-8''name.csv)"],
    ['attachment; filename', 'has a parameter without a value (name=value)'],
  ])('%s is refused: %s', (header, why) => {
    expect(() => dispositionFileName(header)).toThrow(`the Content-Disposition header ${why}`);
  });
});

let t: TestApp;
let batch: string;
const BATCH = 'COVID_Vaccinations_v5_B86001_20240612T12000001';
beforeAll(async () => {
  t = await startTestApp();
  batch = await readFile(new URL(`../fixtures/${BATCH}.csv`, import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

const send = (query: string, headers: Record<string, string>) =>
  t.call({
    method: 'POST',
    url: `/v1/standards/immunisation-batch/versions/10.3.0/trial${query}`,
    payload: batch,
    headers: { 'content-type': 'application/octet-stream', ...bearer(t.tokens.supplier), ...headers },
  });

describe("the API reads the file's name from Content-Disposition", () => {
  it('application/octet-stream with only a Content-Disposition: the name says the format and is checked against the convention', async () => {
    const response = await send('', { 'content-disposition': `attachment; filename="C:\\Users\\me\\${BATCH}.csv"` });
    expect(response.statusCode, response.payload).toBe(200);
    const report = JSON.parse(response.payload) as { format: string; fileName?: string; stats: { records: number }; findings: { rule: string }[] };
    expect(report.format).toBe('csv');
    expect(report.stats.records).toBeGreaterThan(0);
    // The folders are dropped, and the name keeps the batch file's convention: no file-name finding.
    expect(report.findings.filter((f) => f.rule === 'file-name')).toEqual([]);
  });

  it('a name that breaks the convention, given by filename*, is a file-name finding as it would be by ?filename=', async () => {
    const header = await send('', { 'content-disposition': "attachment; filename*=UTF-8''vaccinations%20%E2%80%93%20June.csv" });
    const query = await send(`?filename=${encodeURIComponent('vaccinations – June.csv')}`, {});
    expect(header.statusCode).toBe(200);
    const rules = (payload: string) => (JSON.parse(payload) as { findings: { rule: string }[] }).findings.map((f) => f.rule).filter((r) => r === 'file-name');
    expect(rules(header.payload)).toEqual(['file-name']);
    expect(rules(header.payload)).toEqual(rules(query.payload));
  });

  it('the same name in both is accepted; two different names are a 400 naming both, and nothing is read', async () => {
    const same = await send(`?filename=${BATCH}.csv`, { 'content-disposition': `attachment; filename="${BATCH}.csv"` });
    expect(same.statusCode).toBe(200);
    const differ = await send(`?filename=${BATCH}.csv`, { 'content-disposition': 'attachment; filename="other.csv"' });
    expect(differ.statusCode).toBe(400);
    const problem = JSON.parse(differ.payload) as { detail: string; errors: unknown[] };
    expect(problem.detail).toBe("the file's name is given twice, by ?filename= and by the Content-Disposition header, and the two differ");
    expect(problem.errors).toEqual([
      expect.objectContaining({ in: 'query', name: 'filename' }),
      expect.objectContaining({ in: 'header', name: 'Content-Disposition' }),
    ]);
    expect(differ.payload).not.toContain('other.csv');
  });

  it('a Content-Disposition that cannot be read is a 400 naming the header', async () => {
    const response = await send('', { 'content-disposition': 'attachment; filename="unclosed.csv' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.payload)).toMatchObject({
      detail: 'the Content-Disposition header has a quoted value without its closing quote',
      errors: [{ in: 'header', name: 'Content-Disposition', detail: 'has a quoted value without its closing quote' }],
    });
  });

  it('a name from the header that says another format than the Content-Type is refused naming the header', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/immunisation-batch/versions/10.3.0/trial',
      payload: batch,
      headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${BATCH}.csv"`, ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload).errors).toEqual([expect.objectContaining({ in: 'header', name: 'Content-Disposition' })]);
  });
});

describe('a form upload where the body is the file', () => {
  // curl -F file=@… (multipart/form-data) was told only the list of types, which named none of what it sent.
  it('is a 415 saying the body is the file, and how to send it', async () => {
    const boundary = 'conformboundary';
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/immunisation-batch/versions/10.3.0/trial',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${BATCH}.csv"\r\nContent-Type: text/csv\r\n\r\n${batch}\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(415);
    expect(JSON.parse(response.payload).detail).toMatch(
      /^this endpoint takes the file itself as the request body, not a form upload \(multipart\/form-data\): send its bytes with its type, such as curl --data-binary @file\.csv -H 'Content-Type: text\/csv', or as application\/octet-stream with its name in \?filename= or a Content-Disposition header; it takes application\/json, /,
    );
  });
});
