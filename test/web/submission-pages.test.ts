/**
 * Reports with their context: an upload lands on the stored report's own address, which shows the file,
 * its size, when it was received, who sent it, the standard, version and period (the API's report too);
 * /submissions lists the caller's organisation's submissions (everyone's for authors) with filters and
 * pages, and never another organisation's.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';
import type { Principal } from '../../src/services/access.js';
import { SUBMISSIONS_PER_PAGE } from '../../src/web/submissions-routes.js';

let t: TestApp;
let sample: Buffer;
let leeds: string;
let york: string;
let yorkToken: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url));
  yorkToken = (await t.app.services.access.issue({ name: 'York uploads', role: 'supplier', organisation: 'YORK1' }, 'test')).token;
  ({ cookie: leeds } = await signIn(t.server, t.tokens.supplier));
  ({ cookie: york } = await signIn(t.server, yorkToken));
});
afterAll(async () => t.stop());

const get = (url: string, cookie: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });

async function upload(cookie: string, name: string, period?: string) {
  const form = await get('/validate', cookie);
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', 'emergency-care-attendance@2.0.0'],
    ...(period === undefined ? [] : ([['period', period]] as [string, string][])),
  ];
  const payload = Buffer.concat(multipartParts(fields, { name, chunk: sample, repeat: 1 }));
  return t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });
}

/** The cells of the submissions table, row by row, as text. */
const rowsOf = (html: string): string[][] =>
  [...html.matchAll(/<tr class="nhsuk-table__row" role="row">\s*(<td[^]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<span class="nhsuk-table-responsive__heading"[^>]*>[^<]*<\/span>/, '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );

describe('a stored report with its context', () => {
  it('is where the upload lands, and shows file, size, received, submitter, standard, version and period', async () => {
    const response = await upload(leeds, 'ecds-2025-02.ndjson', '2025-02');
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/submissions\/[0-9a-f-]{36}$/);
    const page = await get(location, leeds);
    expect(page.statusCode).toBe(200);
    const context = /<dl class="nhsuk-summary-list conform-break" id="submission-context">([^]*?)<\/dl>/.exec(page.payload)![1]!;
    const pairs = [...context.matchAll(/<dt[^>]*>([^<]*)<\/dt><dd[^>]*>([^]*?)<\/dd>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '')]);
    const bytes = sample.length;
    expect(pairs).toEqual([
      ['File', 'ecds-2025-02.ndjson'],
      ['Size', bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString('en-GB')} bytes)`],
      ['Received', expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/)],
      ['Submitted by', 'test supplier, 8KR01'],
      ['Standard', 'emergency-care-attendance'],
      ['Version', '2.0.0'],
    ]);
    expect(page.payload).toContain('2025-02: <time datetime="2025-02-01">1 February 2025</time> to <time datetime="2025-02-28">28 February 2025</time>');
    // The same context through the API, as the contract describes it.
    const id = location.split('/').pop()!;
    const api = await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(t.tokens.supplier) });
    expect(api.statusCode).toBe(200);
    expect(JSON.parse(api.payload).submission).toEqual({
      id,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      organisation: '8KR01',
      submitter: 'test supplier',
      fileName: 'ecds-2025-02.ndjson',
      size: bytes,
    });
    // Another organisation gets "not found", on the page and in the API.
    expect((await get(location, york)).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(yorkToken) })).statusCode).toBe(404);
  });

  it('shows what is known of a report stored before the context was kept', async () => {
    const report = JSON.stringify({
      standard: { id: 'emergency-care-attendance', version: '2.0.0', contentHash: 'sha256:x' },
      format: 'csv',
      gzip: false,
      valid: true,
      stats: { records: 1, valid: 1, invalid: 0, findings: 0, bytes: 10, seconds: 0 },
      findings: [],
      maxFindings: 1000,
      truncated: false,
      summary: [],
      summaryTruncated: false,
      submission: { id: 'old-1', createdAt: '2025-12-01T10:00:00.000Z' },
    });
    await t.app.store.saveSubmission({
      id: 'old-1',
      organisation: '8KR01',
      submittedBy: 'supplier:test supplier (00000000-0000-4000-8000-000000000000)',
      standardId: 'emergency-care-attendance',
      version: '2.0.0',
      createdAt: '2025-12-01T10:00:00.000Z',
      valid: true,
      records: 1,
      report,
      quality: null,
    });
    const page = (await get('/submissions/old-1', leeds)).payload;
    const context = /id="submission-context">([^]*?)<\/dl>/.exec(page)![1]!;
    expect(context).toContain('<dt class="nhsuk-summary-list__key">File</dt><dd class="nhsuk-summary-list__value">Not given</dd>');
    expect(context).toContain('<dt class="nhsuk-summary-list__key">Size</dt><dd class="nhsuk-summary-list__value">Not recorded</dd>');
    expect(context).toContain('<time datetime="2025-12-01T10:00:00.000Z">1 December 2025 at 10:00</time>');
    expect(context).toContain('<dd class="nhsuk-summary-list__value">test supplier, 8KR01</dd>');
    // The token's id in the stored actor is never shown.
    expect(page).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('the script upload is told the report address and answers nothing else', async () => {
    const form = await get('/validate', leeds);
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=emergency-care-attendance%402.0.0&name=from-script.ndjson',
      headers: { cookie: leeds, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
      payload: sample,
    });
    expect(response.statusCode).toBe(201);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/submissions\/[0-9a-f-]{36}$/);
    expect(JSON.parse(response.payload)).toEqual({ location });
    expect((await get(location, leeds)).payload).toContain('<dd class="nhsuk-summary-list__value">from-script.ndjson</dd>');
  });

  it("answers the script upload's refusals (an expired form, an author) as the form with the error, which the script shows", async () => {
    const scriptUpload = (cookie: string, crumb: string) =>
      t.server.inject({
        method: 'POST',
        url: '/validate/upload?standard=emergency-care-attendance%402.0.0&name=from-script.ndjson',
        headers: { cookie, 'x-csrf-token': crumb, 'content-type': 'application/octet-stream' },
        payload: sample,
      });
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    // It was plain text: the script wrote it over the page, a bare sentence with no page round it.
    const expired = await scriptUpload(leeds, 'not-the-crumb');
    expect(expired.statusCode).toBe(403);
    expect(expired.headers['content-type']).toMatch(/^text\/html/);
    expect(expired.payload).toContain('<h1>Validate a file</h1>');
    expect(expired.payload).toMatch(/There is a problem[^]*href="#file">\s*The form has expired; reload the page and choose the file again\s*<\/a>/);
    const { cookie: author } = await signIn(t.server, t.tokens.author);
    const form = await get('/validate', author);
    const refused = await scriptUpload(author, crumbOf(form.payload));
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.payload).toMatch(/There is a problem[^]*href="#standard">\s*Authors cannot submit data; sign in with a supplier token\s*<\/a>/);
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  });

  it('keeps the name given to the API (sanitised) and the size as received', async () => {
    const response = await t.call({
      method: 'POST',
      url: `/v1/standards/emergency-care-attendance/versions/2.0.0/validate?filename=${encodeURIComponent('exports/feb\u202E.ndjson')}`,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
      payload: sample,
    });
    expect(response.statusCode).toBe(201);
    const report = JSON.parse(response.payload);
    expect(report.submission).toMatchObject({ fileName: 'feb.ndjson', size: sample.length, submitter: 'test supplier', organisation: '8KR01' });
    const listed = JSON.parse((await t.call({ method: 'GET', url: '/v1/submissions?limit=1', headers: bearer(t.tokens.supplier) })).payload);
    expect(listed.submissions[0]).toMatchObject({ id: report.submission.id, fileName: 'feb.ndjson', size: sample.length, submitter: 'test supplier' });
  });
});

describe('the submissions list', () => {
  it('is in the header navigation of a signed-in page', async () => {
    expect((await get('/validate', leeds)).payload).toMatch(/class="nhsuk-header__navigation-link" href="\/submissions">Submissions<\/a>/);
  });

  it("lists the caller's organisation's submissions only; an author sees every organisation's", async () => {
    await upload(york, 'york-only.ndjson', '2025-03');
    const own = (await get('/submissions', leeds)).payload;
    expect(own).toContain('<h1>Submissions</h1>');
    expect(own).not.toContain('york-only.ndjson');
    expect(own).not.toContain('YORK1');
    expect(rowsOf(own).every((cells) => cells[6] === 'test supplier, 8KR01')).toBe(true);
    const theirs = rowsOf((await get('/submissions', york)).payload);
    expect(theirs.length).toBe(1);
    expect(theirs[0]![1]).toMatch(/^york-only\.ndjson \(.* bytes\)\)?$/);
    expect(theirs[0]!.slice(2)).toEqual(['Emergency care attendance 2.0.0', '2025-03', 'Not valid', '10', 'York uploads, YORK1']);
    expect(theirs).toEqual(
      [
        [
          expect.any(String),
          'york-only.ndjson (1.6 KiB (1,683 bytes))'.replace(/\(1\.6 KiB.*\)\)/, expect.any(String) as never),
          expect.any(String),
          '2025-03',
          'Not valid',
          '10',
          'York uploads, YORK1',
        ],
      ].map((r) => r.map((c, i) => (i === 1 ? expect.stringContaining('york-only.ndjson') : c))),
    );
    const { cookie: author } = await signIn(t.server, t.tokens.author);
    const all = (await get('/submissions', author)).payload;
    expect(all).toContain('york-only.ndjson');
    expect(all).toContain('ecds-2025-02.ndjson');
  });

  it('filters by standard, period and outcome, and keeps the filters in the form', async () => {
    const byPeriod = (await get('/submissions?period=2025-02', leeds)).payload;
    expect(rowsOf(byPeriod).map((cells) => [cells[1], cells[3]])).toEqual([[expect.stringContaining('ecds-2025-02.ndjson'), '2025-02']]);
    expect(byPeriod).toContain('id="period" name="period" type="text" value="2025-02"');
    expect(byPeriod).toContain('1 submission matching the filters');
    const valid = await get('/submissions?outcome=valid', leeds);
    // Only the valid one stored before the context was kept.
    expect(rowsOf(valid.payload).map((cells) => [cells[1], cells[4]])).toEqual([['Not given', 'Valid']]);
    expect(valid.payload).toContain('<option value="valid" selected>Valid</option>');
    expect((await get('/submissions?outcome=valid&period=2025-02', leeds)).payload).toContain('No submissions match the filters.');
    const invalid = rowsOf((await get('/submissions?outcome=invalid&standard=emergency-care-attendance', leeds)).payload);
    expect(invalid.length).toBe(3);
    expect(invalid.every((cells) => cells[4] === 'Not valid' && cells[2] === 'Emergency care attendance 2.0.0')).toBe(true);
    expect(rowsOf((await get('/submissions?standard=patient-demographics', leeds)).payload)).toEqual([]);
  });

  it('answers a wrong filter or cursor with a page that says what is wrong', async () => {
    const outcome = await get('/submissions?outcome=maybe', leeds);
    expect(outcome.statusCode).toBe(400);
    expect(outcome.payload).toContain('The outcome in the address must be valid or invalid.');
    // The API's rule: a period is a reporting period id.
    const period = await get('/submissions?period=2025%2002', leeds);
    expect(period.statusCode).toBe(400);
    expect(period.payload).toContain('The period in the address must be a reporting period: a month 2026-11');
    // The form's empty fields are no filter.
    expect((await get('/submissions?standard=&period=&outcome=', leeds)).statusCode).toBe(200);
    // A cursor the service did not give, or one longer than any it gives, by the service's one rule (services/cursor.ts).
    for (const given of ['bm90LWEtY3Vyc29y', 'x'.repeat(600)]) {
      const cursor = await get(`/submissions?cursor=${given}`, leeds);
      expect(cursor.statusCode).toBe(400);
      expect(cursor.payload).toContain('the cursor is not one this service gave for submissions; start again without it');
    }
  });

  it('pages through every submission once, newest first, with the filters kept', async () => {
    const principal = (await t.app.services.access.authenticate(t.tokens.supplier)) as Principal;
    const line = sample.toString('utf8').split('\n')[0]!;
    for (let i = 0; i < SUBMISSIONS_PER_PAGE + 2; i++) {
      await t.app.services.submissions.submit(
        { standardId: 'emergency-care-attendance', versionSpec: '2.0.0', format: 'ndjson', period: '2025-06', fileName: `paged-${i}.ndjson`, source: [line] },
        principal,
      );
    }
    const first = (await get('/submissions?period=2025-06', leeds)).payload;
    const firstRows = rowsOf(first);
    expect(firstRows.length).toBe(SUBMISSIONS_PER_PAGE);
    const next = /<a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="([^"]+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/submissions\?period=2025-06&cursor=[A-Za-z0-9_-]+$/);
    const second = (await get(next, leeds)).payload;
    const secondRows = rowsOf(second);
    expect(secondRows.length).toBe(2);
    expect(second).not.toContain('nhsuk-pagination__link--next');
    expect(second).toMatch(/<a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href="\/submissions\?period=2025-06"/);
    // The pages' one paging helper (web/pagination.ts) and the NHS.UK component, worded for this list.
    expect(first).toContain('aria-label="Pages of submissions"');
    expect(first).toMatch(/<a class="nhsuk-pagination__link nhsuk-pagination__link--next"[^>]*>[\s\S]*?Older submissions[\s\S]*?<\/a>/);
    expect(second).toMatch(/<a class="nhsuk-pagination__link nhsuk-pagination__link--prev"[^>]*>[\s\S]*?Newest[\s\S]*?<\/a>/);
    // Every submission once (those made in the same millisecond are in the order of their ids).
    const names = [...firstRows, ...secondRows].map((cells) => Number(/paged-(\d+)/.exec(cells[1]!)![1]));
    expect([...names].sort((a, b) => a - b)).toEqual(Array.from({ length: SUBMISSIONS_PER_PAGE + 2 }, (_, i) => i));
    const received = [...first.matchAll(/<time datetime="([^"]+)">/g), ...second.matchAll(/<time datetime="([^"]+)">/g)].map((m) => m[1]!);
    expect(received).toEqual([...received].sort().reverse());
  });
});
