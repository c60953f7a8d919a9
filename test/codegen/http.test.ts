/**
 * Types over HTTP: GET .../types.ts serves exactly the file `conform types` writes, with a strong ETag from
 * the content hash and 304 on If-None-Match; an unknown standard or version is the registry's 404 problem.
 * GET .../bundle carries what `conform types --server` needs to make the same files as the local library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerTypesRoutes } from '../../src/http/types-routes.js';
import { fromBundle } from '../../src/codegen/source.js';
import { allLibrarySources, generateFiles } from '../../src/codegen/generate.js';
import { typesCommand } from '../../src/cli/types-command.js';
import { allPages } from '../../src/cli/remote-codegen.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { captureIo } from '../support/cli-io.js';
import { GENERATED, library, scratch } from './support.js';

let t: TestApp;
let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  t = await startTestApp({ PORT: '0', HOST: '127.0.0.1' });
  // Until server.ts registers the routes itself.
  if (!t.server.match('GET', '/v1/standards/x/versions/1/types.ts')) registerTypesRoutes(t.server, t.app.services.standards);
  await t.server.start();
  work = await scratch();
});
afterAll(async () => {
  await t.stop();
  await work.remove();
});

const TYPES = '/v1/standards/emergency-care-attendance/versions/3.0.0/types.ts';

describe('GET /v1/standards/{id}/versions/{version}/types.ts', () => {
  it('serves the generated types, byte for byte, with a strong ETag from the content hash', async () => {
    const response = await t.server.inject({ method: 'GET', url: TYPES });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/typescript; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('inline; filename="emergency-care-attendance.v3.0.0.ts"');
    expect(response.headers.etag).toBe('"33aca47d517a4e84a4c4ea7abda1e8c903c07755345a362123d74c3684272e41-types-5"');
    expect(response.payload).toBe(await readFile(join(GENERATED, 'emergency-care-attendance.v3.0.0.ts'), 'utf8'));
    const latest = await t.server.inject({ method: 'GET', url: '/v1/standards/emergency-care-attendance/versions/latest/types.ts' });
    expect(latest.headers['content-disposition']).toBe('inline; filename="emergency-care-attendance.v3.1.0.ts"');
    expect(latest.payload).toBe(await readFile(join(GENERATED, 'emergency-care-attendance.v3.1.0.ts'), 'utf8'));
  });

  it('answers 304 to a matching If-None-Match, and 200 to another', async () => {
    const { etag } = (await t.server.inject({ method: 'GET', url: TYPES })).headers;
    const again = await t.server.inject({ method: 'GET', url: TYPES, headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.payload).toBe('');
    const other = await t.server.inject({ method: 'GET', url: TYPES, headers: { 'if-none-match': '"something-else"' } });
    expect(other.statusCode).toBe(200);
    const v1 = await t.server.inject({
      method: 'GET',
      url: '/v1/standards/emergency-care-attendance/versions/1.0.0/types.ts',
      headers: { 'if-none-match': String(etag) },
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers.etag).not.toBe(etag);
  });

  it('answers an unknown standard or version with the registry 404 problem', async () => {
    for (const url of ['/v1/standards/no-such-standard/versions/1/types.ts', '/v1/standards/emergency-care-attendance/versions/9.9.9/types.ts']) {
      const response = await t.server.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = JSON.parse(response.payload) as { status: number; detail: string };
      expect(body.status).toBe(404);
      expect(body.detail).toMatch(/unknown standard "no-such-standard"|has no version matching "9\.9\.9"/);
    }
  });
});

describe('GET .../bundle and conform types --server', () => {
  it('serves a bundle whose content hash checks out, with an ETag and 304', async () => {
    const url = '/v1/standards/patient-demographics/versions/1/bundle';
    const response = await t.server.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const source = fromBundle(JSON.parse(response.payload));
    expect(source.version).toBe('1.1.0');
    expect(source.shared.map(([id]) => id)).toEqual([
      'https://conform.invalid/standards/_common/code-lists',
      'https://conform.invalid/standards/_common/dates',
      'https://conform.invalid/standards/_common/identifiers',
    ]);
    const again = await t.server.inject({ method: 'GET', url, headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('refuses a bundle whose schema does not hash to the stated content hash', async () => {
    const bundle = JSON.parse((await t.server.inject({ method: 'GET', url: '/v1/standards/patient-demographics/versions/1.1.0/bundle' })).payload) as {
      schema: { title: string };
    };
    bundle.schema.title = 'tampered';
    expect(() => fromBundle(bundle)).toThrow(/states content hash sha256:[0-9a-f]+ but the schema it sent hashes to/);
  });

  it('follows every page of the standards and of their versions (conform types --all --server reads them all)', async () => {
    const server = t.server.info.uri;
    const standards = await allPages<{ id: string }>(server, '/v1/standards?limit=2', 'standards');
    expect(standards.map((s) => s.id)).toEqual((await t.app.store.listStandards()).map((s) => s.id));
    const versions = await allPages<{ version: string }>(server, '/v1/standards/emergency-care-attendance?limit=2', 'versions');
    expect(versions.map((v) => v.version)).toEqual(['1.0.0', '2.0.0', '3.0.0', '3.0.1', '3.0.2', '3.1.0']);
  });

  it('makes from a server the same files as from the local library', async () => {
    const c = captureIo(work.dir);
    expect(await typesCommand({ all: true, server: t.server.info.uri, out: 'remote' }, c.io)).toBe(0);
    const local = await generateFiles(allLibrarySources(await library()));
    for (const file of local) expect(await readFile(join(work.dir, 'remote', file.path), 'utf8'), file.path).toBe(file.content);
    const one = captureIo(work.dir);
    expect(await typesCommand({ standard: 'covid-vaccination-event', server: t.server.info.uri, out: 'one' }, one.io)).toBe(0);
    expect(one.out()).toContain('covid-vaccination-event.v3.1.0.validate.ts');
    await expect(typesCommand({ standard: 'no-such-standard', server: t.server.info.uri, out: 'x' }, one.io)).rejects.toThrow(/404.*unknown standard/);
  }, 60_000);

  // It wrote a deprecated version's files without a word, where conform validate warns of the version.
  it("says a version written is deprecated, and what to use, in conform validate's words, from the library and from a server", async () => {
    const note =
      'warning: emergency-care-attendance 2.0.0 is deprecated; use 3.1.0 (the latest), 3.0.2, 3.0.1 or 3.0.0; its types and validator still work, but suppliers should move on\n';
    for (const server of [undefined, t.server.info.uri]) {
      const c = captureIo(work.dir);
      expect(await typesCommand({ standard: 'emergency-care-attendance@2.0.0', server, out: 'deprecated' }, c.io)).toBe(0);
      expect(c.err()).toBe(note);
      const latest = captureIo(work.dir);
      expect(await typesCommand({ standard: 'emergency-care-attendance', server, out: 'latest' }, latest.io)).toBe(0);
      expect(latest.err()).toBe('');
    }
    const all = captureIo(work.dir);
    expect(await typesCommand({ all: true, out: 'all' }, all.io)).toBe(0);
    const deprecated = [...(await library()).standards.values()].flatMap((s) =>
      s.versions.filter((v) => v.meta.status === 'deprecated').map((v) => `${s.meta.id} ${v.version}`),
    );
    expect(deprecated.length).toBeGreaterThan(1);
    expect(all.err()).toBe(`warning: ${deprecated.length} versions written are deprecated (${deprecated.join(', ')}): build against a published version\n`);
  }, 60_000);
});
