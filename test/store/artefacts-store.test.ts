/** Artefact versions in the store (migration 0013-artefacts), on SQLite and, when configured, PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import type { Store, StoredArtefact } from '../../src/store/types.js';

const artefact = (version: string, hash: string): Omit<StoredArtefact, 'publishedAt'> => ({
  kind: 'code-list',
  id: 'colour',
  version,
  status: 'published',
  title: 'Colour',
  document: '{"kind":"code-list"}',
  schema: '{"enum":["R"]}',
  contentHash: hash,
  changelog: 'first',
  owner: 'token:x',
  publishedBy: 'author:a (x)',
});

describe.each(storeFactories)('artefacts in the $name store', (factory) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  async function open(): Promise<Store> {
    const opened = await factory.open();
    dispose = opened.dispose;
    return opened.store;
  }

  it('pages artefact versions by kind, id and semver: every page size walks each version once, in order', async () => {
    const store = await open();
    const versions = ['1.0.0', '1.2.0', '1.10.0', '2.0.0', '1.9.0'];
    for (const id of ['beta', 'alpha', 'gamma']) {
      for (const [i, version] of versions.entries()) await store.publishArtefact({ ...artefact(version, `sha256:${id}${i}`), id });
    }
    await store.publishArtefact({ ...artefact('1.0.0', 'sha256:d'), kind: 'definitions', id: 'alpha' });
    const all = (await store.listArtefacts()).map((a) => `${a.kind}/${a.id}/${a.version}`);
    expect(all.slice(0, 5)).toEqual([
      'code-list/alpha/1.0.0',
      'code-list/alpha/1.2.0',
      'code-list/alpha/1.9.0',
      'code-list/alpha/1.10.0',
      'code-list/alpha/2.0.0',
    ]);
    for (const limit of [1, 2, 3, 4, 6, 100]) {
      const walked: string[] = [];
      let after: { kind: StoredArtefact['kind']; id: string; version: string } | undefined;
      for (;;) {
        const page = await store.listArtefactsPage({ limit, ...(after ? { after } : {}) });
        walked.push(...page.map((a) => `${a.kind}/${a.id}/${a.version}`));
        if (page.length < limit) break;
        const last = page.at(-1)!;
        after = { kind: last.kind, id: last.id, version: last.version };
      }
      expect(walked).toEqual(all);
    }
    const lists = await store.listArtefactsPage({ kind: 'definitions', limit: 10 });
    expect(lists.map((a) => a.id)).toEqual(['alpha']);
    // The ids either side of one, each once (alpha has five versions), by id, of the kind asked for alone.
    expect(await store.listArtefactIdsAround('code-list', 'b', 5)).toEqual(['alpha', 'beta', 'gamma']);
    expect(await store.listArtefactIdsAround('code-list', 'beta', 1)).toEqual(['alpha', 'beta']);
    expect(await store.listArtefactIdsAround('code-list', 'zzz', 2)).toEqual(['beta', 'gamma']);
    expect(await store.listArtefactIdsAround('code-list', 'alpha', 0)).toEqual([]);
    expect(await store.listArtefactIdsAround('definitions', 'beta', 5)).toEqual(['alpha']);
  });

  it('publishes once, answers the same content as identical and other content as a conflict, lists in semver order, and audits', async () => {
    const store = await open();
    expect((await store.publishArtefact(artefact('1.10.0', 'sha256:b'))).outcome).toBe('created');
    expect((await store.publishArtefact(artefact('1.2.0', 'sha256:a'))).outcome).toBe('created');
    expect((await store.publishArtefact(artefact('1.2.0', 'sha256:a'))).outcome).toBe('identical');
    const conflict = await store.publishArtefact(artefact('1.2.0', 'sha256:other'));
    expect([conflict.outcome, conflict.artefact.contentHash]).toEqual(['conflict', 'sha256:a']);
    expect((await store.listArtefactWindow('code-list', 'colour', { limit: 10 })).map((a) => a.version)).toEqual(['1.2.0', '1.10.0']);
    expect((await store.listArtefacts('definitions')).length).toBe(0);
    expect(await store.setArtefactStatus('code-list', 'colour', '1.2.0', 'retired', 'admin:a (y)')).toBe(true);
    expect(await store.setArtefactStatus('code-list', 'colour', '9.9.9', 'retired', 'admin:a (y)')).toBe(false);
    expect((await store.getArtefact('code-list', 'colour', '1.2.0'))?.status).toBe('retired');
    const audit = (await store.listAudit(10)).map((e) => [e.action, e.version, e.detail]);
    expect(audit).toEqual([
      ['artefact-retire', '1.2.0', 'code-lists/colour'],
      ['artefact-publish', '1.2.0', 'code-lists/colour'],
      ['artefact-publish', '1.10.0', 'code-lists/colour'],
    ]);
  });

  it("records a version's artefact uses once (a second recording changes nothing), lists them with the current status, and lists versions not recorded", async () => {
    const store = await open();
    await store.createStandard({ id: 'clinic', title: 'Clinic', owner: 'x', description: '', metadata: {} }, 'library', 'test');
    for (const version of ['1.10.0', '1.2.0']) {
      const v = {
        standardId: 'clinic',
        version,
        status: 'published' as const,
        schema: '{}',
        contentHash: `sha256:${version}`,
        changelog: '',
        publishedBy: 'test',
      };
      await store.publishVersion(v);
    }
    expect(await store.listVersionsWithoutUses()).toEqual([
      { standardId: 'clinic', version: '1.10.0' },
      { standardId: 'clinic', version: '1.2.0' },
    ]);
    const uri = 'conform:definitions/identifiers/1.0.0';
    const direct = { artefact: uri, pointer: '/properties/nhsNumber/$ref', ref: '../_common/identifiers#/$defs/nhsNumber' };
    const via = {
      artefact: 'conform:code-lists/colour/1.0.0',
      pointer: '/properties/c/$ref',
      ref: 'conform:definitions/paint/1.0.0#/$defs/c',
      via: 'conform:definitions/paint/1.0.0',
    };
    expect(await store.recordArtefactUses('clinic', '1.10.0', [direct, via])).toBe(true);
    expect(await store.recordArtefactUses('clinic', '1.10.0', [direct, direct])).toBe(false);
    expect(await store.recordArtefactUses('clinic', '1.2.0', [direct])).toBe(true);
    expect(await store.recordArtefactUses('clinic', '9.9.9', [direct])).toBe(false);
    expect(await store.listVersionsWithoutUses()).toEqual([]);
    await store.setVersionStatus('clinic', '1.2.0', 'deprecated', 'test');
    const both = [
      { ...direct, standardId: 'clinic', version: '1.2.0', status: 'deprecated' },
      { ...direct, standardId: 'clinic', version: '1.10.0', status: 'published' },
    ];
    expect(await store.listArtefactUses(uri, 10)).toEqual({ uses: both, total: 2 });
    // Bounded: the first by standard and semver (1.2.0 before 1.10.0), and how many there are.
    expect(await store.listArtefactUses(uri, 1)).toEqual({ uses: both.slice(0, 1), total: 2 });
    expect(await store.listArtefactUses(uri, 2)).toEqual({ uses: both, total: 2 });
    expect(await store.listArtefactUses('conform:code-lists/colour/1.0.0', 10)).toEqual({
      uses: [{ ...via, standardId: 'clinic', version: '1.10.0', status: 'published' }],
      total: 1,
    });
    expect(await store.listArtefactUses('conform:code-lists/colour/2.0.0', 10)).toEqual({ uses: [], total: 0 });
  });

  it('lists the standards naming an artefact the first `limit` by id, with how many there are, whatever its versions', async () => {
    const store = await open();
    for (const version of ['1.0.0', '1.1.0']) await store.publishArtefact(artefact(version, `sha256:colour-${version}`));
    // Seven standards name colour, one through another artefact only (not a namer), and one names another list.
    const ids = ['s5', 's1', 's7', 's3', 's2', 's6', 's4', 'via', 'other'];
    for (const id of ids) {
      await store.createStandard({ id, title: id, owner: 'x', description: '', metadata: {} }, 'library', 'test');
      for (const version of ['1.0.0', '2.0.0']) {
        await store.publishVersion({
          standardId: id,
          version,
          status: 'published',
          schema: '{}',
          contentHash: `sha256:${id}${version}`,
          changelog: '',
          publishedBy: 'test',
        });
        const artefactUri = id === 'other' ? 'conform:code-lists/shape/1.0.0' : `conform:code-lists/colour/${version === '1.0.0' ? '1.0.0' : '1.1.0'}`;
        const use = { artefact: artefactUri, pointer: '/properties/c/$ref', ref: artefactUri };
        await store.recordArtefactUses(id, version, [id === 'via' ? { ...use, via: 'conform:definitions/paint/1.0.0' } : use]);
      }
    }
    const namers = (limit: number) => store.listArtefactNamers('code-list', 'colour', 'conform:code-lists/colour/', limit);
    expect(await namers(3)).toEqual({ standardIds: ['s1', 's2', 's3'], total: 7 });
    expect(await namers(7)).toEqual({ standardIds: ['s1', 's2', 's3', 's4', 's5', 's6', 's7'], total: 7 });
    expect(await namers(50)).toEqual({ standardIds: ['s1', 's2', 's3', 's4', 's5', 's6', 's7'], total: 7 });
    expect(await namers(0)).toEqual({ standardIds: [], total: 7 });
    expect(await store.listArtefactNamers('code-list', 'shape', 'conform:code-lists/shape/', 3)).toEqual({ standardIds: [], total: 0 });
  });
});
