/**
 * The store methods behind ownership, pagination, quality trends and retention, on SQLite and PostgreSQL:
 * owners created with a standard and granted or revoked with an audit entry; keyset pages that see
 * every row once even with inserts between pages; trends from score columns (never the report); pruning
 * only what is older than the cut-off; a write probe.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredSubmission } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const standard = (id: string) => ({ id, title: id, owner: 'NHS England (illustrative)', description: 'One thing.', metadata: { compatibility: 'BACKWARD' } });

const DIMENSIONS = ['validity', 'completeness', 'uniqueness', 'consistency', 'timeliness', 'defaults'] as const;

function submission(i: number, organisation: string | null, createdAt: string, overall: number | null = 50 + (i % 50)): StoredSubmission {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d, k) => [d, k === 5 ? null : (i * (k + 1)) % 101]));
  return {
    id: randomUUID(),
    organisation,
    submittedBy: 'supplier:test',
    standardId: 'clinic-visit',
    version: '1.0.0',
    createdAt,
    valid: true,
    records: i,
    report: JSON.stringify({ big: 'x'.repeat(100) }),
    quality: JSON.stringify({ overall, dimensions }),
  };
}

const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString();

describe.each(storeFactories)('ownership and storage on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it('creates a standard once with its first owner, audited; a second create changes nothing', async () => {
    expect(await store.createStandard(standard('clinic-visit'), 'token:a', 'author:a (a)')).toBe(true);
    expect(await store.createStandard({ ...standard('clinic-visit'), title: 'taken over' }, 'token:b', 'author:b (b)')).toBe(false);
    expect((await store.getStandard('clinic-visit'))?.title).toBe('clinic-visit');
    expect((await store.listOwners('clinic-visit')).map((o) => o.owner)).toEqual(['token:a']);
    expect((await store.listAudit(10)).filter((a) => a.action === 'standard-create')).toEqual([
      expect.objectContaining({ actor: 'author:a (a)', standardId: 'clinic-visit', detail: 'token:a' }),
    ]);
  });

  it('grants and revokes owners, each once, with an audit entry naming the owner', async () => {
    await store.createStandard(standard('clinic-visit'), 'token:a', 'author:a (a)');
    expect(await store.grantOwner('clinic-visit', 'org:8KR01', 'admin:x (x)')).toBe(true);
    expect(await store.grantOwner('clinic-visit', 'org:8KR01', 'admin:x (x)')).toBe(false);
    expect((await store.listOwners('clinic-visit')).map((o) => o.owner).sort()).toEqual(['org:8KR01', 'token:a']);
    expect(await store.revokeOwner('clinic-visit', 'token:a', 'admin:x (x)')).toBe(true);
    expect(await store.revokeOwner('clinic-visit', 'token:a', 'admin:x (x)')).toBe(false);
    expect((await store.listOwners('clinic-visit')).map((o) => o.owner)).toEqual(['org:8KR01']);
    const audit = (await store.listAudit(10)).map((a) => [a.action, a.detail]);
    expect(audit.slice(0, 2)).toEqual([
      ['owner-revoke', 'token:a'],
      ['owner-grant', 'org:8KR01'],
    ]);
    // At most a limit's worth, the earliest granted first (the service's CONFORM_MAX_OWNERS_PER_STANDARD).
    for (const owner of ['token:b', 'token:c']) await store.grantOwner('clinic-visit', owner, 'admin:x (x)');
    expect((await store.listOwners('clinic-visit', 2)).map((o) => o.owner)).toEqual(['org:8KR01', 'token:b']);
    expect(await store.listOwners('clinic-visit')).toHaveLength(3);
    // Whether a caller is an owner is one look-up by its names, whatever the others (the owner checks).
    expect(await store.isAnOwner('clinic-visit', ['token:c'])).toBe(true);
    expect(await store.isAnOwner('clinic-visit', ['token:z', 'org:8KR01'])).toBe(true);
    expect(await store.isAnOwner('clinic-visit', ['token:a', 'org:RX1'])).toBe(false);
    expect(await store.isAnOwner('clinic-visit', [])).toBe(false);
    expect(await store.isAnOwner('no-such-standard', ['token:c'])).toBe(false);
  });

  it('pages standards by id and gives version summaries without schema text', async () => {
    for (const id of ['c-three', 'a-one', 'b-two', 'd-four', 'e-five']) await store.createStandard(standard(id), 'library', 'test');
    const first = await store.listStandards({ limit: 2 });
    const second = await store.listStandards({ limit: 2, after: first.at(-1)!.id });
    await store.createStandard(standard('aa-inserted'), 'library', 'test'); // before the cursor: never shifts a page
    const third = await store.listStandards({ limit: 2, after: second.at(-1)!.id });
    expect([...first, ...second, ...third].map((s) => s.id)).toEqual(['a-one', 'b-two', 'c-three', 'd-four', 'e-five']);
    // The ids either side of one, by id (a not-found's nearest names are chosen from them).
    expect(await store.listStandardIdsAround('b', 10)).toEqual(['a-one', 'aa-inserted', 'b-two', 'c-three', 'd-four', 'e-five']);
    expect(await store.listStandardIdsAround('b-two', 1)).toEqual(['aa-inserted', 'b-two']);
    expect(await store.listStandardIdsAround('zz', 2)).toEqual(['d-four', 'e-five']);
    for (const v of ['1.10.0', '1.2.0']) {
      await store.publishVersion({
        standardId: 'a-one',
        version: v,
        status: 'published',
        schema: '{"type":"object"}',
        contentHash: `sha256:${v}`,
        changelog: 'x',
        publishedBy: 'test',
      });
    }
    const summaries = await store.listVersionWindow('a-one', { limit: 10 });
    expect(summaries.map((v) => v.version)).toEqual(['1.2.0', '1.10.0']);
    expect(summaries.every((v) => !('schema' in v))).toBe(true);
    expect(await store.listVersionWindow('b-two', { limit: 10 })).toEqual([]);
  });

  it('walks submissions newest first with a keyset, every row exactly once, with inserts between pages', async () => {
    // Several rows share a created_at, so the id breaks ties.
    for (let i = 0; i < 25; i++) await store.saveSubmission(submission(i, '8KR01', at(Math.floor(i / 3) * 1000)));
    const seen: string[] = [];
    let before: { createdAt: string; id: string } | undefined;
    for (let page = 0; page < 20; page++) {
      const rows = await store.listSubmissions({ limit: 4, ...(before ? { before } : {}) });
      seen.push(...rows.map((r) => r.id));
      await store.saveSubmission(submission(100 + page, '8KR01', new Date().toISOString())); // newer: never on a later page
      if (rows.length < 4) break;
      before = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('pages the audit log by id', async () => {
    for (let i = 0; i < 7; i++) await store.createStandard(standard(`s-${i}`), 'library', 'test');
    const first = await store.listAudit(3);
    const second = await store.listAudit(3, first.at(-1)!.id);
    const third = await store.listAudit(3, second.at(-1)!.id);
    expect([...first, ...second, ...third].map((a) => a.standardId)).toEqual(['s-6', 's-5', 's-4', 's-3', 's-2', 's-1', 's-0']);
  });

  it('answers quality points and per-organisation figures from score columns, matching the scores stored', async () => {
    const rows: StoredSubmission[] = [];
    for (let i = 0; i < 60; i++) rows.push(submission(i, i % 3 === 0 ? null : i % 3 === 1 ? '8KR01' : 'RWE01', at(i * 1000), i === 59 ? null : 40 + i));
    rows.push({ ...submission(99, '8KR01', at(500)), quality: null }); // no scorecard: not a point
    rows.push({ ...submission(98, '8KR01', at(700)), standardId: 'other' });
    for (const row of rows) await store.saveSubmission(row);

    const points = await store.qualityPoints({ standardId: 'clinic-visit', limit: 10 });
    const scored = rows.filter((r) => r.standardId === 'clinic-visit' && r.quality !== null);
    expect(points.map((p) => p.id)).toEqual(scored.slice(-10).map((r) => r.id)); // the newest ten, oldest first
    for (const p of points) {
      const expected = JSON.parse(scored.find((r) => r.id === p.id)!.quality!) as { overall: number | null; dimensions: Record<string, number | null> };
      expect({ overall: p.overall, dimensions: p.dimensions }).toEqual(expected);
    }

    const aggregates = await store.qualityAggregates({ standardId: 'clinic-visit', limit: 10 });
    const expected = [null, '8KR01', 'RWE01'].map((organisation) => {
      const mine = scored.filter((r) => r.organisation === organisation);
      const overall = mine.map((r) => (JSON.parse(r.quality!) as { overall: number | null }).overall).filter((o): o is number => o !== null);
      return {
        organisation,
        submissions: mine.length,
        meanOverall: overall.reduce((a, b) => a + b, 0) / overall.length,
        latestOverall: (JSON.parse(mine.at(-1)!.quality!) as { overall: number | null }).overall,
        latestAt: mine.at(-1)!.createdAt,
      };
    });
    const sort = <T extends { organisation: string | null }>(list: T[]) =>
      [...list].sort((a, b) => String(a.organisation).localeCompare(String(b.organisation)));
    const got = sort(aggregates).map((a) => ({ ...a, meanOverall: Math.round(a.meanOverall! * 1000) / 1000 }));
    expect(got).toEqual(sort(expected).map((e) => ({ ...e, meanOverall: Math.round(e.meanOverall * 1000) / 1000 })));

    const only = await store.qualityAggregates({ standardId: 'clinic-visit', organisation: 'RWE01', from: at(10_000), to: at(20_000), limit: 10 });
    expect(only).toEqual([
      expect.objectContaining({
        organisation: 'RWE01',
        submissions: scored.filter((r) => r.organisation === 'RWE01' && r.createdAt >= at(10_000) && r.createdAt <= at(20_000)).length,
      }),
    ]);
  });

  it('prunes only reports older than the cut-off, and audits the count', async () => {
    const old = [submission(1, '8KR01', at(0)), submission(2, '8KR01', at(1000))];
    const kept = [submission(3, '8KR01', at(2000)), submission(4, 'RWE01', at(3000))];
    for (const s of [...old, ...kept]) await store.saveSubmission(s);
    expect(await store.pruneSubmissions(at(2000), 'retention (400 days)')).toBe(2);
    for (const s of old) expect(await store.getSubmission(s.id)).toBeUndefined();
    for (const s of kept) expect(await store.getSubmission(s.id)).toBeDefined();
    expect((await store.listAudit(1))[0]).toMatchObject({
      action: 'reports-prune',
      actor: 'retention (400 days)',
      detail: `2 reports created before ${at(2000)}`,
    });
    expect(await store.pruneSubmissions(at(2000), 'retention (400 days)')).toBe(0);
    expect((await store.listAudit(5)).filter((a) => a.action === 'reports-prune')).toHaveLength(1); // nothing pruned, nothing audited
  });

  it('probes a write without leaving anything behind', async () => {
    await store.probeWrite();
    await store.probeWrite();
    expect(await store.ping()).toBe(true);
  });
});
