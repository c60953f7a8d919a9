/**
 * The API reads a body in the format its Content-Type declares; a `filename` that says another data format
 * is refused before a byte is read (400, naming the query parameter), in the words the web's upload and the
 * CLI give the same file (services/submission-format.ts); one that agrees, or says none, is read as declared.
 * A body sent as application/octet-stream is read in the format its name says, the version's own extensions
 * (a batch file's .dat) included.
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

  describe('a file sent as application/octet-stream: its name says its format, with what the version says of its own', () => {
    const BATCH = 'COVID_Vaccinations_v5_B86001_20240612T12000001';
    const send = async (standard: string, filename: string | undefined, payload: string, type = 'application/octet-stream') =>
      t.call({
        method: 'POST',
        url: `/v1/standards/${standard}/trial${filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`}`,
        payload,
        headers: { 'content-type': type, ...bearer(t.tokens.supplier) },
      });

    it("reads a batch file named .dat (the version's x-file-name extensions) in its pipe-delimited CSV layout", async () => {
      const batch = await readFile(new URL(`../fixtures/${BATCH}.csv`, import.meta.url), 'utf8');
      const response = await send('immunisation-batch/versions/10.2.0', `${BATCH}.dat`, batch);
      expect(response.statusCode, response.payload).toBe(200);
      const report = JSON.parse(response.payload) as { format: string; stats: { records: number }; findings: { rule: string }[] };
      expect(report).toMatchObject({ format: 'csv', stats: { records: batch.trim().split('\n').length - 1 } });
      expect(report.findings.filter((f) => f.rule === 'file-name')).toEqual([]);
      // Declared another format, the same name is refused as misnamed.
      const declared = await send('immunisation-batch/versions/10.2.0', `${BATCH}.dat`, batch, 'application/x-ndjson');
      expect(declared.statusCode).toBe(400);
      expect(JSON.parse(declared.payload).detail).toBe(
        `the file's name "${BATCH}.dat" says csv, but the file was declared ndjson; rename the file if it holds ndjson, or declare it csv`,
      );
    });

    it('reads a usual name as it says, and refuses a name that says none (a 400 about the filename) or no name (a 415)', async () => {
      const ok = await send('emergency-care-attendance/versions/3.0.0', 'attendances.csv', sample);
      expect(ok.statusCode).toBe(200);
      expect(JSON.parse(ok.payload)).toMatchObject({ format: 'csv', stats: { records: 10 } });
      const dat = await send('emergency-care-attendance/versions/3.0.0', 'attendances.dat', sample);
      expect(dat.statusCode).toBe(400);
      const problem = JSON.parse(dat.payload) as { detail: string; errors: unknown[] };
      expect(problem.detail).toBe('cannot tell the format of "attendances.dat" from its name: name it .json, .ndjson, .jsonl or .csv (optionally .gz)');
      expect(problem.errors).toEqual([expect.objectContaining({ in: 'query', name: 'filename' })]);
      const nameless = await send('emergency-care-attendance/versions/3.0.0', undefined, sample);
      expect(nameless.statusCode).toBe(415);
      expect(JSON.parse(nameless.payload).detail).toBe(
        'a body sent as application/octet-stream is read in the format its name says: give its name (?filename=, or a Content-Disposition header with filename=), or declare its format, one of application/json, application/x-ndjson, application/ndjson, application/jsonl, text/csv',
      );
    });
  });
});
