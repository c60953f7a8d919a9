import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const MARKER_NHS = '9434765919';
const MARKER_NAME = 'ZEBEDEE-MARKER';

let t: TestApp;
let otherSupplier: string;
beforeAll(async () => {
  // One test sends three submissions at once from one supplier: more than the default share of two.
  t = await startTestApp({ CONFORM_MAX_SUBMISSION_BYTES: String(2 * 1024 * 1024), CONFORM_MAX_VALIDATIONS_PER_SUPPLIER: '3', PORT: '0', HOST: '127.0.0.1' });
  otherSupplier = (await t.app.services.access.issue({ name: 'other supplier', role: 'supplier', organisation: 'RR8' }, 'test')).token;
  await t.server.start();
});
afterAll(async () => t.stop());

const record = (i: number, extra: Record<string, unknown> = {}) => ({
  localPatientId: `P${i}`,
  nhsNumber: MARKER_NHS,
  givenName: 'Alex',
  familyName: 'Smith',
  dateOfBirth: '1980-02-29',
  personStatedGender: '2',
  address: { postcode: 'LS1 4AP' },
  lastUpdated: '2025-05-01T10:00:00Z',
  ...extra,
});
const ndjson =
  [record(1), record(2, { nhsNumber: '9876544321' }), record(3, { givenName: MARKER_NAME.repeat(3), patientName: MARKER_NAME })]
    .map((r) => JSON.stringify(r))
    .join('\n') + `\n{"localPatientId": "P4", "givenName": "${MARKER_NAME}", oops}\n`;

const validate = (
  body: string | Buffer,
  type: string,
  token = t.tokens.supplier,
  url = '/v1/standards/patient-demographics/versions/1/validate',
  accept?: string,
) => t.call({ method: 'POST', url, payload: body, headers: { 'content-type': type, ...bearer(token), ...(accept ? { accept } : {}) } });

