/**
 * The upload form's bytes besides its file. busboy counts only the fields it keeps (8, of 1 KiB each), and
 * skips without counting a part with no Content-Disposition, a preamble before the first boundary and an
 * epilogue after the last: a signed-in browser could send such bytes without end before its crumb was
 * read (300 MiB were read, then a 403), or after its file while its validation held an admission slot (a
 * trial waited for 300 MiB of epilogue, then answered 303). Now at most 64 KiB of the body may be other
 * than the file's content: past it a 413 on the form, and the rest is not read.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, multipartParts, postParts, signIn } from './web-support.js';

const person = `${JSON.stringify({
  localPatientId: 'P1',
  nhsNumber: '9434765919',
  givenName: 'A',
  familyName: 'B',
  dateOfBirth: '1980-01-01',
  personStatedGender: '1',
  address: { postcode: 'LS1 4AP' },
  lastUpdated: '2024-01-01T00:00:00Z',
})}\n`;
const file = { name: 'people.ndjson', chunk: Buffer.from(person), repeat: 3 };
const MESSAGE = 'The form has more than 64 KiB besides its file; send the form as the page gives it';

/** Parts busboy skips: no Content-Disposition. */
const skipped = (bytes: number): Buffer => {
  const part = Buffer.from(`--${BOUNDARY}\r\nX-Filler: 1\r\n\r\n${'a'.repeat(1000)}\r\n`);
  return Buffer.concat(Array.from({ length: Math.ceil(bytes / part.length) }, () => part));
};

interface Answer {
  status: number;
  body: string;
  /** Bytes the client had written when the answer came. */
  sent: number;
}

/**
 * Sends `head`, then filler bytes without end (a declared length of 1 GiB), until the service answers or
 * 64 MiB have gone (then status 0: the service was still reading).
 */
function sendUntilAnswered(base: string, cookie: string, head: Buffer[], filler: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const req = httpRequest(`${base}/validate`, {
      method: 'POST',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(1024 ** 3) },
    });
    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      resolve(answer);
      req.destroy();
    };
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on('error', (error) => (done ? undefined : reject(error)));
    const write = (chunk: Buffer): Promise<void> => {
      sent += chunk.length;
      return req.write(chunk) ? Promise.resolve() : new Promise((r) => req.once('drain', r));
    };
    void (async () => {
      for (const part of head) await write(part);
      while (!done && sent < 64 * 1024 ** 2) await write(filler);
      // Still reading: give it a moment to answer anyway, then give up.
      setTimeout(() => finish({ status: 0, body: '', sent }), 2000).unref();
    })();
  });
}

describe("the upload form's bytes besides its file", () => {
  let t: TestApp;
  let base: string;
  let stored: () => Promise<number>;
  beforeAll(async () => {
    t = await startTestApp({ PORT: '0', HOST: '127.0.0.1', CONFORM_COOKIE_INSECURE: 'true' });
    await t.server.start();
    base = t.server.info.uri;
    const supplier = (await t.app.services.access.authenticate(t.tokens.supplier))!;
    stored = async () => (await t.app.services.submissions.list(supplier, { limit: 1000 })).submissions.length;
  });
  afterAll(async () => t.stop());

  it('are refused past 64 KiB before the crumb is read (parts without a name, a preamble), with a 413 on the form', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const fields: [string, string][] = [
      ['crumb', crumb],
      ['standard', 'patient-demographics@1.1.0'],
    ];
    const form = multipartParts(fields, file);
    const filler = skipped(64 * 1024);
    for (const [what, head] of [
      ['parts busboy skips', [filler]],
      ['a preamble', [Buffer.alloc(64 * 1024, 'p')]],
    ] as const) {
      const answer = await sendUntilAnswered(base, cookie, [...head], what === 'a preamble' ? Buffer.alloc(64 * 1024, 'p') : filler);
      expect(answer.status, what).toBe(413);
      expect(answer.body, what).toContain(MESSAGE);
      expect(answer.sent, `${what}: the rest is not read`).toBeLessThan(32 * 1024 ** 2);
    }
    // Within the bound, skipped parts are read past as before.
    const within = await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, [skipped(32 * 1024), ...form]);
    expect(within.status, within.body.slice(0, 300)).toBe(303);
  });

  it('are refused past 64 KiB after the file (an epilogue, skipped parts), and nothing is stored', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const form = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@1.1.0'],
      ],
      file,
    );
    const before = await stored();
    for (const [what, filler] of [
      ['an epilogue', Buffer.alloc(64 * 1024, 'e')],
      ['parts busboy skips', skipped(64 * 1024)],
    ] as const) {
      // An epilogue follows the closing boundary; skipped parts come before it.
      const head = what === 'an epilogue' ? form : form.slice(0, -1);
      const answer = await sendUntilAnswered(base, cookie, head, filler);
      expect(answer.status, what).toBe(413);
      expect(answer.body, what).toContain(MESSAGE);
      expect(answer.sent, `${what}: the rest is not read`).toBeLessThan(32 * 1024 ** 2);
    }
    expect(await stored(), 'nothing was stored').toBe(before);
    // A small epilogue, as some clients send, is read past as before, and the file stored.
    const fine = await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, [...form, Buffer.from('\r\n')]);
    expect(fine.status, fine.body.slice(0, 300)).toBe(303);
    expect(await stored()).toBe(before + 1);
  });

  it('says a part without a name has none (it was called a field whose name is not UTF-8 text)', async () => {
    const { cookie, crumb } = await signIn(t.server, t.tokens.supplier);
    const nameless = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nhello\r\n`);
    const form = multipartParts([['crumb', crumb]], file);
    const answer = await postParts(base, '/validate', { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, [nameless, ...form]);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('A part of the form has no name; reload the page and try again');
  });
});
