/**
 * The web pages through server.inject: what a person sees (headings, tables, tags), sessions and CSRF,
 * and that a supplier's session sees only its own submissions and quality figures.
 */
import Boom from '@hapi/boom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let york: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  york = (await t.app.services.access.issue({ name: 'York', role: 'supplier', organisation: 'YORK1' }, 'test')).token;
});
afterAll(async () => t.stop());

const get = (url: string, cookie = '') => t.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const cookiesOf = (headers: Record<string, unknown>): string =>
  ([] as string[])
    .concat((headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
/** A page's tables without what makes them stack on a phone (the per-cell headings and ARIA table roles). */
const plain = (html: string): string =>
  html
    .replace(/<span class="nhsuk-table-responsive__heading" aria-hidden="true">[^<]*<\/span>/g, '')
    .replace(/ role="(?:table|rowgroup|row|columnheader|cell)"/g, '');
const crumbOf = (html: string): string => /name="crumb" value="([^"]+)"/.exec(html)![1]!;

async function signIn(token: string): Promise<string> {
  const form = await get('/sign-in');
  const crumbCookie = cookiesOf(form.headers);
  const response = await t.server.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: crumbCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ crumb: crumbOf(form.payload), token, next: '/validate' }).toString(),
  });
  expect(response.statusCode).toBe(302);
  return `${crumbCookie}; ${cookiesOf(response.headers)}`;
}

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = '----conformtest';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n--${boundary}--\r\n`,
  );
  return { payload: parts.join(''), type: `multipart/form-data; boundary=${boundary}` };
}

const person = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    localPatientId: id,
    nhsNumber: '9434765919',
    givenName: 'A',
    familyName: 'B',
    dateOfBirth: '1980-01-01',
    personStatedGender: '1',
    address: { postcode: 'LS1 4AP' },
    lastUpdated: new Date().toISOString(),
    ...extra,
  });

async function upload(cookie: string, lines: string[]) {
  const page = await get('/validate', cookie);
  const body = multipart({ crumb: crumbOf(page.payload), standard: 'patient-demographics@1.1.0' }, { name: 'people.ndjson', content: lines.join('\n') });
  return t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': body.type }, payload: body.payload });
}

describe('public pages', () => {
  it('the catalogue lists and searches the standards', async () => {
    const all = await get('/');
    expect(all.statusCode).toBe(200);
    expect(all.payload).toContain('<title>Data standards – Conform</title>');
    expect(all.payload).toContain('Skip to main content');
    for (const title of ['Patient demographics', 'Emergency care attendance', 'COVID-19 vaccination event']) expect(all.payload).toContain(title);
    const found = await get('/?q=emergency');
    expect(found.payload).toContain('1 standard matching “emergency”');
    expect(found.payload).not.toContain('>Patient demographics</a>');
  });

  it('a version page has the field dictionary with codes, labels and sensitive markers, and downloads', async () => {
    const page = (await get('/standards/patient-demographics/1.1.0')).payload;
    expect(page).toContain('<h1>Patient demographics 1.1.0</h1>');
    expect(page).toContain('<caption class="nhsuk-table__caption">Fields</caption>');
    expect(page).toMatch(/<code>nhsNumber<\/code> <strong class="nhsuk-tag nhsuk-tag--orange">Sensitive<\/strong>/);
    expect(page).toContain('<code>address.postcode</code>');
    expect(page).toMatch(/<code>99<\/code> Not known \(default: not known\)/);
    for (const link of ['Schema (JSON)', 'Schema (YAML)', 'TypeScript types']) expect(page).toContain(`>${link}</a>`);
    const yaml = await get('/standards/patient-demographics/1.1.0/schema.yaml');
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.payload).toContain('nhsNumber:');
  });

  it('compares two versions, marking breaking changes', async () => {
    const page = plain((await get('/standards/emergency-care-attendance/changes?from=1.0.0&to=2.0.0')).payload);
    expect(page).toContain('<h1>Changes from 1.0.0 to 2.0.0</h1>');
    expect(page).toContain('<strong>need a new MAJOR version</strong>');
    expect(page).toMatch(
      /<code>\/activityStartDateTime<\/code><\/td>\s*<td class="nhsuk-table__cell">required-added<\/td>\s*<td class="nhsuk-table__cell"><strong class="nhsuk-tag nhsuk-tag--red">Breaking<\/strong> suppliers/,
    );
  });

  it('refuses a comparison with from later than to with a 400 page saying so', async () => {
    const response = await get('/standards/emergency-care-attendance/changes?from=2.0.0&to=1.0.0');
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('<h1>There is a problem</h1>');
    expect(response.payload).toContain('from (2.0.0) is later than to (1.0.0): give the earlier version as from and the later as to');
  });

  it('answers a missing page with a page, not JSON', async () => {
    const missing = await get('/standards/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.payload).toContain('<h1>Page not found</h1>');
    expect(missing.payload).toContain('unknown standard &quot;nope&quot;');
  });

  it('repeats no control character of the address on an error page: a NUL or an escape shows as \\u0000', async () => {
    // The page once carried the NUL byte itself ("a\0" is not a standard id), where the API's problems escape it.
    for (const [url, shown] of [
      ['/standards/a%00', '&quot;a&#92;u0000&quot; is not a standard id'],
      ['/standards/a%1B%5B2J', '&quot;a&#92;u001b[2J&quot; is not a standard id'],
      ['/standards/a%E2%80%AEb', '&quot;a&#92;u202eb&quot; is not a standard id'],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.payload).toContain(shown);
      expect([...response.payload].filter((c) => (c < ' ' && !'\t\n\r'.includes(c)) || c === '\u007f' || c === '\u202e')).toEqual([]);
    }
  });

  it('repeats no control character of what the script upload sent in the refusal on the form', async () => {
    const cookie = await signIn(t.tokens.supplier);
    const form = await get('/validate', cookie);
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=a%00b&name=people.ndjson',
      headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream' },
      payload: '{}\n',
    });
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('&quot;a&#92;u0000b&quot; is not a standard id');
    expect(response.payload).not.toContain('\u0000');
  });

  it('answers a repeated query parameter with a 400 page on every page that reads one', async () => {
    const cookie = await signIn(t.tokens.author);
    for (const url of [
      '/?q=a&q=b',
      '/standards/emergency-care-attendance/changes?from=1.0.0&from=2.0.0',
      '/quality?standard=a&standard=b',
      '/sign-in?next=/a&next=/b',
    ]) {
      const response = await get(url, cookie);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.payload).toContain('<h1>There is a problem</h1>');
      expect(response.payload).toMatch(/The address gives &quot;(q|from|standard|next)&quot; more than once/);
    }
  });
});

describe('signing in and validating', () => {
  it('refuses a wrong token with an error summary, and signs in with an HttpOnly session cookie', async () => {
    const form = await get('/sign-in');
    const wrong = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `crumb=${crumbOf(form.payload)}&token=cfm_wrong`,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.payload).toContain('There is a problem');
    expect(wrong.payload).toContain('The token is not valid or has been revoked: check that you pasted all of it');
    // Text that is no token (a token's id, a name) is told what a token looks like
    const notToken = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `crumb=${crumbOf(form.payload)}&token=3371b62d-a5d0-4f82-ac91-09d4ce9fb858`,
    });
    expect(notToken.statusCode).toBe(401);
    expect(notToken.payload).toContain('a token begins &quot;cfm_&quot; and is shown once, when it is created (not its id, which the tokens list shows)');
    // A token pasted as an Authorization header gives it ("Bearer cfm_…"), with white space around, signs in
    const bearer = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ crumb: crumbOf(form.payload), token: ` Bearer ${t.tokens.supplier}\n` }).toString(),
    });
    expect(bearer.statusCode).toBe(302);
    expect(cookiesOf(bearer.headers)).toMatch(/conform_session=/);
    const noCrumb = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${t.tokens.supplier}`,
    });
    expect(noCrumb.statusCode).toBe(403);
    const good = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookiesOf(form.headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `crumb=${crumbOf(form.payload)}&token=${t.tokens.supplier}`,
    });
    expect(good.statusCode).toBe(302);
    const session = ([] as string[]).concat(good.headers['set-cookie'] as string[]).find((c) => c.startsWith('conform_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toContain(t.tokens.supplier);
  });

  it('redirects to sign-in when signed out', async () => {
    const response = await get('/validate');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?next=%2Fvalidate');
  });

  it('sends a page that answers 401 itself to sign-in, keeping its address and query as next', async () => {
    t.server.route({ method: 'GET', path: '/refuses-signed-out', options: { auth: false }, handler: () => Boom.unauthorized() });
    const response = await get('/refuses-signed-out?view=findings');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/refuses-signed-out?view=findings')}`);
  });

  it('uploads a file and sends the browser to the stored report, with the scorecard', async () => {
    const cookie = await signIn(t.tokens.supplier);
    const response = await upload(cookie, [person('1'), person('1', { nhsNumber: '9876544321' })]);
    expect(response.statusCode).toBe(303);
    const link = String(response.headers.location);
    expect(link).toMatch(/^\/submissions\/[0-9a-f-]{36}$/);
    const page = plain((await get(link, cookie)).payload);
    expect(page).toContain('<h1>Validation report</h1>');
    expect(page).toMatch(/<dt class="nhsuk-summary-list__key">Records<\/dt><dd class="nhsuk-summary-list__value">2<\/dd>/);
    expect(page).toMatch(/<svg class="conform-bar" role="img" aria-label="Uniqueness score: 50.0"/);
    // What is behind each figure, in the same words as the CLI's table, with the weight it carries.
    expect(page).toContain('Behind the figure');
    expect(page).toContain('<td class="nhsuk-table__cell">30</td><td class="nhsuk-table__cell">1 of 2 records passes the schema</td>');
    expect(page).toContain('0 default codes among 2 values given in 1 field, 0 in excess of the tolerated shares (personStatedGender 1%)');
    expect(page).toContain('1 duplicate key among 2 keyed records');
    expect(page).toMatch(
      /<code>\/nhsNumber<\/code><\/td><td class="nhsuk-table__cell">format<\/td><td class="nhsuk-table__cell"><strong class="nhsuk-tag nhsuk-tag--red">Error<\/strong><\/td><td class="nhsuk-table__cell">1<\/td>/,
    );
    const otherSupplier = await signIn(york);
    const theirs = await get(link, otherSupplier);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.payload).not.toContain('Validation report');
  });

  it('says on the report page how many records dated after the submission were not judged for timeliness', async () => {
    // Two records updated now (on time against the time of validation), one dated 2090: 2 of 2 judged on time,
    // and the third is named, not counted on time (before: "3 of 3 records on time").
    const cookie = await signIn(t.tokens.supplier);
    const response = await upload(cookie, [person('f1'), person('f2'), person('f3', { lastUpdated: '2090-01-01T00:00:00Z' })]);
    expect(response.statusCode).toBe(303);
    const page = plain((await get(String(response.headers.location), cookie)).payload);
    expect(page).toContain('2 of 2 records on time (deadline 30 days, against the time of validation');
    expect(page).toContain('; 1 record dated after the submission was not judged</td>');
  });

  it('tells a supplier who chose a spreadsheet workbook to save it as CSV, and stores nothing', async () => {
    const cookie = await signIn(t.tokens.supplier);
    const page = await get('/validate', cookie);
    const before = (await t.app.store.listSubmissions({ limit: 1000 })).length;
    const body = multipart({ crumb: crumbOf(page.payload), standard: 'patient-demographics@1.1.0' }, { name: 'Returns Q1.xlsx', content: 'PK\x03\x04' });
    const response = await t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': body.type }, payload: body.payload });
    expect(response.statusCode).toBe(400);
    expect(plain(response.payload)).toContain(
      // The words every face gives (services/submission-format.ts).
      '&quot;Returns Q1.xlsx&quot;: a spreadsheet workbook (.xlsx) cannot be validated: save the sheet as CSV (in Excel: File, Save As, &quot;CSV UTF-8 (Comma delimited)&quot;) and send that file',
    );
    expect((await t.app.store.listSubmissions({ limit: 1000 })).length).toBe(before);
  });

  it("lets the file be chosen whatever its extension (a batch file's .dat is the version's to read), saying which names are read", async () => {
    const cookie = await signIn(t.tokens.supplier);
    const page = plain((await get('/validate', cookie)).payload);
    const input = /<input class="nhsuk-file-upload"[^>]*>/.exec(page)?.[0] ?? '';
    expect(input).toContain('type="file"');
    // A browser's picker offers only what `accept` lists: a .dat file could not be chosen.
    expect(input).not.toContain('accept=');
    expect(page).toContain("an immunisation batch file's .dat");
  });

  it("shows a supplier only its own quality figures, and an author every supplier's", async () => {
    const leeds = await signIn(t.tokens.supplier);
    const yorkSession = await signIn(york);
    await upload(yorkSession, [person('9')]);
    await upload(leeds, [person('8')]);
    const own = plain((await get('/quality?standard=patient-demographics', yorkSession)).payload);
    expect(own).toContain('<h1>Data quality of YORK1</h1>');
    expect(own).toContain('<caption class="nhsuk-table__caption">Your organisation</caption>');
    expect(own).not.toContain('8KR01');
    expect(own).toMatch(
      /<svg class="conform-chart" role="img" aria-label="Overall score of YORK1 by reporting period, \d{1,2} [A-Z][a-z]+ \d{4}: 1 submission; latest \d+\.\d \(\d{1,2} [A-Z][a-z]+ \d{4}\)\."/,
    );
    expect(own).toMatch(
      /<svg class="conform-chart" role="img" aria-label="Uniqueness of YORK1 by reporting period, \d{1,2} [A-Z][a-z]+ \d{4}: 1 submission; latest 100.0/,
    );
    expect(own).toContain('Fields in the latest submission of YORK1');
    // Each share says what it is a share of, and its counts follow it.
    expect(own).toContain('<th scope="col">Filled % (of records where it applies)</th><th scope="col">Valid % (of values filled)</th>');
    expect(own).toMatch(
      /<code>nhsNumber<\/code><\/td><td class="nhsuk-table__cell">100\.0 \(1 of 1\)<\/td><td class="nhsuk-table__cell">100\.0 \(1 of 1\)<\/td><td class="nhsuk-table__cell">–<\/td>/,
    );
    // The default codes of a field that has them, with its tolerated share, as the CLI's per-field table shows them.
    expect(own).toMatch(
      /<code>personStatedGender<\/code><\/td><td class="nhsuk-table__cell">100\.0 \(1 of 1\)<\/td><td class="nhsuk-table__cell">100\.0 \(1 of 1\)<\/td><td class="nhsuk-table__cell">0 \(1% allowed\)<\/td>/,
    );
    const author = (await get('/quality?standard=patient-demographics', await signIn(t.tokens.author))).payload;
    expect(author).toContain('YORK1');
    expect(author).toContain('8KR01');
  });
});
