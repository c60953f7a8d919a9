/**
 * Look-ups that read every row of a table to answer about one, bounded: 300 code lists, 300 tokens and 300
 * standards made cheaply through the store beside the bundled library, each route's store reads counted by
 * rows returned and calls made. An unknown artefact's "did you mean" reads the ids of its kind either side
 * of it; granting a standard to a token reads that token, and to an organisation the roles of its live
 * tokens; the submissions page reads the titles of its standards in one query. On SQLite, and PostgreSQL
 * when TEST_DATABASE_URL is set.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, type TestApp } from '../support/test-app.js';
import { countedApp } from '../support/counted-store.js';
import type { Role, Store } from '../../src/store/types.js';
import { didYouMean, nearestNames } from '../../src/registry/nearest-names.js';
import { NEAREST_SCANNED } from '../../src/registry/nearest-names.js';
import { SUBMISSIONS_PER_PAGE } from '../../src/web/submissions-routes.js';
import { STANDARDS_LISTED } from '../../src/web/validate-choices.js';
import { signIn } from '../hostile/web-support.js';
import { parseArtefact } from '../../src/registry/artefacts/artefact.js';
import { canonicalJson } from '../../src/registry/content-hash.js';

const LISTS = Array.from({ length: 300 }, (_, i) => `bulk-list-${String(i).padStart(3, '0')}`);
const STANDARDS = Array.from({ length: 300 }, (_, i) => `bulk-std-${String(i).padStart(3, '0')}`);
/** The standards the submissions are of: past the first STANDARDS_LISTED, so the page names each by its title. */
const SUBMITTED = STANDARDS.slice(-(SUBMISSIONS_PER_PAGE + 5));

/** `bulk-colour`'s versions, 1.0.0 to 1.199.0; and `bulk-palette`'s, 1.0.0 to 1.0.99, each using bulk-colour 1.199.0. */
const COLOURS = Array.from({ length: 200 }, (_, i) => `1.${i}.0`);
const PALETTES = Array.from({ length: 100 }, (_, i) => `1.0.${i}`);
const colour = (version: string, codes = [{ code: 'R', label: 'Red' }]) => ({ kind: 'code-list', id: 'bulk-colour', version, title: 'Colour', codes });
const PALETTE_SCHEMA = JSON.stringify({ type: 'object', properties: { colour: { $ref: 'conform:code-lists/bulk-colour/1.199.0' } } });

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const problemOf = (payload: string) => JSON.parse(payload) as { detail: string; errors?: { name?: string }[] };

