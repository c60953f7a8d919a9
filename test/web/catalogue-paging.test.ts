/**
 * The catalogue page and a standard's page list a bounded page at a time, with the NHS.UK pagination
 * component's links (first page, next page) that keep a search, work signed in and signed out alike, and
 * together show every standard (or version) once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';
import { STANDARDS_PER_PAGE, VERSIONS_PER_PAGE } from '../../src/web/catalogue-routes.js';

let t: TestApp;
let cookie: string;
const SEARCHED = 25;
const VERSIONS = Array.from({ length: VERSIONS_PER_PAGE + 2 }, (_, minor) => `1.${minor}.0`);

beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  const author = (await t.app.services.access.authenticate(t.tokens.author))!;
  for (let n = 1; n <= SEARCHED; n++) {
    const id = `paged-${String(n).padStart(2, '0')}`;
    await t.app.services.standards.saveMetadata(id, { title: `Paged standard ${n}`, owner: 'Paging test', description: 'A standard to page through.' }, author);
  }
  for (const [minor, version] of VERSIONS.entries()) {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(Array.from({ length: minor + 1 }, (_, i) => [`f${i}`, { type: 'string' }])),
    };
    await t.app.services.standards.publish({ standardId: 'paged-01', version, body: JSON.stringify(schema) }, author);
  }
  ({ cookie } = await signIn(t.server, t.tokens.supplier));
}, 120_000);
afterAll(async () => t.stop());

const get = (url: string, signedIn: boolean) => t.server.inject({ method: 'GET', url, headers: signedIn ? { cookie } : {} });
const unescape = (href: string) => href.replace(/&amp;/g, '&');
const linkOf = (html: string, which: 'prev' | 'next'): string | undefined => {
  const found = new RegExp(`<a class="nhsuk-pagination__link nhsuk-pagination__link--${which}" href="([^"]+)" rel="${which}"`).exec(html);
  return found ? unescape(found[1]!) : undefined;
};
const cardIds = (html: string) => [...html.matchAll(/<a class="nhsuk-card__link" href="\/standards\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
const versionsShown = (html: string) => [...html.matchAll(/<a href="\/standards\/paged-01\/([0-9.]+)">/g)].map((m) => m[1]!);

/** Every page from `first`, following Next page; each page's First page link leads back to `first`. */
async function walk(first: string, signedIn: boolean, shown: (html: string) => string[]) {
  const pages: string[][] = [];
  let url: string | undefined = first;
  while (url !== undefined) {
    const response = await get(url, signedIn);
    expect(response.statusCode).toBe(200);
    pages.push(shown(response.payload));
    expect(linkOf(response.payload, 'prev')).toBe(pages.length === 1 ? undefined : first);
    url = linkOf(response.payload, 'next');
  }
  return pages;
}

describe('the catalogue page', () => {
  it('lists the standards a page at a time, every one once, by id, signed in and signed out', async () => {
    const all = (await t.app.store.listStandards()).map((s) => s.id);
    expect(all.length).toBe(SEARCHED + 5);
    for (const signedIn of [false, true]) {
      const pages = await walk('/', signedIn, cardIds);
      expect(pages.map((p) => p.length)).toEqual([STANDARDS_PER_PAGE, all.length - STANDARDS_PER_PAGE]);
      expect(pages.flat()).toEqual(all);
    }
    const first = await get('/', false);
    expect(first.payload).toContain('<nav class="nhsuk-pagination" role="navigation" aria-label="Pages of standards">');
    expect(linkOf(first.payload, 'next')).toMatch(/^\/\?cursor=[A-Za-z0-9_-]+$/);
  });

  it('keeps the search on every page', async () => {
    const pages = await walk('/?q=paged', false, cardIds);
    expect(pages.flat()).toEqual(Array.from({ length: SEARCHED }, (_, i) => `paged-${String(i + 1).padStart(2, '0')}`));
    const first = await get('/?q=paged', false);
    expect(linkOf(first.payload, 'next')).toMatch(/^\/\?q=paged&cursor=[A-Za-z0-9_-]+$/);
    expect(first.payload).toContain('20 standards matching “paged” on this page.');
    // A search that fits on one page has no pagination.
    const one = await get('/?q=emergency', false);
    expect(cardIds(one.payload)).toEqual(['emergency-care-attendance']);
    expect(one.payload).not.toContain('nhsuk-pagination');
  });

  it('answers a cursor it did not give with an error page, not a 500', async () => {
    const response = await get('/?cursor=not-one', false);
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('the cursor is not one this service gave for standards; start again without it');
  });
});

describe("a standard's page", () => {
  it('lists the versions newest first, a page at a time, every one once, signed in and signed out', async () => {
    for (const signedIn of [false, true]) {
      const pages = await walk('/standards/paged-01', signedIn, versionsShown);
      expect(pages.map((p) => p.length)).toEqual([VERSIONS_PER_PAGE, 2]);
      expect(pages.flat()).toEqual([...VERSIONS].reverse());
    }
    const first = await get('/standards/paged-01', false);
    expect(first.payload).toContain('aria-label="Pages of versions"');
    expect(first.payload).toContain('Versions, newest first');
    // The compare form offers this page's versions, the newest selected as `to`.
    expect(first.payload).toContain(`<option value="1.${VERSIONS.length - 1}.0" selected>`);
  });

  it("offers the newest versions on a version page's compare form, not every one", async () => {
    const response = await get('/standards/paged-01/1.0.0', false);
    const options = [...response.payload.matchAll(/<select class="nhsuk-select" id="to" name="to">([\s\S]*?)<\/select>/g)][0]![1]!;
    expect([...options.matchAll(/<option value="([0-9.]+)"/g)].map((m) => m[1])).toEqual(VERSIONS.slice(-VERSIONS_PER_PAGE));
  });

  it('shows a standard with few versions whole, without pagination', async () => {
    const response = await get('/standards/emergency-care-attendance', false);
    expect(versionsShown(response.payload.replaceAll('emergency-care-attendance', 'paged-01'))).toEqual(['3.1.0', '3.0.2', '3.0.1', '3.0.0', '2.0.0', '1.0.0']);
    expect(response.payload).not.toContain('nhsuk-pagination');
  });

  it("refuses another standard's cursor with an error page", async () => {
    const next = linkOf((await get('/standards/paged-01', false)).payload, 'next')!;
    const response = await get(next.replace('paged-01', 'emergency-care-attendance'), false);
    expect(response.statusCode).toBe(400);
    expect(response.payload).toContain('the cursor is not one this service gave for the versions of emergency-care-attendance, newest first');
  });
});
