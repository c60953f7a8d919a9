/**
 * A publish reads the versions its compatibility check compares with, never every version's schema: a
 * standard under BACKWARD and one under BACKWARD_TRANSITIVE, each with 300 versions (three majors of a
 * hundred minors) made cheaply through the store, and each publish's store reads counted by rows
 * returned. The verdicts are those of the check over every version (publish-rules.ts). On SQLite, and
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { bearer, type TestApp } from '../support/test-app.js';
import { countedApp } from '../support/counted-store.js';
import type { Store } from '../../src/store/types.js';
import { HISTORY_PAGE } from '../../src/services/publish-history.js';
import { MAX_LISTED_ERRORS } from '../../src/http/problems.js';

/** 0.0.0 … 2.99.0: three majors of a hundred minors. */
const VERSIONS = Array.from({ length: 300 }, (_, i) => `${Math.floor(i / 100)}.${i % 100}.0`);
const SCHEMA = { type: 'object', properties: { a: { type: 'string' } } };
/** `a` a number: breaks suppliers, so a new MAJOR under BACKWARD. */
const BREAKING = { type: 'object', properties: { a: { type: 'integer' } } };
/** Reads of every version of a standard: a publish may call none. */
const UNBOUNDED = ['listVersions'];

const hash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe.each(storeFactories)('what a publish reads on $name', (factory) => {
  let t: TestApp;
  let rows: Map<string, number>;
  let raw: Store;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ t, rows, raw, stop } = await countedApp(factory));
    for (const [id, compatibility] of [
      ['big', 'BACKWARD'],
      ['wide', 'BACKWARD_TRANSITIVE'],
    ] as const) {
      await raw.createStandard({ id, title: id, owner: 'Test', description: 'Many versions', metadata: { compatibility } }, 'token:test', 'test');
      for (const version of VERSIONS) {
        await raw.publishVersion({
          standardId: id,
          version,
          status: 'published',
          schema: JSON.stringify(SCHEMA),
          contentHash: hash(`${id}-${version}`),
          changelog: '',
          publishedBy: 'test',
        });
      }
      await raw.setVersionStatus(id, '2.99.0', 'retired', 'test');
    }
  }, 300_000);
  afterAll(() => stop());

  /** Publishes as an admin, counting the rows read: none by a read of every version. */
  async function publish(
    id: string,
    version: string,
    schema: object,
  ): Promise<{ status: number; body: { detail?: string; errors?: { detail: string }[] }; read: number }> {
    rows.clear();
    const response = await t.call({
      method: 'PUT',
      url: `/v1/standards/${id}/versions/${version}`,
      payload: JSON.stringify(schema),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
    });
    for (const name of UNBOUNDED) expect(rows.has(name), name).toBe(false);
    return { status: response.statusCode, body: JSON.parse(response.payload), read: [...rows.values()].reduce((a, b) => a + b, 0) };
  }

  it('under BACKWARD, compares with the previous released version alone', async () => {
    // 2.99.0 is retired, and still the version a new one follows.
    const refused = await publish('big', '2.100.0', BREAKING);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('big 2.100.0 does not follow semver under its BACKWARD compatibility policy');
    expect(refused.body.errors!.map((e) => e.detail.split(' is a ')[0])).toEqual(['2.99.0 → 2.100.0']);
    // Measured: 5 (the token, the standard twice, the latest and its schema); the old code 303, all 300 versions with their schemas.
    expect(refused.read).toBeLessThanOrEqual(8);

    const created = await publish('big', '3.0.0', BREAKING);
    expect(created.status).toBe(201);
    expect(created.read).toBeLessThanOrEqual(10);

    // Below the latest: refused by its number, and still compared with its own predecessor.
    const older = await publish('big', '1.100.0', BREAKING);
    expect(older.status).toBe(422);
    expect(older.body.errors!.map((e) => e.detail.split(/ is a |;/)[0])).toEqual(['1.100.0 is not higher than 3.0.0, the latest version', '1.99.0 → 1.100.0']);
    expect(older.read).toBeLessThanOrEqual(9);
  });

  it("under BACKWARD_TRANSITIVE, compares with every lower version of the candidate's MAJOR, a page at a time, and no other", async () => {
    const refused = await publish('wide', '2.100.0', BREAKING);
    expect(refused.status).toBe(422);
    const within = VERSIONS.filter((v) => v.startsWith('2.'));
    // One problem against each of them (the body lists the first MAX_LISTED_ERRORS), none against a lower MAJOR's.
    expect(refused.body.detail).toBe(
      `wide 2.100.0 does not follow semver under its BACKWARD_TRANSITIVE compatibility policy; errors lists the first ${MAX_LISTED_ERRORS} of ${within.length}`,
    );
    expect(refused.body.errors!.map((e) => e.detail.split(' is a ')[0])).toEqual(within.slice(0, MAX_LISTED_ERRORS).map((v) => `${v} → 2.100.0`));
    // Each of the MAJOR's hundred versions once as a summary and once with its schema. Measured: 204; the old code 303.
    expect(refused.read).toBeLessThanOrEqual(within.length * 2 + Math.ceil(within.length / HISTORY_PAGE) + 8);

    // A new MAJOR has no lower version within it: the versions of the others carry no problem and are not read.
    const created = await publish('wide', '3.0.0', BREAKING);
    expect(created.status).toBe(201);
    // Measured: 6; the old code read all 300 versions.
    expect(created.read).toBeLessThanOrEqual(10);
  });
});
