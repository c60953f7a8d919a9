import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { assertMatchesContract } from '../support/openapi.js';
import { busAckRowIds } from '../support/ack.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const COLUMNS =
  'NHS_NUMBER|PERSON_FORENAME|PERSON_SURNAME|PERSON_DOB|PERSON_GENDER_CODE|PERSON_POSTCODE|DATE_AND_TIME|SITE_CODE|SITE_CODE_TYPE_URI|UNIQUE_ID|UNIQUE_ID_URI|ACTION_FLAG|PERFORMING_PROFESSIONAL_FORENAME|PERFORMING_PROFESSIONAL_SURNAME|RECORDED_DATE|PRIMARY_SOURCE|VACCINATION_PROCEDURE_CODE|VACCINATION_PROCEDURE_TERM|DOSE_SEQUENCE|VACCINE_PRODUCT_CODE|VACCINE_PRODUCT_TERM|VACCINE_MANUFACTURER|BATCH_NUMBER|EXPIRY_DATE|SITE_OF_VACCINATION_CODE|SITE_OF_VACCINATION_TERM|ROUTE_OF_VACCINATION_CODE|ROUTE_OF_VACCINATION_TERM|DOSE_AMOUNT|DOSE_UNIT_CODE|DOSE_UNIT_TERM|INDICATION_CODE|LOCATION_CODE|LOCATION_CODE_TYPE_URI';
const ROW =
  '"9434765919"|"PEYTON"|"PRICE"|"19650215"|"2"|"LS1 4AP"|"20240610T18332501"|"B86001"|"https://fhir.nhs.uk/Id/ods-organization-code"|"0001"|"https://supplier.example/vaccinations"|"new"|""|""|"20240610"|"TRUE"|"1362591000000103"|""|"1"|"42985911000001104"|""|""|"MOD-4417"|"20241231"|"368208006"|""|"78421000"|""|"0.5"|"258773002"|""|""|"X99999"|"https://fhir.nhs.uk/Id/ods-organization-code"';
const FILE = `${COLUMNS}\n${ROW}\n`;

const post = (body: string, query = '') =>
  t.call({
    method: 'POST',
    url: `/v1/standards/immunisation-batch/versions/5/validate${query}`,
    payload: body,
    headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
  });

/** A POST asking for the BusAck (Accept: text/csv); server.inject, as the test app's call() reads every body as JSON. */
const postForAck = (url: string, payload: string) =>
  t.server.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv', accept: 'text/csv', ...bearer(t.tokens.supplier) } });

