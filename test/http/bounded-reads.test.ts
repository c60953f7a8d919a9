/**
 * Pages and version picks read what they show, however many versions the store holds: a standard with
 * 300 versions and a code list with 300, plus 45 code lists, made cheaply through the store. Each route's
 * store reads are counted by rows returned (a proxy over the store), and no route calls a read of every
 * version or every artefact. The catalogue's code-list table pages by its own cursor, its links work, and
 * a cursor it did not give is a friendly 400 page. On SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, type TestApp } from '../support/test-app.js';
import type { Store, StoredArtefact } from '../../src/store/types.js';
import { ARTEFACTS_PER_PAGE, STANDARDS_PER_PAGE } from '../../src/web/catalogue-routes.js';
import { validateChoices, VERSIONS_PER_STANDARD } from '../../src/web/validate-choices.js';
import { signIn } from '../hostile/web-support.js';
import { countedApp } from '../support/counted-store.js';

/** 0.0.0 … 2.99.0: three majors of a hundred minors. */
const VERSIONS = Array.from({ length: 300 }, (_, i) => `${Math.floor(i / 100)}.${i % 100}.0`);
const LISTS = Array.from({ length: 45 }, (_, i) => `bulk-list-${String(i).padStart(2, '0')}`);
/** Reads of every version or every artefact: none of the routes below may call them. */
const UNBOUNDED = ['listVersions', 'listArtefacts'];
/** A version's option in the validate form's drop-down: its value and whether it is selected. */
const OPTION = /<option value="big@([0-9.]+)" (selected)?>/g;

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const codeList = (id: string, version: string): Omit<StoredArtefact, 'publishedAt'> => ({
  kind: 'code-list',
  id,
  version,
  status: 'published',
  title: `List ${id}`,
  document: '{}',
  schema: '{"enum":["A"]}',
  contentHash: hash(`${id}-${version}`),
  changelog: '',
  owner: 'token:test',
  publishedBy: 'test',
});

