/**
 * The catalogue's code-list and definitions tables show each artefact once, at its latest version, with a
 * link to its own page of versions (newest first, 25 a page, NHS.UK pagination) rather than every version;
 * a version's page links there too and offers only the newest 25 to compare.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { ARTEFACT_VERSIONS_PER_PAGE } from '../../src/web/artefact-versions-routes.js';

let t: TestApp;
const COUNT = ARTEFACT_VERSIONS_PER_PAGE + 2;
const VERSIONS = Array.from({ length: COUNT }, (_, minor) => `1.${minor}.0`);
const codes = (minor: number) => Array.from({ length: minor + 1 }, (_, i) => ({ code: `C${i}`, label: `Code ${i}` }));

beforeAll(async () => {
  t = await startTestApp();
  const put = async (url: string, body: unknown) => {
    const response = await t.server.inject({
      method: 'PUT',
      url,
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(response.statusCode, response.payload).toBe(201);
  };
  for (const [minor, version] of VERSIONS.entries()) {
    await put(`/v1/artefacts/code-lists/many-shades/versions/${version}`, {
      kind: 'code-list',
      id: 'many-shades',
      version,
      title: 'Many shades',
      codes: codes(minor),
    });
    const $defs = Object.fromEntries(Array.from({ length: minor + 1 }, (_, i) => [`d${i}`, { type: 'string' }]));
    await put(`/v1/artefacts/definitions/many-defs/versions/${version}`, {
      kind: 'definitions',
      id: 'many-defs',
      version,
      title: 'Many definitions',
      schema: { $defs },
    });
  }
}, 120_000);
afterAll(async () => t.stop());

const get = (url: string) => t.server.inject({ method: 'GET', url });
const linkOf = (html: string, which: 'prev' | 'next'): string | undefined =>
  new RegExp(`<a class="nhsuk-pagination__link nhsuk-pagination__link--${which}" href="([^"]+)" rel="${which}"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

describe.each([
  { segment: 'code-lists', id: 'many-shades', title: 'Many shades' },
  { segment: 'definitions', id: 'many-defs', title: 'Many definitions' },
])('$segment with more versions than a page', ({ segment, id, title }) => {
  const shown = (html: string) => [...html.matchAll(new RegExp(`<a href="/${segment}/${id}/([0-9.]+)">`, 'g'))].map((m) => m[1]!);

  it('the catalogue shows it once, at its latest version, linking its versions page', async () => {
    const page = (await get('/')).payload;
    const row = new RegExp(
      `<tr class="nhsuk-table__row"><td class="nhsuk-table__cell"><a href="/${segment}/${id}/1\\.${COUNT - 1}\\.0">${title}</a></td>.*?</tr>`,
    ).exec(page)?.[0];
    expect(row).toBe(
      `<tr class="nhsuk-table__row"><td class="nhsuk-table__cell"><a href="/${segment}/${id}/1.${COUNT - 1}.0">${title}</a></td>` +
        `<td class="nhsuk-table__cell">1.${COUNT - 1}.0</td>` +
        `<td class="nhsuk-table__cell"><a href="/${segment}/${id}">${COUNT} versions<span class="nhsuk-u-visually-hidden"> of ${title}</span></a></td></tr>`,
    );
    expect(page).not.toContain('1.0.0, 1.1.0');
  });

  it('its versions page lists 25 a page, newest first, and the next page the rest', async () => {
    const first = await get(`/${segment}/${id}`);
    expect(first.statusCode).toBe(200);
    expect(first.payload).toContain(`<h1>${title}</h1>`);
    expect(shown(first.payload)).toEqual(VERSIONS.slice(-ARTEFACT_VERSIONS_PER_PAGE).reverse());
    expect(linkOf(first.payload, 'prev')).toBeUndefined();
    const next = linkOf(first.payload, 'next')!;
    expect(next).toMatch(new RegExp(`^/${segment}/${id}\\?cursor=[A-Za-z0-9_-]+$`));
    const second = await get(next);
    expect(shown(second.payload)).toEqual(['1.1.0', '1.0.0']);
    expect(linkOf(second.payload, 'prev')).toBe(`/${segment}/${id}`);
    expect(linkOf(second.payload, 'next')).toBeUndefined();
  });

  it("a version's page links the versions page instead of listing them", async () => {
    const page = (await get(`/${segment}/${id}/1.3.0`)).payload;
    expect(page).toContain(`<a href="/${segment}/${id}">All ${COUNT} versions</a>`);
    expect(shown(page)).toEqual([]);
  });

  it('an unknown or malformed id is a 404 or a 400 page, a foreign cursor a 400', async () => {
    expect((await get(`/${segment}/no-such-thing`)).statusCode).toBe(404);
    expect((await get(`/${segment}/Not%20An%20Id`)).statusCode).toBe(400);
    const foreign = linkOf((await get(`/${segment === 'code-lists' ? 'definitions/many-defs' : 'code-lists/many-shades'}`)).payload, 'next')!;
    expect((await get(`/${segment}/${id}?${foreign.split('?')[1]}`)).statusCode).toBe(400);
  });
});

describe("a code list version's compare form", () => {
  it('offers the newest 25 versions', async () => {
    const page = (await get('/code-lists/many-shades/1.3.0')).payload;
    const options = [...page.matchAll(/<select class="nhsuk-select" id="from" name="from">(.*?)<\/select>/g)][0]![1]!;
    expect([...options.matchAll(/<option value="([0-9.]+)"/g)].map((m) => m[1])).toEqual(VERSIONS.slice(-ARTEFACT_VERSIONS_PER_PAGE));
  });
});
