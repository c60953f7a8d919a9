/**
 * Migration 0009-reporting-periods on both databases: a submission keeps its period and whether validity
 * failed the gate; quality points carry the period and come ordered by it (a submission without a period
 * by when it was made), and a supplier's latest figure is that of its latest period.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredSubmission } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const base = {
  submittedBy: 'supplier:x',
  standardId: 'adult-social-care-client-level',
  version: '1.1.0',
  valid: true,
  records: 3,
  report: '{"valid":true}',
};

const submission = (id: string, createdAt: string, overall: number, period: StoredSubmission['period'], failsValidity?: boolean): StoredSubmission => ({
  ...base,
  id,
  organisation: '8KR01',
  createdAt,
  quality: JSON.stringify({ validity: overall, ...(failsValidity !== undefined ? { failsValidity } : {}), overall, dimensions: { validity: overall } }),
  ...(period !== undefined ? { period } : {}),
});

const Q1 = { id: '2026-27-Q1', start: '2026-04-01', end: '2026-06-30' };
const Q2 = { id: '2026-27-Q2', start: '2026-07-01', end: '2026-09-30' };
const Q4_PRIOR = { id: '2025-26-Q4', start: '2026-01-01', end: '2026-03-31' };

describe.each(storeFactories)('reporting periods on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it('keeps the period of a submission, and none for one that declared none', async () => {
    await store.saveSubmission(submission('a', '2026-08-03T10:00:00.000Z', 90, Q1));
    await store.saveSubmission(submission('b', '2026-08-04T10:00:00.000Z', 90, null));
    await store.saveSubmission(submission('c', '2026-08-05T10:00:00.000Z', 90, undefined));
    expect((await store.getSubmission('a'))!.period).toEqual(Q1);
    expect((await store.getSubmission('b'))!.period).toBeNull();
    expect((await store.getSubmission('c'))!.period).toBeNull();
    expect((await store.listSubmissions({ limit: 10 })).map((s) => s.period?.id ?? null)).toEqual([null, null, '2026-27-Q1']);
  });

  it('orders quality points by period, whenever each was submitted, and takes the latest period as the latest', async () => {
    // Q2 first, then a late Q1 resubmission, then the prior year's Q4 very late, then one without a period.
    await store.saveSubmission(submission('q2', '2026-10-20T10:00:00.000Z', 80, Q2, true));
    await store.saveSubmission(submission('q1', '2026-11-01T10:00:00.000Z', 70, Q1, true));
    await store.saveSubmission(submission('q4', '2026-11-02T10:00:00.000Z', 96, Q4_PRIOR, false));
    await store.saveSubmission(submission('none', '2026-05-15T10:00:00.000Z', 60, null));
    const points = await store.qualityPoints({ standardId: base.standardId, limit: 10 });
    // Q4 of 2025-26 starts 2026-01-01; the one without a period stands at 2026-05-15, inside Q1's span.
    expect(points.map((p) => [p.id, p.period?.id ?? null])).toEqual([
      ['q4', '2025-26-Q4'],
      ['q1', '2026-27-Q1'],
      ['none', null],
      ['q2', '2026-27-Q2'],
    ]);
    expect(points[0]).toMatchObject({ period: Q4_PRIOR, failsValidity: false, overall: 96 });
    expect(points[2]!.failsValidity).toBeNull();
    // The newest points are those of the latest periods.
    expect((await store.qualityPoints({ standardId: base.standardId, limit: 2 })).map((p) => p.id)).toEqual(['none', 'q2']);
    const [aggregate] = await store.qualityAggregates({ standardId: base.standardId, limit: 10 });
    expect(aggregate).toMatchObject({ organisation: '8KR01', submissions: 4, latestOverall: 80, latestAt: '2026-10-20T10:00:00.000Z' });
  });
});
