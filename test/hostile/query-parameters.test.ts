/**
 * Query parameters as an attacker sends them: a value that is the right shape but no real period
 * (`2026-99`) was an empty 200, as if no submission matched. Every route's query parameters are swept with
 * malformed, out-of-range, negative, fractional and repeated values: each is a 400 naming the parameter
 * and what it must be. And a caller's text a problem repeats (a column name) is shown escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from './web-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const V = '/v1/standards/patient-demographics/versions/2.0.1';
const NDJSON = `${JSON.stringify({ localPatientId: 'P1', nhsNumber: '9434765919' })}\n`;
type Problem = { type: string; status: number; detail: string; errors?: { in?: string; name?: string; pointer?: string; detail: string }[] };
const problemOf = (response: { payload: string }) => JSON.parse(response.payload) as Problem;
const PERIOD_DETAIL =
  'must be a reporting period: a month 2026-11, a quarter 2026-Q3 or 2026-27-Q1, a financial year 2026-27, or dates 2026-04-01/2026-06-30 (real months, quarters Q1 to Q4, real dates, the start not after the end)';

describe('the submissions filter period', () => {
  it('refuses a period that is no real period with a 400 naming it, where it answered an empty 200', async () => {
    for (const period of ['2026-99', '2026-Q5', '2026-28', '2026-02-30/2026-03-01', '2026-06-30/2026-04-01', '1066-01']) {
      const response = await t.call({ method: 'GET', url: `/v1/submissions?period=${encodeURIComponent(period)}`, headers: bearer(t.tokens.admin) });
      expect(response.statusCode, period).toBe(400);
      expect(problemOf(response)).toEqual({
        type: 'https://conform.invalid/problems/invalid-input',
        title: 'Bad request',
        status: 400,
        detail: `period ${PERIOD_DETAIL}`,
        errors: [{ in: 'query', name: 'period', pointer: '/period', detail: PERIOD_DETAIL }],
        instance: '/v1/submissions',
      });
    }
  });

  it('reads a period as validation does: 2026-q3 finds the submissions for 2026-Q3', async () => {
    const sent = await t.call({
      method: 'POST',
      url: `${V}/validate?period=2026-Q3`,
      payload: NDJSON,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/x-ndjson' },
    });
    expect(sent.statusCode).toBe(201);
    const listed = await t.call({ method: 'GET', url: '/v1/submissions?period=2026-q3', headers: bearer(t.tokens.admin) });
    expect((listed.result as { submissions: { period: unknown }[] }).submissions).toHaveLength(1);
  });

  it('is refused the same way on the /submissions page', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const page = await t.server.inject({ method: 'GET', url: '/submissions?period=2026-99', headers: { cookie } });
    expect(page.statusCode).toBe(400);
    expect(page.payload).toContain(`The period in the address ${PERIOD_DETAIL}.`);
  });
});

describe('every route’s query parameters', () => {
  const CASES: { url: string; method?: 'POST'; name: string; values: string[] }[] = [
    { url: '/v1/standards', name: 'limit', values: ['0', '-1', '1.5', '1e3', '1001', '', ' 5', '０１'] },
    { url: '/v1/audit', name: 'limit', values: ['0', '99999999999999999999'] },
    { url: '/v1/standards', name: 'cursor', values: ['%%', 'AAAA', 'x'.repeat(600)] },
    { url: '/v1/submissions', name: 'outcome', values: ['maybe', 'VALID', ''] },
    { url: '/v1/submissions', name: 'standard', values: ['Patient', '../x', ''] },
    { url: '/v1/quality?standard=patient-demographics', name: 'from', values: ['2026-02-30', 'yesterday', '2026-1-1'] },
    { url: '/v1/quality?standard=patient-demographics', name: 'supplier', values: ['8kr01', 'X', '8KR01;DROP'] },
    { url: '/v1/standards/patient-demographics/changes', name: 'from', values: ['02.0.0', 'v2', '-1', '2.0.0.0'] },
    { url: '/v1/artefacts', name: 'kind', values: ['nope', ''] },
    { url: `${V}/validate`, method: 'POST', name: 'maxFindings', values: ['-1', '1.5', '1e6', '1000001', '99999999999999999999', '0x10'] },
    { url: `${V}/validate`, method: 'POST', name: 'mapping', values: ['other', ''] },
    { url: `${V}/trial`, method: 'POST', name: 'period', values: ['2026-99', 'x'.repeat(41)] },
  ];
  it.each(CASES)('$url ?$name=…: each malformed or out-of-range value is a 400 naming $name', async ({ url, method, name, values }) => {
    for (const value of values) {
      const response = await t.call({
        method: method ?? 'GET',
        url: `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`,
        headers: { ...bearer(t.tokens.admin), ...(method ? { 'content-type': 'application/x-ndjson' } : {}) },
        ...(method ? { payload: NDJSON } : {}),
      });
      expect(response.statusCode, `${name}=${value}: ${response.payload}`).toBe(400);
      const body = problemOf(response);
      expect(
        body.errors?.map((e) => [e.in, e.name, e.pointer]),
        `${name}=${value}`,
      ).toContainEqual(['query', name, `/${name}`]);
      expect(body.detail).toContain(name);
      expect(response.payload).not.toContain('DROP');
    }
  });

  it('a repeated parameter is refused, as the API contract says, never read as one of its values', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/submissions?period=2026-Q3&period=2026-Q4', headers: bearer(t.tokens.admin) });
    expect(problemOf(response).errors).toEqual([{ in: 'query', name: 'period', pointer: '/period', detail: 'must be a single value' }]);
  });
});

describe("a caller's text repeated in a problem", () => {
  it('escapes a bidirectional override in a column name, in the pointer and the detail, and says the field is in the body', async () => {
    const response = await t.call({
      method: 'PUT',
      url: '/v1/standards/patient-demographics/column-mappings',
      payload: JSON.stringify({ columns: { 'nhs\u202enumber': 'nhsNumber', ok: 'no\u202eSuchField' } }),
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.payload).not.toContain('\u202e');
    expect(problemOf(response).errors).toEqual([
      {
        in: 'body',
        pointer: '/columns/nhs\\u202enumber',
        detail: 'a column name is 1 to 200 characters, without surrounding spaces, control, format or bidirectional characters',
      },
      { in: 'body', pointer: '/columns/ok', detail: '"no\\u202eSuchField" is not a field of patient-demographics' },
    ]);
    expect(problemOf(response).detail).toContain('"no\\u202eSuchField" is not a field');
  });
});

describe('many bad parameters or fields at once', () => {
  it('lists at most 50 and says how many more (1,000 unknown names were each listed twice, some 100 KB)', async () => {
    const query = Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&');
    const response = await t.call({ method: 'GET', url: `/v1/standards?${query}` });
    expect(response.statusCode).toBe(400);
    const body = problemOf(response);
    expect(body.errors).toHaveLength(50);
    expect(body.errors![0]).toEqual({ in: 'query', name: 'p0', pointer: '/p0', detail: 'is not a parameter of this operation' });
    expect(body.detail).toMatch(
      /^the query parameters are not valid: p0 is not a parameter of this operation; .*; p49 is not a parameter of this operation; and 950 more not listed \(at most 50 are\)$/,
    );
    expect(response.payload.length).toBeLessThan(10_000);
    // Past the 1,000 parameters hapi's parser reads, the rest are counted too (query-count.ts): 2,000
    // unknown names were "950 more", as if the query ended at the thousandth.
    for (const [sent, more] of [
      [1001, 'and 951 more'],
      [2000, 'and 1950 more'],
      [10_000, 'and 9950 more'],
      [12_000, 'and at least 9950 more'],
    ] as const) {
      const many = Array.from({ length: sent }, (_, i) => `p${i}=1`).join('&');
      const answer = await t.call({ method: 'GET', url: `/v1/standards?${many}` });
      expect(answer.statusCode, String(sent)).toBe(400);
      expect(problemOf(answer).errors, String(sent)).toHaveLength(50);
      expect(problemOf(answer).detail, String(sent)).toMatch(new RegExp(`; ${more} not listed \\(at most 50 are\\)$`));
      expect(answer.payload.length).toBeLessThan(10_000);
    }
    // A repeated name is one problem ("must be a single value"), however many times it is sent; a declared
    // parameter past the thousandth is checked too.
    const repeated = [...Array.from({ length: 1500 }, () => 'x=1'), 'limit=0'].join('&');
    const twice = problemOf(await t.call({ method: 'GET', url: `/v1/standards?${repeated}` }));
    expect(twice.errors!.map((e) => `${e.name} ${e.detail}`)).toEqual([expect.stringMatching(/^limit /), 'x is not a parameter of this operation']);
    expect(twice.detail).not.toContain('more not listed');
    // A body too: metadata with 3,000 fields the schema does not allow.
    const fields = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}`, 1]));
    const put = await t.call({
      method: 'PUT',
      url: '/v1/standards/many-fields',
      payload: JSON.stringify({ title: 'T', owner: 'O', description: 'D', ...fields }),
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
    });
    expect(put.statusCode).toBe(422);
    expect(problemOf(put).errors).toHaveLength(50);
    expect(problemOf(put).detail).toMatch(/; and 2950 more not listed \(at most 50 are\)$/);
  });

  it("bounds a service's refusal that lists every problem: a schema with 900 remote $refs (40 KB) was answered with 200 KB", async () => {
    const properties = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`f${i}`, { $ref: `http://x.invalid/${i}` }]));
    const response = await t.call({
      method: 'PUT',
      url: '/v1/standards/many-refs/versions/1.0.0',
      payload: JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties }),
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(422);
    const body = problemOf(response);
    expect(body.errors).toHaveLength(50);
    expect(body.errors![0]).toMatchObject({ in: 'body', pointer: '/properties/f0/$ref' });
    expect(body.detail).toMatch(
      /^the schema refers to something other than itself and the shared definitions: http:\/\/x\.invalid\/0 at \/properties\/f0\/\$ref, /,
    );
    expect(body.detail).toMatch(/ and 897 more; errors lists the first 50 of 900$/);
    expect(response.payload.length).toBeLessThan(20_000);
  });
});
