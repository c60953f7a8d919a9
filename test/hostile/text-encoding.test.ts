/**
 * Text in an address or a page's form that is not UTF-8 (a `%FF`, or a raw windows-1252 byte): hapi reads
 * such bytes as U+FFFD, so a file name or a form field was stored changed. Each is a 400 naming the
 * parameter or field (never its value), on the API as a problem, on the pages as an error page or the
 * form's own error, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, signIn } from './web-support.js';
import { firstNotUtf8 } from '../../src/request-text.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const V = '/v1/standards/patient-demographics/versions/2.0.1';
const NDJSON = `${JSON.stringify({ localPatientId: 'P1', nhsNumber: '9434765919' })}\n`;
const submissions = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

describe('firstNotUtf8', () => {
  it('decodes percent-escapes and plus signs, and names the first pair that is not UTF-8', () => {
    const of = (text: string) => firstNotUtf8(Buffer.from(text, 'latin1'));
    expect(of('a=1&b=Zo%C3%AB&c=+%E2%80%94')).toBeUndefined();
    expect(of('a=1&b=Zo%EB&c=%FF')).toEqual({ name: 'b' });
    expect(of('reason=caf\xe9')).toEqual({ name: 'reason' });
    expect(of('a=%E2%80')).toEqual({ name: 'a' }); // cut short
    expect(of('%FF=1')).toEqual({ name: null });
    expect(of('na%22me=%FF')).toEqual({ name: null }); // a name that is not shown
    expect(of('%=%zz&%')).toBeUndefined(); // malformed escapes are their own bytes
  });
});

describe('the API', () => {
  it('refuses a query parameter whose bytes are not UTF-8 with a 400 naming it, storing nothing', async () => {
    const before = await submissions();
    const response = await t.call({
      method: 'POST',
      url: `${V}/validate?filename=Zo%EB.csv`,
      payload: NDJSON,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload)).toEqual({
      type: 'https://conform.invalid/problems/invalid-input',
      title: 'Bad request',
      status: 400,
      detail: 'filename is not UTF-8: its percent-encoded bytes are not UTF-8 text; encode the text as UTF-8, then percent-encode it',
      errors: [{ in: 'query', name: 'filename', pointer: '/filename', detail: 'is not UTF-8' }],
      instance: `${V}/validate`,
    });
    expect(await submissions()).toBe(before);

    const nameless = await t.call({ method: 'GET', url: '/v1/standards?%FF=1' });
    expect(JSON.parse(nameless.payload)).toMatchObject({ status: 400, errors: [{ in: 'query', detail: 'a parameter name is not UTF-8' }] });

    const utf8 = await t.call({
      method: 'POST',
      url: `${V}/validate?filename=Zo%C3%AB.ndjson`,
      payload: NDJSON,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect(utf8.statusCode).toBe(201);
    expect((JSON.parse(utf8.payload) as { submission: { fileName: string } }).submission.fileName).toBe('Zoë.ndjson');
  });
});

describe('the pages', () => {
  it('refuse a urlencoded form field that is not UTF-8 with a 400 naming the field, changing nothing', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const supplier = (await t.app.services.access.authenticate(t.tokens.supplier))!;
    await t.app.services.mappings.put('patient-demographics', { nhs_number: 'nhsNumber' }, supplier);
    const post = (url: string, form: Buffer | string) =>
      t.server.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form });

    for (const form of [`crumb=${crumb}&columns=Zo%EB%3DnhsNumber`, Buffer.from(`crumb=${crumb}&columns=Zo\xeb=nhsNumber`, 'latin1')]) {
      const response = await post('/column-mappings?standard=patient-demographics', form);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.payload).toContain(
        'The form&#39;s &quot;columns&quot; field is not UTF-8 text; type it again (or paste it as plain text) and send the form again.',
      );
      expect(response.payload).not.toContain('Zo');
    }
    expect((await t.app.services.mappings.get('patient-demographics', supplier)).columns).toEqual({ nhs_number: 'nhsNumber' });

    const signInForm = await t.server.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `crumb=${crumb}&token=%FF%FE`,
    });
    expect(signInForm.statusCode).toBe(400);
    expect(signInForm.payload).toContain('The form&#39;s &quot;token&quot; field is not UTF-8 text');

    // UTF-8 is read as it was sent.
    const ok = await post('/column-mappings?standard=patient-demographics', `crumb=${crumb}&columns=Zo%C3%AB%3DnhsNumber`);
    expect(ok.statusCode, ok.payload.slice(0, 300)).toBeLessThan(400);
    expect((await t.app.services.mappings.get('patient-demographics', supplier)).columns).toEqual({ Zoë: 'nhsNumber' });
  });

  it('refuse an address whose query is not UTF-8 with an error page naming the parameter', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const response = await t.server.inject({ method: 'GET', url: '/submissions?period=2026%FF', headers: { cookie } });
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('The address gives &quot;period&quot; in text that is not UTF-8; go back and try again.');
  });

  it('refuse a multipart text field or file name that is not UTF-8, naming the field, storing nothing', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const before = await submissions();
    const body = (period: Buffer, fileName: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="crumb"\r\n\r\n${crumb}\r\n`),
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="standard"\r\n\r\npatient-demographics@2.0.1\r\n`),
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="period"\r\n\r\n`),
        period,
        Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="`),
        fileName,
        Buffer.from(`"\r\nContent-Type: application/x-ndjson\r\n\r\n${NDJSON}\r\n--${BOUNDARY}--\r\n`),
      ]);
    const post = (payload: Buffer) =>
      t.server.inject({ method: 'POST', url: '/validate', headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });

    const badPeriod = await post(body(Buffer.from('2026-\xff', 'latin1'), Buffer.from('a.ndjson')));
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.payload).toContain('The form&#39;s &quot;period&quot; field is not UTF-8 text; type it again and send the form again');
    expect(badPeriod.payload).toContain('href="#period"');

    const badName = await post(body(Buffer.from(''), Buffer.from('Zo\xeb.ndjson', 'latin1')));
    expect(badName.statusCode).toBe(400);
    expect(badName.payload).toContain('The file&#39;s name is not UTF-8 text; rename the file and choose it again');
    expect(await submissions()).toBe(before);

    const good = await post(body(Buffer.from(''), Buffer.from('Zoë.ndjson')));
    expect(good.statusCode, good.payload.slice(0, 500)).toBe(303);
    const [stored] = await t.app.store.listSubmissions({ limit: 1 });
    expect(stored!.fileName).toBe('Zoë.ndjson');
  });
});
