/**
 * The registry publishes releases only (registry/release-rule.ts): a pre-release (`1.1.0-beta.1`) or build
 * (`1.1.0+5`) version is refused at publish with a 422 naming the rule, for standards and artefacts alike,
 * and nothing is stored; asking for one (a version, its validation, its types) is a 400 saying the registry
 * holds none, never a 404 as if it might exist; a `$ref` to one is refused by the same rule in the same
 * words; the library check and the command refuse them the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { LibraryError, loadLibrary } from '../../src/registry/library.js';
import { NotFoundError, resolveVersion } from '../../src/registry/resolve.js';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundledStandardsDir } from '../../src/registry/bundled.js';
import { copyLibrary } from '../support/library-copy.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  expect((await put('/v1/standards/pre-test/versions/1.0.0', { type: 'object', properties: { a: { type: 'string' } } })).statusCode).toBe(201);
});
afterAll(() => t.stop());

const put = (url: string, body: object) =>
  t.call({ method: 'PUT', url, headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors: { in?: string; name?: string; pointer?: string; detail: string }[];
}
const problemOf = (payload: string) => JSON.parse(payload) as Problem;
const RULE = /the registry publishes releases only, MAJOR\.MINOR\.PATCH with no pre-release \(-beta\.1\) or build \(\+5\) part/;

describe('publishing a pre-release or build version', () => {
  it.each([
    ['1.1.0-beta.1', 'pre-release'],
    ['2.0.0-rc.1+build.7', 'pre-release'],
    ['1.1.0+5', 'build'],
  ])('refuses standard version %s with 422 naming the rule, and stores nothing', async (version, kind) => {
    const response = await put(`/v1/standards/pre-test/versions/${version}`, { type: 'object', properties: { a: { type: 'string' } } });
    expect(response.statusCode).toBe(422);
    const body = problemOf(response.payload);
    expect(body.type).toBe('https://conform.invalid/problems/rejected');
    expect(body.detail).toMatch(new RegExp(`^"${version.replace(/[.+]/g, '\\$&')}" is a ${kind} version: `));
    expect(body.detail).toMatch(RULE);
    expect(body.errors).toEqual([{ in: 'path', name: 'version', pointer: '/version', detail: body.detail }]);
    const standard = JSON.parse((await t.server.inject({ url: '/v1/standards/pre-test' })).payload) as { versions: { version: string }[] };
    expect(standard.versions.map((v) => v.version)).toEqual(['1.0.0']);
  });

  it('refuses a new standard whose first version is a pre-release, creating nothing', async () => {
    const response = await put('/v1/standards/pre-only/versions/0.1.0-alpha', { type: 'object' });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response.payload).detail).toMatch(/^"0\.1\.0-alpha" is a pre-release version: /);
    expect((await t.server.inject({ url: '/v1/standards/pre-only' })).statusCode).toBe(404);
  });

  it('refuses an artefact version that is a pre-release, in the path or in the document', async () => {
    const list = (version: string) => ({ kind: 'code-list', id: 'pre-colour', version, title: 'Colour', codes: [{ code: 'R', label: 'Red' }] });
    const inPath = await put('/v1/artefacts/code-lists/pre-colour/versions/1.0.0-beta.1', list('1.0.0-beta.1'));
    expect(inPath.statusCode).toBe(422);
    expect(problemOf(inPath.payload).detail).toMatch(/^"1\.0\.0-beta\.1" is a pre-release version: /);
    expect(problemOf(inPath.payload).errors[0]).toMatchObject({ in: 'path', name: 'version' });
    expect((await t.server.inject({ url: '/v1/artefacts/code-lists/pre-colour' })).statusCode).toBe(404);
  });

  it('refuses a $ref to a pre-release or build artefact version by the same rule, in the same words, naming each pointer', async () => {
    // The words publishing such a version answers with (the tests above)...
    const publishing = async (path: string, document: object) => problemOf((await put(path, document)).payload).detail;
    const beta = await publishing('/v1/artefacts/code-lists/ethnic-category/versions/1.0.0-beta', {
      kind: 'code-list',
      id: 'ethnic-category',
      version: '1.0.0-beta',
      title: 'Ethnic category',
      codes: [{ code: 'A', label: 'A' }],
    });
    const build = await publishing('/v1/artefacts/definitions/identifiers/versions/1.0.0+5', {
      kind: 'definitions',
      id: 'identifiers',
      version: '1.0.0+5',
      title: 'Identifiers',
      schema: { $defs: {} },
    });
    expect(beta).toMatch(/^"1\.0\.0-beta" is a pre-release version: /);
    expect(build).toMatch(/^"1\.0\.0\+5" is a build version: /);
    // ...are those a reference to one is refused with, not "there is no such version" or "not an exact version".
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: 'conform:code-lists/ethnic-category/1.0.0-beta' },
        b: { $ref: 'conform:definitions/identifiers/1.0.0+5#/$defs/nhsNumber' },
        c: { $ref: 'conform:code-lists/ethnic-category/1.0.0' },
      },
    };
    const response = await put('/v1/standards/pre-ref/versions/1.0.0', schema);
    expect(response.statusCode).toBe(422);
    const body = problemOf(response.payload);
    expect(body.type).toBe('https://conform.invalid/problems/rejected');
    expect(body.errors).toEqual([
      {
        in: 'body',
        pointer: '/properties/a/$ref',
        reference: 'conform:code-lists/ethnic-category/1.0.0-beta',
        detail: `conform:code-lists/ethnic-category/1.0.0-beta: ${beta}`,
      },
      {
        in: 'body',
        pointer: '/properties/b/$ref',
        reference: 'conform:definitions/identifiers/1.0.0+5#/$defs/nhsNumber',
        detail: `conform:definitions/identifiers/1.0.0+5#/$defs/nhsNumber: ${build}`,
      },
    ]);
    expect((await t.server.inject({ url: '/v1/standards/pre-ref' })).statusCode).toBe(404);
  });

  it('still answers 400 for a version that is not semantic at all', async () => {
    const response = await put('/v1/standards/pre-test/versions/1.01.0-beta', { type: 'object' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response.payload).errors[0]).toMatchObject({ in: 'path', name: 'version' });
  });
});

describe('asking for a pre-release version', () => {
  it.each([
    ['GET', '/v1/standards/pre-test/versions/1.1.0-beta.1'],
    ['GET', '/v1/standards/pre-test/versions/1.1.0-beta.1/types.ts'],
    ['POST', '/v1/standards/pre-test/versions/1.1.0-beta.1/validate'],
  ])('%s %s is a 400 saying the registry holds none', async (method, url) => {
    const response = await t.call({
      method,
      url,
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/json' },
      payload: method === 'POST' ? '[]' : undefined,
    });
    expect(response.statusCode).toBe(400);
    const body = problemOf(response.payload);
    expect(body.errors[0]).toMatchObject({ in: 'path', name: 'version' });
    expect(body.errors[0]!.detail).toMatch(/the registry holds no pre-release \(2\.1\.0-beta\.1\) or build \(2\.1\.0\+5\) versions/);
  });

  it('is a 400 page on the web naming the rule', async () => {
    const page = await t.server.inject({ url: '/standards/pre-test/1.1.0-beta.1' });
    expect(page.statusCode).toBe(400);
    expect(page.payload).toContain('&quot;1.1.0-beta.1&quot; is a pre-release version, and the registry holds none');
  });

  it('`latest` is still the release', async () => {
    const latest = JSON.parse((await t.server.inject({ url: '/v1/standards/pre-test/versions/latest' })).payload) as { version: string };
    expect(latest.version).toBe('1.0.0');
  });
});

describe('the library and the command', () => {
  it('names a pre-release spec as such when resolving a version of the library (conform validate --standard id@…)', async () => {
    const library = await loadLibrary(bundledStandardsDir());
    expect(() => resolveVersion(library, 'emergency-care-attendance', '3.1.0-beta.1')).toThrow(NotFoundError);
    expect(() => resolveVersion(library, 'emergency-care-attendance', '3.1.0-beta.1')).toThrow(
      /^emergency-care-attendance: "3\.1\.0-beta\.1" is a pre-release version, and the registry holds none: it publishes releases only/,
    );
  });

  it('refuses a pre-release version listed in a standard.yaml, naming the rule', async () => {
    const copy = await copyLibrary();
    try {
      const file = join(copy.dir, 'emergency-care-attendance', 'standard.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('- version: 3.0.2', '- version: 3.0.2-rc.1'));
      await expect(loadLibrary(copy.dir)).rejects.toThrow(LibraryError);
      await expect(loadLibrary(copy.dir)).rejects.toThrow(/standard\.yaml: "3\.0\.2-rc\.1" is a pre-release version: the registry publishes releases only/);
    } finally {
      await copy.cleanup();
    }
  });
});
