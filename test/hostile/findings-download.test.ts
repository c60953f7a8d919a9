/**
 * Hostile: downloading the findings of a large report. A report keeps up to 100,000 findings (22 MB of
 * CSV); its findings.csv was written whole on the event loop (1.4 s in one stretch, the whole text held),
 * on every download, on the API and the pages. It is now written a piece at a time (500 findings, a few
 * milliseconds each) as the client reads it: the answer is streamed, and its bytes are the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { findingsCsv, FINDINGS_PER_PIECE, findingsCsvPieces } from '../../src/validation/findings-csv.js';
import type { Report } from '../../src/validation/report-types.js';
import { signIn } from './web-support.js';

let t: TestApp;
let id: string;
let report: Report;
beforeAll(async () => {
  t = await startTestApp();
  // 1,500 records, each failing several checks: thousands of findings, more than a few pieces' worth.
  const body = `localPatientId,nhsNumber,dateOfBirth\n${'=1,123,not-a-date\n'.repeat(1500)}`;
  const submitted = await t.server.inject({
    method: 'POST',
    url: '/v1/standards/patient-demographics/versions/2.0.1/validate?maxFindings=100000',
    headers: { ...bearer(t.tokens.supplier), 'content-type': 'text/csv' },
    payload: body,
  });
  expect(submitted.statusCode, submitted.payload.slice(0, 300)).toBe(201);
  id = (JSON.parse(submitted.payload) as Report).submission!.id;
  report = JSON.parse((await t.server.inject({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) })).payload) as Report;
  expect(report.findings.length).toBeGreaterThan(3 * FINDINGS_PER_PIECE);
});
afterAll(async () => t.stop());

describe('findings.csv of a large report', () => {
  it('is written in pieces of FINDINGS_PER_PIECE findings that join to the whole CSV', () => {
    const pieces = [...findingsCsvPieces(report)];
    expect(pieces).toHaveLength(1 + Math.ceil(report.findings.length / FINDINGS_PER_PIECE));
    expect(pieces[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel\n');
    expect(pieces.join('')).toBe(findingsCsv(report));
    expect(findingsCsv(report).split('\n').length).toBe(report.findings.length + 2);
  });

  it('the API streams it (no Content-Length), with the same bytes', async () => {
    const response = await t.server.inject({ method: 'GET', url: `/v1/submissions/${id}/findings.csv`, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.payload).toBe(findingsCsv(report));
  });

  it('the page streams it too', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const response = await t.server.inject({ method: 'GET', url: `/submissions/${id}/findings.csv`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.payload).toBe(findingsCsv(report));
  });
});
