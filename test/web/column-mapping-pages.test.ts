/** The column mapping page: shows, saves and removes the organisation's mapping, one column a line; mistakes come back at the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { crumbOf, signIn } from '../hostile/web-support.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

const URL_ = '/column-mappings?standard=emergency-care-attendance';
async function save(columns: string) {
  const form = await t.server.inject({ method: 'GET', url: URL_, headers: { cookie } });
  return t.server.inject({
    method: 'POST',
    url: URL_,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ crumb: crumbOf(form.payload), columns }).toString(),
  });
}

describe('the column mapping page', () => {
  it('saves the lines as the mapping, shows them again, and removes it when emptied', async () => {
    const empty = await t.server.inject({ method: 'GET', url: URL_, headers: { cookie } });
    expect(empty.statusCode).toBe(200);
    expect(empty.payload).toContain('<option value="emergency-care-attendance" selected>');
    const saved = await save('NHS Number = nhsNumber\r\npost_code = postcode\r\n');
    expect(saved.statusCode).toBe(200);
    expect(saved.payload).toContain('Saved: 2 columns are renamed in your CSV files.');
    expect(await t.app.store.getColumnMapping('8KR01', 'emergency-care-attendance')).toMatchObject({
      columns: { 'NHS Number': 'nhsNumber', post_code: 'postcode' },
    });
    const again = await t.server.inject({ method: 'GET', url: URL_, headers: { cookie } });
    expect(again.payload).toMatch(/<textarea[^>]*>NHS Number = nhsNumber\npost_code = postcode<\/textarea>/);
    const removed = await save('');
    expect(removed.payload).toContain('The mapping is removed');
    expect(await t.app.store.getColumnMapping('8KR01', 'emergency-care-attendance')).toBeUndefined();
  });

  it('says what is wrong at the field and keeps the text', async () => {
    const response = await save('nhs = notAField');
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('There is a problem');
    expect(response.payload).toContain('id="columns-error"');
    expect(response.payload).toContain('&quot;notAField&quot; is not a field of emergency-care-attendance');
    expect(response.payload).toMatch(/<textarea[^>]*>nhs = notAField<\/textarea>/);
    const noEquals = await save('just a name');
    expect(noEquals.statusCode).toBe(400);
    expect(noEquals.payload).toContain('Line 1 has no &quot;=&quot;');
  });

  it('repeats no control character of a field it refuses in the message (the text area keeps what was typed)', async () => {
    const response = await save('nhs = not\u001bField');
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('&quot;not&#92;u001bField&quot; is not a field of emergency-care-attendance');
    expect(response.payload.split('\u001b')).toHaveLength(2); // the text area's copy only
  });
});
