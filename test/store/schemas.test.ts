/**
 * PostgreSQL: stores in different schemas of one database migrate independently, each with its own
 * migration tables, however many others are open (the cluster test runs beside the store suite; two
 * deployments may share a database). Kysely looks for its tables in any schema unless told which.
 */
import { describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';

const postgres = storeFactories.find((f) => f.name === 'postgres');

describe.skipIf(!postgres)('stores in several PostgreSQL schemas', () => {
  it('migrate one after another while the others stay open, each usable', async () => {
    const opened = [];
    try {
      for (let i = 0; i < 3; i++) opened.push(await postgres!.open());
      for (const { store } of opened) {
        expect(await store.ping()).toBe(true);
        expect(await store.countTokens()).toBe(0);
        await store.createToken({ id: crypto.randomUUID(), name: 'one', role: 'admin', organisation: null, hash: `sha256:${crypto.randomUUID()}` }, 'test');
        expect(await store.countTokens()).toBe(1);
      }
    } finally {
      for (const { dispose } of opened) await dispose();
    }
  });
});
