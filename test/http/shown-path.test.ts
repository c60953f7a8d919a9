/**
 * What one request can make the server echo of its own address: a problem's `instance` (and a 404's
 * detail) show the path as sent while it is as short as the API's own addresses, else cut to a fixed
 * maximum with a percent-encoded "…", still a valid URI reference; the pages refuse an overlong query
 * value and send an overlong address to sign-in without `next`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { CUT_MARK, SHOWN_PATH_LENGTH, SHOWN_SEGMENT_LENGTH, shownPath } from '../../src/http/shown-path.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const body = (payload: string) => JSON.parse(payload) as Record<string, unknown>;
const longest = SHOWN_PATH_LENGTH + CUT_MARK.length;

describe('shownPath', () => {
  it('keeps an ordinary path and cuts a long segment and a long path, marking each cut', () => {
    const ordinary = '/v1/artefacts/code-lists/ethnic-category/versions/1.0.0/used-by';
    expect(shownPath(ordinary)).toBe(ordinary);
    expect(shownPath(`/v1/standards/${'a'.repeat(5000)}/versions/1`)).toBe(`/v1/standards/${'a'.repeat(SHOWN_SEGMENT_LENGTH)}${CUT_MARK}/versions/1`);
    const many = shownPath('/x'.repeat(5000));
    expect(many).toBe(`${'/x'.repeat(SHOWN_PATH_LENGTH / 2)}${CUT_MARK}`);
  });

  it('never splits an escape, nor the escapes of one character, so the shown path decodes', () => {
    const e = '%C3%A9'; // é
    for (let pad = 0; pad < 6; pad++) {
      const shown = shownPath(`/${'b'.repeat(pad)}${e.repeat(100)}`);
      expect(shown.length).toBeLessThanOrEqual(1 + SHOWN_SEGMENT_LENGTH + CUT_MARK.length);
      expect(shown.endsWith(CUT_MARK)).toBe(true);
      expect(decodeURIComponent(shown)).toMatch(/^\/b*é+…$/);
    }
  });
});

describe('shownPath of a path that is not a valid URI reference', () => {
  it('escapes a stray % and what a path may not hold', () => {
    expect(shownPath('/v1/standards/%E0%A4%A')).toBe('/v1/standards/%E0%A4%25A');
    expect(shownPath('/v1/standards/%FF')).toBe('/v1/standards/%FF');
    expect(shownPath('/v1/a b/é"<')).toBe('/v1/a%20b/%C3%A9%22%3C');
  });
});

describe('a problem repeats a bounded path', () => {
  it('a 5,000-character standard id: the 400 names the id; its instance is cut', async () => {
    const long = 'a'.repeat(5000);
    const response = await t.call({ method: 'GET', url: `/v1/standards/${long}/versions/1?limit=${'9'.repeat(5000)}` });
    expect(response.statusCode).toBe(400);
    const problem = body(response.payload);
    expect(problem.instance).toBe(`/v1/standards/${'a'.repeat(SHOWN_SEGMENT_LENGTH)}${CUT_MARK}/versions/1`);
    expect(problem.detail).toBe('id must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics');
    expect(response.payload.length).toBeLessThan(1000);
  });

  it('a long query is never in instance', async () => {
    const response = await t.call({ method: 'GET', url: `/v1/standards?cursor=${'c'.repeat(5000)}` });
    expect(response.statusCode).toBe(400);
    expect(body(response.payload)).toMatchObject({ instance: '/v1/standards', errors: [{ in: 'query', name: 'cursor' }] });
    expect(response.payload).not.toContain('ccc');
  });

  it('a 404 for a long path no route serves: detail and instance bounded, the nearest address still found', async () => {
    const path = `/v1/standards/patient-demographics/versions/2.0.1${'/z'.repeat(3000)}`;
    const response = await t.server.inject({ method: 'GET', url: path, headers: bearer(t.tokens.admin) });
    expect(response.statusCode).toBe(404);
    const problem = body(response.payload);
    const shown = shownPath(path);
    expect(shown.length).toBe(longest);
    expect(problem).toMatchObject({
      instance: shown,
      detail: `the API has no address ${shown}; the nearest address above it is /v1/standards/patient-demographics/versions/2.0.1`,
    });
    expect(response.payload.length).toBeLessThan(2000);
  });

  it('an ordinary path is repeated as sent', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/no-such-standard/versions/1' });
    expect(body(response.payload).instance).toBe('/v1/standards/no-such-standard/versions/1');
  });
});

describe('the pages', () => {
  it('refuse a query value longer than 2,048 characters, without repeating it', async () => {
    const response = await t.server.inject({ method: 'GET', url: `/?q=${'q'.repeat(3000)}` });
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('The address gives &quot;q&quot; longer than 2048 characters; shorten it.');
    expect(response.payload).not.toContain('qqqq');
    const ordinary = await t.server.inject({ method: 'GET', url: `/?q=${'q'.repeat(2048)}` });
    expect(ordinary.statusCode).toBe(200);
  });

  it('send an address too long to keep to sign-in without next', async () => {
    const short = await t.server.inject({ method: 'GET', url: '/submissions' });
    expect([short.statusCode, short.headers.location]).toEqual([302, '/sign-in?next=%2Fsubmissions']);
    const long = await t.server.inject({ method: 'GET', url: `/submissions/${'s'.repeat(5000)}` });
    expect([long.statusCode, long.headers.location]).toEqual([302, '/sign-in']);
  });
});
