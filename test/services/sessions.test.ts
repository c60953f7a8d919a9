/** SessionService: sessions live in the store, end on sign-out, when idle, when old, and with their token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { AccessService } from '../../src/services/access.js';
import { MAX_SESSIONS_PER_TOKEN, SessionService } from '../../src/services/sessions.js';

const MINUTE = 60_000;

describe('SessionService', () => {
  let store: Store;
  let access: AccessService;
  let now: number;
  let sessions: SessionService;
  let token: string;
  let tokenId: string;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
    access = new AccessService(store);
    now = Date.parse('2030-01-01T09:00:00Z');
    sessions = new SessionService(store, access, { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE }, () => now);
    const issued = await access.issue({ name: 'Leeds', role: 'supplier', organisation: 'RR8' }, 'test');
    token = issued.token;
    tokenId = issued.stored.id;
  });
  afterEach(async () => store.close());

  it('starts a session for a live token only, and stores only the hash of its random id', async () => {
    expect(await sessions.start('cfm_wrong')).toBeUndefined();
    const started = await sessions.start(`  ${token}  `);
    expect(started?.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started?.principal).toMatchObject({ role: 'supplier', organisation: 'RR8', tokenId });
    expect(await store.getSession(started!.id)).toBeUndefined();
    expect((await sessions.resume(started!.id))?.tokenId).toBe(tokenId);
    const other = await sessions.start(token);
    expect(other?.id).not.toBe(started?.id);
  });

  it('ends a session on sign-out, for good', async () => {
    const { id } = (await sessions.start(token))!;
    await sessions.end(id);
    expect(await sessions.resume(id)).toBeUndefined();
    await sessions.end(id);
    expect(await sessions.resume(id)).toBeUndefined();
  });

  it('ends a session unused for the idle time; use keeps it alive', async () => {
    const { id } = (await sessions.start(token))!;
    now += 29 * MINUTE;
    expect(await sessions.resume(id)).toBeDefined();
    now += 29 * MINUTE;
    expect(await sessions.resume(id), 'used 29 minutes ago').toBeDefined();
    now += 30 * MINUTE;
    expect(await sessions.resume(id), 'unused for 30 minutes').toBeUndefined();
  });

  it('ends a session at its absolute lifetime however it is used', async () => {
    const { id } = (await sessions.start(token))!;
    for (let i = 0; i < 16; i++) {
      now += 29 * MINUTE;
      expect(await sessions.resume(id), `after ${(i + 1) * 29} minutes`).toBeDefined();
    }
    now += 20 * MINUTE; // 484 minutes > 8 hours
    expect(await sessions.resume(id)).toBeUndefined();
  });

  it('ends every session of a revoked token', async () => {
    const { id } = (await sessions.start(token))!;
    await access.revoke(tokenId, 'test');
    expect(await sessions.resume(id)).toBeUndefined();
  });

  it('refuses ids that are not session ids without asking the store', async () => {
    for (const id of ['', 'x', 'a'.repeat(44), `${'a'.repeat(42)}!`, "' or 1=1 --"]) expect(await sessions.resume(id)).toBeUndefined();
  });

  it('deletes ended and expired sessions when someone signs in (at most hourly)', async () => {
    const ended = (await sessions.start(token))!;
    await sessions.end(ended.id);
    const idle = (await sessions.start(token))!;
    now += 2 * 60 * MINUTE;
    const fresh = (await sessions.start(token))!;
    expect(await sessions.resume(fresh.id)).toBeDefined();
    expect(await sessions.resume(idle.id)).toBeUndefined();
    // The first start pruned (nothing to prune then); this one, over an hour later, deleted two rows.
    const { createHash } = await import('node:crypto');
    const hash = (id: string) => `sha256:${createHash('sha256').update(id).digest('hex')}`;
    expect(await store.getSession(hash(ended.id))).toBeUndefined();
    expect(await store.getSession(hash(idle.id))).toBeUndefined();
    expect(await store.getSession(hash(fresh.id))).toBeDefined();
  });

  it('keeps at most 20 live sessions per token: signing in again ends its oldest, even in the same millisecond', async () => {
    // A token's holder signing in in a loop once left a live row per sign-in for the idle time.
    expect(MAX_SESSIONS_PER_TOKEN).toBe(20);
    const other = (await access.issue({ name: 'York', role: 'supplier', organisation: 'RCB' }, 'test')).token;
    const theirs = (await sessions.start(other))!;
    const started: string[] = [];
    for (let i = 0; i < 25; i++) {
      if (i < 23) now += 1000; // the last three share one instant
      started.push((await sessions.start(token))!.id);
    }
    const live = [];
    for (const id of started) live.push((await sessions.resume(id)) !== undefined);
    expect(live.filter(Boolean)).toHaveLength(20);
    expect(live.slice(0, 5)).toEqual([false, false, false, false, false]);
    expect(live.at(-1), 'the session just started is always kept').toBe(true);
    expect(await sessions.resume(theirs.id), "another token's session is not touched").toBeDefined();
  });
});
