/**
 * A standard's owners are listed by every read of it (GET /v1/standards/{id}, its page) and by every grant's
 * and revocation's answer, and were unbounded: thousands of grants made every read of the standard list
 * thousands of owners. Now a standard has at most CONFORM_MAX_OWNERS_PER_STANDARD (100) owners: a grant
 * past it is a 422 naming the owner parameter and the bound, and a read lists at most that many.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const authors: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ CONFORM_MAX_OWNERS_PER_STANDARD: '3' });
  for (let i = 0; i < 4; i++) authors.push((await t.app.services.access.issue({ name: `author ${i}`, role: 'author', organisation: null }, 'test')).stored.id);
});
afterAll(async () => t.stop());

const ID = 'patient-demographics';
type Problem = { status: number; detail: string; errors?: { in?: string; name?: string; detail: string }[] };
const grant = (owner: string) => t.call({ method: 'PUT', url: `/v1/standards/${ID}/owners/${owner}`, headers: bearer(t.tokens.admin) });
const revoke = (owner: string) => t.call({ method: 'DELETE', url: `/v1/standards/${ID}/owners/${owner}`, headers: bearer(t.tokens.admin) });
const ownersShown = async () =>
  ((await t.call({ method: 'GET', url: `/v1/standards/${ID}` })).result as { owners: { owner: string }[] }).owners.map((o) => o.owner);

describe('the owners of one standard', () => {
  it('are at most CONFORM_MAX_OWNERS_PER_STANDARD: a grant past it is a 422 naming the owner parameter and the bound, and changes nothing', async () => {
    // The library's standard has one owner (library); two more fill the bound of 3.
    expect(await ownersShown()).toEqual(['library']);
    expect((await grant(`token:${authors[0]}`)).statusCode).toBe(201);
    expect((await grant(`token:${authors[1]}`)).statusCode).toBe(201);
    const refused = await grant(`token:${authors[2]}`);
    expect(refused.statusCode).toBe(422);
    const problem = JSON.parse(refused.payload) as Problem;
    expect(problem.detail).toBe(
      `${ID} has 3 owners, the most a standard may have (CONFORM_MAX_OWNERS_PER_STANDARD): revoke one first, or grant an organisation (org:<ODS code>), which makes every author token of it an owner`,
    );
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'path', name: 'owner' })]);
    expect(await ownersShown()).toEqual(['library', `token:${authors[0]}`, `token:${authors[1]}`]);
    // Granting an owner again at the bound changes nothing and is no refusal; after a revocation there is room.
    expect((await grant(`token:${authors[1]}`)).statusCode).toBe(200);
    expect((await revoke(`token:${authors[0]}`)).statusCode).toBe(200);
    expect((await grant(`token:${authors[2]}`)).statusCode).toBe(201);
  });

  it('are listed at most that many by a read, even where the store holds more (granted before the bound)', async () => {
    await t.app.store.grantOwner(ID, `token:${authors[3]}`, 'test');
    await t.app.store.grantOwner(ID, `token:${authors[0]}`, 'test');
    expect((await t.app.store.listOwners(ID)).length).toBe(5);
    expect(await ownersShown()).toEqual(['library', `token:${authors[1]}`, `token:${authors[2]}`]);
  });
});

describe('the check that a caller may change a standard', () => {
  it('reads whether the caller is an owner, never every owner: an owner granted past the listed bound may deprecate, another author may not', async () => {
    const id = 'immunisation-batch';
    // 40 owners in the store (more than CONFORM_MAX_OWNERS_PER_STANDARD=3, as from before the bound); the author is the last granted.
    for (let i = 0; i < 39; i++) await t.app.store.grantOwner(id, `org:RX${String(i).padStart(3, '0')}`, 'test');
    const { token } = await t.app.services.access.issue({ name: 'late owner', role: 'author', organisation: null }, 'test');
    const principal = (await t.app.services.access.authenticate(token))!;
    await t.app.store.grantOwner(id, `token:${principal.tokenId}`, 'test');
    const stranger = (await t.app.services.access.issue({ name: 'stranger', role: 'author', organisation: null }, 'test')).token;
    const listed = vi.spyOn(t.app.store, 'listOwners');
    try {
      const version = (await t.call({ method: 'GET', url: `/v1/standards/${id}` })).result as { versions: { version: string; status: string }[] };
      const live = version.versions.find((v) => v.status === 'published')!.version;
      listed.mockClear();
      const deprecate = (who: string) =>
        t.call({
          method: 'POST',
          url: `/v1/standards/${id}/versions/${live}/deprecate`,
          headers: bearer(who),
        });
      const refused = await deprecate(stranger);
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(refused.payload).detail).toMatch(new RegExp(`^only the owners of ${id} or an admin may`));
      expect(listed).not.toHaveBeenCalled();
      const done = await deprecate(token);
      expect(done.statusCode, done.payload).toBeLessThan(300);
      expect(listed).not.toHaveBeenCalled();
    } finally {
      listed.mockRestore();
    }
  });
});