describe.each(storeFactories)('look-ups that read every row, bounded, on $name', (factory) => {
  let t: TestApp;
  let rows: Map<string, number>;
  let calls: Map<string, number>;
  let raw: Store;
  let stop: () => Promise<void>;
  /** Token ids: a live author, a revoked author. */
  const ids = { author: '', revoked: '' };
  beforeAll(async () => {
    ({ t, rows, calls, raw, stop } = await countedApp(factory));
    for (const id of LISTS) {
      await raw.publishArtefact({
        kind: 'code-list',
        id,
        version: '1.0.0',
        status: 'published',
        title: `List ${id}`,
        document: '{}',
        schema: '{"enum":["A"]}',
        contentHash: hash(id),
        changelog: '',
        owner: 'token:test',
        publishedBy: 'test',
      });
    }
    // 300 tokens: 150 suppliers of SUP01; 100 suppliers of AUT01 and one author; 40 revoked authors of REV01;
    // and authors of no organisation, one revoked.
    const token = async (role: Role, organisation: string | null, revoked = false): Promise<string> => {
      const id = randomUUID();
      await raw.createToken({ id, name: `bulk ${role}`, role, organisation, hash: hash(id) }, 'test');
      if (revoked) await raw.revokeToken(id, 'test');
      return id;
    };
    for (let i = 0; i < 150; i++) await token('supplier', 'SUP01');
    for (let i = 0; i < 100; i++) await token('supplier', 'AUT01');
    await token('author', 'AUT01');
    for (let i = 0; i < 40; i++) await token('author', 'REV01', true);
    for (let i = 0; i < 7; i++) await token('author', null);
    ids.author = await token('author', null);
    ids.revoked = await token('author', null, true);
    for (const [i, id] of STANDARDS.entries()) {
      await raw.createStandard({ id, title: `Bulk standard ${i}`, owner: 'Test', description: 'One of many', metadata: {} }, 'token:test', 'test');
    }
    for (const version of COLOURS) {
      const artefact = parseArtefact(colour(version));
      await raw.publishArtefact({
        kind: 'code-list',
        id: 'bulk-colour',
        version,
        status: 'published',
        title: artefact.title,
        document: canonicalJson(artefact.document),
        schema: JSON.stringify(artefact.schema),
        contentHash: artefact.contentHash,
        changelog: '',
        owner: 'token:test',
        publishedBy: 'test',
      });
    }
    await raw.createStandard({ id: 'bulk-palette', title: 'Palette', owner: 'Test', description: 'Many versions', metadata: {} }, 'token:test', 'test');
    for (const version of PALETTES) {
      await raw.publishVersion({
        standardId: 'bulk-palette',
        version,
        status: 'published',
        schema: PALETTE_SCHEMA,
        contentHash: hash(`palette-${version}`),
        changelog: '',
        publishedBy: 'test',
      });
      const ref = 'conform:code-lists/bulk-colour/1.199.0';
      await raw.recordArtefactUses('bulk-palette', version, [{ artefact: ref, pointer: '/properties/colour/$ref', ref }]);
    }
    for (const [i, standardId] of SUBMITTED.entries()) {
      await raw.saveSubmission({
        id: `7b1c1e7e-0000-4000-8000-${String(i).padStart(12, '0')}`,
        organisation: '8KR01',
        submittedBy: 'test',
        standardId,
        version: '1.0.0',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        valid: true,
        records: 1,
        report: '{}',
        quality: null,
      });
    }
  }, 300_000);
  afterAll(() => stop());

  /** The rows `run` reads from the store. */
  async function rowsRead(run: () => Promise<void>): Promise<number> {
    rows.clear();
    calls.clear();
    await run();
    return [...rows.values()].reduce((a, b) => a + b, 0);
  }

  it('names the nearest ids of an unknown code list from the ids of its kind either side of it, never every id', async () => {
    const all = (await raw.listArtefactEntries('code-list', { limit: 1000 })).map((e) => e.id);
    expect(all.length).toBeGreaterThan(2 * NEAREST_SCANNED + 200);
    let detail = '';
    const read = await rowsRead(async () => {
      const response = await t.call({ method: 'GET', url: '/v1/artefacts/code-lists/bulk-list-2990' });
      expect(response.statusCode).toBe(404);
      detail = problemOf(response.payload).detail;
    });
    // Of the ids either side of it: the same two as from every id, and a third as near as the one every id gives.
    expect(didYouMean(nearestNames('bulk-list-2990', all))).toBe('; did you mean "bulk-list-299", "bulk-list-290" or "bulk-list-090"?');
    expect(detail).toBe('there is no code-list "bulk-list-2990"; did you mean "bulk-list-299", "bulk-list-290" or "bulk-list-250"?');
    expect(rows.get('listArtefactIdsAround')).toBeLessThanOrEqual(2 * NEAREST_SCANNED);
    // Measured: 55 (50 ids before it, the 4 library code lists after it, and a count); the old code 304 (every
    // code list's id).
    expect(read).toBeLessThanOrEqual(2 * NEAREST_SCANNED + 2);
    // Where the ids either side hold every near one, the names are those every id gives.
    for (const id of ['bulk-list-10', 'bulk-list-29', 'bulk', 'zzz', 'aaa']) {
      const typo = await t.call({ method: 'GET', url: `/v1/artefacts/code-lists/${id}` });
      expect(typo.statusCode, id).toBe(404);
      expect(problemOf(typo.payload).detail, id).toBe(
        `there is no code-list "${id}"${didYouMean(nearestNames(id, all)) || '; no code-list has a name near it'}`,
      );
    }
  });

  it('grants a standard to a token reading that token alone, and to an organisation reading the roles of its live tokens', async () => {
    expect(await raw.countTokens()).toBeGreaterThanOrEqual(300);
    const grant = async (owner: string) => {
      let response = { statusCode: 0, payload: '' };
      const read = await rowsRead(async () => {
        response = await t.call({ method: 'PUT', url: `/v1/standards/bulk-std-000/owners/${owner}`, headers: bearer(t.tokens.admin) });
      });
      expect(rows.has('listTokens'), owner).toBe(false);
      // Measured: 5 to 7 (the caller's token, the standard, the token or roles asked about, the owners);
      // the old code 306 and more (every token issued).
      expect(read, owner).toBeLessThanOrEqual(12);
      return { status: response.statusCode, body: JSON.parse(response.payload) as { detail?: string; owners?: { owner: string }[] } };
    };
    const author = await grant(`token:${ids.author}`);
    expect(author.status).toBe(201);
    expect(author.body.owners?.map((o) => o.owner)).toEqual(['token:test', `token:${ids.author}`]);
    expect(rows.get('findTokenById')).toBe(1);

    const revoked = await grant(`token:${ids.revoked}`);
    expect([revoked.status, revoked.body.detail]).toEqual([404, `no live token has id ${ids.revoked}`]);

    // AUT01: a hundred suppliers and one author, who makes the organisation an owner.
    const organisation = await grant('org:AUT01');
    expect(organisation.status).toBe(201);
    expect(organisation.body.owners?.map((o) => o.owner)).toContain('org:AUT01');
    expect(rows.get('liveTokenRoles')).toBe(2);

    const suppliers = await grant('org:SUP01');
    expect([suppliers.status, suppliers.body.detail]).toEqual([
      422,
      'organisation SUP01 has only supplier tokens, which cannot own a standard: issue one of its authors a token first, then grant',
    ]);
    expect(rows.get('liveTokenRoles')).toBe(1);

    // REV01's forty authors are all revoked: no live token belongs to it.
    const gone = await grant('org:REV01');
    expect([gone.status, gone.body.detail]).toEqual([
      404,
      'no live token belongs to organisation REV01: issue one of its authors a token first (conform tokens create --role author --organisation REV01), then grant',
    ]);
    expect(rows.get('liveTokenRoles') ?? 0).toBe(0);
  });

  it("reads the titles of a page of submissions' standards in one query, never one query a standard", async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    let payload = '';
    const read = await rowsRead(async () => {
      const response = await t.server.inject({ method: 'GET', url: '/submissions', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      payload = response.payload;
    });
    // The newest page: the last SUBMISSIONS_PER_PAGE submitted standards, each named by its title.
    const shown = SUBMITTED.slice(-SUBMISSIONS_PER_PAGE);
    for (const id of shown) expect(payload).toContain(`Bulk standard ${STANDARDS.indexOf(id)}`);
    expect(payload).not.toContain(`Bulk standard ${STANDARDS.indexOf(SUBMITTED[0]!)}<`);
    expect(calls.get('listStandardTitles')).toBe(1);
    expect(rows.get('listStandardTitles')).toBe(SUBMISSIONS_PER_PAGE);
    // Measured: 1 (the session's token is read by another method); the old code 26 (one a standard).
    expect(calls.get('getStandard') ?? 0).toBeLessThanOrEqual(1);
    // Measured: the page's standards' titles, the drop-down's STANDARDS_LISTED + 1 standards, a page of
    // submissions and the session.
    expect(read).toBeLessThanOrEqual(2 * SUBMISSIONS_PER_PAGE + STANDARDS_LISTED + 10);
  });

  it("publishes an artefact's next version reading its first and latest versions, and each adopting standard's latest, never their histories", async () => {
    let response = { statusCode: 0, payload: '' };
    const read = await rowsRead(async () => {
      response = await t.call({
        method: 'PUT',
        url: '/v1/artefacts/code-lists/bulk-colour/versions/1.200.0',
        payload: JSON.stringify(
          colour('1.200.0', [
            { code: 'R', label: 'Red' },
            { code: 'G', label: 'Green' },
          ]),
        ),
        headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
      });
    });
    expect(response.statusCode).toBe(201);
    const body = JSON.parse(response.payload) as {
      adoptions: { standardId: string; version: string; uses: string[]; bump: string; suggestedVersion: string }[];
    };
    expect(body.adoptions.map((a) => [a.standardId, a.version, a.uses, a.bump, a.suggestedVersion])).toEqual([
      ['bulk-palette', '1.0.99', ['code-lists/bulk-colour/1.199.0'], 'major', '2.0.0'],
    ]);
    expect(rows.has('listVersions')).toBe(false);
    expect(rows.has('listArtefactUses')).toBe(false);
    expect(rows.get('listArtefactNamers')).toBe(1);
    expect(calls.get('getVersion')).toBe(1);
    // Measured: 9 (the caller's token, its first and latest versions, the latest's document, the published
    // row, the one standard naming it, that standard's record, latest version and schema); the old code 400 and more (200 versions with their documents, 100 uses, and 100 of
    // the standard's versions with their schemas).
    expect(read).toBeLessThanOrEqual(20);
    // A version not higher than the latest is refused as before, naming the latest.
    const lower = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/code-lists/bulk-colour/versions/1.150.1',
      payload: JSON.stringify(colour('1.150.1')),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
    });
    expect([lower.statusCode, problemOf(lower.payload).detail]).toEqual([
      422,
      '1.150.1 is not higher than 1.200.0, the latest version of code-lists/bulk-colour; publish a higher version',
    ]);
    // The same version again is identical; other content under it a conflict.
    const again = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/code-lists/bulk-colour/versions/1.5.0',
      payload: JSON.stringify(colour('1.5.0')),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
    });
    expect(again.statusCode).toBe(200);
  });
});
