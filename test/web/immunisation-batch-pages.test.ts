/** The immunisation batch file uploaded on the web: the upload's name is checked against the convention. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from '../hostile/web-support.js';

let t: TestApp;
let sample: Buffer;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  sample = await readFile(new URL('../fixtures/COVID_Vaccinations_v5_B86001_20240612T12000001.csv', import.meta.url));
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
});
afterAll(async () => t.stop());

async function upload(name: string) {
  const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
  const fields: [string, string][] = [
    ['crumb', crumbOf(form.payload)],
    ['standard', 'immunisation-batch@5.0.0'],
  ];
  const payload = Buffer.concat(multipartParts(fields, { name, chunk: sample, repeat: 1 }));
  const posted = await t.server.inject({
    method: 'POST',
    url: '/validate',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload,
  });
  // A submission is stored and the browser sent to its report's own address.
  expect(posted.statusCode).toBe(303);
  return t.server.inject({ method: 'GET', url: String(posted.headers.location), headers: { cookie } });
}

describe('the immunisation batch file on the web', () => {
  it("checks the upload's name: a name the pipeline refuses is a file-name finding, a good one is not", async () => {
    const wrong = await upload('COVID_Vaccination_v5_B86001_20240612T12000001.csv');
    expect(wrong.statusCode).toBe(200);
    expect(wrong.payload).toContain('part 2 (the word Vaccinations) must be VACCINATIONS');
    const right = await upload('COVID_Vaccinations_v5_B86001_20240612T12000001.csv');
    expect(right.statusCode).toBe(200);
    expect(right.payload).not.toContain('file-name');
    expect(right.payload).toContain('required when ACTION_FLAG is NEW or UPDATE');
    for (const value of ['4010230878', 'COVID-0002', 'NOT A POSTCODE']) expect(right.payload).not.toContain(value);
  });
});
