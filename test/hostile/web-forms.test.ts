/**
 * The pages' forms given a field twice: each field is read once, so a repeated one is a 400 on the form's
 * page saying which, and nothing changes. (A column mapping form with `columns` twice was read as an empty
 * mapping, and removed the organisation's saved mapping.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from './web-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

describe('a form field given twice', () => {
  it('is a 400 naming the field, and leaves the saved column mapping as it was', async () => {
    const principal = t.app.services.access;
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const supplier = await principal.authenticate(t.tokens.supplier);
    await t.app.services.mappings.put('patient-demographics', { nhs_number: 'nhsNumber' }, supplier!);
    const post = (url: string, form: string) =>
      t.server.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form });

    const response = await post('/column-mappings?standard=patient-demographics', `crumb=${crumb}&columns=a%3DnhsNumber&columns=b%3DnhsNumber`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.payload).toContain('The form gives &quot;columns&quot; more than once; send each field once.');
    expect((await t.app.services.mappings.get('patient-demographics', supplier!)).columns).toEqual({ nhs_number: 'nhsNumber' });

    // A name that is not plain text is not repeated on the page.
    const odd = await post('/column-mappings?standard=patient-demographics', `crumb=${crumb}&${'\u202e'.repeat(1)}x=1&%E2%80%AEx=2`);
    expect(odd.statusCode).toBe(400);
    expect(odd.payload).toContain('The form gives &quot;a field&quot; more than once');
    expect(odd.payload).not.toContain('\u202e');
  });
});
