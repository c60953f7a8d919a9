/**
 * The upload form says how large a file may be, from the service's configured limit, in the figures the
 * refusal of a larger file gives (one rule: the 413's), so a supplier knows before sending it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, multipartParts, signIn } from '../hostile/web-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true', CONFORM_MAX_SUBMISSION_BYTES: '6144' });
});
afterAll(async () => t.stop());

/** The file hint's text, tags dropped. */
const fileHint = (html: string): string => /<div class="nhsuk-hint" id="file-hint">([\s\S]*?)<\/div>/.exec(html)![1]!.replace(/<[^>]+>/g, '');

describe('the upload form', () => {
  it('states the configured size limit and the formats, in the figures its 413 gives', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const hint = fileHint(form.payload);
    expect(hint).toContain('of up to 6 KiB counted after decompression');
    expect(hint).toMatch(/^A \.json, \.ndjson, \.jsonl or \.csv file, optionally \.gz/);
    const parts = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@1.1.0'],
      ],
      { name: 'people.ndjson', chunk: Buffer.from('{"nhsNumber":"9434765919"}\n'), repeat: 400 },
    );
    const refused = await t.server.inject({
      method: 'POST',
      url: '/validate',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.concat(parts),
    });
    expect(refused.statusCode).toBe(413);
    // the refusal names the same limit, in the same figures, and the form says it again above the file
    expect(refused.payload).toContain('larger than the limit of 6 KiB');
    expect(fileHint(refused.payload)).toContain('up to 6 KiB');
  });
});
