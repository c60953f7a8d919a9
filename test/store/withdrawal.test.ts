/**
 * Migration 0010-withdrawal on both databases: a withdrawn submission keeps its report and its withdrawal,
 * leaves quality points and aggregates, is audited with its reason, and cannot be withdrawn twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredSubmission } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const submission = (id: string, createdAt: string, overall: number): StoredSubmission => ({
  id,
  organisation: '8KR01',
  submittedBy: 'supplier:x',
  standardId: 'adult-social-care-client-level',
  version: '1.1.0',
  createdAt,
  valid: true,
  records: 3,
  report: '{"valid":true}',
  quality: JSON.stringify({ validity: overall, overall, dimensions: { validity: overall } }),
});

describe.each(storeFactories)('withdrawal on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it('takes a submission out of points and aggregates, keeps it readable, audits it once', async () => {
    await store.saveSubmission(submission('a', '2026-05-01T10:00:00.000Z', 90));
    await store.saveSubmission(submission('b', '2026-05-02T10:00:00.000Z', 10));
    const filter = { standardId: 'adult-social-care-client-level', limit: 100 };
    expect((await store.qualityPoints(filter)).map((p) => p.id)).toEqual(['a', 'b']);
    expect(await store.qualityAggregates(filter)).toMatchObject([{ submissions: 2, meanOverall: 50, latestOverall: 10 }]);

    const withdrawal = { at: '2026-05-03T09:00:00.000Z', by: 'supplier:x (t1)', reason: 'sent against the wrong standard' };
    expect(await store.withdrawSubmission('b', withdrawal)).toBe(true);
    expect(await store.withdrawSubmission('b', { ...withdrawal, reason: 'again' })).toBe(false);
    expect(await store.withdrawSubmission('missing', withdrawal)).toBe(false);

    expect((await store.qualityPoints(filter)).map((p) => p.id)).toEqual(['a']);
    expect(await store.qualityAggregates(filter)).toMatchObject([{ submissions: 1, meanOverall: 90, latestOverall: 90 }]);
    expect(await store.getSubmission('b')).toMatchObject({ id: 'b', report: '{"valid":true}', withdrawn: withdrawal });
    expect((await store.getSubmission('a'))!.withdrawn).toBeNull();
    const audit = (await store.listAudit(10)).filter((e) => e.action === 'submission-withdraw');
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: withdrawal.at,
        actor: withdrawal.by,
        action: 'submission-withdraw',
        standardId: 'adult-social-care-client-level',
        version: '1.1.0',
        contentHash: null,
        detail: 'submission b: sent against the wrong standard',
      },
    ]);
  });
});
