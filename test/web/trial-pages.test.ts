/**
 * Trial or submission on the web: the form has no preselected standard, offers "Trial run — not stored"
 * (the default) and "Submit", keeps the person's choices after an error, and a trial run stores nothing;
 * its report has its own address (/trials/{id}) for a while, for the person's organisation only.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';

let t: TestApp;
let sample: Buffer;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

const stored = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

async function post(fields: [string, string][], file = true) {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  // A browser sends an empty file part when no file is chosen.
  const parts = multipartParts(
    [['crumb', crumbOf(form.payload)], ...fields],
    file ? { name: 'sample.ndjson', chunk: sample, repeat: 1 } : { name: '', chunk: Buffer.alloc(0), repeat: 0 },
  );
  return t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat(parts),
  });
}

describe('trial or submission on the web', () => {
  it('the form preselects no standard and offers a trial run (checked) or a submission', async () => {
    const form = (await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } })).payload;
    expect(form).toMatch(
      /<select class="nhsuk-select" id="standard" name="standard" aria-describedby="standard-hint">\s*<option value="" selected>Choose a standard<\/option>/,
    );
    expect(form).not.toMatch(/<option value="[a-z-]+@[0-9.]+" selected>/);
    expect(form).toMatch(/id="act-trial" name="act" type="radio" value="trial" checked>/);
    expect(form).toContain('Trial run — not stored');
    expect(form).toContain('A trial run stores nothing: its report is kept for 60 minutes at its own address, for your organisation;');
    expect(form).toMatch(/id="act-submit" name="act" type="radio" value="submit" >/);
    // The choice comes before the file: no field may follow the file in the streamed form.
    expect(form.indexOf('name="act"')).toBeLessThan(form.indexOf('id="file"'));
  });

  it('a trial run lands on its own address (303), whose page says it is not stored and for how long it is kept, and stores nothing', async () => {
    const before = await stored();
    const response = await post([
      ['standard', 'emergency-care-attendance@2.0.0'],
      ['act', 'trial'],
    ]);
    expect(response.statusCode).toBe(303);
    const trialId = /^\/trials\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const trial = await t.server.inject({ method: 'GET', url: `/trials/${trialId}`, headers: { cookie } });
    expect(trial.statusCode).toBe(200);
    expect(trial.payload).toContain('<strong>Trial run — not stored.</strong>');
    expect(trial.payload).toMatch(
      /This report is kept on this server for 60 minutes, until <time datetime="[^"]+">[^<]+<\/time>, for your organisation only; then it is gone\./,
    );
    expect(trial.payload).toContain('to submit it, upload the file again and choose <strong>Submit</strong>.');
    expect(trial.payload).toContain('emergency-care-attendance 2.0.0: sample.ndjson');
    expect(trial.payload).toContain('<h2>Data quality</h2>');
    expect(trial.payload).not.toContain('data:text/csv');
    expect(trial.payload).toContain(`href="/trials/${trialId}/findings.csv" download="trial-findings-${trialId}.csv">Download the findings as CSV`);
    const findings = await t.server.inject({ method: 'GET', url: `/trials/${trialId}/findings.csv`, headers: { cookie } });
    expect(findings.statusCode).toBe(200);
    expect(findings.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(findings.payload.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    // No value from the file: the NHS numbers and postcodes of the sample never appear.
    const values = [...sample.toString('utf8').matchAll(/"(?:nhsNumber|postcode)":"([^"]+)"/g)].map((m) => m[1]!);
    expect(values.length).toBeGreaterThan(10);
    for (const value of values) expect(findings.payload).not.toContain(value);
    expect(await stored()).toBe(before);

    const submitted = await post([
      ['standard', 'emergency-care-attendance@2.0.0'],
      ['act', 'submit'],
    ]);
    // A submission is stored and the browser is sent to its own address.
    expect(submitted.statusCode).toBe(303);
    const id = /^\/submissions\/([0-9a-f-]{36})$/.exec(String(submitted.headers.location))![1]!;
    const report = await t.server.inject({ method: 'GET', url: `/submissions/${id}`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.payload).not.toContain('Trial run — not stored.');
    expect(report.payload).toContain(`href="/submissions/${id}/findings.csv" download="findings-${id}.csv">Download the findings as CSV`);
    const download = await t.server.inject({ method: 'GET', url: `/submissions/${id}/findings.csv`, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.payload.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    expect(await stored()).toBe(before + 1);
  });

  it('keeps the standard, period and choice after an error', async () => {
    const response = await post(
      [
        ['standard', 'emergency-care-attendance@2.0.0'],
        ['period', '2025-03'],
        ['act', 'submit'],
      ],
      false,
    );
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('<option value="emergency-care-attendance@2.0.0" selected>');
    expect(response.payload).not.toMatch(/<option value="" selected>/);
    expect(response.payload).toMatch(/id="period" name="period" type="text"[^>]*value="2025-03"/);
    expect(response.payload).toMatch(/id="act-submit" name="act" type="radio" value="submit" checked>/);
    const noStandard = await post([['act', 'trial']]);
    expect(noStandard.statusCode).toBe(400);
    expect(noStandard.payload).toContain(
      '<span class="nhsuk-error-message" id="standard-error"><span class="nhsuk-u-visually-hidden">Error:</span> Choose a standard</span>',
    );
  });

  it('a CSV checked against the wrong standard is told which standard its columns match, with a link', async () => {
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const csv = await readFile(new URL('../fixtures/emergency-care-attendance-sample.csv', import.meta.url));
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=adult-social-care-client-level&name=attendances.csv&act=trial',
      headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
      payload: csv,
    });
    // The script is told where the report is, and goes there.
    expect(response.statusCode).toBe(201);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/trials\/[0-9a-f-]{36}$/);
    expect(JSON.parse(response.payload)).toEqual({ location });
    const report = await t.server.inject({ method: 'GET', url: location, headers: { cookie } });
    expect(report.payload).toContain('Another standard fits these columns better');
    // CSV findings give spreadsheet rows.
    const href = /<a href="(\/trials\/[0-9a-f-]{36}\/findings\.csv)" download="trial-findings-[0-9a-f-]{36}\.csv">Download the findings as CSV<\/a>/.exec(
      report.payload,
    );
    const findings = await t.server.inject({ method: 'GET', url: href![1]!, headers: { cookie } });
    expect(findings.payload.split('\n')[0]).toBe('record,row,line,field,rule,severity,message,fieldLabel');
    // Each first record's spreadsheet row and line, in their own cells under their own headers.
    expect(report.payload).toContain('<th scope="col" role="columnheader">Spreadsheet rows</th><th scope="col" role="columnheader">Lines in the file</th>');
    expect(report.payload).toMatch(
      /First records <\/span>1, 2, 3, 4, 5<\/td><td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Spreadsheet rows <\/span>2, 3, 4, 5, 6<\/td><td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Lines in the file <\/span>2, 3, 4, 5, 6<\/td>/,
    );
    expect(report.payload).toMatch(
      /Your columns match <a href="\/standards\/emergency-care-attendance\/3\.1\.0">[^<]+ 3\.1\.0<\/a>: 18 of 18\. You chose [^(]+\(\d+ of 18\)\./,
    );
  });

  it('the JavaScript upload takes the choice too', async () => {
    const before = await stored();
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=emergency-care-attendance%402.0.0&name=sample.ndjson&act=trial',
      headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
      payload: sample,
    });
    expect(response.statusCode).toBe(201);
    expect(String(response.headers.location)).toMatch(/^\/trials\//);
    const report = await t.server.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie } });
    expect(report.payload).toContain('Trial run — not stored.');
    expect(await stored()).toBe(before);
  });

  it("another organisation's session, an unknown or malformed id, and an expired report are a 404 page that leads back to /validate", async () => {
    const response = await post([
      ['standard', 'emergency-care-attendance@2.0.0'],
      ['act', 'trial'],
    ]);
    const location = String(response.headers.location);
    const york = (await t.app.services.access.issue({ name: 'york', role: 'supplier', organisation: 'RCB' }, 'test')).token;
    const { cookie: theirs } = await signIn(t.server, york);
    const pages = [
      await t.server.inject({ method: 'GET', url: location, headers: { cookie: theirs } }),
      await t.server.inject({ method: 'GET', url: `${location}/findings.csv`, headers: { cookie: theirs } }),
      await t.server.inject({ method: 'GET', url: '/trials/00000000-0000-4000-8000-000000000000', headers: { cookie } }),
      await t.server.inject({ method: 'GET', url: '/trials/not-an-id', headers: { cookie } }),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(404);
      expect(page.payload).toContain('<h1>This trial report is no longer here</h1>');
      expect(page.payload).toContain('A trial run&#39;s report is kept for 60 minutes, only on the server that ran it');
      expect(page.payload).toContain('<a href="/validate">Validate a file</a>');
      expect(page.payload).not.toContain('not-an-id');
    }
    expect((await t.server.inject({ method: 'GET', url: location, headers: { cookie } })).statusCode).toBe(200);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now + 61 * 60_000);
    try {
      // The session is checked against the store by its own clock: only the report's time has passed.
      const expired = await t.server.inject({ method: 'GET', url: location, headers: { cookie } });
      expect(expired.payload).toContain('This trial report is no longer here');
      expect(expired.statusCode).toBe(404);
    } finally {
      clock.mockRestore();
    }
  });

  it('a signed-out visitor is sent to sign in first', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/trials/00000000-0000-4000-8000-000000000000' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/trials/00000000-0000-4000-8000-000000000000')}`);
  });
});
