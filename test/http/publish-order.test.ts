/**
 * A publish is checked against the latest released version it reads, then written. Another version
 * published in between (through another replica, say) must not be left unchecked against it: the write is
 * made only while the version checked against is still the latest, and otherwise the publish is checked
 * again, against the versions as they are. Each test holds one publish at its write while another version is
 * published, over each store (SQLite, and PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { storeFactories } from '../support/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** A store whose write of `version` (standard or artefact) first runs `meanwhile`, once per call of it. */
function holding(store: Store, version: string, meanwhile: () => Promise<void>): Store {
  const writes = new Set(['publishVersion', 'publishArtefact']);
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof name !== 'string' || !writes.has(name)) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        if ((args[0] as { version: string }).version === version) await meanwhile();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const record = (props: object) =>
  JSON.stringify({ type: 'object', additionalProperties: false, properties: { id: { type: 'string', description: 'Id' }, ...props } });
const codeList = (version: string, codes: string[]) =>
  JSON.stringify({ kind: 'code-list', id: 'visit-kind', version, title: 'Visit kind', codes: codes.map((code) => ({ code, label: `Kind ${code}` })) });

describe.each(storeFactories)('publishes that overtake one another, on $name', (factory) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** The service over the store, its first write of `version` (each one, with `every`) held while `meanwhile(t)` runs. */
  async function service(version: string, meanwhile: (t: TestApp) => Promise<void>, every = false): Promise<{ t: TestApp; store: Store }> {
    const { store, dispose } = await factory.open();
    cleanups.push(dispose);
    const started: { t?: TestApp } = {};
    let held = false;
    const app = await startTestApp(
      {},
      holding(store, version, async () => {
        if ((held && !every) || !started.t) return;
        held = true;
        await meanwhile(started.t);
      }),
    );
    started.t = app;
    cleanups.push(() => app.app.server.stop());
    return { t: app, store };
  }
  const put = (t: TestApp, url: string, payload: string) =>
    t.call({ method: 'PUT', url, payload, headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) } });

  it('a version published while a higher one is checked: the higher one is checked again against it, and refused for what it breaks', async () => {
    let meanwhile: number | undefined;
    const { t, store } = await service('1.2.0', async (app) => {
      meanwhile = (await put(app, '/v1/standards/visit/versions/1.1.0', record({ depth: { type: 'string', description: 'Depth' } }))).statusCode;
    });
    expect((await put(t, '/v1/standards/visit/versions/1.0.0', record({}))).statusCode).toBe(201);
    // Each a MINOR after 1.0.0 (a field added), but 1.1.0 → 1.2.0 changes the field's type.
    const later = await put(t, '/v1/standards/visit/versions/1.2.0', record({ depth: { type: 'integer', description: 'Depth' } }));
    expect(meanwhile).toBe(201);
    expect(later.statusCode).toBe(422);
    const body = JSON.parse(later.payload) as { detail: string; errors: { pointer: string; kind: string; detail: string }[] };
    expect(body.detail).toBe('visit 1.2.0 does not follow semver under its BACKWARD compatibility policy');
    expect(body.errors).toEqual([
      expect.objectContaining({ pointer: '/depth', kind: 'type-changed', detail: expect.stringContaining('1.1.0 → 1.2.0 is a MINOR release') }),
    ]);
    expect((await store.listVersions('visit')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('a higher version published while a lower one is checked: the lower one is refused as not higher than the latest, and nothing of it is stored', async () => {
    const { t, store } = await service('1.1.0', async (app) => {
      expect((await put(app, '/v1/standards/visit/versions/1.2.0', record({ depth: { type: 'integer', description: 'Depth' } }))).statusCode).toBe(201);
    });
    expect((await put(t, '/v1/standards/visit/versions/1.0.0', record({}))).statusCode).toBe(201);
    const lower = await put(t, '/v1/standards/visit/versions/1.1.0', record({ depth: { type: 'string', description: 'Depth' } }));
    expect(lower.statusCode).toBe(422);
    expect(JSON.parse(lower.payload).errors).toEqual([
      expect.objectContaining({ detail: '1.1.0 is not higher than 1.2.0, the latest version; publish a higher version' }),
    ]);
    expect((await store.listVersions('visit')).map((v) => v.version)).toEqual(['1.0.0', '1.2.0']);
    const audit = (await store.listAudit(100)).filter((a) => a.action === 'publish' && a.standardId === 'visit');
    expect(audit.map((a) => a.version).sort()).toEqual(['1.0.0', '1.2.0']);
  });

  it('a code list version published while a higher one is checked: the higher one is checked again against it', async () => {
    const { t, store } = await service('1.2.0', async (app) => {
      expect((await put(app, '/v1/artefacts/code-lists/visit-kind/versions/1.1.0', codeList('1.1.0', ['A', 'B', 'D']))).statusCode).toBe(201);
    });
    expect((await put(t, '/v1/artefacts/code-lists/visit-kind/versions/1.0.0', codeList('1.0.0', ['A', 'B']))).statusCode).toBe(201);
    // Each adds a code to 1.0.0 (a MINOR), but 1.2.0 lacks the code 1.1.0 added.
    const later = await put(t, '/v1/artefacts/code-lists/visit-kind/versions/1.2.0', codeList('1.2.0', ['A', 'B', 'E']));
    expect(later.statusCode).toBe(422);
    expect(JSON.parse(later.payload).errors).toEqual([
      expect.objectContaining({ kind: 'enum-value-removed', detail: expect.stringContaining('code "D" removed') }),
    ]);
    expect(await store.getArtefact('code-list', 'visit-kind', '1.2.0')).toBeUndefined();
  });

  it('a publish overtaken at each of its checks is answered 503 with Retry-After, nothing of it stored', async () => {
    let next = 1;
    // Every write of 1.9.0 is preceded by the publish of another version it is compatible with.
    const { t, store } = await service(
      '1.9.0',
      async (app) => {
        const version = `1.${next++}.0`;
        expect(
          (await put(app, `/v1/standards/busy/versions/${version}`, record({ late: { type: 'string', description: `Late, as of ${version}` } }))).statusCode,
        ).toBe(201);
      },
      true,
    );
    expect((await put(t, '/v1/standards/busy/versions/1.0.0', record({}))).statusCode).toBe(201);
    const busy = await put(t, '/v1/standards/busy/versions/1.9.0', record({ late: { type: 'string', description: 'Late' } }));
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(JSON.parse(busy.payload).detail).toBe(
      'busy 1.9.0 was checked 3 times, and each time another version was published before it could be stored; nothing was stored: try again shortly',
    );
    expect((await store.listVersions('busy')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.2.0', '1.3.0']);
  });
});
