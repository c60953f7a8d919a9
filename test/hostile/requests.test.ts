/**
 * Hostile and confused requests: a body in a charset the service does not read, bytes that are not UTF-8
 * in a body it parses, a version written with leading zeros, and a body over a route's size limit. Each
 * is a 4xx problem naming what is wrong (the charset, the byte's offset, the version rule, the real
 * limit), never an answer about text the service guessed, and nothing is stored.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { Utf8Watch } from '../../src/http/body-text.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const V = '/v1/standards/patient-demographics/versions/2.0.1';
const MAPPING = '/v1/standards/patient-demographics/column-mappings';
const NDJSON = `${JSON.stringify({ localPatientId: 'Zoë', nhsNumber: '9434765919' })}\n`;
const problemOf = (response: { payload: string }) => JSON.parse(response.payload) as { status: number; type: string; detail: string; errors?: unknown[] };
const submissions = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

const CHARSET_DETAIL = (shown: string) =>
  `the charset ${shown} of the Content-Type header is not read: the service reads this body as UTF-8, so the charsets read are utf-8 (or utf8) and us-ascii (or ascii), ASCII being UTF-8; convert the body to UTF-8 and send it with charset=utf-8 or no charset`;

describe('the charset of a body', () => {
  it('refuses a charset other than UTF-8 on every body-taking route with a 415 naming it, reading and storing nothing', async () => {
    const before = await submissions();
    const routes: { method: 'POST' | 'PUT'; url: string; type: string; body: string | Buffer; token: string }[] = [
      { method: 'POST', url: `${V}/validate`, type: 'text/csv', body: 'localPatientId\nZo\xeb\n', token: t.tokens.supplier },
      { method: 'POST', url: `${V}/trial`, type: 'application/x-ndjson', body: Buffer.from(NDJSON, 'utf16le'), token: t.tokens.supplier },
      { method: 'POST', url: '/v1/suggest', type: 'text/csv', body: 'localPatientId,nhsNumber\n', token: t.tokens.supplier },
      { method: 'PUT', url: MAPPING, type: 'application/json', body: '{"columns":{}}', token: t.tokens.supplier },
      { method: 'PUT', url: '/v1/standards/charset-demo/versions/1.0.0', type: 'application/json', body: '{"type":"object"}', token: t.tokens.author },
      { method: 'PUT', url: '/v1/standards/charset-demo/versions/1.0.0', type: 'application/yaml', body: 'type: object\n', token: t.tokens.author },
    ];
    for (const route of routes) {
      for (const [parameter, shown] of [
        ['charset=windows-1252', '"windows-1252"'],
        ['charset="UTF-16"', '"utf-16"'],
        ['format=x; CHARSET=ISO-8859-1', '"iso-8859-1"'],
        ['charset=<script>', 'that was sent'],
      ] as const) {
        const response = await t.call({
          method: route.method,
          url: route.url,
          payload: route.body,
          headers: { ...bearer(route.token), 'content-type': `${route.type}; ${parameter}` },
        });
        expect(response.statusCode, `${route.url} ${parameter}`).toBe(415);
        expect(problemOf(response)).toMatchObject({ type: 'https://conform.invalid/problems/http-415', status: 415, detail: CHARSET_DETAIL(shown) });
      }
    }
    expect(await submissions()).toBe(before);
    await expect(t.app.services.standards.releasedMajors('charset-demo')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('reads utf-8 and us-ascii, quoted or not, in any case', async () => {
    for (const parameter of ['charset=utf-8', 'charset="UTF-8"', 'Charset=utf8', 'charset=US-ASCII', 'charset = "us-ascii" ']) {
      const response = await t.call({
        method: 'POST',
        url: `${V}/trial`,
        payload: NDJSON,
        headers: { ...bearer(t.tokens.supplier), 'content-type': `application/x-ndjson; ${parameter}` },
      });
      expect(response.statusCode, parameter).toBe(200);
      expect(JSON.parse(response.payload)).toMatchObject({ format: 'ndjson', stats: { records: 1 } });
    }
  });
});

describe('bytes that are not UTF-8 in a body the service parses', () => {
  const latin1 = (before: string, after: string) => Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
  const detail = (at: number, gzip = false) =>
    `the body is not valid UTF-8: byte ${at} (counting from 0${gzip ? ', after gzip is inflated' : ''}) starts a sequence that is not UTF-8; save the text as UTF-8 and send it again`;

  it('refuses a column mapping with a 400 naming the offset, where the byte was once stored as U+FFFD', async () => {
    const body = latin1('{"columns":{"caf', '":"nhsNumber"}}');
    for (const gzip of [false, true]) {
      const response = await t.call({
        method: 'PUT',
        url: MAPPING,
        payload: gzip ? gzipSync(body) : body,
        headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response)).toMatchObject({ type: 'https://conform.invalid/problems/http-400', detail: detail(16, gzip) });
    }
    expect((await t.call({ method: 'GET', url: MAPPING, headers: bearer(t.tokens.supplier) })).statusCode).toBe(404);
    // Real UTF-8 (two, three and four bytes) is read as before.
    const ok = await t.call({
      method: 'PUT',
      url: MAPPING,
      payload: '{"columns":{"café":"nhsNumber","n°€😀":"localPatientId"}}',
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/json' },
    });
    expect(ok.statusCode).toBe(201);
    expect(JSON.parse(ok.payload)).toMatchObject({ columns: { café: 'nhsNumber', 'n°€😀': 'localPatientId' } });
  });

  it('refuses a schema in JSON or YAML whose enum value would have been published changed', async () => {
    for (const [type, body, at] of [
      ['application/json', latin1('{"type":"object","properties":{"c":{"enum":["caf', '"]}}}'), 48],
      ['application/yaml', latin1('type: object\nproperties:\n  c:\n    enum: [caf', ']\n'), 44],
    ] as const) {
      const response = await t.call({
        method: 'PUT',
        url: '/v1/standards/utf8-demo/versions/1.0.0',
        payload: body,
        headers: { ...bearer(t.tokens.author), 'content-type': type },
      });
      expect(response.statusCode, type).toBe(400);
      expect(problemOf(response).detail).toBe(detail(at));
    }
    await expect(t.app.services.standards.releasedMajors('utf8-demo')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('finds the first bad byte across chunks, in a sequence cut short, and in overlong or surrogate forms', () => {
    const at = (...chunks: number[][]) => {
      const watch = new Utf8Watch();
      for (const chunk of chunks) watch.add(Uint8Array.from(chunk));
      return watch.end();
    };
    expect(at([0x41, 0xc3], [0xa9, 0x42])).toBeUndefined(); // é split between chunks
    expect(at([0x41, 0xf0, 0x9f], [0x98, 0x80])).toBeUndefined(); // 😀 split
    expect(at([0x41, 0x42, 0xe2, 0x82])).toBe(2); // € cut short at the end
    expect(at([0x41, 0xe2], [0x82, 0x41])).toBe(1); // € broken across chunks: where it started
    expect(at([0xc3, 0xa9, 0x80])).toBe(2); // a lone continuation after a good character
    expect(at([0x41, 0xc0, 0xaf])).toBe(1); // overlong '/'
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // a UTF-16 surrogate
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // above U+10FFFF
    expect(at([0xff])).toBe(0);
  });
});

describe('versions with leading zeros or other malformed numbers', () => {
  const VERSION_DETAIL =
    'must be a semantic version: an exact version MAJOR.MINOR.PATCH with no leading zeros (such as 2.0.1), latest, or a major or a major and minor (2, 2.1); the registry holds no pre-release (2.1.0-beta.1) or build (2.1.0+5) versions';

  it('answers a 400 naming the parameter on every route that takes a version in its path or query', async () => {
    const PUBLISH_DETAIL = 'must be a semantic version MAJOR.MINOR.PATCH with no leading zeros (2.0.1)';
    const cases: { method: 'GET' | 'PUT' | 'POST'; url: string; name: string; in: 'path' | 'query'; token?: string; type?: string; detail?: string }[] = [
      { method: 'GET', url: '/v1/standards/patient-demographics/versions/02.0.1', name: 'version', in: 'path' },
      { method: 'GET', url: '/v1/standards/patient-demographics/versions/2.00.1/types.ts', name: 'version', in: 'path' },
      { method: 'GET', url: '/v1/standards/patient-demographics/versions/02/bundle', name: 'version', in: 'path' },
      {
        method: 'PUT',
        url: '/v1/standards/patient-demographics/versions/02.0.1',
        name: 'version',
        in: 'path',
        token: t.tokens.admin,
        type: 'application/json',
        detail: PUBLISH_DETAIL,
      },
      { method: 'POST', url: '/v1/standards/patient-demographics/versions/2.0.01/deprecate', name: 'version', in: 'path', token: t.tokens.admin },
      {
        method: 'POST',
        url: '/v1/standards/patient-demographics/versions/02.0.1/validate',
        name: 'version',
        in: 'path',
        token: t.tokens.supplier,
        type: 'application/x-ndjson',
      },
      {
        method: 'POST',
        url: '/v1/standards/patient-demographics/versions/02.0.1/trial',
        name: 'version',
        in: 'path',
        token: t.tokens.supplier,
        type: 'application/x-ndjson',
      },
      { method: 'GET', url: '/v1/standards/patient-demographics/changes?from=02.0.0', name: 'from', in: 'query' },
      { method: 'GET', url: '/v1/standards/patient-demographics/changes?to=1.01', name: 'to', in: 'query' },
      { method: 'GET', url: '/v1/artefacts/code-lists/ethnic-category/versions/01.0.0', name: 'version', in: 'path' },
      { method: 'GET', url: '/v1/artefacts/code-lists/ethnic-category/changes?from=1.0.00', name: 'from', in: 'query' },
    ];
    for (const c of cases) {
      const response = await t.call({
        method: c.method,
        url: c.url,
        ...(c.type ? { payload: c.type === 'application/json' ? '{"type":"object"}' : '{}\n' } : {}),
        headers: { ...(c.token ? bearer(c.token) : {}), ...(c.type ? { 'content-type': c.type } : {}) },
      });
      expect(response.statusCode, c.url).toBe(400);
      expect(problemOf(response), c.url).toMatchObject({
        type: 'https://conform.invalid/problems/bad-request',
        detail: `${c.name} ${c.detail ?? VERSION_DETAIL}`,
        errors: [{ in: c.in, name: c.name, pointer: `/${c.name}`, detail: c.detail ?? VERSION_DETAIL }],
      });
    }
  });

  it('is refused by the services too (the web pages and the CLI ask them), and a valid spec still resolves', async () => {
    for (const spec of ['02.0.1', '2.00', '9999999999999999.0.0', 'v2']) {
      await expect(t.app.services.standards.version('patient-demographics', spec), spec).rejects.toMatchObject({
        kind: 'invalid-input',
        message: expect.stringMatching(/ is not a semantic version: an exact version MAJOR\.MINOR\.PATCH with no leading zeros/),
      });
    }
    // A pre-release or build version is a semantic version, but the registry holds none (registry/release-rule.ts).
    for (const spec of ['2.0.1-rc.1', '2.0.1+5']) {
      await expect(t.app.services.standards.version('patient-demographics', spec), spec).rejects.toMatchObject({
        kind: 'invalid-input',
        message: expect.stringMatching(/ is a (pre-release|build) version, and the registry holds none: it publishes releases only/),
      });
    }
    for (const spec of ['2.0.1', '2', '2.0', 'latest', '1']) {
      expect((await t.app.services.standards.version('patient-demographics', spec)).standardId).toBe('patient-demographics');
    }
    await expect(t.app.services.standards.version('patient-demographics', '7')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('a body over a route size limit', () => {
  it('says what the column mapping limit is, when 20,000 columns are over the byte limit', async () => {
    const columns = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`column_${i}`, `field${i}`]));
    const response = await t.call({ method: 'PUT', url: MAPPING, payload: { columns }, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toMatchObject({
      type: 'https://conform.invalid/problems/http-413',
      detail: 'the body is larger than 256 KiB: a column mapping has at most 500 columns, each name and field of 1 to 200 characters',
    });
    // Under the byte limit, the column rule answers itself.
    const short = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`c${i}`, 'x']));
    const counted = await t.call({ method: 'PUT', url: MAPPING, payload: { columns: short }, headers: bearer(t.tokens.supplier) });
    expect(counted.statusCode).toBe(422);
    expect(problemOf(counted).detail).toMatch(/at most 500 columns/);
  });

  it("names a publish's configured schema limit", async () => {
    const response = await t.call({
      method: 'PUT',
      url: '/v1/standards/size-demo/versions/1.0.0',
      payload: JSON.stringify({ type: 'object', description: 'x'.repeat(1024 * 1024) }),
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).detail).toBe('the schema is larger than this service publishes: at most 1 MiB (after gzip is inflated)');
  });

  it("names an artefact publish's limit, counted after gzip, as the contract declares", async () => {
    // A gzip bomb: 4 MiB of spaces in a few KiB. It was "larger than this endpoint accepts", naming no limit.
    const response = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/code-lists/size-demo/versions/1.0.0',
      payload: gzipSync(Buffer.alloc(4 * 1024 * 1024, ' ')),
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toMatchObject({
      type: 'https://conform.invalid/problems/http-413',
      detail: 'the document is larger than this service publishes: at most 1 MiB (after gzip is inflated)',
      errors: [{ in: 'body', pointer: '', detail: 'the document is larger than this service publishes: at most 1 MiB (after gzip is inflated)' }],
    });
  });

  it('names the limit of a route that reads no body of its own (the server default)', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/2.0.1/deprecate',
      payload: `{"padding":"${'x'.repeat(1024 * 1024)}"}`,
      headers: { ...bearer(t.tokens.admin), 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).detail).toBe('the body is larger than 1 MiB, the most this endpoint reads');
    expect((await t.app.services.standards.version('patient-demographics', '2.0.1')).status).toBe('published');
  });
});

describe('the findings a report keeps', () => {
  it('are at most 100,000: ?maxFindings=1000000 is a 400 naming it, where a 900 KB body once cost 1.5 GB and a 148 MB stored report', async () => {
    const before = await submissions();
    for (const value of ['1000000', '100001']) {
      const response = await t.call({
        method: 'POST',
        url: `${V}/validate?maxFindings=${value}`,
        payload: '{}\n'.repeat(10),
        headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
      });
      expect(response.statusCode, value).toBe(400);
      expect(problemOf(response)).toMatchObject({
        detail: 'maxFindings must be a whole number from 0 to 100000',
        errors: [{ in: 'query', name: 'maxFindings', pointer: '/maxFindings', detail: 'must be a whole number from 0 to 100000' }],
      });
    }
    expect(await submissions()).toBe(before);
    const most = await t.call({
      method: 'POST',
      url: `${V}/trial?maxFindings=100000`,
      payload: '{}\n'.repeat(10),
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect([most.statusCode, (most.result as { maxFindings: number }).maxFindings]).toEqual([200, 100_000]);
  });
});

describe('Accept', () => {
  const answerTo = async (accept: string) => {
    // Injected directly: the BusAck answer is CSV, which t.call would parse as JSON.
    const response = await t.server.inject({
      method: 'POST',
      url: `${V}/trial`,
      payload: `${JSON.stringify({ localPatientId: 'x' })}\n`,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson', accept },
    });
    expect(response.statusCode, accept).toBe(200);
    return String(response.headers['content-type']).split(';')[0];
  };

  it('honours q-values and case: a type refused with q=0 is never the answer, and the preferred type wins', async () => {
    const cases: [string, string][] = [
      // These once answered the BusAck CSV or FHIR because the header merely contained the type's name.
      ['text/csv;q=0, application/json', 'application/json'],
      ['application/json, text/csv;q=0.1', 'application/json'],
      ['application/fhir+json;q=0, application/json', 'application/json'],
      ['application/json;q=0.5, application/fhir+json', 'application/fhir+json'],
      // And these were read wrong the other way.
      ['TEXT/CSV', 'text/csv'],
      ['text/*', 'text/csv'],
      // As before.
      ['text/csv', 'text/csv'],
      ['application/fhir+json', 'application/fhir+json'],
      ['*/*', 'application/json'],
      ['', 'application/json'],
      // problem+json is about refusals: it decides nothing of a successful answer.
      ['application/problem+json', 'application/json'],
      ['application/problem+json, text/csv', 'text/csv'],
      ['application/*;q=0.5, text/csv;q=0.4', 'application/json'],
    ];
    for (const [accept, type] of cases) expect(await answerTo(accept), accept).toBe(type);
  });
});

