/**
 * The API reads a body in the format its Content-Type declares; a `filename` that says another data format
 * is refused before a byte is read (400, naming the query parameter), in the words the web's upload and the
 * CLI give the same file (services/submission-format.ts); one that agrees, or says none, is read as declared.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let sample: string;
beforeAll(async () => {
  t = await startTestApp();
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url), 'utf8');
});
afterAll(async () => t.stop());

const post = (act: 'trial' | 'validate', filename: string, type = 'text/csv') =>
  t.call({
    method: 'POST',
    url: `/v1/standards/emergency-care-attendance/versions/3.0.0/${act}?filename=${encodeURIComponent(filename)}`,
    payload: sample,
    headers: { 'content-type': type, ...bearer(t.tokens.supplier) },
  });

describe("the file's name and the declared format", () => {
  it.each(['trial', 'validate'] as const)('%s: a name that says another format is a 400 about the filename, and nothing is stored', async (act) => {
    const before = (await t.app.store.listSubmissions({ limit: 100 })).length;
    const response = await post(act, 'attendances.csv', 'application/json');
    expect(response.statusCode).toBe(400);
    const problem = JSON.parse(response.payload) as { detail: string; errors: unknown[] };
    expect(problem.detail).toBe(
      `the file's name "attendances.csv" says csv, but the file was declared json; rename the file if it holds json, or declare it csv`,
    );
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'query', name: 'filename', pointer: '/filename' })]);
    expect((await t.app.store.listSubmissions({ limit: 100 })).length).toBe(before);
  });

  it('a name that agrees (gzip or not), or says no format, is read as declared', async () => {
    for (const name of ['attendances.csv', 'attendances.CSV.gz', 'attendances.txt', 'Returns Q1.xlsx']) {
      const response = await post('trial', name);
      expect(response.statusCode, name).toBe(200);
      expect(JSON.parse(response.payload)).toMatchObject({ format: 'csv', stats: { records: 10 } });
    }
  });
});
