/**
 * The validate form and the suggestions read a bounded number of standards however many the registry
 * has: 250 standards of three majors each (made cheaply through the store) beside the bundled library,
 * each route's store reads counted by rows returned. The form lists the first STANDARDS_LISTED standards
 * and reaches any other through its address (`?standard=<id>@<version>`, a version page's link); the
 * suggestions rank the first MAX_RANKED versions and say when there were more, reading the records of the
 * suggested standards alone. On SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, type TestApp } from '../support/test-app.js';
import { countedApp } from '../support/counted-store.js';
import type { Store } from '../../src/store/types.js';
import { STANDARDS_LISTED, validateChoices, VERSIONS_PER_STANDARD } from '../../src/web/validate-choices.js';
import { MAX_RANKED, MAX_SUGGESTIONS } from '../../src/services/suggestions.js';
import { signIn } from '../hostile/web-support.js';

const IDS = Array.from({ length: 250 }, (_, i) => `bulk-std-${String(i).padStart(3, '0')}`);
const MAJORS = ['1.0.0', '2.0.0', '3.0.0'];
/** The form's options: each value. */
const OPTION = /<option value="([a-z0-9-]+@[0-9.]+)" (selected)?>/g;

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe.each(storeFactories)('reads with many standards on $name', (factory) => {
  let t: TestApp;
  let rows: Map<string, number>;
  let raw: Store;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ t, rows, raw, stop } = await countedApp(factory));
    for (const [i, id] of IDS.entries()) {
      await raw.createStandard({ id, title: `Bulk ${i}`, owner: 'Test', description: 'One of many', metadata: {} }, 'token:test', 'test');
      for (const version of MAJORS) {
        await raw.publishVersion({
          standardId: id,
          version,
          status: 'published',
          schema: JSON.stringify({ type: 'object', properties: { [`f${i}`]: { type: 'string' } } }),
          contentHash: hash(`${id}-${version}`),
          changelog: '',
          publishedBy: 'test',
        });
      }
    }
  }, 300_000);
  afterAll(() => stop());

  /** The rows `run` reads from the store, having checked it read no list of every standard. */
  async function rowsRead(run: () => Promise<void>): Promise<number> {
    rows.clear();
    await run();
    expect(rows.has('listVersions'), 'listVersions').toBe(false);
    expect(rows.get('listStandards') ?? 0).toBeLessThanOrEqual(STANDARDS_LISTED + 1);
    return [...rows.values()].reduce((a, b) => a + b, 0);
  }

  it('the validate form lists the first standards by id, and reaches any other by its address', async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const form = (url: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });
    const all = (await raw.listStandards()).map((s) => s.id);
    expect(all.length).toBeGreaterThan(STANDARDS_LISTED);
    let payload = '';
    const read = await rowsRead(async () => {
      const response = await form('/validate');
      expect(response.statusCode).toBe(200);
      payload = response.payload;
    });
    const listed = [...new Set([...payload.matchAll(OPTION)].map((m) => m[1]!.split('@')[0]))];
    expect(listed).toEqual(all.slice(0, STANDARDS_LISTED));
    expect(payload).toContain(
      `Each standard's newest ${VERSIONS_PER_STANDARD} published or deprecated versions are listed, of the first ${STANDARDS_LISTED} standards by id. For another standard, or an older version, open that version's page`,
    );
    // The first hundred standards' records and their newest versions (three each here), the session's rows.
    // Measured: 405 (101 standards, 302 versions, the session and its token); the old code 1,031 (all 255
    // standards and 774 versions).
    expect(read).toBeLessThanOrEqual(STANDARDS_LISTED + 1 + STANDARDS_LISTED * VERSIONS_PER_STANDARD + 4);

    // A standard past them, by its address (a version page's link): listed and chosen, read by itself.
    const past = IDS.at(-1)!;
    expect(all.indexOf(past)).toBeGreaterThanOrEqual(STANDARDS_LISTED);
    const asked = await rowsRead(async () => {
      const response = await form(`/validate?standard=${past}%402.0.0`);
      expect(response.statusCode).toBe(200);
      payload = response.payload;
    });
    const options = [...payload.matchAll(OPTION)].map((m) => [m[1], m[2]]);
    expect(options.at(-1)).toEqual([`${past}@2.0.0`, 'selected']);
    expect(payload).toContain(`<option value="${past}@2.0.0" selected>Bulk 249 2.0.0</option>`);
    expect(asked).toBeLessThanOrEqual(read + 2);
    // A form that comes back with an error keeps that choice (its title and status read by themselves); one there is not is left out.
    const kept = await validateChoices(t.app.services.standards, { ref: `${past}@1.0.0` });
    expect(kept.more).toBe(true);
    expect(kept.choices.at(-1)).toEqual({ value: `${past}@1.0.0`, text: 'Bulk 249 1.0.0' });
    const unknown = await validateChoices(t.app.services.standards, { ref: `${past}@9.0.0` });
    expect(unknown.choices.some((c) => c.value.startsWith(past))).toBe(false);

    // A listed standard's version the drop-down does not show is kept when it is live, and left out when
    // it is a draft, retired or not there (a form can post any text): the drop-down offers only what can be validated.
    const first = IDS[0]!;
    expect(all.indexOf(first)).toBeLessThan(STANDARDS_LISTED);
    await raw.publishVersion({
      standardId: first,
      version: '0.9.0',
      status: 'published',
      schema: '{"type":"object"}',
      contentHash: hash(`${first}-0.9.0`),
      changelog: '',
      publishedBy: 'test',
    });
    await raw.publishVersion({
      standardId: first,
      version: '0.8.0',
      status: 'draft',
      schema: '{"type":"object"}',
      contentHash: hash(`${first}-0.8.0`),
      changelog: '',
      publishedBy: 'test',
    });
    await raw.publishVersion({
      standardId: first,
      version: '0.7.0',
      status: 'published',
      schema: '{"type":"object"}',
      contentHash: hash(`${first}-0.7.0`),
      changelog: '',
      publishedBy: 'test',
    });
    await raw.setVersionStatus(first, '0.7.0', 'retired', 'test');
    const offered = async (ref: string) =>
      (await validateChoices(t.app.services.standards, { ref })).choices.filter((c) => c.value.startsWith(`${first}@`)).map((c) => c.value);
    expect(await offered(`${first}@0.9.0`)).toContain(`${first}@0.9.0`);
    for (const ref of [`${first}@0.8.0`, `${first}@0.7.0`, `${first}@0.6.0`, `${first}@latest`, `${first}@<script>`])
      expect(await offered(ref)).not.toContain(ref);
  });

  it('the suggestions rank the first versions by standard id, say there were more, and read the suggested standards alone', async () => {
    const suggest = (header: string) =>
      t.call({ method: 'POST', url: '/v1/suggest', payload: `${header}\n`, headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) } });
    let body: { suggestions: { standard: string; title: string; version: string; matched: number }[]; partial?: boolean } = { suggestions: [] };
    const read = await rowsRead(async () => {
      const response = await suggest('f3');
      expect(response.statusCode).toBe(200);
      body = JSON.parse(response.payload) as typeof body;
    });
    expect(body.partial).toBe(true);
    expect(body.suggestions.map((s) => [s.standard, s.title, s.version, s.matched])).toEqual(
      ['3.0.0', '2.0.0', '1.0.0'].map((v) => ['bulk-std-003', 'Bulk 3', v, 1]),
    );
    // No list of standards: the suggested one's title alone, one query; at most MAX_RANKED + 1 versions and their schemas.
    expect(rows.has('listStandards')).toBe(false);
    expect(rows.has('getStandard')).toBe(false);
    expect(rows.get('listStandardTitles')).toBe(1);
    expect(rows.get('listLatestPerMajor')).toBe(MAX_RANKED + 1);
    // Measured: 1,003 (501 versions, 500 schemas, the suggested standard and the token); the old code 1,770
    // (all 255 standards, 757 versions and each one's schema).
    expect(read).toBeLessThanOrEqual(MAX_RANKED * 2 + MAX_SUGGESTIONS + 2);
    // Again: every ranked version's fields are in the cache, so no schema is read. Measured: 503.
    const again = await rowsRead(async () => {
      expect((await suggest('f3')).statusCode).toBe(200);
    });
    expect(rows.has('getVersion')).toBe(false);
    expect(again).toBeLessThanOrEqual(MAX_RANKED + 1 + MAX_SUGGESTIONS + 1);
  });
});