describe('an Accept header that accepts nothing a route answers in', () => {
  it('is a 406 naming the types the route produces, before the body is read, where it was a 200 in JSON', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/v1/standards', 'application/xml'],
      ['GET', '/v1/submissions', 'text/html'],
      ['GET', '/openapi.json', 'application/yaml'],
      ['GET', '/health', 'text/plain'],
      ['GET', '/v1/standards', '*/*;q=0'],
      ['GET', '/v1/standards', 'application/json;q=0, text/*'],
      ['POST', `${V}/trial`, 'application/xml'],
      ['POST', `${V}/trial`, 'application/problem+json, image/*'],
    ];
    for (const [method, url, accept] of cases) {
      const response = await t.server.inject({
        method,
        url,
        headers: { ...bearer(t.tokens.supplier), accept, ...(method === 'POST' ? { 'content-type': 'application/x-ndjson' } : {}) },
        ...(method === 'POST' ? { payload: NDJSON } : {}),
      });
      expect(response.statusCode, `${url} ${accept}`).toBe(406);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = problemOf(response);
      expect(problem.detail, accept).toMatch(/^the Accept header accepts none of the types this endpoint answers in: application\/json/);
      if (url.endsWith('/trial')) expect(problem.detail).toContain('application/json, application/fhir+json, text/csv');
      expect(problem.errors).toEqual([{ in: 'header', name: 'Accept', detail: problem.detail }]);
    }
  });

  it('keeps answering */*, application/*, a listed type at any q, a header naming no type, and every file and page in its own type', async () => {
    for (const accept of ['*/*', 'application/*', 'text/html, application/xml;q=0.9, */*;q=0.8', 'application/xml, application/json;q=0.1', 'nonsense', ' ']) {
      const response = await t.server.inject({ method: 'GET', url: '/v1/standards', headers: { ...bearer(t.tokens.supplier), accept } });
      expect(response.statusCode, accept).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
    const page = await t.server.inject({ method: 'GET', url: '/', headers: { accept: 'application/xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const types = await t.server.inject({
      method: 'GET',
      url: '/v1/standards/patient-demographics/versions/2.0.1/types.ts',
      headers: { ...bearer(t.tokens.supplier), accept: 'application/json' },
    });
    expect(types.statusCode).toBe(200);
    expect(types.headers['content-type']).toMatch(/^application\/typescript/);
  });
});

