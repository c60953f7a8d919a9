/**
 * The bounded reads of standards by id and text, on SQLite and PostgreSQL: the ids either side of one (a
 * not-found's nearest names) and a catalogue search matched in the database, a page at a time, its words'
 * `%`, `_` and `\` taken as the characters they are.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const STANDARDS = [
  { id: 'ambulance-call', title: 'Ambulance call', owner: 'NHS England', description: 'One 999 call.' },
  { id: 'clinic-visit', title: 'Clinic visit', owner: 'NHS England', description: 'A visit: 100% outpatient.' },
  { id: 'theatre-session', title: 'Theatre session', owner: 'Trust_A', description: 'A session in theatre.' },
  { id: 'ward-stay', title: 'Ward STAY', owner: 'NHS England', description: 'A stay on a ward (C:\\wards).' },
];

describe.each(storeFactories)('standards by id and text on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
    for (const s of STANDARDS) await store.createStandard({ ...s, metadata: {} }, 'token:test', 'test');
  });
  afterEach(async () => dispose());

  const ids = (found: { id: string }[]) => found.map((s) => s.id);

  it('reads the ids either side of one, however many there are', async () => {
    expect(await store.listStandardIdsAround('clinic-visit', 1)).toEqual(['ambulance-call', 'clinic-visit']);
    expect(await store.listStandardIdsAround('clinic-visits', 1)).toEqual(['clinic-visit', 'theatre-session']);
    expect(await store.listStandardIdsAround('a', 2)).toEqual(['ambulance-call', 'clinic-visit']);
    expect(await store.listStandardIdsAround('zzz', 2)).toEqual(['theatre-session', 'ward-stay']);
    expect(await store.listStandardIdsAround('m', 10)).toEqual(STANDARDS.map((s) => s.id));
    expect(await store.listStandardIdsAround('m', 0)).toEqual([]);
  });

  it('matches every word in the id, title, owner and description, any case, a page at a time', async () => {
    expect(ids(await store.searchStandards(['a'], { limit: 10 }))).toEqual(STANDARDS.map((s) => s.id));
    expect(ids(await store.searchStandards(['stay'], { limit: 10 }))).toEqual(['ward-stay']);
    expect(ids(await store.searchStandards(['nhs', 'visit'], { limit: 10 }))).toEqual(['clinic-visit']);
    // Words may fall in different columns, and one may span two (the columns joined by a space).
    expect(ids(await store.searchStandards(['session trust_a'], { limit: 10 }))).toEqual(['theatre-session']);
    expect(ids(await store.searchStandards(['nhs', 'nothing'], { limit: 10 }))).toEqual([]);
    // Pages by id, from after the last one.
    expect(ids(await store.searchStandards(['a'], { limit: 2 }))).toEqual(['ambulance-call', 'clinic-visit']);
    expect(ids(await store.searchStandards(['a'], { after: 'clinic-visit', limit: 2 }))).toEqual(['theatre-session', 'ward-stay']);
  });

  it('folds every letter, not only ASCII ones, as the words are folded', async () => {
    await store.createStandard({ id: 'ysgol', title: 'ÉCOLE Ŵyl', owner: 'GIG Cymru', description: 'Gŵyl yr ysgol.', metadata: {} }, 'token:test', 'test');
    expect(ids(await store.searchStandards(['école'], { limit: 10 }))).toEqual(['ysgol']);
    expect(ids(await store.searchStandards(['ŵyl'], { limit: 10 }))).toEqual(['ysgol']);
    expect(ids(await store.searchStandards(['gŵyl', 'cymru'], { limit: 10 }))).toEqual(['ysgol']);
  });

  it("takes a word's %, _ and \\ as themselves, never as wildcards", async () => {
    expect(ids(await store.searchStandards(['100%'], { limit: 10 }))).toEqual(['clinic-visit']);
    expect(ids(await store.searchStandards(['%'], { limit: 10 }))).toEqual(['clinic-visit']);
    expect(ids(await store.searchStandards(['1%0'], { limit: 10 }))).toEqual([]);
    expect(ids(await store.searchStandards(['_'], { limit: 10 }))).toEqual(['theatre-session']);
    expect(ids(await store.searchStandards(['9_9'], { limit: 10 }))).toEqual([]);
    expect(ids(await store.searchStandards(['c:\\wards'], { limit: 10 }))).toEqual(['ward-stay']);
    expect(ids(await store.searchStandards(['\\'], { limit: 10 }))).toEqual(['ward-stay']);
    expect(ids(await store.searchStandards(['\\%'], { limit: 10 }))).toEqual([]);
  });
});
