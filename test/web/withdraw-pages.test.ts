/**
 * Withdrawing on the web: a stored report has a Withdraw form with a reason; withdrawing shows the
 * withdrawal on the page; an empty reason comes back as an error at its field; another supplier's
 * submission is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { crumbOf, signIn } from '../hostile/web-support.js';

let t: TestApp;
let supplier: { cookie: string; crumb: string };
let other: { cookie: string; crumb: string };
let sample: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  sample = await readFile(new URL('../fixtures/emergency-care-attendance-sample.ndjson', import.meta.url), 'utf8');
  supplier = await signIn(t.server, t.tokens.supplier);
  const otherToken = (await t.app.services.access.issue({ name: 'other supplier', role: 'supplier', organisation: 'RR8' }, 'test')).token;
  other = await signIn(t.server, otherToken);
});
afterAll(async () => t.stop());

async function submit(): Promise<string> {
  const response = await t.call({
    method: 'POST',
    url: '/v1/standards/emergency-care-attendance/versions/3.0.0/validate',
    payload: sample,
    headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
  });
  return (response.result as { submission: { id: string } }).submission.id;
}

async function withdraw(id: string, reason: string, who = supplier) {
  const page = await t.server.inject({ method: 'GET', url: `/submissions/${id}`, headers: { cookie: who.cookie } });
  return t.server.inject({
    method: 'POST',
    url: `/submissions/${id}/withdrawal`,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ crumb: page.statusCode === 200 ? crumbOf(page.payload) : who.crumb, reason }).toString(),
  });
}

describe('withdrawing on the web', () => {
  it('the stored report offers a Withdraw form with a reason; withdrawing shows the withdrawal instead', async () => {
    const id = await submit();
    const page = (await t.server.inject({ method: 'GET', url: `/submissions/${id}`, headers: { cookie: supplier.cookie } })).payload;
    expect(page).toContain(`<form method="post" action="/submissions/${id}/withdrawal" novalidate>`);
    expect(page).toContain('<label class="nhsuk-label" for="reason">Reason for withdrawing</label>');
    expect(page).toContain('<button class="nhsuk-button nhsuk-button--secondary" type="submit">Withdraw</button>');

    const response = await withdraw(id, 'A corrected file follows');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/submissions/${id}#withdrawn`);
    const after = (await t.server.inject({ method: 'GET', url: `/submissions/${id}`, headers: { cookie: supplier.cookie } })).payload;
    expect(after).toMatch(/Withdrawn on \d{1,2} [A-Z][a-z]+ \d{4} by supplier:test supplier \([0-9a-f-]+\): “A corrected file follows”/);
    expect(after).not.toContain('Reason for withdrawing');
  });

  it('an empty reason is an error at its field, and nothing is withdrawn', async () => {
    const id = await submit();
    const response = await withdraw(id, '  ');
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('There is a problem');
    expect(response.payload).toContain('<a href="#reason">');
    expect(response.payload).toContain('id="reason-error"');
    expect((await t.app.store.getSubmission(id))!.withdrawn).toBeNull();
  });

  it("another supplier's submission is not found, and stays as it was", async () => {
    const id = await submit();
    const response = await withdraw(id, 'not mine', other);
    expect(response.statusCode).toBe(404);
    expect((await t.app.store.getSubmission(id))!.withdrawn).toBeNull();
  });
});
