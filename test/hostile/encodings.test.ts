/**
 * Hostile: bodies whose declared coding or type does not say what they are. A body compressed in a way
 * the service does not read (`br`, `deflate`, an unknown coding, gzip twice) or sent without a
 * Content-Type where the type chooses the format is refused with a 415 naming what is wrong, before
 * anything is read or stored; gzip (or `x-gzip`) is read on every route that takes a body, publish too.
 * A JSON body hapi cannot parse is a 400 saying why, never echoing the body.
 */
import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { BOUNDARY, crumbOf, multipartParts, signIn } from './web-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_MAX_SUBMISSION_BYTES: String(LIMIT) });
});
afterAll(async () => t.stop());

const MARKER = 'MARKERVALUE4242';
const LIMIT = 2 * 1024 * 1024;
const NDJSON = `${JSON.stringify({ localPatientId: MARKER, nhsNumber: '9434765919' })}\n`;
const VALIDATE = '/v1/standards/patient-demographics/versions/2.0.1/validate';
const TRIAL = '/v1/standards/patient-demographics/versions/2.0.1/trial';
const problemOf = (response: { payload: string }) => JSON.parse(response.payload) as { status: number; detail: string; type: string };
const submissions = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

const send = (url: string, payload: Buffer | string, headers: Record<string, string>, token = t.tokens.supplier, method: 'POST' | 'PUT' = 'POST') =>
  t.server.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