describe.each(storeFactories)('bounded reads on $name', (factory) => {
  let t: TestApp;
  let rows: Map<string, number>;
  let raw: Store;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ t, rows, raw, stop } = await countedApp(factory));
    await raw.createStandard({ id: 'big', title: 'Big', owner: 'Test', description: 'Many versions', metadata: {} }, 'token:test', 'test');
    for (const version of VERSIONS) {
      await raw.publishVersion({
        standardId: 'big',
        version,
        status: 'published',
        schema: '{"type":"object","properties":{"a":{"type":"string"}}}',
        contentHash: hash(`big-${version}`),
        changelog: '',
        publishedBy: 'test',
      });
    }
    await raw.setVersionStatus('big', '2.99.0', 'retired', 'test');
    for (const version of VERSIONS) await raw.publishArtefact(codeList('bulk-big', version));
    for (const id of LISTS) await raw.publishArtefact(codeList(id, '1.0.0'));
  }, 300_000);
  afterAll(() => stop());

  /** The rows `run` reads from the store, having checked it called no read of everything. */
  async function rowsRead(run: () => Promise<void>): Promise<number> {
    rows.clear();
    await run();
    for (const name of UNBOUNDED) expect(rows.has(name), name).toBe(false);
    return [...rows.values()].reduce((a, b) => a + b, 0);
  }
  const get = (url: string) => t.call({ method: 'GET', url, headers: bearer(t.tokens.supplier) });
  const page = (url: string) => t.server.inject({ method: 'GET', url });

  it('picks a version by spec reading a few rows', async () => {
    for (const [spec, expected] of [
      ['latest', '2.98.0'], // 2.99.0 is retired
      ['1', '1.99.0'],
      ['1.5', '1.5.0'],
      ['0.42.0', '0.42.0'],
      ['2.99.0', '2.99.0'], // an exact version is chosen whatever its status
    ]) {
      const read = await rowsRead(async () => {
        const response = await get(`/v1/standards/big/versions/${spec}`);
        expect(response.statusCode, spec).toBe(200);
        expect(JSON.parse(response.payload)).toMatchObject({ standard: 'big', version: expected });
      });
      expect(read, spec).toBeLessThanOrEqual(4);
    }
    const read = await rowsRead(async () => {
      const response = await get('/v1/standards/big/versions/7');
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(response.payload).detail).toBe(
        `big has no version matching "7"; its versions are: 290 earlier, then ${VERSIONS.slice(-10)
          .map((v) => `${v} (${v === '2.99.0' ? 'retired' : 'published'})`)
          .join(', ')}`,
      );
    });
    expect(read).toBeLessThanOrEqual(14);
  });

  it("pages a standard's and a code list's versions reading a page's rows, and the next link continues after the last", async () => {
    let next = '';
    const read = await rowsRead(async () => {
      const response = await get('/v1/standards/big?limit=20');
      const body = JSON.parse(response.payload) as { versions: { version: string }[]; latestVersion: string; next: string };
      expect(body.versions.map((v) => v.version)).toEqual(VERSIONS.slice(0, 20));
      expect(body.latestVersion).toBe('2.98.0');
      next = body.next;
    });
    expect(read).toBeLessThanOrEqual(20 + 5);
    const second = JSON.parse((await get(next)).payload) as { versions: { version: string }[] };
    expect(second.versions.map((v) => v.version)).toEqual(VERSIONS.slice(20, 40));

    const artefactRead = await rowsRead(async () => {
      const response = await get('/v1/artefacts/code-lists/bulk-big?limit=30');
      expect((JSON.parse(response.payload) as { versions: unknown[] }).versions).toHaveLength(30);
    });
    expect(artefactRead).toBeLessThanOrEqual(30 + 3);
    const versionsPage = await rowsRead(async () => {
      const response = await page('/code-lists/bulk-big');
      expect(response.statusCode).toBe(200);
      expect(response.payload).toContain('2.99.0');
      expect(response.payload).not.toContain('>2.74.0<');
    });
    expect(versionsPage).toBeLessThanOrEqual(25 + 3);
  });

  it("the catalogue's code-list table shows a page at a time, each code list once, its links keeping the search", async () => {
    const before = (await raw.listArtefactEntries('code-list', { limit: 1000 })).map((e) => e.id).sort();
    const shown: string[] = [];
    let url: string | undefined = '/?q=big';
    let pages = 0;
    while (url !== undefined) {
      const target: string = url;
      const read = await rowsRead(async () => {
        const response = await page(target);
        expect(response.statusCode).toBe(200);
        const table = /<h2 id="code-lists">[\s\S]*?<\/table>([\s\S]*?)(<h2 id="definitions">|<\/main>)/.exec(response.payload)!;
        const ids = [...table[0].matchAll(/<a href="\/code-lists\/([a-z0-9-]+)">/g)].map((m) => m[1]!);
        expect(ids.length).toBeLessThanOrEqual(ARTEFACTS_PER_PAGE);
        shown.push(...ids);
        const nextLink = /aria-label="Pages of code lists"[\s\S]*?<a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="([^"]+)"/.exec(
          table[0] + table[1],
        );
        url = nextLink ? nextLink[1]!.replace(/&amp;/g, '&') : undefined;
        if (url) {
          expect(url).toMatch(/^\/\?q=big&code-lists-cursor=[A-Za-z0-9_-]+#code-lists$/);
          url = url.replace(/#.*$/, '');
        }
        // The standards matching the search are on every page.
        expect(response.payload).toContain('<a class="nhsuk-card__link" href="/standards/big">Big</a>');
      });
      // Measured: 31 (6 standards searched, 1 latest version, 21 code lists and 3 definitions sets).
      expect(read).toBeLessThanOrEqual((ARTEFACTS_PER_PAGE + 1) * 2 + (STANDARDS_PER_PAGE + 1) * 2);
      pages++;
    }
    expect(shown).toEqual(before);
    expect(pages).toBe(Math.ceil(before.length / ARTEFACTS_PER_PAGE));
    const big = await page('/?code-lists-cursor=' + Buffer.from(JSON.stringify(['the code-lists', 'bulk-b'])).toString('base64url'));
    expect(big.payload).toMatch(
      /<a href="\/code-lists\/bulk-big\/2\.99\.0">List bulk-big<\/a><\/td><td class="nhsuk-table__cell">2\.99\.0<\/td><td class="nhsuk-table__cell"><a href="\/code-lists\/bulk-big">300 versions/,
    );
  });

  it("the validate form lists each standard's newest live versions, and an older one its address asks for", async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const standards = (await raw.listStandards()).length;
    const form = (url: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });
    let payload = '';
    const read = await rowsRead(async () => {
      const response = await form('/validate');
      expect(response.statusCode).toBe(200);
      payload = response.payload;
    });
    // 2.99.0 is retired: the newest live five, newest first, none selected.
    expect([...payload.matchAll(OPTION)].map((m) => [m[1], m[2]])).toEqual(['2.98.0', '2.97.0', '2.96.0', '2.95.0', '2.94.0'].map((v) => [v, undefined]));
    expect(payload).toContain(`Each standard's newest ${VERSIONS_PER_STANDARD} published or deprecated versions are listed.`);
    expect(rows.get('listNewestVersions')).toBeLessThanOrEqual(VERSIONS_PER_STANDARD * standards);
    // Measured: 37 on the bundled library and big (the session's 2 rows, 6 standards' records, 29 newest versions).
    expect(read).toBeLessThanOrEqual(standards * (VERSIONS_PER_STANDARD + 1) + 4);

    // A version's page links to the form with that version chosen; it is listed however old: two rows more (its standard's and its own).
    expect((await page('/standards/big/0.42.0')).payload).toContain('<a href="/validate?standard=big%400.42.0">Validate a file against this version</a>');
    const older = await rowsRead(async () => {
      const response = await form('/validate?standard=big%400.42.0');
      expect(response.statusCode).toBe(200);
      payload = response.payload;
    });
    expect([...payload.matchAll(OPTION)].map((m) => [m[1], m[2]])).toEqual([
      ...['2.98.0', '2.97.0', '2.96.0', '2.95.0', '2.94.0'].map((v) => [v, undefined]),
      ['0.42.0', 'selected'],
    ]);
    expect(older).toBeLessThanOrEqual(read + 2);
    // A form that comes back with an error keeps the person's older choice among its standard's.
    const kept = (await validateChoices(t.app.services.standards, { ref: 'big@0.1.0' })).choices.filter((c) => c.value.startsWith('big@'));
    expect(kept.map((c) => c.text)).toEqual(['2.98.0', '2.97.0', '2.96.0', '2.95.0', '2.94.0', '0.1.0'].map((v) => `Big ${v}`));
    // A retired version, or one there is not, is refused on the form, which lists the newest as ever.
    for (const asked of ['big@2.99.0', 'big@9.0.0', 'big@latest', 'nothing-here@1.0.0']) {
      const response = await form(`/validate?standard=${encodeURIComponent(asked)}`);
      expect(response.statusCode, asked).toBe(404);
      const [id, version] = asked.split('@');
      expect(response.payload, asked).toContain(`There is no published or deprecated version ${version} of the standard ${id}; choose one from the list`);
      expect(response.payload, asked).toContain('<option value="big@2.98.0" >');
    }
  });

  it('the suggestions rank the latest published version of each major, read in one grouped query', async () => {
    const read = await rowsRead(async () => {
      const response = await t.call({
        method: 'POST',
        url: '/v1/suggest',
        payload: 'a\n',
        headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
      });
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.payload) as { suggestions: { standard: string; version: string; matched: number }[] };
      // Each major's latest, newest first (2.99.0 is retired); never the other 297.
      expect(body.suggestions.filter((s) => s.standard === 'big').map((s) => [s.version, s.matched])).toEqual([
        ['2.98.0', 1],
        ['1.99.0', 1],
        ['0.99.0', 1],
      ]);
    });
    // Measured on the bundled library and big: every standard's record, each major's latest, and their schemas once.
    const latest = rows.get('listLatestPerMajor')!;
    expect(latest).toBeLessThan(20);
    expect(read).toBeLessThanOrEqual((await raw.listStandards()).length + latest * 2 + 2);
  });

  it("checks a column mapping's fields against the latest released version of each major alone", async () => {
    const put = (columns: Record<string, string>) =>
      t.call({
        method: 'PUT',
        url: '/v1/standards/big/column-mappings',
        payload: JSON.stringify({ columns }),
        headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
      });
    const read = await rowsRead(async () => {
      const response = await put({ A: 'a' });
      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.payload)).toMatchObject({ standard: 'big', columns: { A: 'a' } });
    });
    // Three majors' latest (2.99.0, retired, is still released) and their schemas, the token, the standard
    // and the mapping. Measured: 8; the old code 602 (all 300 versions' summaries, then each one's schema).
    expect(rows.get('listLatestPerMajor')).toBe(3);
    expect(read).toBeLessThanOrEqual(3 * 2 + 4);
    const refused = await rowsRead(async () => {
      const response = await put({ B: 'b' });
      expect(response.statusCode).toBe(422);
      expect(JSON.parse(response.payload).errors).toEqual([{ in: 'body', pointer: '/columns/B', detail: '"b" is not a field of big' }]);
    });
    expect(refused).toBeLessThanOrEqual(3 * 2 + 4);
  });

  it("answers a cursor the catalogue's tables did not give with a friendly 400 page", async () => {
    for (const query of [
      'code-lists-cursor=not-one',
      'definitions-cursor=not-one',
      `code-lists-cursor=${Buffer.from('["standards","a"]').toString('base64url')}`,
    ]) {
      const response = await page(`/?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.payload).toMatch(/the cursor is not one this service gave for the (code-lists|definitions); start again without it/);
    }
  });
});