describe('validating a submission', () => {
  it('streams NDJSON through the engine, stores the report for the supplier and returns it', async () => {
    const response = await validate(ndjson, 'application/x-ndjson');
    expect(response.statusCode).toBe(201);
    const report = response.result as Record<string, any>;
    expect(report).toMatchObject({
      standard: { id: 'patient-demographics', version: '1.1.0' },
      format: 'ndjson',
      valid: false,
      stats: { records: 4, valid: 1, invalid: 3 },
    });
    expect(report.findings.map((f: { record: number; path: string; rule: string }) => `${f.record} ${f.path} ${f.rule}`)).toEqual([
      '2 /nhsNumber format',
      '3 /patientName additionalProperties',
      '3 /givenName maxLength',
      '4  json-syntax',
    ]);
    expect(response.headers.location).toBe(`/v1/submissions/${report.submission.id}`);
    expect(report.submission.id).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await t.call({ method: 'GET', url: `/v1/submissions/${report.submission.id}`, headers: bearer(t.tokens.supplier) });
    expect(stored.result).toEqual(report);
  });

  it('gives the same report for gzip, JSON and CSV forms of the same records', async () => {
    const plain = (await validate(ndjson, 'application/x-ndjson')).result as Record<string, any>;
    const gz = (await validate(gzipSync(ndjson), 'application/x-ndjson')).result as Record<string, any>;
    expect(gz).toMatchObject({ gzip: true, stats: { ...plain.stats, seconds: gz.stats.seconds, compressedBytes: expect.any(Number) } });
    expect(gz.findings).toEqual(plain.findings);
    const json = (await validate(JSON.stringify([record(1), record(2, { nhsNumber: '9876544321' })]), 'application/json')).result as Record<string, any>;
    const csv = (
      await validate(
        `localPatientId,nhsNumber,givenName,familyName,dateOfBirth,personStatedGender,address.postcode,lastUpdated\nP1,${MARKER_NHS},Alex,Smith,1980-02-29,2,LS1 4AP,2025-05-01T10:00:00Z\nP2,9876544321,Alex,Smith,1980-02-29,2,LS1 4AP,2025-05-01T10:00:00Z\n`,
        'text/csv; charset=utf-8',
      )
    ).result as Record<string, any>;
    const strip = (findings: { line: number; row?: number }[]) => findings.map(({ line: _l, row: _r, ...f }) => f);
    expect(strip(csv.findings)).toEqual(strip(json.findings));
    // A CSV finding gives the spreadsheet row beside the record: the header is row 1.
    expect(csv.findings.map((f: { record: number; row: number }) => f.row - f.record)).toEqual(csv.findings.map(() => 1));
    expect(json.stats).toMatchObject({ records: 2, invalid: 1 });
  });

  it('answers with a FHIR OperationOutcome when asked', async () => {
    const response = await validate(ndjson, 'application/x-ndjson', t.tokens.supplier, undefined, 'application/fhir+json');
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const outcome = response.result as { resourceType: string; issue: { severity: string; code: string; expression: string[]; diagnostics: string }[] };
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toEqual({
      severity: 'error',
      code: 'value',
      details: { text: 'format' },
      diagnostics:
        'must be a valid NHS number (10 digits with a Modulus 11 check digit); its check digit (the last digit) does not match the first nine digits: a typing error? (line 2)',
      expression: ['Record[2].nhsNumber'],
    });
    expect(outcome.issue.at(-1)).toMatchObject({ severity: 'information', diagnostics: expect.stringContaining('4 records, 1 valid, 3 invalid') });
  });

  it('reports a key given twice and an unpaired surrogate escape as findings at the field, never the value', async () => {
    const first = JSON.stringify(record(1)).replace('{', `{"nhsNumber":"${MARKER_NHS.slice(0, 9)}0",`); // nhsNumber twice: the last one is valid
    const second = JSON.stringify(record(2, { givenName: 'Al' })).replace('"Al"', '"Al\\ud800"');
    const response = await validate(`${first}\n${second}\n${JSON.stringify(record(3))}\n`, 'application/x-ndjson');
    expect(response.statusCode).toBe(201);
    const report = response.result as Record<string, any>;
    expect(report).toMatchObject({ valid: false, stats: { records: 3, valid: 1, invalid: 2, findings: 2 } });
    expect(report.findings).toEqual([
      {
        record: 1,
        line: 1,
        path: '/nhsNumber',
        rule: 'json-duplicate-key',
        severity: 'error',
        message: expect.stringContaining('the field is given more than once in one object'),
      },
      {
        record: 2,
        line: 2,
        path: '/givenName',
        rule: 'json-lone-surrogate',
        severity: 'error',
        message: expect.stringContaining('unpaired surrogate escape'),
      },
    ]);
    const body = response.payload;
    expect(body).not.toContain(MARKER_NHS.slice(0, 9));
    expect(t.logs()).not.toContain(MARKER_NHS.slice(0, 9));
    const fhir = (await validate(`${first}\n`, 'application/x-ndjson', t.tokens.supplier, undefined, 'application/fhir+json')).result as {
      issue: { code: string }[];
    };
    expect(fhir.issue[0]).toMatchObject({ code: 'structure', details: { text: 'json-duplicate-key' }, expression: ['Record[1].nhsNumber'] });
  });

  it('caps findings with maxFindings, still counting all in the summary', async () => {
    const report = (await validate(ndjson, 'application/x-ndjson', t.tokens.supplier, '/v1/standards/patient-demographics/versions/1/validate?maxFindings=1'))
      .result as Record<string, any>;
    expect(report).toMatchObject({ maxFindings: 1, truncated: true, stats: { findings: 4 } });
    expect(report.findings).toHaveLength(1);
    expect(report.summary.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(4);
  });

  it('warns on a deprecated version, naming the newer one, and refuses a retired one with 410', async () => {
    const deprecated = (await validate(ndjson, 'application/x-ndjson', t.tokens.supplier, '/v1/standards/emergency-care-attendance/versions/1.0.0/validate'))
      .result as Record<string, any>;
    expect(deprecated.warnings).toEqual(['emergency-care-attendance 1.0.0 is deprecated; use 3.1.0 (the latest), 3.0.2, 3.0.1 or 3.0.0']);
    await t.app.store.setVersionStatus('covid-vaccination-event', '1.0.0', 'retired', 'test');
    const retired = await validate(ndjson, 'application/x-ndjson', t.tokens.supplier, '/v1/standards/covid-vaccination-event/versions/1.0.0/validate');
    expect(retired.statusCode).toBe(410);
    expect(JSON.parse(retired.payload).detail).toBe(
      'covid-vaccination-event 1.0.0 is retired and no longer validates submissions; use 3.1.0 (the latest), 3.0.0 or 2.1.0',
    );
  });
});

describe('bad input gets a clear answer and stores nothing', () => {
  it.each([
    ['an unknown content type', 'x', 'text/plain', 415, /does not accept that Content-Type; it takes application\/json, application\/x-ndjson/],
    [
      'a corrupt gzip stream',
      gzipSync(ndjson).subarray(0, 30),
      'application/x-ndjson',
      400,
      /^the submission cannot be read: the gzip data is corrupt or cut short/,
    ],
    [
      'a gzip bomb past the limit',
      gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
      'application/x-ndjson',
      413,
      /^the submission cannot be read: the data is larger than the limit of 2 MiB \(counted after decompression\): split the file into smaller files \(for a CSV, each beginning with the header row\) and send each, or ask for the limit \(CONFORM_MAX_SUBMISSION_BYTES\) to be raised$/,
    ],
    ['a UTF-16 file', Buffer.from('\ufeff{}', 'utf16le'), 'application/x-ndjson', 400, /UTF-16/],
    [
      'an Excel workbook sent as CSV',
      Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.alloc(200, 0x41)]),
      'text/csv',
      400,
      /^the submission cannot be read: the file is a zip archive \(an Excel \.xlsx workbook is one\), not text: save the sheet as CSV/,
    ],
  ])('%s', async (_name, body, type, status, detail) => {
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    const response = await validate(body, type);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.payload).detail).toMatch(detail);
    // A body that cannot be read at all says what is wrong with it (the pipeline's InfAck Failure); a size bound does not.
    const unreadable = { 'a corrupt gzip stream': 'corrupt-gzip', 'a UTF-16 file': 'encoding', 'an Excel workbook sent as CSV': 'encoding' }[_name];
    const errors = (JSON.parse(response.payload) as { errors?: { unreadable?: string }[] }).errors ?? [];
    expect(errors.map((e) => e.unreadable).filter((u) => u !== undefined)).toEqual(unreadable ? [unreadable] : []);
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  });

  it('lists what exists for an unknown standard or version, and refuses missing or wrong tokens', async () => {
    const unknown = await validate(ndjson, 'application/x-ndjson', t.tokens.supplier, '/v1/standards/patient-demographics/versions/7/validate');
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.payload).detail).toBe(
      'patient-demographics has no version matching "7"; its versions are: 1.0.0 (published), 1.1.0 (published), 2.0.0 (published), 2.0.1 (published), 2.0.2 (published), 2.0.3 (published), 2.1.0 (published)',
    );
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/v1/standards/patient-demographics/versions/1/validate',
          payload: ndjson,
          headers: { 'content-type': 'application/x-ndjson' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await validate(ndjson, 'application/x-ndjson', 'cfm_wrong')).statusCode).toBe(401);
  });

  it('keeps going when a client aborts half-way: no report stored, the server still serves', async () => {
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    const { port } = t.server.info;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/standards/patient-demographics/versions/1/validate',
        headers: { 'content-type': 'application/x-ndjson', 'content-length': 10_000_000, ...bearer(t.tokens.supplier) },
      });
      req.on('error', () => resolve());
      req.write(ndjson);
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.call({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await validate(ndjson, 'application/x-ndjson')).statusCode).toBe(201);
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before + 1);
  });
});

