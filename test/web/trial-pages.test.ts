/**
 * Trial or submission on the web: the form has no preselected standard, offers "Trial run — not stored"
 * (the default) and "Submit", keeps the person's choices after an error, and a trial run stores nothing.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(form).toMatch(/<select class="nhsuk-select" id="standard" name="standard">\s*<option value="" selected>Choose a standard<\/option>/);
    expect(form).not.toMatch(/<option value="[a-z-]+@[0-9.]+" selected>/);
    expect(form).toMatch(/id="act-trial" name="act" type="radio" value="trial" checked>/);
    expect(form).toContain('Trial run — not stored');
    expect(form).toMatch(/id="act-submit" name="act" type="radio" value="submit" >/);
    // The choice comes before the file: no field may follow the file in the streamed form.
    expect(form.indexOf('name="act"')).toBeLessThan(form.indexOf('id="file"'));
  });

  it('a trial run shows the report, says it is not stored, and stores nothing', async () => {
    const before = await stored();
    const response = await post([
      ['standard', 'emergency-care-attendance@2.0.0'],
      ['act', 'trial'],
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('<strong>Trial run — not stored.</strong>');
    expect(response.payload).toContain('<h2>Data quality</h2>');
    expect(response.payload).not.toContain('View the stored submission');
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
    expect(download.payload.split('\n')[0]).toBe('record,row,line,field,rule,severity,message');
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
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('Another standard fits these columns better');
    // A trial keeps nothing, so its findings download from the report itself; CSV findings give spreadsheet rows.
    const href = /<a href="data:text\/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download="findings.csv">Download the findings as CSV<\/a>/.exec(
      response.payload,
    );
    expect(Buffer.from(href![1]!, 'base64').toString('utf8').split('\n')[0]).toBe('record,row,line,field,rule,severity,message');
    expect(response.payload).toMatch(/First records <\/span>1, 2, 3, 4, 5 \(spreadsheet rows 2, 3, 4, 5, 6\)<\/td>/);
    expect(response.payload).toMatch(
      /Your columns match <a href="\/standards\/emergency-care-attendance\/3\.0\.0">[^<]+ 3\.0\.0<\/a>: 18 of 18\. You chose [^(]+\(\d+ of 18\)\./,
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
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('Trial run — not stored.');
    expect(await stored()).toBe(before);
  });
});
