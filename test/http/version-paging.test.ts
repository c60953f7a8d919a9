/**
 * The versions of a standard (GET /v1/standards/{id}) and of an artefact (GET /v1/artefacts/{kind}/{id})
 * are paged like the other lists (limit, cursor, `next` and a Link header, the same problems for a bad
 * limit or cursor), oldest first in semver order across pages; a standard's latest version is the same
 * on every page; and an unknown standard names at most three with the nearest ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const get = (url: string) => t.call({ method: 'GET', url });
const schema = (minor: number) =>
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Many versions 1.${minor}.0`,
    description: 'Test records.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Array.from({ length: minor + 1 }, (_, i) => [`f${i}`, { type: 'string' }])),
  });
const publishStandard = (id: string, version: string, minor: number) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/${version}`,
    payload: schema(minor),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });
const publishList = (id: string, version: string, codes: number) =>
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

// Twelve versions: 1.10.0 sorts after 1.9.0 (semver), not after 1.1.0 (text).
const VERSIONS = Array.from({ length: 12 }, (_, minor) => `1.${minor}.0`);

beforeAll(async () => {
  t = await startTestApp();
  for (const [minor, version] of VERSIONS.entries()) {
    expect((await publishStandard('many-versions', version, minor)).statusCode).toBe(201);
  }
  for (let minor = 0; minor <= 10; minor++) expect((await publishList('hue', `1.${minor}.0`, minor + 1)).statusCode).toBe(201);
}, 120_000);
afterAll(async () => t.stop());

interface VersionsPage {
  versions: { version: string }[];
  latestVersion?: string | null;
  next: string | null;
}

async function walk(first: string): Promise<{ versions: string[]; pages: VersionsPage[] }> {
  const versions: string[] = [];
  const pages: VersionsPage[] = [];
  let url: string | null = first;
  while (url !== null) {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    const page = response.result as VersionsPage;
    const limit = Number(new URL(url, 'http://x').searchParams.get('limit') ?? 100);
    expect(page.versions.length).toBeLessThanOrEqual(limit);
    expect(response.headers.link).toBe(page.next === null ? undefined : `<${page.next}>; rel="next"`);
    versions.push(...page.versions.map((v) => v.version));
    pages.push(page);
    url = page.next;
  }
  return { versions, pages };
}

describe("GET /v1/standards/{id}: a standard's versions, a page at a time", () => {
  it('walks every version once, oldest first in semver order, with the latest version on every page', async () => {
    for (const limit of [1, 5, 12, 1000]) {
      const { versions, pages } = await walk(`/v1/standards/many-versions?limit=${limit}`);
      expect(versions).toEqual(VERSIONS);
      expect(pages.length).toBe(Math.ceil(12 / limit));
      expect(pages.every((p) => p.latestVersion === '1.11.0')).toBe(true);
    }
    const second = (await get('/v1/standards/many-versions?limit=5')).result as VersionsPage;
    expect(second.next).toMatch(/^\/v1\/standards\/many-versions\?limit=5&cursor=[A-Za-z0-9_-]+$/);
  });

  it('gives a standard with few versions whole on the first page, as before (next: null, no Link)', async () => {
    const response = await get('/v1/standards/emergency-care-attendance');
    const body = response.result as VersionsPage & Record<string, unknown>;
    expect(response.headers.link).toBeUndefined();
    expect(body.next).toBeNull();
    expect(body.versions.map((v) => v.version)).toEqual(['1.0.0', '2.0.0', '3.0.0', '3.0.1', '3.0.2', '3.1.0']);
    expect(body).toMatchObject({ id: 'emergency-care-attendance', latestVersion: '3.1.0', status: 'published' });
    expect(Array.isArray(body.owners)).toBe(true);
  });

  it('answers a metadata edit with the first page of the versions and its next link', async () => {
    const metadata = (await get('/v1/standards/many-versions')).result as { metadata: Record<string, unknown> };
    const edit = await t.call({
      method: 'PUT',
      url: '/v1/standards/many-versions',
      payload: JSON.stringify({ ...metadata.metadata, title: 'Many versions', owner: 'Test', description: 'Twelve versions' }),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(edit.statusCode).toBe(200);
    const body = edit.result as VersionsPage;
    expect(body.versions.length).toBe(12);
    expect(body.next).toBeNull();
  });

  it('answers a bad limit with the same problem as the other lists', async () => {
    for (const limit of ['0', '1001', 'x']) {
      const versions = await get(`/v1/standards/many-versions?limit=${limit}`);
      const standards = await get(`/v1/standards?limit=${limit}`);
      expect(versions.statusCode).toBe(400);
      expect({ ...(versions.result as object), instance: undefined }).toEqual({ ...(standards.result as object), instance: undefined });
    }
  });

  it('refuses a cursor it did not give for these versions (another list’s, another standard’s, forged) with a 400 naming the cursor', async () => {
    const standardsCursor = new URL(((await get('/v1/standards?limit=1')).result as { next: string }).next, 'http://x').searchParams.get('cursor')!;
    const forged = (list: string, key: unknown[]) => Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
    for (const cursor of [
      standardsCursor,
      forged('the versions of emergency-care-attendance', ['1.0.0']),
      forged('the versions of many-versions', ['not.a.version']),
      forged('the versions of many-versions', ['01.0.0']),
      forged('the versions of many-versions', [1]),
      forged('the versions of many-versions, newest first', ['1.0.0']),
    ]) {
      const response = await get(`/v1/standards/many-versions?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.result).toMatchObject({
        status: 400,
        detail: 'the cursor is not one this service gave for the versions of many-versions; start again without it',
        errors: [{ in: 'query', name: 'cursor' }],
      });
    }
  });
});

describe("GET /v1/artefacts/{kind}/{id}: an artefact's versions, a page at a time", () => {
  it('walks every version once, oldest first in semver order, and gives few whole on the first page', async () => {
    const all = Array.from({ length: 11 }, (_, minor) => `1.${minor}.0`);
    for (const limit of [1, 4, 1000]) {
      const { versions, pages } = await walk(`/v1/artefacts/code-lists/hue?limit=${limit}`);
      expect(versions).toEqual(all);
      expect(pages.length).toBe(Math.ceil(11 / limit));
    }
    const whole = (await get('/v1/artefacts/code-lists/hue')).result as VersionsPage;
    expect(whole.next).toBeNull();
    expect(whole.versions.length).toBe(11);
  });

  it('refuses a bad limit and a cursor of another artefact', async () => {
    const limit = await get('/v1/artefacts/code-lists/hue?limit=0');
    expect(limit.result).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'limit' }] });
    const forged = Buffer.from(JSON.stringify(['the versions of code-lists/other', '1.0.0'])).toString('base64url');
    const cursor = await get(`/v1/artefacts/code-lists/hue?cursor=${forged}`);
    expect(cursor.result).toMatchObject({
      status: 400,
      detail: 'the cursor is not one this service gave for the versions of code-lists/hue; start again without it',
      errors: [{ in: 'query', name: 'cursor' }],
    });
  });
});

describe('an unknown standard', () => {
  it('names at most three with the nearest ids, never the whole catalogue', async () => {
    const detail = async (id: string) => ((await get(`/v1/standards/${id}`)).result as { detail: string }).detail;
    expect(await detail('many-version')).toBe('unknown standard "many-version"; did you mean "many-versions"?');
    expect(await detail('emergency-care')).toBe('unknown standard "emergency-care"; did you mean "emergency-care-attendance"?');
    expect(await detail('zzzzzzzzzzzzzzzzzz')).toBe('unknown standard "zzzzzzzzzzzzzzzzzz"; no standard has an id near it');
    // Many near ids: three at most.
    for (const id of ['tide-a', 'tide-b', 'tide-c', 'tide-d', 'tide-e']) expect((await publishStandard(id, '1.0.0', 0)).statusCode).toBe(201);
    expect(await detail('tide')).toBe('unknown standard "tide"; did you mean "tide-a", "tide-b" or "tide-c"?');
    // The detail echoes the id only once it is checked (at most 64 characters); a longer one is refused without it.
    const long = await get(`/v1/standards/${'a'.repeat(5000)}`);
    expect(long.statusCode).toBe(400);
    expect((long.result as { detail: string }).detail).toBe(
      'id must be a standard id: lower-case words joined by hyphens, at most 64 characters, such as patient-demographics',
    );
  });
});