describe('suppliers see only their own reports', () => {
  it("answers another supplier's id exactly like an id that does not exist; authors and admins see all", async () => {
    const mine = ((await validate(ndjson, 'application/x-ndjson')).result as { submission: { id: string } }).submission.id;
    const theirs = await t.call({ method: 'GET', url: `/v1/submissions/${mine}`, headers: bearer(otherSupplier) });
    const missing = await t.call({ method: 'GET', url: '/v1/submissions/00000000-0000-4000-8000-000000000000', headers: bearer(otherSupplier) });
    expect(theirs.statusCode).toBe(404);
    expect(JSON.parse(theirs.payload.replaceAll(mine, 'ID'))).toEqual(JSON.parse(missing.payload.replaceAll('00000000-0000-4000-8000-000000000000', 'ID')));
    expect((await t.call({ method: 'GET', url: `/v1/submissions/${mine}`, headers: bearer(t.tokens.author) })).statusCode).toBe(200);
    const othersList = (await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(otherSupplier) })).result as { submissions: unknown[] };
    expect(othersList.submissions).toEqual([]);
    const mineList = (await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.supplier) })).result as {
      submissions: { organisation: string; id: string }[];
    };
    expect(mineList.submissions.length).toBeGreaterThan(0);
    expect(mineList.submissions.every((s) => s.organisation === '8KR01')).toBe(true);
    const all = (await t.call({ method: 'GET', url: '/v1/submissions?limit=1000', headers: bearer(t.tokens.admin) })).result as { submissions: unknown[] };
    expect(all.submissions.length).toBe(mineList.submissions.length);
    expect((await validate(ndjson, 'application/x-ndjson', t.tokens.author)).statusCode).toBe(403);
  });

  it('uses random, not sequential, ids', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => ((await validate(ndjson, 'application/x-ndjson')).result as { submission: { id: string } }).submission.id),
    );
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });
});

describe('patient data', () => {
  it('never reaches the logs or any stored row', async () => {
    await validate(ndjson, 'application/x-ndjson');
    const rows = JSON.stringify([
      await t.app.store.listSubmissions({ limit: 1000 }),
      await t.app.store.listAudit(1000),
      await t.app.store.listTokens(),
      await t.app.store.listStandards(),
    ]);
    for (const marker of [MARKER_NHS, MARKER_NAME]) {
      expect(t.logs()).not.toContain(marker);
      expect(rows).not.toContain(marker);
    }
    expect(rows).toContain('"records":4'); // the rows were really read
  });
});

describe('listing submissions', () => {
  it('reads no stored report: a page of a thousand 15 MB reports was read whole into memory', async () => {
    const spy = vi.spyOn(t.app.store, 'listSubmissions');
    try {
      const response = await t.call({ method: 'GET', url: '/v1/submissions?limit=1000', headers: bearer(t.tokens.admin) });
      expect(response.statusCode).toBe(200);
      expect(spy).toHaveBeenCalled();
      for (const [filter] of spy.mock.calls) expect(filter).toMatchObject({ reports: false });
      for (const result of spy.mock.results) for (const row of await (result.value as Promise<{ report: string }[]>)) expect(row.report).toBe('');
      expect((JSON.parse(response.payload) as { submissions: unknown[] }).submissions.length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });
});
