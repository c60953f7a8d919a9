/**
 * GET /v1/artefacts is paged like the other lists (limit, cursor, `next` and a Link header, the same
 * problems for a bad limit or cursor), in order of kind, id and semver across pages; and a not-found
 * names at most three artefacts with the nearest names, never the whole catalogue (and a version not
 * found, at most the latest ten versions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { artefactUri } from '../../src/registry/artefacts/refs.js';

let t: TestApp;
const get = (url: string) => t.call({ method: 'GET', url });
const publish = (id: string, version: string, codes: number) =>
  t.call({
    method: 'PUT',
    url: `/v1/artefacts/code-lists/${id}/versions/${version}`,
    payload: JSON.stringify({
      kind: 'code-list',
      id,
      version,
      title: `List ${id}`,
      codes: Array.from({ length: codes }, (_, i) => ({ code: `C${i}`, label: `Code ${i}` })),
    }),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });

beforeAll(async () => {
  t = await startTestApp();
  // Eleven versions of one list: 1.10.0 sorts after 1.9.0 (semver), not after 1.1.0 (text).
  for (let minor = 0; minor <= 10; minor++) expect((await publish('tint', `1.${minor}.0`, minor + 1)).statusCode).toBe(201);
  for (let n = 1; n <= 12; n++) expect((await publish(`tone-${n}`, '1.0.0', 1)).statusCode).toBe(201);
}, 60_000);
afterAll(async () => t.stop());

interface Page {
  artefacts: { uri: string; kind: string }[];
  next: string | null;
}

async function walk(first: string): Promise<{ uris: string[]; pages: number }> {
  const uris: string[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url !== null) {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    const page = response.result as Page;
    const limit = Number(new URL(url, 'http://x').searchParams.get('limit'));
    expect(page.artefacts.length).toBeLessThanOrEqual(limit);
    expect(response.headers.link).toBe(page.next === null ? undefined : `<${page.next}>; rel="next"`);
    uris.push(...page.artefacts.map((a) => a.uri));
    url = page.next;
    pages++;
  }
  return { uris, pages };
}

describe('GET /v1/artefacts, a page at a time', () => {
  it('walks every version once, in kind, id and semver order, whatever the page size', async () => {
    const all = (await t.app.store.listArtefacts()).map(artefactUri);
    expect(all.length).toBeGreaterThan(25);
    for (const limit of [1, 2, 7, 1000]) {
      const { uris, pages } = await walk(`/v1/artefacts?limit=${limit}`);
      expect(uris).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
    const tints = all.filter((u) => u.includes('/tint/'));
    expect(tints.slice(-3)).toEqual(['conform:code-lists/tint/1.8.0', 'conform:code-lists/tint/1.9.0', 'conform:code-lists/tint/1.10.0']);
  });

  it('keeps the kind filter on every page, and gives 100 by default', async () => {
    const { uris } = await walk('/v1/artefacts?kind=code-lists&limit=3');
    expect(uris.length).toBeGreaterThan(20);
    expect(uris.every((u) => u.startsWith('conform:code-lists/'))).toBe(true);
    expect(uris).toEqual((await t.app.store.listArtefacts('code-list')).map(artefactUri));
    const first = (await get('/v1/artefacts')).result as Page;
    expect(first.artefacts.length).toBe(Math.min(100, (await t.app.store.listArtefacts()).length));
  });

  it('answers a bad limit with the same problem as the other lists', async () => {
    for (const limit of ['0', '1001', 'x']) {
      const artefacts = await get(`/v1/artefacts?limit=${limit}`);
      const standards = await get(`/v1/standards?limit=${limit}`);
      expect(artefacts.statusCode).toBe(400);
      expect({ ...(artefacts.result as object), instance: undefined }).toEqual({ ...(standards.result as object), instance: undefined });
    }
  });

  it('refuses a cursor it did not give (another list’s, malformed, or forged) with a 400 naming the cursor, never a 500', async () => {
    const standardsCursor = ((await get('/v1/standards?limit=1')).result as { next: string }).next.split('cursor=')[1]!;
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(['artefacts', ...key])).toString('base64url');
    for (const cursor of [
      decodeURIComponent(standardsCursor),
      'not-a-cursor!',
      forged(['code-list', 'tint', 'not.a.version']),
      forged(['value-set', 'tint', '1.0.0']),
      forged(['toString', 'tint', '1.0.0']),
      forged(['code-list', 'tint']),
    ]) {
      const response = await get(`/v1/artefacts?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.result).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'cursor' }] });
      expect((response.result as { detail: string }).detail).toMatch(
        /^(the cursor is not one this service gave for artefacts|cursor must be the cursor from a page's next link)/,
      );
    }
  });
});

describe('an unknown artefact', () => {
  it('names at most three with the nearest names, never the whole catalogue', async () => {
    const near = await get('/v1/artefacts/code-lists/tone');
    expect(near.statusCode).toBe(404);
    const detail = (near.result as { detail: string }).detail;
    expect(detail).toMatch(/^there is no code-list "tone"; did you mean "tone-1", "tone-2" or "tone-3"\?$/);

    expect(((await get('/v1/artefacts/code-lists/tnt')).result as { detail: string }).detail).toBe('there is no code-list "tnt"; did you mean "tint"?');
    const far = await get('/v1/artefacts/code-lists/zzzzzzzzzzzz');
    expect((far.result as { detail: string }).detail).toBe('there is no code-list "zzzzzzzzzzzz"; no code-list has a name near it');
    // A version that does not exist names the artefact's latest ten versions, not all of them.
    const version = await get('/v1/artefacts/code-lists/tint/versions/7');
    expect((version.result as { detail: string }).detail).toBe(
      `code-lists/tint has no version matching "7"; its versions are: 1 earlier, then ${Array.from({ length: 10 }, (_, i) => `1.${i + 1}.0 (published)`).join(', ')}`,
    );
    // The same on a version's address.
    expect(((await get('/v1/artefacts/code-lists/tnt/versions/latest')).result as { detail: string }).detail).toBe(
      'there is no code-list "tnt"; did you mean "tint"?',
    );
  });
});
