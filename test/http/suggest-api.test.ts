/**
 * Suggestions: the start of a file (a CSV header, the first JSON or NDJSON records) ranked against the
 * published versions, nothing stored, bounded at 64 KiB; and a validation against the wrong standard
 * whose columns match another much better says so in its report.
 */
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let csv: string;
let ndjson: string;
beforeAll(async () => {
  t = await startTestApp();
  csv = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
  ndjson = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

interface Suggestion {
  standard: string;
  version: string;
  columns: number;
  matched: number;
  unknown: number;
  missing: number;
  summary: string;
}

const suggest = (payload: string | Buffer, type: string, token = t.tokens.supplier) =>
  t.call({ method: 'POST', url: '/v1/suggest', payload, headers: { 'content-type': type, ...bearer(token) } });

describe('POST /v1/suggest', () => {
  it('ranks emergency care first for its CSV header, 18 of 18 columns, and stores nothing', async () => {
    const before = (await t.app.store.listSubmissions({ limit: 100 })).length;
    const header = csv.split('\n')[0]!;
    const response = await suggest(`${header}\n`, 'text/csv');
    expect(response.statusCode).toBe(200);
    const body = response.result as { columns: number; suggestions: Suggestion[] };
    expect(body.columns).toBe(18);
    expect(body.suggestions[0]).toEqual({
      standard: 'emergency-care-attendance',
      title: expect.any(String),
      version: '3.1.0',
      columns: 18,
      matched: 18,
      unknown: 0,
      missing: 0,
      summary: expect.stringMatching(/^matches .+ 3\.1\.0: 18 of 18 columns$/),
    });
    const others = body.suggestions.filter((s) => s.standard !== 'emergency-care-attendance');
    expect(others.every((s) => s.matched < 18)).toBe(true);
    expect((await t.app.store.listSubmissions({ limit: 100 })).length).toBe(before);
  });

  it('reads the first NDJSON records (a cut-off last line ignored), JSON arrays cut short, and gzip', async () => {
    const cut = ndjson.slice(0, ndjson.length - 40);
    const fromNdjson = (await suggest(cut, 'application/x-ndjson')).result as { suggestions: Suggestion[] };
    expect(fromNdjson.suggestions[0]).toMatchObject({ standard: 'emergency-care-attendance', unknown: 0 });
    const array = `[${ndjson.trim().split('\n').join(',')}]`;
    const fromJson = (await suggest(array.slice(0, array.length - 30), 'application/json')).result as { suggestions: Suggestion[] };
    expect(fromJson.suggestions[0]).toMatchObject({ standard: 'emergency-care-attendance', unknown: 0 });
    const fromGzip = (await suggest(gzipSync(csv), 'text/csv')).result as { columns: number; suggestions: Suggestion[] };
    expect(fromGzip.columns).toBe(18);
    expect(fromGzip.suggestions[0]).toMatchObject({ standard: 'emergency-care-attendance', matched: 18 });
  });

  it('refuses more than 64 KiB with 413, and a header row that does not end within it', async () => {
    const big = await suggest('a'.repeat(64 * 1024 + 1), 'text/csv');
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const longHeader = await suggest('a,'.repeat(32 * 1024), 'text/csv');
    expect(longHeader.statusCode).toBe(413);
    expect(JSON.parse(longHeader.payload).detail).toBe('the file cannot be read: the header row is longer than 64 KiB');
  });

  it('needs a token', async () => {
    const response = await t.call({ method: 'POST', url: '/v1/suggest', payload: 'a,b\n', headers: { 'content-type': 'text/csv' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('a validation against the wrong standard', () => {
  it('says which standard the columns match (trial and submission alike); the right one says nothing', async () => {
    for (const act of ['trial', 'validate']) {
      const wrong = await t.call({
        method: 'POST',
        url: `/v1/standards/adult-social-care-client-level/versions/latest/${act}`,
        payload: csv,
        headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
      });
      expect(wrong.statusCode).toBe(act === 'trial' ? 200 : 201);
      expect((wrong.result as { suggestion: object }).suggestion).toEqual({
        standard: 'emergency-care-attendance',
        title: expect.any(String),
        version: '3.1.0',
        columns: 18,
        matched: 18,
        chosen: { standard: 'adult-social-care-client-level', title: expect.any(String), version: expect.any(String), matched: expect.any(Number) },
      });
    }
    const right = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/3.0.0/trial',
      payload: csv,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect((right.result as { suggestion?: object }).suggestion).toBeUndefined();
  });
});