describe('what a problem repeats of the request', () => {
  it('escapes control and bidirectional characters in an unknown parameter name and cuts a long one short', async () => {
    const response = await t.call({ method: 'GET', url: `/v1/standards?${encodeURIComponent('a\u202eb')}=1&${'x'.repeat(3000)}=1` });
    expect(response.statusCode).toBe(400);
    const body = problemOf(response);
    expect(body.errors).toEqual([
      { in: 'query', name: 'a\\u202eb', pointer: '/a\\u202eb', detail: 'is not a parameter of this operation' },
      { in: 'query', name: `${'x'.repeat(64)}…`, pointer: `/${'x'.repeat(64)}…`, detail: 'is not a parameter of this operation' },
    ]);
    expect(response.payload).not.toContain('\u202e');
    expect(response.payload).not.toContain('x'.repeat(65));
  });

  it('does not repeat a reporting period holding a bidirectional control', async () => {
    const response = await t.call({
      method: 'POST',
      url: `${V}/trial?period=${encodeURIComponent('\u202e2026-11')}`,
      payload: NDJSON,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^the text given is not a reporting period; write a month as 2026-11/);
    expect(response.payload).not.toContain('\u202e');
  });

  it('says what is wrong with a path whose percent-encoding cannot be read, where hapi said "Bad Request"', async () => {
    for (const url of ['/v1/standards/%FF', '/v1/standards/%E0%A4%A', '/v1/submissions/%C0%AF']) {
      const response = await t.call({ method: 'GET', url, headers: bearer(t.tokens.admin) });
      expect(response.statusCode, url).toBe(400);
      expect(problemOf(response), url).toMatchObject({
        type: 'https://conform.invalid/problems/http-400',
        detail: "the request's path cannot be read: each % must be followed by two hexadecimal digits, and the bytes they encode must be UTF-8",
      });
    }
  });
});

describe('YAML bodies', () => {
  const publishYaml = (body: string, url = '/v1/standards/yaml-demo/versions/1.0.0') =>
    t.call({ method: 'PUT', url, payload: body, headers: { ...bearer(t.tokens.author), 'content-type': 'application/yaml' } });

  it('refuses aliases that would expand without bound or point nowhere with a 400, where they were a 500', async () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const [name, previous] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
      laughs.push(`${name}: &${name} [${Array<string>(9).fill(`*${previous}`).join(',')}]`);
    }
    for (const [body, why] of [
      [laughs.join('\n'), 'Excessive alias count indicates a resource exhaustion attack'],
      ['type: object\nproperties: *nowhere\n', 'Unresolved alias (the anchor must be set before the alias): nowhere'],
    ] as const) {
      for (const url of ['/v1/standards/yaml-demo/versions/1.0.0', '/v1/artefacts/code-lists/yaml-demo/versions/1.0.0']) {
        const response = await publishYaml(body, url);
        expect(response.statusCode, url).toBe(400);
        expect(problemOf(response), url).toMatchObject({
          type: 'https://conform.invalid/problems/invalid-input',
          detail: `the body is not valid YAML: its aliases cannot be read (${why})`,
        });
      }
    }
  });

  it("refuses a tag the parser does not know, which it would have dropped with a warning quoting the body's line", async () => {
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      const response = await publishYaml('type: object\nproperties:\n  a: !!js/function "SECRETLINE"\n');
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).detail).toBe(
        'the body is not valid JSON or YAML (line 3, column 6): Unresolved tag: tag:yaml.org,2002:js/function at line 3, column 6:',
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message).join('\n')).not.toContain('SECRETLINE');
    } finally {
      process.off('warning', listen);
    }
    await expect(t.app.services.standards.releasedMajors('yaml-demo')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('a range that ends before it starts', () => {
  it('is a 400 on GET /v1/quality naming from, where it answered an empty 200', async () => {
    const url = '/v1/quality?standard=patient-demographics&from=2026-03-01&to=2026-01-01';
    const response = await t.call({ method: 'GET', url, headers: bearer(t.tokens.author) });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({
      type: 'https://conform.invalid/problems/invalid-input',
      detail: 'from is after to: the range would hold nothing; give from on or before to',
      errors: [{ in: 'query', name: 'from', pointer: '/from', detail: 'is after to: the range would hold nothing; give from on or before to' }],
    });
    // One day, given as the same date for both ends, is a range.
    const day = await t.call({
      method: 'GET',
      url: '/v1/quality?standard=patient-demographics&from=2026-03-01&to=2026-03-01',
      headers: bearer(t.tokens.author),
    });
    expect(day.statusCode).toBe(200);
  });
});

describe('a Content-Type that is hard to read', () => {
  it('reads a charset inside a quoted parameter as part of that parameter, and says what is wrong with an unreadable header', async () => {
    const trial = (type: string) =>
      t.call({ method: 'POST', url: `${V}/trial`, payload: 'localPatientId\nx\n', headers: { ...bearer(t.tokens.supplier), 'content-type': type } });
    // `charset=latin1` here is text inside another parameter's quoted value, not a charset.
    expect((await trial('text/csv; profile="a;charset=latin1"')).statusCode).toBe(200);
    expect(problemOf(await trial('text/csv; profile="a"; charset=latin1')).detail).toBe(CHARSET_DETAIL('"latin1"'));
    const unreadable = await trial('application/json, text/csv');
    expect(unreadable.statusCode).toBe(400);
    expect(problemOf(unreadable).detail).toBe(
      'the Content-Type header cannot be read: give one media type, one of application/json, application/x-ndjson, application/ndjson, application/jsonl, text/csv, application/octet-stream, then any parameters (such as ; charset=utf-8)',
    );
    // A parameter given twice: hapi's own words, and no errors naming the header, until it was read as this.
    const twice = await trial('text/csv; charset=utf-8; charset=latin1');
    const detail =
      'the Content-Type header cannot be read: give one media type, one of application/json, application/x-ndjson, application/ndjson, application/jsonl, text/csv, application/octet-stream, then any parameters (such as ; charset=utf-8); a parameter (such as charset) is given more than once, so which is meant cannot be told';
    expect(twice.statusCode).toBe(400);
    expect(problemOf(twice)).toMatchObject({ detail, errors: [{ in: 'header', name: 'Content-Type', detail }] });
  });
});

describe('a Range header', () => {
  it("is ignored: the whole answer, never hapi's own 416 JSON (which was neither a problem nor a page)", async () => {
    const spec = await t.server.inject({ method: 'GET', url: '/openapi.json' });
    for (const range of ['bytes=zz', 'bytes=99999999-', 'bytes=0-10', `bytes=${Array.from({ length: 100 }, (_, i) => `${i}-${i}`).join(',')}`]) {
      const response = await t.server.inject({ method: 'GET', url: '/openapi.json', headers: { range } });
      expect(response.statusCode, range).toBe(200);
      expect(response.headers['accept-ranges'], range).toBeUndefined();
      expect(response.payload, range).toBe(spec.payload);
    }
    const page = await t.server.inject({ method: 'GET', url: '/web/js-enabled.js', headers: { range: 'bytes=99999999-' } });
    expect(page.statusCode).toBe(200);
  });
});

describe('a JSON body that begins with a byte order mark', () => {
  it('is a 400 saying so (it said only "unexpected character", with no place), and a submission line with one names it too', async () => {
    const response = await t.call({
      method: 'PUT',
      url: '/v1/standards/bom-demo',
      payload: '\ufeff{"title":"Clinic","owner":"Someone","description":"Visits"}',
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
    });
    const detail = 'the body is not valid JSON: a byte order mark (U+FEFF), which JSON does not allow: save the text as UTF-8 without a BOM';
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ detail, errors: [{ in: 'body', pointer: '', detail }] });
    // A submission's first BOM is the file's (skipped); one starting a later NDJSON line is that record's syntax finding.
    const trial = await t.call({
      method: 'POST',
      url: `${V}/trial`,
      payload: `${NDJSON}\ufeff${NDJSON}`,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect((JSON.parse(trial.payload) as { findings: unknown[] }).findings).toContainEqual({
      record: 2,
      line: 2,
      path: '',
      rule: 'json-syntax',
      message: 'malformed JSON: a byte order mark (U+FEFF), which JSON does not allow: save the text as UTF-8 without a BOM',
      severity: 'error',
    });
  });
});

describe('a JSON schema body with a key twice in one object', () => {
  it('is a 400 naming the key and where, where JSON.parse kept the last and published a schema that required nothing', async () => {
    const body = '{"type":"object","properties":{"nhsNumber":{"type":"string"}},"required":["nhsNumber"],"required":[]}';
    for (const url of ['/v1/standards/duplicate-demo/versions/1.0.0', '/v1/artefacts/code-lists/duplicate-demo/versions/1.0.0']) {
      const response = await t.call({ method: 'PUT', url, payload: body, headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' } });
      expect(response.statusCode, url).toBe(400);
      const detail = 'has the key "required" twice in one object: JSON keeps only the last, so give each key once';
      expect(problemOf(response), url).toMatchObject({
        type: 'https://conform.invalid/problems/invalid-input',
        detail: `the body ${detail} (at /required)`,
        errors: [{ pointer: '/required', detail }],
      });
    }
    await expect(t.app.services.standards.releasedMajors('duplicate-demo')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('a parsed JSON body with a key twice in one object', () => {
  it('is a 400 naming the key and where on the column mapping, metadata and withdrawal routes, and saves nothing', async () => {
    const detail = (key: string, at: string) => `the body has the key "${key}" twice in one object (at ${at}): JSON keeps only the last, so give each key once`;
    const cases: { method: 'PUT' | 'POST'; url: string; body: string; token: string; key: string; at: string }[] = [
      { method: 'PUT', url: MAPPING, body: '{"columns":{"nhs":"nhsNumber","nhs":"localPatientId"}}', token: t.tokens.supplier, key: 'nhs', at: '/columns/nhs' },
      {
        method: 'PUT',
        url: '/v1/standards/keys-demo',
        body: '{"title":"A","title":"B","owner":"x","description":"y"}',
        token: t.tokens.author,
        key: 'title',
        at: '/title',
      },
      {
        method: 'POST',
        url: '/v1/submissions/00000000-0000-4000-8000-000000000000/withdrawal',
        body: '{"reason":"a","reason":"b"}',
        token: t.tokens.supplier,
        key: 'reason',
        at: '/reason',
      },
    ];
    for (const c of cases) {
      for (const gzip of [false, true]) {
        const response = await t.call({
          method: c.method,
          url: c.url,
          payload: gzip ? gzipSync(c.body) : c.body,
          headers: { ...bearer(c.token), 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
        });
        expect(response.statusCode, c.url).toBe(400);
        expect(problemOf(response).detail, c.url).toBe(detail(c.key, c.at));
      }
    }
    // The mapping saved earlier in this file is as it was.
    const saved = await t.call({ method: 'GET', url: MAPPING, headers: bearer(t.tokens.supplier) });
    expect(Object.keys((JSON.parse(saved.payload) as { columns: object }).columns)).not.toContain('nhs');
    await expect(t.app.services.standards.releasedMajors('keys-demo')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('a CSV header of very many columns', () => {
  it('is a 400 naming the count and the body, not seconds of work: every column would be looked up in the schema', async () => {
    const before = await submissions();
    const header = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    const response = await t.call({
      method: 'POST',
      url: `${V}/validate`,
      payload: `${header}\n${','.repeat(199_999)}\n`,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'text/csv' },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.detail).toContain('the header row (line 1) has 200,000 columns, more than the 10,000 a record may hold');
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'body' })]);
    expect(await submissions()).toBe(before);
  });
});

describe('a publish body that holds nothing', () => {
  it('is a 400 saying the body is empty, where a byte order mark alone was told it "must be a JSON Schema object"', async () => {
    const cases: [string, string, string][] = [
      ['/v1/standards/empty-demo/versions/1.0.0', '\ufeff', 'application/json'],
      ['/v1/standards/empty-demo/versions/1.0.0', '\ufeff  \r\n\t', 'application/yaml'],
      ['/v1/standards/empty-demo/versions/1.0.0', ' \n', 'application/json'],
      ['/v1/artefacts/code-lists/empty-demo/versions/1.0.0', '\ufeff\n', 'application/json'],
    ];
    for (const [url, payload, type] of cases) {
      const response = await t.call({ method: 'PUT', url, payload, headers: { ...bearer(t.tokens.author), 'content-type': type } });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const detail = problemOf(response).detail;
      expect(detail, JSON.stringify(payload)).toMatch(/^the body is empty/);
      expect(detail).toContain(payload.startsWith('\ufeff') ? 'a byte order mark and nothing else' : 'send the document as JSON or YAML');
    }
    expect((await t.call({ method: 'GET', url: '/v1/standards/empty-demo', headers: bearer(t.tokens.author) })).statusCode).toBe(404);
  });
});

describe('a path with repeated slashes', () => {
  it("is the API's when its segments are, so a badly joined URL gets a problem, not an HTML page", async () => {
    for (const url of ['//v1//standards', '//v1/standards/nope', '/v1//nope', '//health/']) {
      const response = await t.app.server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(problemOf(response).status, url).toBe(404);
    }
    // A web path with a doubled slash is still a page.
    const page = await t.app.server.inject({ method: 'GET', url: '//nope' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });
});
