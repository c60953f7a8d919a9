import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredVersion } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';

const standard = {
  id: 'patient-demographics',
  title: 'Patient demographics',
  owner: 'NHS England (illustrative)',
  description: 'One person.',
  metadata: { recordKey: ['/localPatientId'], compatibility: 'BACKWARD' },
};

const version = (v: string, hash: string): Omit<StoredVersion, 'publishedAt'> => ({
  standardId: 'patient-demographics',
  version: v,
  status: 'published',
  schema: `{"type":"object","$comment":"${hash}"}`,
  contentHash: hash,
  changelog: 'First.',
  publishedBy: 'author-1',
});

describe.each(storeFactories)('store on $name', (factory) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await factory.open());
  });
  afterEach(async () => dispose());

  it('migrates idempotently and answers ping', async () => {
    await store.migrate();
    expect(await store.ping()).toBe(true);
    expect(store.kind).toBe(factory.name);
  });

  it('creates and updates a standard', async () => {
    const created = await store.saveStandard(standard, 'admin');
    expect(created).toMatchObject({ ...standard });
    const updated = await store.saveStandard({ ...standard, title: 'Patient demographics (v2 title)' }, 'admin');
    expect(updated.title).toBe('Patient demographics (v2 title)');
    expect(updated.createdAt).toBe(created.createdAt);
    expect((await store.listStandards()).map((s) => s.id)).toEqual(['patient-demographics']);
    expect(await store.getStandard('nope')).toBeUndefined();
  });

  it('publishes once: created, then identical, then conflict without changing the row', async () => {
    await store.saveStandard(standard, 'admin');
    const first = await store.publishVersion(version('1.0.0', 'sha256:a'));
    expect(first.outcome).toBe('created');
    expect(first.version).toMatchObject({ version: '1.0.0', contentHash: 'sha256:a', status: 'published', publishedBy: 'author-1' });
    expect((await store.publishVersion(version('1.0.0', 'sha256:a'))).outcome).toBe('identical');
    const conflict = await store.publishVersion({ ...version('1.0.0', 'sha256:b'), publishedBy: 'someone-else' });
    expect(conflict).toMatchObject({ outcome: 'conflict', version: { contentHash: 'sha256:a', publishedBy: 'author-1' } });
    expect(await store.getVersion('patient-demographics', '1.0.0')).toEqual(first.version);
    const audit = await store.listAudit(10);
    expect(audit.filter((a) => a.action === 'publish')).toEqual([
      expect.objectContaining({ actor: 'author-1', standardId: 'patient-demographics', version: '1.0.0', contentHash: 'sha256:a' }),
    ]);
  });

  it('lists versions in semver order and changes status with an audit entry', async () => {
    await store.saveStandard(standard, 'admin');
    for (const v of ['1.10.0', '1.2.0', '1.9.1', '2.0.0']) await store.publishVersion(version(v, `sha256:${v}`));
    expect((await store.listVersions('patient-demographics')).map((v) => v.version)).toEqual(['1.2.0', '1.9.1', '1.10.0', '2.0.0']);
    expect(await store.setVersionStatus('patient-demographics', '1.2.0', 'deprecated', 'author-2')).toBe(true);
    expect(await store.setVersionStatus('patient-demographics', '9.9.9', 'deprecated', 'author-2')).toBe(false);
    expect((await store.getVersion('patient-demographics', '1.2.0'))?.status).toBe('deprecated');
    expect((await store.listAudit(1))[0]).toMatchObject({ action: 'deprecate', actor: 'author-2', version: '1.2.0', contentHash: 'sha256:1.2.0' });
  });

  it('twenty concurrent publishes of one new version store one row and create it once', async () => {
    await store.saveStandard(standard, 'admin');
    const attempts = Array.from({ length: 20 }, (_, i) => store.publishVersion(version('3.0.0', i % 3 === 0 ? 'sha256:same' : `sha256:other-${i}`)));
    const outcomes = (await Promise.all(attempts)).map((o) => o.outcome);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.every((o) => ['created', 'identical', 'conflict'].includes(o))).toBe(true);
    expect((await store.listVersions('patient-demographics')).filter((v) => v.version === '3.0.0')).toHaveLength(1);
    expect((await store.listAudit(50)).filter((a) => a.action === 'publish')).toHaveLength(1);
  });

  it('keeps tokens by hash, finds live ones and revokes them', async () => {
    expect(await store.countTokens()).toBe(0);
    const token = await store.createToken({ id: 'tok-1', name: 'Leeds LA', role: 'supplier', organisation: '00CR', hash: 'sha256:t1' }, 'admin');
    expect(token).toMatchObject({ id: 'tok-1', role: 'supplier', organisation: '00CR', revokedAt: null });
    expect(await store.findToken('sha256:t1')).toEqual(token);
    expect(await store.findToken('sha256:other')).toBeUndefined();
    expect(await store.revokeToken('tok-1', 'admin')).toBe(true);
    expect(await store.revokeToken('tok-1', 'admin')).toBe(false);
    expect(await store.findToken('sha256:t1')).toBeUndefined();
    expect(await store.countTokens()).toBe(1);
    expect((await store.listTokens())[0]?.revokedAt).not.toBeNull();
  });

  it('keeps web sessions by hash: created, touched, ended once, and deleted when ended or expired', async () => {
    const token = await store.createToken({ id: 'tok-s', name: 'Leeds', role: 'supplier', organisation: '00CR', hash: 'sha256:ts' }, 'admin');
    expect(await store.findTokenById('tok-s')).toEqual(token);
    expect(await store.findTokenById('nope')).toBeUndefined();
    const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
    await store.createSession({ idHash: 'sha256:s1', tokenId: 'tok-s', createdAt: at(0), lastSeenAt: at(0) });
    await store.createSession({ idHash: 'sha256:s2', tokenId: 'tok-s', createdAt: at(1), lastSeenAt: at(1) });
    await store.createSession({ idHash: 'sha256:s3', tokenId: 'tok-s', createdAt: at(2), lastSeenAt: at(2) });
    await store.touchSession('sha256:s1', at(5));
    expect(await store.getSession('sha256:s1')).toEqual({ idHash: 'sha256:s1', tokenId: 'tok-s', createdAt: at(0), lastSeenAt: at(5), endedAt: null });
    expect(await store.endSession('sha256:s2', at(6))).toBe(true);
    expect(await store.endSession('sha256:s2', at(7))).toBe(false);
    expect(await store.endSession('sha256:none', at(7))).toBe(false);
    expect((await store.getSession('sha256:s2'))?.endedAt).toBe(at(6));
    await store.touchSession('sha256:s2', at(8));
    expect((await store.getSession('sha256:s2'))?.lastSeenAt, 'an ended session is not touched').toBe(at(1));
    expect(await store.getSession('sha256:none')).toBeUndefined();
    // s2 ended; s3 last seen before 00:03; s1 is kept.
    expect(await store.deleteSessions({ lastSeen: at(3), created: at(0) })).toBe(2);
    expect(await store.getSession('sha256:s1')).toBeDefined();
    expect(await store.getSession('sha256:s3')).toBeUndefined();
    // Beyond `keep`, a token's oldest live sessions end, never the current one; s3 was deleted, s1 is live.
    await store.createSession({ idHash: 'sha256:s4', tokenId: 'tok-s', createdAt: at(9), lastSeenAt: at(9) });
    await store.createSession({ idHash: 'sha256:s5', tokenId: 'tok-s', createdAt: at(9), lastSeenAt: at(9) });
    expect(await store.endSessionsBeyond('tok-s', 'sha256:s4', 2, at(10))).toBe(1);
    expect((await store.getSession('sha256:s1'))?.endedAt).toBe(at(10));
    expect((await store.getSession('sha256:s4'))?.endedAt).toBeNull();
    expect((await store.getSession('sha256:s5'))?.endedAt).toBeNull();
    expect(await store.endSessionsBeyond('tok-s', 'sha256:s4', 1, at(11))).toBe(1);
    expect((await store.getSession('sha256:s4'))?.endedAt).toBeNull();
    expect((await store.getSession('sha256:s5'))?.endedAt).toBe(at(11));
    expect(await store.revokeToken('tok-s', 'admin')).toBe(true);
    expect(await store.findTokenById('tok-s')).toBeUndefined();
  });

  it('keeps submission reports and lists them newest first, per organisation', async () => {
    const base = {
      submittedBy: 'supplier:x',
      standardId: 'patient-demographics',
      version: '1.1.0',
      valid: true,
      records: 3,
      report: '{"valid":true}',
      quality: '{"overall":90}',
    };
    await store.saveSubmission({ ...base, id: 's1', organisation: '8KR01', createdAt: '2026-01-01T00:00:00.000Z' });
    await store.saveSubmission({ ...base, id: 's2', organisation: 'RR8', createdAt: '2026-01-02T00:00:00.000Z', valid: false });
    await store.saveSubmission({ ...base, id: 's3', organisation: '8KR01', createdAt: '2026-01-03T00:00:00.000Z', records: 1_000_000 });
    expect(await store.getSubmission('s2')).toEqual({
      ...base,
      id: 's2',
      organisation: 'RR8',
      createdAt: '2026-01-02T00:00:00.000Z',
      valid: false,
      period: null,
      periodDeadline: null,
      fileName: null,
      fileSize: null,
      withdrawn: null,
    });
    expect(await store.getSubmission('nope')).toBeUndefined();
    expect((await store.listSubmissions({ limit: 10 })).map((x) => x.id)).toEqual(['s3', 's2', 's1']);
    expect((await store.listSubmissions({ organisation: '8KR01', limit: 10 })).map((x) => [x.id, x.records])).toEqual([
      ['s3', 1_000_000],
      ['s1', 3],
    ]);
    expect(await store.listSubmissions({ standardId: 'other', limit: 10 })).toEqual([]);
    // A list that shows no report reads none (a report may be megabytes): every other field is the same.
    const summaries = await store.listSubmissions({ limit: 10, reports: false });
    const full = await store.listSubmissions({ limit: 10 });
    expect(summaries).toEqual(full.map((x) => ({ ...x, report: '', quality: null })));
    expect(
      (await store.listSubmissions({ from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z', ascending: true, limit: 10 })).map((x) => x.id),
    ).toEqual(['s2', 's3']);
  });
});