describe('Content-Encoding', () => {
  it('refuses codings the service does not read with a 415 naming them, and stores nothing', async () => {
    const before = await submissions();
    const cases: [string, Buffer, string][] = [
      ['gzip, gzip', gzipSync(gzipSync(NDJSON)), 'the Content-Encoding "gzip, gzip" is not supported (only one layer of compression is read)'],
      ['br', brotliCompressSync(NDJSON), 'the Content-Encoding "br" is not supported (only gzip is read)'],
      ['deflate', deflateSync(NDJSON), 'the Content-Encoding "deflate" is not supported (only gzip is read)'],
      ['xz', Buffer.from(NDJSON), 'the Content-Encoding "xz" is not supported (only gzip is read)'],
      ['gzip, <script>', Buffer.from(NDJSON), 'the Content-Encoding that was sent is not supported (only one layer of compression is read)'],
    ];
    for (const [coding, body, detail] of cases) {
      for (const url of [VALIDATE, TRIAL]) {
        const response = await send(url, body, { 'content-type': 'application/x-ndjson', 'content-encoding': coding });
        expect(response.statusCode, `${coding} ${url}`).toBe(415);
        expect(response.headers['content-type']).toBe('application/problem+json');
        expect(problemOf(response)).toMatchObject({
          type: 'https://conform.invalid/problems/http-415',
          status: 415,
          detail: `${detail}: send the body uncompressed, or compressed once with gzip`,
        });
      }
    }
    expect(await submissions()).toBe(before);
  });

  it('reads gzip, x-gzip and identity as before', async () => {
    for (const [coding, body] of [
      ['gzip', gzipSync(NDJSON)],
      ['X-Gzip', gzipSync(NDJSON)],
      ['identity', Buffer.from(NDJSON)],
    ] as const) {
      const response = await send(TRIAL, body, { 'content-type': 'application/x-ndjson', 'content-encoding': coding });
      expect(response.statusCode, coding).toBe(200);
      expect(JSON.parse(response.payload)).toMatchObject({ format: 'ndjson', gzip: coding !== 'identity', stats: { records: 1 } });
    }
  });

  it('refuses a body labelled gzip that is not gzip with a 400 problem saying so (it was read as plain text), and stores nothing', async () => {
    const before = await submissions();
    const detail =
      'the submission cannot be read: the body is declared gzip (Content-Encoding: gzip) but is not gzip data; send it compressed with gzip, or without that header';
    for (const url of [VALIDATE, TRIAL]) {
      for (const type of ['application/x-ndjson', 'text/csv']) {
        const body = type === 'text/csv' ? `localPatientId,nhsNumber\n${MARKER},9434765919\n` : NDJSON;
        const response = await send(url, body, { 'content-type': type, 'content-encoding': 'gzip' });
        expect(response.statusCode, `${url} ${type}`).toBe(400);
        expect(response.headers['content-type']).toBe('application/problem+json');
        expect(problemOf(response)).toMatchObject({
          status: 400,
          detail,
          errors: [{ in: 'body', detail: detail.slice('the submission cannot be read: '.length), unreadable: 'corrupt-gzip' }],
        });
        expect(response.payload).not.toContain(MARKER);
      }
    }
    // One byte is not gzip either.
    expect((await send(TRIAL, 'x', { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' })).statusCode).toBe(400);
    expect(await submissions()).toBe(before);
    expect(t.logs()).not.toContain(MARKER);
  });

  it('refuses a labelled gzip body cut short (400) and a gzip bomb (413 at the limit, counted after inflating)', async () => {
    const before = await submissions();
    const cut = await send(TRIAL, gzipSync(NDJSON.repeat(50)).subarray(0, 40), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect(cut.statusCode).toBe(400);
    expect(problemOf(cut).detail).toMatch(/^the submission cannot be read: the gzip data is corrupt or cut short/);
    // 64 MiB of spaces in about 64 KiB: the limit (2 MiB here) stops the inflating, never the memory.
    const bomb = await send(VALIDATE, gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect(bomb.statusCode).toBe(413);
    expect(problemOf(bomb).detail).toMatch(
      /^the submission cannot be read: the data is larger than the limit of 2 MiB \(counted after decompression\): split the file/,
    );
    expect(await submissions()).toBe(before);
  });

  it('refuses them on the JSON routes too (hapi would read br or an unknown coding as plain JSON)', async () => {
    const response = await send(
      '/v1/standards/clinic-coded',
      JSON.stringify({ title: 'Clinic', owner: 'me', description: 'd' }),
      { 'content-type': 'application/json', 'content-encoding': 'br' },
      t.tokens.author,
      'PUT',
    );
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).detail).toContain('the Content-Encoding "br" is not supported');
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/clinic-coded' })).statusCode).toBe(404);
  });

  it('inflates a gzip schema on publish (it was read as compressed bytes and refused as "not a JSON Schema object")', async () => {
    const metadata = await send(
      '/v1/standards/clinic-gzip',
      JSON.stringify({ title: 'Clinic', owner: 'me', description: 'One visit.' }),
      { 'content-type': 'application/json' },
      t.tokens.author,
      'PUT',
    );
    expect(metadata.statusCode).toBe(201);
    const schema = { type: 'object', properties: { visitId: { type: 'string' } }, required: ['visitId'] };
    const published = await send(
      '/v1/standards/clinic-gzip/versions/1.0.0',
      gzipSync(JSON.stringify(schema)),
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      t.tokens.author,
      'PUT',
    );
    expect(published.statusCode).toBe(201);
    expect(JSON.parse(published.payload)).toMatchObject({ standard: 'clinic-gzip', version: '1.0.0', schema });
    // A gzip bomb stops at the schema limit, counted after inflating; corrupt gzip says so.
    const bomb = await send(
      '/v1/standards/clinic-gzip/versions/1.0.1',
      gzipSync(Buffer.alloc(64 * 1024 * 1024)),
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      t.tokens.author,
      'PUT',
    );
    expect(bomb.statusCode).toBe(413);
    const cut = await send(
      '/v1/standards/clinic-gzip/versions/1.0.1',
      gzipSync(JSON.stringify(schema)).subarray(0, 20),
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      t.tokens.author,
      'PUT',
    );
    expect(cut.statusCode).toBe(400);
    expect(problemOf(cut).detail).toBe('the body is declared gzip (Content-Encoding) but its gzip data is corrupt or cut short');
  });
});

describe('Content-Type', () => {
  it('is required where it chooses the format: a body without one is a 415 listing the types, not read as a guess', async () => {
    const before = await submissions();
    for (const url of [VALIDATE, TRIAL, '/v1/suggest']) {
      const response = await t.server.inject({ method: 'POST', url, payload: NDJSON, headers: bearer(t.tokens.supplier) });
      expect(response.statusCode, url).toBe(415);
      // Validate and trial also take a file whose name (?filename=) says its format.
      const named = url === '/v1/suggest' ? '' : ', application/octet-stream';
      expect(problemOf(response).detail).toBe(
        `the body has no Content-Type: say which format it is, one of application/json, application/x-ndjson, application/ndjson, application/jsonl, text/csv${named}`,
      );
    }
    expect(await submissions()).toBe(before);
  });

  it('a type the route does not take is a 415 that lists the ones it does', async () => {
    const response = await send(VALIDATE, NDJSON, { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).detail).toBe(
      'this endpoint does not accept that Content-Type; it takes application/json, application/x-ndjson, application/ndjson, application/jsonl, text/csv, application/octet-stream',
    );
  });
});

describe('JSON bodies hapi refuses', () => {
  it('say why (a __proto__ key, or where the syntax breaks), without the body', async () => {
    const url = '/v1/standards/patient-demographics/column-mappings';
    const proto = await send(
      url,
      `{"columns":{"__proto__":"nhsNumber","${MARKER}":"givenName"}}`,
      { 'content-type': 'application/json' },
      t.tokens.supplier,
      'PUT',
    );
    expect(proto.statusCode).toBe(400);
    expect(problemOf(proto).detail).toBe('the body has a "__proto__" key, which is refused wherever it appears');
    const broken = await send(url, `{"columns":{"${MARKER}":}}`, { 'content-type': 'application/json' }, t.tokens.supplier, 'PUT');
    expect(broken.statusCode).toBe(400);
    expect(problemOf(broken).detail).toMatch(/^the body is not valid JSON/);
    expect(broken.payload).not.toContain(MARKER);
    expect(t.logs()).not.toContain(MARKER);
  });
});

describe('the pages', () => {
  it('refuse a signed-in upload in a coding the service does not read (415 page), where it was stored as a report about compressed bytes', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const before = await submissions();
    const response = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=patient-demographics%402.0.1&name=people.ndjson',
      headers: { cookie, 'x-csrf-token': crumbOf(form.payload), 'content-type': 'application/octet-stream', 'content-encoding': 'br' },
      payload: brotliCompressSync(NDJSON),
    });
    expect(response.statusCode).toBe(415);
    expect(response.payload).toContain('the Content-Encoding &quot;br&quot; is not supported (only gzip is read)');
    expect(await submissions()).toBe(before);
  });

  it('refuse a script upload labelled gzip that is not gzip (400 page saying so), and a compressed form (415 page), where both were read as plain bytes', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const form = await t.server.inject({ method: 'GET', url: '/validate', headers: { cookie } });
    const crumb = crumbOf(form.payload);
    const before = await submissions();
    const upload = await t.server.inject({
      method: 'POST',
      url: '/validate/upload?standard=patient-demographics%402.0.1&name=people.ndjson&act=submit',
      headers: { cookie, 'x-csrf-token': crumb, 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
      payload: NDJSON,
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.headers['content-type']).toMatch(/^text\/html/);
    expect(upload.payload).toContain('the submission cannot be read: the body is declared gzip (Content-Encoding: gzip) but is not gzip data');
    expect(upload.payload).not.toContain(MARKER);
    const parts = multipartParts(
      [
        ['crumb', crumb],
        ['standard', 'patient-demographics@2.0.1'],
        ['act', 'submit'],
      ],
      { name: 'people.ndjson', chunk: Buffer.from(NDJSON), repeat: 1 },
    );
    const posted = await t.server.inject({
      method: 'POST',
      url: '/validate',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-encoding': 'gzip' },
      payload: Buffer.concat(parts),
    });
    expect(posted.statusCode).toBe(415);
    expect(posted.payload).toContain('The form was sent compressed (Content-Encoding); send it uncompressed (the file in it may be a .gz file)');
    expect(await submissions()).toBe(before);
  });
});
