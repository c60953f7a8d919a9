/**
 * Migration 0012-submission-context on both databases: a submission keeps its file's name and size (null
 * when unknown), and the list filters by reporting period and outcome.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredSubmission } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const submission = (id: string, createdAt: string, extra: Partial<StoredSubmission> = {}): StoredSubmission => ({
  id,
  organisation: '8KR01',
  submittedBy: 'supplier:x (0b6a2c9e-1f7e-4d55-9f6a-2b1f3c4d5e6f)',
  standardId: 'emergency-care-attendance',
  version: '2.0.0',
  createdAt,
  valid: true,
  records: 3,
  report: '{"valid":true}',
  quality: null,
  ...extra,
});

describe.each(storeFactories)('submission context on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it("keeps the file's name and size, a size past 2 GiB too, and null for neither", async () => {
    await store.saveSubmission(submission('a', '2026-01-01T00:00:00.000Z', { fileName: 'ecds 2026-11.csv', fileSize: 5_000_000_000 }));
    await store.saveSubmission(submission('b', '2026-01-02T00:00:00.000Z'));
    expect(await store.getSubmission('a')).toMatchObject({ fileName: 'ecds 2026-11.csv', fileSize: 5_000_000_000 });
    expect(await store.getSubmission('b')).toMatchObject({ fileName: null, fileSize: null });
  });

  it('lists by reporting period and by outcome', async () => {
    const Q1 = { id: '2026-27-Q1', start: '2026-04-01', end: '2026-06-30' };
    await store.saveSubmission(submission('a', '2026-07-01T00:00:00.000Z', { period: Q1 }));
    await store.saveSubmission(submission('b', '2026-07-02T00:00:00.000Z', { period: Q1, valid: false }));
    await store.saveSubmission(submission('c', '2026-07-03T00:00:00.000Z', { valid: false }));
    const ids = async (filter: Partial<Parameters<Store['listSubmissions']>[0]>) => (await store.listSubmissions({ limit: 10, ...filter })).map((s) => s.id);
    expect(await ids({ period: '2026-27-Q1' })).toEqual(['b', 'a']);
    expect(await ids({ valid: false })).toEqual(['c', 'b']);
    expect(await ids({ valid: true })).toEqual(['a']);
    expect(await ids({ period: '2026-27-Q1', valid: false })).toEqual(['b']);
    expect(await ids({ period: '2026-27-Q2' })).toEqual([]);
  });
});
