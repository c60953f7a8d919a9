/**
 * Days received are UK days on the pages and in the API's trends, as deadlines are: a file received at
 * 00:30 BST on 16 July 2027 (2027-07-15T23:30Z) was received on 16 July. Until December 2026 the pages
 * listed, charted and filtered it under 15 July (the UTC day) and showed 23:30, and "Received from 16 July
 * to 16 July" took in a file received at 00:30 BST on 17 July instead. Winter days (GMT) are UTC days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';
import type { StoredSubmission } from '../../src/store/types.js';
import { ukDay, ukTime } from '../../src/web/uk-time.js';

const STANDARD = 'emergency-care-attendance';

const row = (id: string, createdAt: string, overall: number): StoredSubmission => ({
  id,
  organisation: 'BST01',
  submittedBy: 'supplier:BST01 (00000000-0000-4000-8000-000000000000)',
  standardId: STANDARD,
  version: '2.0.0',
  createdAt,
  valid: true,
  records: 10,
  report: JSON.stringify({ valid: true, findings: [] }),
  quality: JSON.stringify({ validity: overall, failsValidity: false, overall, dimensions: { validity: overall } }),
  period: null,
});

let t: TestApp;
let cookie = '';
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  await t.app.store.saveSubmission(row('early', '2027-07-15T23:30:00.000Z', 70)); // 00:30 BST on 16 July
  await t.app.store.saveSubmission(row('late', '2027-07-16T22:30:00.000Z', 80)); // 23:30 BST on 16 July
  await t.app.store.saveSubmission(row('next', '2027-07-16T23:30:00.000Z', 90)); // 00:30 BST on 17 July
  ({ cookie } = await signIn(t.server, t.tokens.author));
});
afterAll(async () => t.stop());

const page = async (url: string) => (await t.server.inject({ method: 'GET', url, headers: { cookie } })).payload;

describe('the UK day and time of an instant', () => {
  it('is BST in summer, GMT in winter, and the clock-change days turn at 01:00 UTC', () => {
    expect([ukDay('2027-07-15T23:30:00.000Z'), ukTime('2027-07-15T23:30:00.000Z')]).toEqual(['2027-07-16', '00:30']);
    expect([ukDay('2027-01-15T23:30:00.000Z'), ukTime('2027-01-15T23:30:00.000Z')]).toEqual(['2027-01-15', '23:30']);
    expect([ukDay('2027-03-28T00:58:00Z'), ukTime('2027-03-28T00:58:00Z')]).toEqual(['2027-03-28', '00:58']);
    expect([ukDay('2027-03-28T01:02:00Z'), ukTime('2027-03-28T01:02:00Z')]).toEqual(['2027-03-28', '02:02']);
    expect([ukDay('2027-10-30T23:30:00Z'), ukTime('2027-10-30T23:30:00Z')]).toEqual(['2027-10-31', '00:30']);
    expect([ukDay('2027-10-31T01:02:00Z'), ukTime('2027-10-31T01:02:00Z')]).toEqual(['2027-10-31', '01:02']);
    expect([ukDay('2027-07-16'), ukTime('2027-07-16')]).toEqual(['2027-07-16', '']);
  });
});

describe('days received on the pages', () => {
  it('lists a file received at 00:30 BST under its UK day and time', async () => {
    const html = await page('/submissions');
    expect(html).toContain('<time datetime="2027-07-15T23:30:00.000Z">16 July 2027 00:30 BST</time>');
    expect(html).toContain('<time datetime="2027-07-16T23:30:00.000Z">17 July 2027 00:30 BST</time>');
  });

  it('filters the dashboard by UK days, and charts and tables each file under its UK day', async () => {
    const html = await page(`/quality?standard=${STANDARD}&supplier=BST01&from=2027-07-16&to=2027-07-16`);
    // 16 July in the UK holds the files of 00:30 and 23:30 BST, not the one of 00:30 BST on 17 July.
    expect(html).toContain('<a href="/submissions/early">16 July 2027</a>');
    expect(html).toContain('<a href="/submissions/late">16 July 2027</a>');
    expect(html).not.toContain('/submissions/next');
    expect(html).toContain('Overall score of BST01 by reporting period, 16 July 2027: 2 submissions, from 70.0 to 80.0; latest 80.0 (16 July 2027).');
  });

  it('filters the API trends by UK days too', async () => {
    const response = await t.call({ method: 'GET', url: `/v1/quality?standard=${STANDARD}&from=2027-07-16&to=2027-07-16`, headers: bearer(t.tokens.author) });
    expect(response.statusCode).toBe(200);
    const body = response.result as { points: { submission: string }[] };
    expect(body.points.map((p) => p.submission)).toEqual(['early', 'late']);
    const seventeenth = await t.call({ method: 'GET', url: `/v1/quality?standard=${STANDARD}&from=2027-07-17`, headers: bearer(t.tokens.author) });
    expect((seventeenth.result as { points: { submission: string }[] }).points.map((p) => p.submission)).toEqual(['next']);
  });
});
