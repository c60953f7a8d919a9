import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const put = (path: string, body: string, type: string, token: string) =>
  t.call({ method: 'PUT', url: path, payload: body, headers: { 'content-type': type, ...bearer(token) } });
const get = (url: string) => t.call({ method: 'GET', url });
const problem = (r: { result?: unknown }) => r.result as { detail: string; errors?: { pointer?: string; detail: string }[] };

const colour = (version: string, codes: { code: string; label: string; default?: boolean }[]) => ({
  kind: 'code-list',
  id: 'colour',
  version,
  title: 'Colour',
  codes,
});
const RGB = [
  { code: 'R', label: 'Red' },
  { code: 'G', label: 'Green' },
  { code: 'X', label: 'Not known', default: true },
];

const visit = (ref: string) => ({
  type: 'object',
  additionalProperties: false,
  properties: { visitId: { type: 'string', maxLength: 20 }, colour: { $ref: ref } },
});

describe('reading artefacts', () => {
  it('lists the bundled code lists and definitions sets, imported at start', async () => {
    const response = await get('/v1/artefacts');
    expect(response.statusCode).toBe(200);
    const names = (response.result as { artefacts: { uri: string; status: string; owner: string }[] }).artefacts.map((a) => `${a.uri} ${a.status} ${a.owner}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'conform:code-lists/ethnic-category/1.0.0 published library',
        'conform:code-lists/ethnic-category/1.0.1 published library',
        'conform:definitions/identifiers/1.0.0 published library',
      ]),
    );
    const lists = (await get('/v1/artefacts?kind=code-lists')).result as { artefacts: { kind: string }[] };
    expect(new Set(lists.artefacts.map((a) => a.kind))).toEqual(new Set(['code-list']));
  });

  it('reads a version exactly, by major and as latest, with its codes and compiled schema', async () => {
    for (const spec of ['1.0.1', '1', 'latest']) {
      const response = await get(`/v1/artefacts/code-lists/ethnic-category/versions/${spec}`);
      expect(response.statusCode).toBe(200);
      const body = response.result as {
        version: string;
        document: { codes: { code: string; label: string; default?: boolean }[] };
        schema: Record<string, unknown>;
      };
      expect(body.version).toBe('1.0.1');
      expect(body.document.codes.at(-1)).toEqual({ code: '99', label: 'Not known (not asked, or unable to answer)', default: true });
      expect(body.schema['x-default-codes']).toEqual(['99']);
    }
    const missing = await get('/v1/artefacts/code-lists/ethnic-category/versions/7');
    expect([missing.statusCode, problem(missing).detail]).toEqual([404, expect.stringContaining('its versions are: 1.0.0 (published), 1.0.1 (published)')]);
    expect((await get('/v1/artefacts/code-lists/no-such-list')).statusCode).toBe(404);
    expect((await get('/v1/artefacts/value-sets/ethnic-category')).statusCode).toBe(400);
  });

  it('says where a version is used: the bundled patient demographics 2.0.1 to 2.1.0 refer to ethnic category 1.0.1', async () => {
    const response = await get('/v1/artefacts/code-lists/ethnic-category/versions/1.0.1/used-by');
    expect(response.result).toEqual({
      artefact: 'conform:code-lists/ethnic-category/1.0.1',
      usedBy: ['2.0.1', '2.0.2', '2.0.3', '2.1.0'].map((version) => ({
        standardId: 'patient-demographics',
        version,
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/ethnicCategory/$ref', ref: 'conform:code-lists/ethnic-category/1.0.1' }],
      })),
      referencesNotListed: 0,
    });
    const older = await get('/v1/artefacts/code-lists/ethnic-category/versions/1.0.0/used-by');
    expect((older.result as { usedBy: unknown[] }).usedBy).toEqual([]);
  });

  it('compares two versions change by change', async () => {
    const response = await get('/v1/artefacts/code-lists/ethnic-category/changes?from=1.0.0&to=1.0.1');
    expect(response.result).toMatchObject({ artefact: 'code-lists/ethnic-category', from: '1.0.0', to: '1.0.1', requiredBump: 'patch', problems: [] });
    expect((response.result as { changes: { explanation: string }[] }).changes.map((c) => c.explanation)).toEqual([
      expect.stringContaining('labels changed for codes 99, Z'),
    ]);
  });

  it('refuses from later than to with a 400 naming both query parameters', async () => {
    const response = await get('/v1/artefacts/code-lists/ethnic-category/changes?from=1.0.1&to=1.0.0');
    expect(response.statusCode).toBe(400);
    expect((response.result as { detail: string; errors: unknown[] }).detail).toBe(
      'from (1.0.1) is later than to (1.0.0): give the earlier version as from and the later as to',
    );
    expect((response.result as { errors: unknown[] }).errors).toEqual([
      { in: 'query', name: 'from', pointer: '/from', detail: '1.0.1 is later than to (1.0.0); from is the earlier version' },
      { in: 'query', name: 'to', pointer: '/to', detail: '1.0.0 is earlier than from (1.0.1); to is the later version' },
    ]);
  });
});

describe('publishing artefacts', () => {
  it('publishes a code list (YAML), then refuses a removed code as MINOR naming the code, and allows a label change as MAJOR', async () => {
    const first = await put('/v1/artefacts/code-lists/colour/versions/1.0.0', stringify(colour('1.0.0', RGB)), 'application/yaml', t.tokens.author);
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe('/v1/artefacts/code-lists/colour/versions/1.0.0');
    expect((first.result as { artefact: { schema: unknown } }).artefact.schema).toEqual({
      title: 'Colour',
      type: 'string',
      enum: ['R', 'G', 'X'],
      'x-labels': { R: 'Red', G: 'Green', X: 'Not known' },
      'x-default-codes': ['X'],
    });
    const again = await put('/v1/artefacts/code-lists/colour/versions/1.0.0', JSON.stringify(colour('1.0.0', RGB)), 'application/json', t.tokens.author);
    expect(again.statusCode).toBe(200);

    const removed = await put(
      '/v1/artefacts/code-lists/colour/versions/1.1.0',
      JSON.stringify(colour('1.1.0', RGB.slice(1))),
      'application/json',
      t.tokens.author,
    );
    expect(removed.statusCode).toBe(422);
    expect(problem(removed).errors).toEqual([{ pointer: '', kind: 'enum-value-removed', detail: expect.stringContaining('code "R" removed') }]);
    expect((await get('/v1/artefacts/code-lists/colour/versions/1.1.0')).statusCode).toBe(404);

    const relabelled = RGB.map((c) => (c.code === 'G' ? { ...c, label: 'Green (any shade)' } : c));
    const major = await put('/v1/artefacts/code-lists/colour/versions/2.0.0', JSON.stringify(colour('2.0.0', relabelled)), 'application/json', t.tokens.author);
    expect(major.statusCode).toBe(201);
  });

  it('refuses duplicate codes and a body whose version is not the path, storing nothing', async () => {
    const duplicate = [...RGB, { code: 'G', label: 'Grün' }];
    const response = await put(
      '/v1/artefacts/code-lists/shade/versions/1.0.0',
      JSON.stringify({ ...colour('1.0.0', duplicate), id: 'shade' }),
      'application/json',
      t.tokens.author,
    );
    expect(response.statusCode).toBe(422);
    expect(problem(response).errors).toEqual([{ in: 'body', pointer: '/codes/3/code', detail: 'code "G" is listed twice (also at /codes/1)' }]);
    expect((await get('/v1/artefacts/code-lists/shade')).statusCode).toBe(404);
    const mismatch = await put(
      '/v1/artefacts/code-lists/shade/versions/1.0.0',
      JSON.stringify({ ...colour('1.0.1', RGB), id: 'shade' }),
      'application/json',
      t.tokens.author,
    );
    expect([mismatch.statusCode, problem(mismatch).detail]).toEqual([400, expect.stringContaining('the path names code-lists/shade 1.0.0')]);
  });

  it('lets only admins publish new versions of the bundled (library) code lists', async () => {
    const body = { kind: 'code-list', id: 'ethnic-category', version: '1.1.0', title: 'Ethnic category', codes: [{ code: 'A', label: 'x' }] };
    const response = await put('/v1/artefacts/code-lists/ethnic-category/versions/1.1.0', JSON.stringify(body), 'application/json', t.tokens.author);
    expect(response.statusCode).toBe(403);
    const supplier = await put('/v1/artefacts/code-lists/colour/versions/3.0.0', JSON.stringify(colour('3.0.0', RGB)), 'application/json', t.tokens.supplier);
    expect(supplier.statusCode).toBe(403);
  });
});

describe('standards referring to artefacts', () => {
  it('refuses unknown, retired and non-exact references with one 422 naming each', async () => {
    await put('/v1/artefacts/code-lists/tint/versions/1.0.0', JSON.stringify({ ...colour('1.0.0', RGB), id: 'tint' }), 'application/json', t.tokens.author);
    const retire = await t.call({ method: 'POST', url: '/v1/artefacts/code-lists/tint/versions/1.0.0/retire', headers: bearer(t.tokens.author) });
    expect([retire.statusCode, (retire.result as { status: string }).status]).toEqual([200, 'retired']);
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: 'conform:code-lists/no-such-list/1.0.0' },
        b: { $ref: 'conform:code-lists/tint/1.0.0' },
        c: { $ref: 'conform:code-lists/colour/1' },
      },
    };
    const response = await put('/v1/standards/bad-refs/versions/1.0.0', JSON.stringify(schema), 'application/json', t.tokens.author);
    expect(response.statusCode).toBe(422);
    expect(problem(response).errors).toEqual([
      {
        in: 'body',
        pointer: '/properties/a/$ref',
        reference: 'conform:code-lists/no-such-list/1.0.0',
        detail: expect.stringContaining('there is no code-list no-such-list version 1.0.0'),
      },
      { in: 'body', pointer: '/properties/b/$ref', reference: 'conform:code-lists/tint/1.0.0', detail: expect.stringContaining('is retired') },
      { in: 'body', pointer: '/properties/c/$ref', reference: 'conform:code-lists/colour/1', detail: expect.stringContaining('not an exact version') },
    ]);
    expect((await get('/v1/standards/bad-refs')).statusCode).toBe(404);
  });

  it('validates with the referenced version, hashes it, and offers a new code-list version for adoption with the bump it needs', async () => {
    const v1 = await put('/v1/standards/palette/versions/1.0.0', JSON.stringify(visit('conform:code-lists/colour/1.0.0')), 'application/json', t.tokens.author);
    expect(v1.statusCode).toBe(201);
    const checked = await t.call({
      method: 'POST',
      url: '/v1/standards/palette/versions/1.0.0/validate',
      payload: JSON.stringify([{ visitId: 'v1', colour: 'B' }]),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
    });
    const findings = JSON.stringify(checked.result);
    expect(findings).toContain('/colour');
    expect(findings).not.toContain('"B"');

    const added = await put(
      '/v1/artefacts/code-lists/colour/versions/2.1.0',
      JSON.stringify(colour('2.1.0', [...RGB.map((c) => (c.code === 'G' ? { ...c, label: 'Green (any shade)' } : c)), { code: 'B', label: 'Blue' }])),
      'application/json',
      t.tokens.author,
    );
    expect(added.statusCode).toBe(201);
    expect((added.result as { adoptions: unknown[] }).adoptions).toEqual([
      {
        standardId: 'palette',
        version: '1.0.0',
        uses: ['code-lists/colour/1.0.0'],
        bump: 'minor',
        suggestedVersion: '1.1.0',
        changes: expect.arrayContaining([expect.objectContaining({ kind: 'enum-value-added', path: '/colour' })]),
        changesTotal: expect.any(Number),
      },
    ]);
    expect((added.result as { adoptionsNotRead: number }).adoptionsNotRead).toBe(0);

    // Adopting it as a PATCH is refused by the standard's own diff (a code added is MINOR); as 1.1.0 it is published.
    const patch = await put(
      '/v1/standards/palette/versions/1.0.1',
      JSON.stringify(visit('conform:code-lists/colour/2.1.0')),
      'application/json',
      t.tokens.author,
    );
    expect(patch.statusCode).toBe(422);
    const minor = await put(
      '/v1/standards/palette/versions/1.1.0',
      JSON.stringify(visit('conform:code-lists/colour/2.1.0')),
      'application/json',
      t.tokens.author,
    );
    expect(minor.statusCode).toBe(201);
    const hashes = [v1, minor].map((r) => (r.result as { contentHash: string }).contentHash);
    expect(hashes[0]).not.toBe(hashes[1]);
    const used = await get('/v1/artefacts/code-lists/colour/versions/2.1.0/used-by');
    expect((used.result as { usedBy: unknown[] }).usedBy).toEqual([
      {
        standardId: 'palette',
        version: '1.1.0',
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/colour/$ref', ref: 'conform:code-lists/colour/2.1.0' }],
      },
    ]);
  });
});

describe('definitions sets', () => {
  it('publishes a definitions set that refers to a code list, and a standard that refers to one of its definitions', async () => {
    await put('/v1/artefacts/code-lists/hue/versions/1.0.0', JSON.stringify({ ...colour('1.0.0', RGB), id: 'hue' }), 'application/json', t.tokens.author);
    const defs = {
      kind: 'definitions',
      id: 'paint-items',
      version: '1.0.0',
      schema: { title: 'Paint items', $defs: { hue: { $ref: 'conform:code-lists/hue/1.0.0' }, batch: { type: 'string', maxLength: 12 } } },
    };
    const published = await put('/v1/artefacts/definitions/paint-items/versions/1.0.0', stringify(defs), 'application/yaml', t.tokens.author);
    expect(published.statusCode).toBe(201);
    const standard = { type: 'object', properties: { hue: { $ref: 'conform:definitions/paint-items/1.0.0#/$defs/hue' } } };
    const v1 = await put('/v1/standards/paint-batch/versions/1.0.0', JSON.stringify(standard), 'application/json', t.tokens.author);
    expect(v1.statusCode).toBe(201);
    const checked = await t.call({
      method: 'POST',
      url: '/v1/standards/paint-batch/versions/1.0.0/validate',
      payload: JSON.stringify([{ hue: 'R' }, { hue: 'Q' }]),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
    });
    const body = JSON.stringify(checked.result);
    expect(body).toContain('"path":"/hue","rule":"enum"');
    expect(body).toContain('"firstRecords":[2]');

    // Narrowing a definition is MAJOR: as a MINOR it is refused naming the change.
    const narrowed = { ...defs, version: '1.1.0', schema: { ...defs.schema, $defs: { ...defs.schema.$defs, batch: { type: 'string', maxLength: 8 } } } };
    const minor = await put('/v1/artefacts/definitions/paint-items/versions/1.1.0', JSON.stringify(narrowed), 'application/json', t.tokens.author);
    expect(minor.statusCode).toBe(422);
    expect(problem(minor).errors).toEqual([{ pointer: '#/$defs/batch', kind: 'max-length-decreased', detail: expect.stringContaining('batch') }]);
  });

  it('refuses a set with a definition strict mode refuses, though nothing in the set refers to it, naming the definition; nothing is stored', async () => {
    // A definition no schema of the set uses was never compiled: the set was published, and every version referring to it then failed to compile.
    const untyped = { kind: 'definitions', id: 'wound-items', version: '1.0.0', schema: { $defs: { site: { type: 'string' }, depth: { minimum: 0 } } } };
    const refused = await put('/v1/artefacts/definitions/wound-items/versions/1.0.0', JSON.stringify(untyped), 'application/json', t.tokens.author);
    expect(refused.statusCode).toBe(422);
    expect(problem(refused).errors).toEqual([
      {
        in: 'body',
        pointer: '/schema/$defs/depth',
        detail:
          'strict mode: missing type "number" for keyword "minimum" at "conform:definitions/wound-items/1.0.0#/$defs/depth" (strictTypes); add type: number beside minimum in that schema (inside an if or then too), as strict mode asks of a keyword that applies to one type',
      },
    ]);
    expect(await t.app.store.getArtefact('definitions', 'wound-items', '1.0.0')).toBeUndefined();
    const typed = { ...untyped, schema: { $defs: { site: { type: 'string' }, depth: { type: 'number', minimum: 0 } } } };
    expect((await put('/v1/artefacts/definitions/wound-items/versions/1.0.0', JSON.stringify(typed), 'application/json', t.tokens.author)).statusCode).toBe(
      201,
    );
    const standard = { type: 'object', properties: { depth: { $ref: 'conform:definitions/wound-items/1.0.0#/$defs/depth' } } };
    expect((await put('/v1/standards/wound-depth/versions/1.0.0', JSON.stringify(standard), 'application/json', t.tokens.author)).statusCode).toBe(201);
  });

  it('refuses a cycle of references and a set larger than the schema limits, naming the item', async () => {
    const cyclic = { kind: 'definitions', id: 'loops', version: '1.0.0', schema: { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } } };
    const response = await put('/v1/artefacts/definitions/loops/versions/1.0.0', JSON.stringify(cyclic), 'application/json', t.tokens.author);
    expect(response.statusCode).toBe(422);
    // One loop, named once from where it starts in the body, with every place it passes (ref-cycles.ts).
    expect(problem(response).errors?.map((e) => e.pointer)).toEqual(['/schema/$defs/a']);
    expect(problem(response).errors?.[0]?.detail).toContain('applies itself to the same value without end (/$defs/a -> /$defs/b -> /$defs/a)');
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 60; i++) deep = { type: 'object', properties: { x: deep } };
    const tooDeep = { kind: 'definitions', id: 'deep', version: '1.0.0', schema: { $defs: { deep } } };
    const refused = await put('/v1/artefacts/definitions/deep/versions/1.0.0', JSON.stringify(tooDeep), 'application/json', t.tokens.author);
    expect([refused.statusCode, problem(refused).detail]).toEqual([422, expect.stringContaining('larger or more complex than the registry accepts')]);
    expect((await get('/v1/artefacts/definitions/deep')).statusCode).toBe(404);
  });
});
