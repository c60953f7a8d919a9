/**
 * The reporting period on the web: a field of the upload form (with hint, and an error message in the
 * NHS.UK pattern), on the report page with the headline (validity first, "Fails validity" tagged), on the
 * JavaScript upload route, and on the quality dashboard by period.
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

async function upload(period: string | undefined, act?: 'trial') {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', 'emergency-care-attendance@2.0.0'],
    ...(period === undefined ? [] : ([['period', period]] as [string, string][])),
    ...(act === undefined ? [] : ([['act', act]] as [string, string][])),
  ];
  const payload = Buffer.concat(multipartParts(fields, { name: 'sample.ndjson', chunk: sample, repeat: 1 }));
  return t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });
}

describe('the reporting period on the web', () => {
  it('is a field of the upload form, with hint text', async () => {
    const form = (await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } })).payload;
    expect(form).toContain('<label class="nhsuk-label" for="period">Reporting period (optional)</label>');
    expect(form).toMatch(/<div class="nhsuk-hint" id="period-hint">The period the file is for. For example, 2026-11 for a month/);
    expect(form).toMatch(/<input class="nhsuk-input nhsuk-input--width-20" id="period" name="period" type="text"[^>]*aria-describedby="period-hint">/);
    // The period comes before the file: no field may follow the file in the streamed form.
    expect(form.indexOf('id="period"')).toBeLessThan(form.indexOf('id="file"'));
  });

  it('is shown on the report, under a headline that starts with validity and says it fails', async () => {
    const response = await upload('2025-02');
    expect(response.statusCode).toBe(303);
    const stored = String(response.headers.location);
    expect(stored).toMatch(/^\/submissions\/[0-9a-f-]{36}$/);
    const page = (await t.server.inject({ method: 'GET', url: stored, headers: { cookie } })).payload;
    expect(page).toMatch(
      /<dt class="nhsuk-summary-list__key">Reporting period<\/dt><dd class="nhsuk-summary-list__value">2025-02: <time datetime="2025-02-01">1 February 2025<\/time> to <time datetime="2025-02-28">28 February 2025<\/time>, due by the end of <time datetime="2025-03-31">31 March 2025<\/time> <strong class="nhsuk-tag nhsuk-tag--red">Arrived after the deadline<\/strong> <span class="nhsuk-body-s">It arrived on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d(:\d\d)? (GMT|BST); that is reported here, not scored: timeliness judges each record&#39;s event as if the file had arrived by the deadline, so it can still read 100\.<\/span>/,
    );
    const validity = page.indexOf('<strong>Validity 40.0 of 100</strong>');
    expect(validity).toBeGreaterThan(0);
    expect(validity).toBeLessThan(page.indexOf('Overall score 40.0 of 100'));
    expect(page).toContain('<strong class="nhsuk-tag nhsuk-tag--red">Fails validity</strong>');
    expect(page).toMatch(/<svg class="conform-bar" role="img" aria-label="Overall data quality score: 40.0"[^]*?fill="#d5281b"/);
    expect(page).toContain('measured against the reporting period 2025-02');
  });

  it('without one, says timeliness is not measured and how to give the period on this page', async () => {
    // A trial run: nothing stored, so the dashboard below is not changed.
    const response = await upload(undefined, 'trial');
    expect(response.statusCode).toBe(303);
    const page = (await t.server.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie } })).payload;
    expect(page).toContain(
      '<dt class="nhsuk-summary-list__key">Reporting period</dt><dd class="nhsuk-summary-list__value">None given: this standard is reported by month, so timeliness is not measured; give the reporting period the file is for (e.g. 2026-11) with the Reporting period field of the upload form</dd>',
    );
    // The figure's words in the dimensions table name the web's way, not the command line's.
    expect(page).toContain(
      'Behind the figure </span>not measured: no reporting period was given, and this standard is reported by month; give the reporting period the file is for (e.g. 2026-11) with the Reporting period field of the upload form</td>',
    );
  });

  it('says what is wrong with a period at its field, in the error summary too, and keeps what was typed', async () => {
    const response = await upload('2025-Q1');
    expect(response.statusCode).toBe(422);
    const page = response.payload;
    expect(page).toContain('There is a problem');
    expect(page).toMatch(
      /<a href="#period">\s*The reporting period must be a month, e.g. 2026-11, as emergency-care-attendance is reported by month; &quot;2025-Q1&quot; is a quarter\s*<\/a>/,
    );
    expect(page).toMatch(/<div class="nhsuk-form-group nhsuk-form-group--error">\s*<label class="nhsuk-label" for="period">/);
    expect(page).toContain(
      '<span class="nhsuk-error-message" id="period-error"><span class="nhsuk-u-visually-hidden">Error:</span> The reporting period must be a month',
    );
    expect(page).toMatch(
      /class="nhsuk-input nhsuk-input--width-20 nhsuk-input--error" id="period" name="period" type="text"[^>]*value="2025-Q1" aria-describedby="period-hint period-error"/,
    );
    expect(page).not.toContain('id="file-error"');
    const unreadable = await upload('Q1 2025');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.payload).toContain('&quot;Q1 2025&quot; is not a reporting period; write a month as 2026-11');
  });

  it('is taken from the JavaScript upload too, and the dashboard goes by period, validity first', async () => {
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=emergency-care-attendance%402.0.0&name=sample.ndjson&period=2025-01',
      headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
      payload: sample,
    });
    expect(response.statusCode).toBe(201);
    const location = String(response.headers.location);
    expect(JSON.parse(response.payload)).toEqual({ location });
    expect((await t.server.inject({ method: 'GET', url: location, headers: { cookie } })).payload).toContain(
      '2025-01: <time datetime="2025-01-01">1 January 2025</time> to <time datetime="2025-01-31">31 January 2025</time>',
    );
    const dashboard = (await t.server.inject({ method: 'GET', url: '/quality?standard=emergency-care-attendance', headers: { cookie } })).payload;
    expect(dashboard).toMatch(
      /<th scope="col">Period<\/th><th scope="col">Submitted<\/th><th scope="col">Version<\/th><th scope="col">Records<\/th><th scope="col">Validity<\/th><th scope="col">Overall<\/th>/,
    );
    // Newest period first in the table: February (sent before January) above January.
    expect(dashboard.indexOf('<td class="nhsuk-table__cell">2025-02</td>')).toBeLessThan(dashboard.indexOf('<td class="nhsuk-table__cell">2025-01</td>'));
    expect(dashboard).toContain('Latest validity 40.0 (2025-02) <strong class="nhsuk-tag nhsuk-tag--red">Fails validity</strong>');
  });
});