describe('the immunisation batch file over the API', () => {
  it('validates a pipe-delimited file named by ?filename=, with vaccine-type warnings from the name', async () => {
    const response = await post(FILE, '?filename=COVID_Vaccinations_v5_B86001_20240610T18332501.csv');
    expect(response.statusCode).toBe(201);
    expect(response.result).toMatchObject({ valid: true, findings: [], stats: { records: 1, valid: 1 } });
    const flu = (await post(FILE, '?filename=FLU_Vaccinations_v5_B86001_20240610T18332500.csv')).result as {
      valid: boolean;
      findings: { rule: string; severity: string }[];
    };
    expect(flu.valid).toBe(true);
    expect(flu.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['code-matches-file-type warning', 'code-matches-file-type warning']);
  });

  it('a name that breaks the convention is one file-name finding', async () => {
    const report = (await post(FILE, '?filename=COVID19_Vaccinations_v5_B86001_20240610T18332501.csv')).result as {
      valid: boolean;
      findings: { record: number; rule: string }[];
    };
    expect(report.valid).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ record: 0, rule: 'file-name' })]);
  });

  it('refuses a file name with control characters (400), and a semicolon file naming the delimiter', async () => {
    expect((await post(FILE, '?filename=a%0Ab.csv')).statusCode).toBe(400);
    const semicolons = await post(`${COLUMNS.replace(/\|/g, ';')}\n`);
    expect(semicolons.statusCode).toBe(400);
    expect((semicolons.result as { detail: string }).detail).toContain(
      "the file seems to separate its columns with semicolons (;), but this standard's CSV uses pipes (|)",
    );
  });

  it("answers with the pipeline's BusAck file for Accept: text/csv, rows under the stored submission id, no record value", async () => {
    const bad = ROW.replace('"PRICE"', '""').replace('"1"|"42985911000001104"', '"10"|"42985911000001104"');
    const url = '/v1/standards/immunisation-batch/versions/5/validate?filename=COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
    // server.inject: the test app's call() reads every body as JSON, and this one is CSV
    const response = await postForAck(url, `${COLUMNS}\n${ROW}\n${bad}\n`);
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    assertMatchesContract('POST', url, 201, response.headers['content-type'] as string | undefined, response.payload);
    const id = /\/v1\/submissions\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const lines = response.payload.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${id}\\^2\\|Fatal Error\\|Fatal\\|Fatal Error\\|30002\\|Business\\|30002\\|Business Level Response Value - Processing Error\\|\\d{8}T\\d{6}00\\|\\|\\|\\|`,
      ),
    );
    expect(lines[1]).toContain('PERSON_SURNAME: missing required field');
    expect(lines[1]).toContain('DOSE_SEQUENCE: must be at most 9');
    for (const value of ['9434765919', 'PEYTON', 'LS1 4AP', '0001']) expect(response.payload).not.toContain(value);
  });

  it('Accept: text/csv lists every failed row whatever ?maxFindings is; the stored report keeps the outcomes out of its JSON', async () => {
    const bad = ROW.replace('"PRICE"', '""');
    const rows: string[] = [];
    for (let n = 1; n <= 100; n++) rows.push(n % 2 === 0 ? ROW : bad, ...(n % 9 === 0 ? [''] : []));
    const url = '/v1/standards/immunisation-batch/versions/5/validate?maxFindings=5&filename=COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
    const response = await postForAck(url, `${COLUMNS}\n${rows.join('\n')}\n`);
    expect(response.statusCode).toBe(201);
    const id = /\/v1\/submissions\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const lines = response.payload.trimEnd().split('\n').slice(1);
    expect(lines.map((line) => line.split('|')[0])).toEqual(Array.from({ length: 50 }, (_, i) => `${id}^${2 * i + 1}`));
    const stored = await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) });
    expect(stored.statusCode).toBe(200);
    expect(stored.result).toMatchObject({ truncated: true, stats: { invalid: 50 } });
    expect(JSON.parse(stored.payload)).not.toHaveProperty('outcomes');
    expect((stored.result as { findings: unknown[] }).findings).toHaveLength(5);
    // The stored BusAck and InfAck, later, from the outcomes stored with the report.
    const busAckUrl = `/v1/submissions/${id}/busack.csv`;
    const busAck = await t.server.inject({ method: 'GET', url: busAckUrl, headers: bearer(t.tokens.supplier) });
    expect(busAck.statusCode).toBe(200);
    assertMatchesContract('GET', busAckUrl, 200, busAck.headers['content-type'] as string | undefined, busAck.payload);
    expect(busAck.headers['content-disposition']).toMatch(/^attachment; filename="COVID_Vaccinations_v5_B86001_20240610T18332501_BusAck_\d{8}T\d{6}00\.csv"$/);
    expect(busAck.payload).toBe(response.payload);
    const infAck = await t.server.inject({ method: 'GET', url: `/v1/submissions/${id}/infack.csv`, headers: bearer(t.tokens.supplier) });
    expect(infAck.statusCode).toBe(200);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Success\\|`));
  });

  it('a trial run answers Accept: text/csv with the BusAck too: every failed row under the trial id, nothing stored', async () => {
    const bad = ROW.replace('"PRICE"', '""');
    const rows = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? bad : ROW));
    const url = '/v1/standards/immunisation-batch/versions/5/trial?maxFindings=2&filename=COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
    const before = await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.supplier) });
    const response = await postForAck(url, `${COLUMNS}\n${rows.join('\n')}\n`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    assertMatchesContract('POST', url, 200, response.headers['content-type'] as string | undefined, response.payload);
    const id = /\/v1\/trials\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const lines = response.payload.trimEnd().split('\n').slice(1);
    // Rows 1, 4, …, 28 fail: ten, though the findings cap was 2.
    expect(lines.map((line) => line.split('|')[0])).toEqual(Array.from({ length: 10 }, (_, i) => `${id}^${3 * i + 1}`));
    expect(lines.every((line) => line.includes('PERSON_SURNAME: missing required field'))).toBe(true);
    for (const value of ['9434765919', 'PEYTON', 'LS1 4AP']) expect(response.payload).not.toContain(value);
    const after = await t.call({ method: 'GET', url: '/v1/submissions', headers: bearer(t.tokens.supplier) });
    expect(after.payload).toBe(before.payload);
  });

  it("a held trial's BusAck and InfAck on the API, as the web's: every failed row under the trial id, named in the report, its organisation only", async () => {
    const bad = ROW.replace('"PRICE"', '""');
    const rows = Array.from({ length: 12 }, (_, i) => (i % 4 === 1 ? bad : ROW));
    const name = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
    const trial = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/5/trial?maxFindings=1&filename=${name}`,
      payload: `${COLUMNS}\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(trial.statusCode).toBe(200);
    const report = trial.result as { trial: Record<string, string>; findings: unknown[]; stats: { invalid: number } };
    const id = report.trial.id!;
    const base = `/v1/trials/${id}`;
    expect(report.trial).toMatchObject({ url: base, findingsUrl: `${base}/findings.csv`, busAckUrl: `${base}/busack.csv`, infAckUrl: `${base}/infack.csv` });
    expect(report.findings).toHaveLength(1);
    expect(report.stats.invalid).toBe(3);
    // The held report names them too.
    expect(((await t.call({ method: 'GET', url: base, headers: bearer(t.tokens.supplier) })).result as typeof report).trial).toEqual(report.trial);

    const busAck = await t.server.inject({ method: 'GET', url: report.trial.busAckUrl!, headers: bearer(t.tokens.supplier) });
    expect(busAck.statusCode).toBe(200);
    assertMatchesContract('GET', report.trial.busAckUrl!, 200, busAck.headers['content-type'] as string | undefined, busAck.payload);
    expect(busAck.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(busAck.headers['content-disposition']).toMatch(/^attachment; filename="COVID_Vaccinations_v5_B86001_20240610T18332501_BusAck_\d{8}T\d{6}00\.csv"$/);
    const lines = busAck.payload.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MESSAGE_HEADER_ID\|/);
    // Rows 2, 6 and 10 fail, though the findings cap was 1.
    expect(lines.slice(1).map((line) => line.split('|')[0])).toEqual([`${id}^2`, `${id}^6`, `${id}^10`]);
    expect(lines.slice(1).every((line) => line.includes('PERSON_SURNAME: missing required field'))).toBe(true);
    for (const value of ['9434765919', 'PEYTON', 'LS1 4AP']) expect(busAck.payload).not.toContain(value);

    const infAck = await t.server.inject({ method: 'GET', url: report.trial.infAckUrl!, headers: bearer(t.tokens.supplier) });
    expect(infAck.statusCode).toBe(200);
    assertMatchesContract('GET', report.trial.infAckUrl!, 200, infAck.headers['content-type'] as string | undefined, infAck.payload);
    expect(infAck.headers['content-disposition']).toMatch(/^attachment; filename="COVID_Vaccinations_v5_B86001_20240610T18332501_InfAck_\d{8}T\d{6}00\.csv"$/);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Success\\|`));

    // Another organisation, or an unknown id: the trial's 404, with no acknowledgement in it.
    const york = (await t.app.services.access.issue({ name: 'York trial acks', role: 'supplier', organisation: 'YORK3' }, 'test')).token;
    const unknownUrl = '/v1/trials/00000000-0000-4000-8000-000000000000/busack.csv';
    const unknown = await t.server.inject({ method: 'GET', url: unknownUrl, headers: bearer(t.tokens.supplier) });
    for (const url of [report.trial.busAckUrl!, report.trial.infAckUrl!]) {
      const refused = await t.server.inject({ method: 'GET', url, headers: bearer(york) });
      expect(refused.statusCode).toBe(404);
      assertMatchesContract('GET', url, 404, refused.headers['content-type'] as string | undefined, JSON.parse(refused.payload));
      expect(refused.payload).not.toContain('MESSAGE_HEADER_ID');
      const { instance, ...problem } = JSON.parse(refused.payload) as Record<string, unknown>;
      expect(instance).toBe(url);
      expect({ ...problem, instance: unknownUrl }).toEqual(JSON.parse(unknown.payload));
    }
    expect(JSON.parse(unknown.payload)).toMatchObject({ status: 404, detail: expect.stringContaining('no trial report has this id') });
  });

  it('a held trial of a standard without a file-name convention names no acknowledgement files, and answers 404 as the submission routes do', async () => {
    const trial = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/2/trial',
      payload: 'id,start\na1,2025-01-01T00:00:00Z\n',
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(trial.statusCode).toBe(200);
    const held = (trial.result as { trial: Record<string, string> }).trial;
    expect(held).not.toHaveProperty('busAckUrl');
    expect(held).not.toHaveProperty('infAckUrl');
    for (const kind of ['busack', 'infack']) {
      const url = `${held.url}/${kind}.csv`;
      const response = await t.server.inject({ method: 'GET', url, headers: bearer(t.tokens.supplier) });
      expect(response.statusCode).toBe(404);
      assertMatchesContract('GET', url, 404, response.headers['content-type'] as string | undefined, JSON.parse(response.payload));
      expect(JSON.parse(response.payload).detail).toBe(
        'this trial report has no acknowledgement files: they are kept only for national batch files (standards with a file-name convention)',
      );
    }
  });

  it('a stored report of a standard without a file-name convention has no acknowledgement files (404 saying why)', async () => {
    const sample = 'id,start\na1,2025-01-01T00:00:00Z\n';
    const posted = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/2/validate',
      payload: sample,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(posted.statusCode).toBe(201);
    const id = (posted.result as { submission: { id: string } }).submission.id;
    const url = `/v1/submissions/${id}/busack.csv`;
    const response = await t.server.inject({ method: 'GET', url, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(404);
    assertMatchesContract('GET', url, 404, response.headers['content-type'] as string | undefined, JSON.parse(response.payload));
    expect(JSON.parse(response.payload).detail).toContain('no acknowledgement files');
  });
});

describe('a batch file without a BusAck: failed at file level, or empty (the pipeline writes none)', () => {
  const BAD_NAME = 'COVID19_Vaccinations_v5_B86001_20240610T18332501.csv';
  const GOOD_NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
  const bad = ROW.replace('"PRICE"', '""');
  const csv = (url: string, headers: Record<string, string> = {}) =>
    t.server.inject({ method: 'GET', url, headers: { ...bearer(t.tokens.supplier), ...headers } });

  /** The busack.csv 404: problem details saying why, matching the contract, with no acknowledgement or record value in it. */
  function expectNoBusAck(response: Awaited<ReturnType<typeof csv>>, url: string, why: string) {
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    assertMatchesContract('GET', url, 404, response.headers['content-type'] as string | undefined, JSON.parse(response.payload));
    const problem = JSON.parse(response.payload) as { status: number; detail: string };
    expect(problem.status).toBe(404);
    expect(problem.detail).toContain('has no BusAck');
    expect(problem.detail).toContain(why);
    expect(response.payload).not.toContain('MESSAGE_HEADER_ID');
    for (const value of ['9434765919', 'PEYTON', 'LS1 4AP']) expect(response.payload).not.toContain(value);
  }

  it('a stored file whose name fails the convention: busack.csv answers 404 saying it failed its file-level checks; infack.csv the Failure row', async () => {
    const posted = await post(`${COLUMNS}\n${ROW}\n${bad}\n`, `?filename=${BAD_NAME}`);
    expect(posted.statusCode).toBe(201);
    const id = (posted.result as { submission: { id: string } }).submission.id;
    const url = `/v1/submissions/${id}/busack.csv`;
    expectNoBusAck(await csv(url), url, 'the file failed its file-level checks');
    const infAck = await csv(`/v1/submissions/${id}/infack.csv`);
    expect(infAck.statusCode).toBe(200);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Failure\\|Fatal\\|`));
  });

  it('Accept: text/csv on such a file: the report is stored, and the answer is empty (no BusAck, not even its header)', async () => {
    const url = `/v1/standards/immunisation-batch/versions/5/validate?filename=${BAD_NAME}`;
    const response = await postForAck(url, `${COLUMNS}\n${ROW}\n${bad}\n`);
    expect(response.statusCode).toBe(201);
    expect(response.payload).toBe('');
    const id = /\/v1\/submissions\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const stored = await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) });
    expect(stored.result).toMatchObject({ valid: false, stats: { records: 2, invalid: 1 } });
  });

  it('a held trial of such a file names its BusAck, which answers 404 saying why; its InfAck is the Failure', async () => {
    const trial = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/5/trial?filename=${BAD_NAME}`,
      payload: `${COLUMNS}\n${bad}\n`,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(trial.statusCode).toBe(200);
    const held = (trial.result as { trial: { id: string; busAckUrl: string; infAckUrl: string } }).trial;
    expectNoBusAck(await csv(held.busAckUrl), held.busAckUrl, 'the file failed its file-level checks');
    expect(JSON.parse((await csv(held.busAckUrl)).payload).detail).toMatch(/^this trial report has no BusAck: /);
    const infAck = await csv(held.infAckUrl);
    expect(infAck.statusCode).toBe(200);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${held.id}\\|Failure\\|`));
  });

  it('an empty file (its header alone): no BusAck (404 saying so), its InfAck a Success; a file of no bytes at all (no header row) fails at file level', async () => {
    for (const [body, why, outcome] of [
      [`${COLUMNS}\n`, 'Not processed - Empty file', 'Success'],
      ['', 'the file failed its file-level checks', 'Failure'],
    ] as const) {
      const posted = await post(body, `?filename=${GOOD_NAME}`);
      expect(posted.statusCode).toBe(201);
      const id = (posted.result as { submission: { id: string } }).submission.id;
      const url = `/v1/submissions/${id}/busack.csv`;
      expectNoBusAck(await csv(url), url, why);
      const infAck = await csv(`/v1/submissions/${id}/infack.csv`);
      expect(infAck.statusCode).toBe(200);
      expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|${outcome}\\|`));
    }
  });

  it('a well-named file with failed rows still has its BusAck', async () => {
    const posted = await post(`${COLUMNS}\n${bad}\n${ROW}\n${bad}\n`, `?filename=${GOOD_NAME}`);
    const id = (posted.result as { submission: { id: string } }).submission.id;
    const busAck = await csv(`/v1/submissions/${id}/busack.csv`);
    expect(busAck.statusCode).toBe(200);
    expect(busAckRowIds(busAck.payload)).toEqual([`${id}^1`, `${id}^3`]);
  });
});

describe("the BusAck JSON (the pipeline's …_BusAck_{created}.json): beside busack.csv, the same rows, a summary from the whole report", () => {
  const NAME = 'COVID_Vaccinations_v5_B86001_20240610T18332501.csv';
  const get = (url: string) => t.server.inject({ method: 'GET', url, headers: bearer(t.tokens.supplier) });
  /** The CSV's rows as [row number, OPERATION_OUTCOME], its quoting undone. */
  const csvRows = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => {
        const cells = line.split('|');
        const outcome = cells[12]!;
        return [Number(cells[0]!.split('^')[1]), outcome.startsWith('"') ? outcome.slice(1, -1).replace(/""/g, '"') : outcome];
      });
  type BusAckJson = {
    messageHeaderId: string;
    filename: string;
    provider: string;
    summary: { totalRecords: number; succeeded: number; failed: number; ingestionTime: { start: number; end: number } };
    failures: { rowId: number; operationOutcome: string; localId: string }[];
  };

  it('a stored submission: every failed row of busack.csv, whatever maxFindings, and totals that match the report', async () => {
    const bad = ROW.replace('"PRICE"', '""');
    // 30 rows, each a NEW of its own identifier; every third fails, and the last repeats the first's identifier.
    const rows = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? bad : ROW).replace('"0001"', `"${String(i).padStart(4, '0')}"`));
    rows.push(ROW.replace('"0001"', '"0001"'));
    const posted = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/6/validate?maxFindings=2&filename=${NAME}`,
      payload: `${COLUMNS}\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(posted.statusCode).toBe(201);
    const report = posted.result as {
      submission: { id: string; organisation: string };
      truncated: boolean;
      stats: { records: number; valid: number; invalid: number };
    };
    expect(report.truncated).toBe(true);
    const id = report.submission.id;
    const url = `/v1/submissions/${id}/busack.json`;
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="COVID_Vaccinations_v5_B86001_20240610T18332501_BusAck_\d{8}T\d{6}00\.json"$/,
    );
    const body = JSON.parse(response.payload) as BusAckJson;
    assertMatchesContract('GET', url, 200, response.headers['content-type'] as string | undefined, body);
    expect(body).toMatchObject({
      system: 'Immunisation FHIR API Batch Report',
      version: 1,
      provider: report.submission.organisation,
      filename: 'COVID_Vaccinations_v5_B86001_20240610T18332501',
      messageHeaderId: id,
      summary: { totalRecords: 31, succeeded: 20, failed: 11 },
    });
    expect(body.summary).toMatchObject({ totalRecords: report.stats.records, succeeded: report.stats.valid, failed: report.stats.invalid });
    expect(body.summary.ingestionTime.end).toBeGreaterThanOrEqual(body.summary.ingestionTime.start);
    const csv = await get(`/v1/submissions/${id}/busack.csv`);
    expect(body.failures.map((f) => [f.rowId, f.operationOutcome])).toEqual(csvRows(csv.payload));
    expect(body.failures.map((f) => f.rowId)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31]);
    expect(body.failures.at(-1)!.operationOutcome).toMatch(/^UNIQUE_ID: The identifier \(UNIQUE_ID_URI and UNIQUE_ID\) is duplicated/);
    expect(body.failures.every((f) => f.localId === '')).toBe(true);
    for (const value of ['9434765919', 'PEYTON', 'LS1 4AP', 'supplier.example']) expect(response.payload).not.toContain(value);
  });

  it("a held trial names it (trial.busAckJsonUrl), under the trial's id; a file without a BusAck answers 404 saying why", async () => {
    const bad = ROW.replace('"PRICE"', '""');
    const trial = await t.call({
      method: 'POST',
      url: `/v1/standards/immunisation-batch/versions/6/trial?maxFindings=1&filename=${NAME}`,
      payload: `${COLUMNS}\n${ROW}\n${bad.replace('"0001"', '"0002"')}\n`,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    const held = (trial.result as { trial: { id: string; busAckJsonUrl: string } }).trial;
    expect(held.busAckJsonUrl).toBe(`/v1/trials/${held.id}/busack.json`);
    const response = await get(held.busAckJsonUrl);
    expect(response.statusCode).toBe(200);
    assertMatchesContract('GET', held.busAckJsonUrl, 200, response.headers['content-type'] as string | undefined, JSON.parse(response.payload));
    expect(JSON.parse(response.payload)).toMatchObject({
      messageHeaderId: held.id,
      summary: { totalRecords: 2, succeeded: 1, failed: 1 },
      failures: [{ rowId: 2 }],
    });

    const badName = await t.call({
      method: 'POST',
      url: '/v1/standards/immunisation-batch/versions/6/validate?filename=COVID_Vaccinations_v5_B8_20240610T18332501.csv',
      payload: `${COLUMNS}\n${ROW}\n`,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    const url = `/v1/submissions/${(badName.result as { submission: { id: string } }).submission.id}/busack.json`;
    const refused = await get(url);
    expect(refused.statusCode).toBe(404);
    assertMatchesContract('GET', url, 404, refused.headers['content-type'] as string | undefined, JSON.parse(refused.payload));
    expect(JSON.parse(refused.payload).detail).toMatch(/has no BusAck: the file failed its file-level checks/);
  });
});
