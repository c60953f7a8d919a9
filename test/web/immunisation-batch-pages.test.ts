/** The immunisation batch file uploaded on the web: the upload's name is checked against the convention. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';
import { busAckRowIds } from '../support/ack.js';

let t: TestApp;
let sample: Buffer;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  sample = await readFile(new URL('../fixtures/COVID_Vaccinations_v5_B86001_20240612T12000001.csv', import.meta.url));
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

/** Posts the upload form; a submission is stored (a trial held) and the browser sent to its report's own address, returned. */
async function post(name: string, act: 'submit' | 'trial' = 'submit', standard = 'immunisation-batch@5.0.0', chunk: Buffer = sample): Promise<string> {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', standard],
    ['act', act],
  ];
  const payload = Buffer.concat(multipartParts(fields, { name, chunk, repeat: 1 }));
  const posted = await t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload,
  });
  expect(posted.statusCode).toBe(303);
  return String(posted.headers.location);
}

async function upload(name: string, act: 'submit' | 'trial' = 'submit') {
  return t.server.inject({ method: 'GET', url: await post(name, act), headers: { cookie } });
}

describe('the immunisation batch file on the web', () => {
  it("checks the upload's name: a name the pipeline refuses is a file-name finding, a good one is not", async () => {
    const wrong = await upload('COVID_Vaccination_v5_B86001_20240612T12000001.csv');
    expect(wrong.statusCode).toBe(200);
    // What is wrong first, then the convention in full.
    expect(wrong.payload).toContain('the file name&#39;s part 2 (the word Vaccinations) must be VACCINATIONS; the file name must be {VACC}_Vaccinations_v5_');
    const right = await upload('COVID_Vaccinations_v5_B86001_20240612T12000001.csv');
    expect(right.statusCode).toBe(200);
    expect(right.payload).not.toContain('file-name');
    expect(right.payload).toContain('required when ACTION_FLAG is NEW or UPDATE');
    for (const value of ['4010230878', 'COVID-0002', 'NOT A POSTCODE']) expect(right.payload).not.toContain(value);
  });

  it('a stored batch file offers its BusAck and InfAck as the pipeline would answer, with every failed row and no value', async () => {
    const report = await upload('COVID_Vaccinations_v5_B86001_20240612T12000001.csv');
    const id = /\/submissions\/([0-9a-f-]{36})\/busack\.csv/.exec(report.payload)?.[1];
    expect(id).toBeDefined();
    expect(report.payload).toContain(`href="/submissions/${id}/infack.csv"`);
    const busAck = await t.server.inject({ method: 'GET', url: `/submissions/${id}/busack.csv`, headers: { cookie } });
    expect(busAck.statusCode).toBe(200);
    expect(busAck.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(busAck.headers['content-disposition']).toMatch(/^attachment; filename="COVID_Vaccinations_v5_B86001_20240612T12000001_BusAck_\d{8}T\d{6}00\.csv"$/);
    expect(busAck.payload).toMatch(/^MESSAGE_HEADER_ID\|/);
    expect(busAckRowIds(busAck.payload)).toEqual([`${id}^2`]);
    for (const value of ['4010230878', 'COVID-0002', 'LS1 4AP']) expect(busAck.payload).not.toContain(value);
    // Its JSON form beside it: the same rows, the report's totals.
    expect(report.payload).toContain(`href="/submissions/${id}/busack.json"`);
    const busAckJson = await t.server.inject({ method: 'GET', url: `/submissions/${id}/busack.json`, headers: { cookie } });
    expect(busAckJson.statusCode).toBe(200);
    expect(busAckJson.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(busAckJson.headers['content-disposition']).toMatch(
      /^attachment; filename="COVID_Vaccinations_v5_B86001_20240612T12000001_BusAck_\d{8}T\d{6}00\.json"$/,
    );
    expect(JSON.parse(busAckJson.payload)).toMatchObject({
      messageHeaderId: id,
      summary: { totalRecords: 4, succeeded: 3, failed: 1 },
      failures: [{ rowId: 2 }],
    });
    for (const value of ['4010230878', 'COVID-0002', 'LS1 4AP']) expect(busAckJson.payload).not.toContain(value);
    const infAck = await t.server.inject({ method: 'GET', url: `/submissions/${id}/infack.csv`, headers: { cookie } });
    expect(infAck.statusCode).toBe(200);
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Success\\|`));
    // Another organisation's supplier gets nothing, as for the report itself.
    const york = (await t.app.services.access.issue({ name: 'York uploads', role: 'supplier', organisation: 'YORK1' }, 'test')).token;
    const other = await signIn(t.server, york);
    const refused = await t.server.inject({ method: 'GET', url: `/submissions/${id}/busack.csv`, headers: { cookie: other.cookie } });
    expect(refused.statusCode).toBe(404);
  });

  it("a trial run's report offers the BusAck and InfAck while it is held, for its organisation only; nothing is stored", async () => {
    const before = await t.server.inject({ method: 'GET', url: '/submissions', headers: { cookie } });
    const report = await upload('COVID_Vaccinations_v5_B86001_20240612T12000001.csv', 'trial');
    expect(report.payload).toContain('Trial run');
    const id = /\/trials\/([0-9a-f-]{36})\/busack\.csv/.exec(report.payload)?.[1];
    expect(id).toBeDefined();
    expect(report.payload).toContain(`href="/trials/${id}/infack.csv"`);
    const busAck = await t.server.inject({ method: 'GET', url: `/trials/${id}/busack.csv`, headers: { cookie } });
    expect(busAck.statusCode).toBe(200);
    expect(busAck.headers['content-disposition']).toMatch(/^attachment; filename="COVID_Vaccinations_v5_B86001_20240612T12000001_BusAck_\d{8}T\d{6}00\.csv"$/);
    expect(busAckRowIds(busAck.payload)).toEqual([`${id}^2`]);
    for (const value of ['4010230878', 'COVID-0002', 'LS1 4AP']) expect(busAck.payload).not.toContain(value);
    expect(report.payload).toContain(`href="/trials/${id}/busack.json"`);
    const busAckJson = await t.server.inject({ method: 'GET', url: `/trials/${id}/busack.json`, headers: { cookie } });
    expect(JSON.parse(busAckJson.payload)).toMatchObject({ messageHeaderId: id, summary: { totalRecords: 4, failed: 1 }, failures: [{ rowId: 2 }] });
    const infAck = await t.server.inject({ method: 'GET', url: `/trials/${id}/infack.csv`, headers: { cookie } });
    expect(infAck.payload.split('\n')[1]).toMatch(new RegExp(`^${id}\\|Success\\|`));
    const york = (await t.app.services.access.issue({ name: 'York trials', role: 'supplier', organisation: 'YORK2' }, 'test')).token;
    const other = await signIn(t.server, york);
    const refused = await t.server.inject({ method: 'GET', url: `/trials/${id}/busack.csv`, headers: { cookie: other.cookie } });
    expect(refused.statusCode).toBe(404);
    expect(refused.payload).not.toContain('MESSAGE_HEADER_ID');
    const after = await t.server.inject({ method: 'GET', url: '/submissions', headers: { cookie } });
    expect(after.payload.match(/\/submissions\/[0-9a-f-]{36}/g)).toEqual(before.payload.match(/\/submissions\/[0-9a-f-]{36}/g));
  });

  it('a file that fails its file-level checks (its name) offers its InfAck, the Failure, and no BusAck, saying why, stored or a trial', async () => {
    for (const act of ['submit', 'trial'] as const) {
      const report = await upload('COVID_Vaccination_v5_B86001_20240612T12000001.csv', act);
      expect(report.statusCode).toBe(200);
      const base = /href="(\/(?:submissions|trials)\/[0-9a-f-]{36})\/infack\.csv"/.exec(report.payload)?.[1];
      expect(base).toBeDefined();
      expect(report.payload).not.toContain('busack.csv');
      expect(report.payload).not.toContain('busack.json');
      const busAckJson = await t.server.inject({ method: 'GET', url: `${base}/busack.json`, headers: { cookie } });
      expect(busAckJson.statusCode).toBe(404);
      expect(busAckJson.payload).toContain('has no BusAck: the file failed its file-level checks');
      expect(report.payload).toMatch(/<p id="no-busack">[^<]*<a [^>]*>Download the InfAck file<\/a>[^<]*No BusAck: the file failed its file-level checks/);
      const busAck = await t.server.inject({ method: 'GET', url: `${base}/busack.csv`, headers: { cookie } });
      expect(busAck.statusCode).toBe(404);
      expect(busAck.payload).toContain('has no BusAck: the file failed its file-level checks');
      expect(busAck.payload).not.toContain('MESSAGE_HEADER_ID');
      const infAck = await t.server.inject({ method: 'GET', url: `${base}/infack.csv`, headers: { cookie } });
      expect(infAck.statusCode).toBe(200);
      expect(infAck.payload.split('\n')[1]).toMatch(/^[0-9a-f-]{36}\|Failure\|/);
    }
  });

  it('a report of a standard without a file-name convention offers no acknowledgement files', async () => {
    const ecds = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url));
    const location = await post('ecds.csv', 'submit', 'emergency-care-attendance@2.0.0', ecds);
    const page = await t.server.inject({ method: 'GET', url: location, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.payload).not.toContain('busack.csv');
    const busAck = await t.server.inject({ method: 'GET', url: `${location}/busack.csv`, headers: { cookie } });
    expect(busAck.statusCode).toBe(404);
    expect(busAck.payload).toContain('no acknowledgement files');
    // A trial run's held report of that standard: the same answer, not "this trial report is no longer here".
    const trial = await post('ecds.csv', 'trial', 'emergency-care-attendance@2.0.0', ecds);
    expect(trial).toMatch(/^\/trials\/[0-9a-f-]{36}$/);
    const trialAck = await t.server.inject({ method: 'GET', url: `${trial}/busack.csv`, headers: { cookie } });
    expect(trialAck.statusCode).toBe(404);
    expect(trialAck.payload).toContain('this trial report has no acknowledgement files');
    expect(trialAck.payload).not.toContain('This trial report is no longer here');
  });
});
