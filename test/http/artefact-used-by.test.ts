/**
 * GET …/used-by tells every standard version that uses an artefact version: by its conform: URI, by the
 * library's relative `../_common/<name>` reference, or through another artefact; from what was recorded
 * at publish (no schema is read to answer), with each version's current status.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { USED_BY_REFERENCES_LISTED } from '../../src/services/artefact-usage.js';

let t: TestApp;
let store: Store;
beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  t = await startTestApp({}, store);
});
afterAll(async () => t.stop());

interface Used {
  standardId: string;
  version: string;
  status: string;
  direct: boolean;
  references: { pointer: string; ref: string; via?: string }[];
}
const usedBy = async (path: string): Promise<Used[]> => {
  const response = await t.call({ method: 'GET', url: `/v1/artefacts/${path}/used-by` });
  expect(response.statusCode).toBe(200);
  return (response.result as { usedBy: Used[] }).usedBy;
};
const put = (url: string, body: unknown) =>
  t.call({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) } });
const names = (used: Used[]): string[] => used.map((u) => `${u.standardId} ${u.version}`);

describe('used-by of a definitions set the library refers to relatively', () => {
  it('lists every bundled standard version referring to ../_common/identifiers, with the fields that do', async () => {
    const used = await usedBy('definitions/identifiers/versions/1.0.0');
    // Every version of the four standards built on the shared identifiers; immunisation-batch defines its own.
    expect(names(used)).toEqual([
      ...['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.0.1', '2.0.2', '2.1.0'].map((v) => `adult-social-care-client-level ${v}`),
      ...['1.0.0', '2.0.0', '2.1.0', '3.0.0', '3.1.0'].map((v) => `covid-vaccination-event ${v}`),
      ...['1.0.0', '2.0.0', '3.0.0', '3.0.1', '3.0.2', '3.1.0'].map((v) => `emergency-care-attendance ${v}`),
      ...['1.0.0', '1.1.0', '2.0.0', '2.0.1', '2.0.2', '2.0.3', '2.1.0'].map((v) => `patient-demographics ${v}`),
    ]);
    const demographics = used.find((u) => u.standardId === 'patient-demographics' && u.version === '2.0.3')!;
    // standards/patient-demographics/2.0.3.yaml: nhsNumber (line 39), address.postcode (87) and gpPracticeCode (100, the gpPractice definition).
    expect(demographics).toEqual({
      standardId: 'patient-demographics',
      version: '2.0.3',
      status: 'published',
      direct: true,
      references: [
        { pointer: '/properties/address/properties/postcode/$ref', ref: '../_common/identifiers#/$defs/ukPostcode' },
        { pointer: '/properties/gpPracticeCode/$ref', ref: '../_common/identifiers#/$defs/gpPractice' },
        { pointer: '/properties/nhsNumber/$ref', ref: '../_common/identifiers#/$defs/nhsNumber' },
      ],
    });
    const ecds = used.find((u) => u.standardId === 'emergency-care-attendance' && u.version === '3.0.2')!;
    expect(ecds.references).toContainEqual({ pointer: '/properties/providerOdsCode/$ref', ref: '../_common/identifiers#/$defs/odsTrustCode' });
    expect(used.find((u) => u.standardId === 'adult-social-care-client-level' && u.version === '1.0.0')?.status).toBe('deprecated');
  });

  it('lists the bundled versions of the other definitions sets, and nothing for an artefact no standard uses', async () => {
    expect(names(await usedBy('definitions/code-lists/versions/1.0.0'))).toEqual([
      ...['1.0.0', '2.0.0', '3.0.0', '3.0.1', '3.0.2', '3.1.0'].map((v) => `emergency-care-attendance ${v}`),
      ...['1.0.0', '1.1.0', '2.0.0', '2.0.1', '2.0.2', '2.0.3', '2.1.0'].map((v) => `patient-demographics ${v}`),
    ]);
    expect(await usedBy('code-lists/admission-method/versions/1.0.0')).toEqual([]);
  });
});

describe('used-by of versions published over the API', () => {
  const clinic = (ref: string) => ({ type: 'object', properties: { patient: { $ref: ref }, note: { type: 'string', maxLength: 10 } } });

  it('finds a standard referring by conform: URI and one referring relatively, and follows status changes', async () => {
    expect((await put('/v1/standards/clinic-uri/versions/1.0.0', clinic('conform:definitions/identifiers/1.0.0#/$defs/nhsNumber'))).statusCode).toBe(201);
    expect((await put('/v1/standards/clinic-relative/versions/1.0.0', clinic('../_common/identifiers#/$defs/nhsNumber'))).statusCode).toBe(201);
    const used = await usedBy('definitions/identifiers/versions/1.0.0');
    expect(used.filter((u) => u.standardId.startsWith('clinic-'))).toEqual([
      {
        standardId: 'clinic-relative',
        version: '1.0.0',
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/patient/$ref', ref: '../_common/identifiers#/$defs/nhsNumber' }],
      },
      {
        standardId: 'clinic-uri',
        version: '1.0.0',
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/patient/$ref', ref: 'conform:definitions/identifiers/1.0.0#/$defs/nhsNumber' }],
      },
    ]);
    const deprecated = await t.call({ method: 'POST', url: '/v1/standards/clinic-uri/versions/1.0.0/deprecate', headers: bearer(t.tokens.author) });
    expect(deprecated.statusCode).toBe(200);
    const after = await usedBy('definitions/identifiers/versions/1.0.0');
    expect(after.find((u) => u.standardId === 'clinic-uri')?.status).toBe('deprecated');
    // An artefact the new versions do not touch is unchanged.
    expect(names(await usedBy('definitions/dates/versions/1.0.0'))).not.toContain('clinic-uri 1.0.0');
  });

  it('lists a standard that reaches a code list through a definitions set as not direct, via that set', async () => {
    const hue = { kind: 'code-list', id: 'tint', version: '1.0.0', title: 'Tint', codes: [{ code: 'R', label: 'Red' }] };
    expect((await put('/v1/artefacts/code-lists/tint/versions/1.0.0', hue)).statusCode).toBe(201);
    const defs = {
      kind: 'definitions',
      id: 'tint-items',
      version: '1.0.0',
      title: 'Tint items',
      schema: { $defs: { tint: { $ref: 'conform:code-lists/tint/1.0.0' } } },
    };
    expect((await put('/v1/artefacts/definitions/tint-items/versions/1.0.0', defs)).statusCode).toBe(201);
    const standard = { type: 'object', properties: { tint: { $ref: 'conform:definitions/tint-items/1.0.0#/$defs/tint' } } };
    expect((await put('/v1/standards/tint-batch/versions/1.0.0', standard)).statusCode).toBe(201);
    expect(await usedBy('code-lists/tint/versions/1.0.0')).toEqual([
      {
        standardId: 'tint-batch',
        version: '1.0.0',
        status: 'published',
        direct: false,
        references: [
          { pointer: '/properties/tint/$ref', ref: 'conform:definitions/tint-items/1.0.0#/$defs/tint', via: 'conform:definitions/tint-items/1.0.0' },
        ],
      },
    ]);
    expect(await usedBy('definitions/tint-items/versions/1.0.0')).toEqual([
      {
        standardId: 'tint-batch',
        version: '1.0.0',
        status: 'published',
        direct: true,
        references: [{ pointer: '/properties/tint/$ref', ref: 'conform:definitions/tint-items/1.0.0#/$defs/tint' }],
      },
    ]);
  });

  it('finds a version stored without its uses recorded (an older replica, a cut-short publish), and answers without reading schemas', async () => {
    // Stored straight into the store, as a replica from before uses were recorded would.
    await store.createStandard({ id: 'legacy-clinic', title: 'Legacy', owner: 'x', description: '', metadata: {} }, 'library', 'test');
    const schema = JSON.stringify(clinic('../_common/identifiers#/$defs/odsCode'));
    await store.publishVersion({
      standardId: 'legacy-clinic',
      version: '1.0.0',
      status: 'published',
      schema,
      contentHash: 'sha256:legacy',
      changelog: '',
      publishedBy: 'test',
    });
    expect(names(await usedBy('definitions/identifiers/versions/1.0.0'))).toContain('legacy-clinic 1.0.0');
    // Now every version is recorded: a used-by reads neither the standards' versions nor their schemas.
    const listVersions = vi.spyOn(store, 'listVersions');
    const getVersion = vi.spyOn(store, 'getVersion');
    const listStandards = vi.spyOn(store, 'listStandards');
    expect(names(await usedBy('definitions/identifiers/versions/1.0.0'))).toHaveLength(28);
    expect([listVersions.mock.calls.length, getVersion.mock.calls.length, listStandards.mock.calls.length]).toEqual([0, 0, 0]);
    vi.restoreAllMocks();
  });
});

describe('a new version of a definitions set the library refers to relatively', () => {
  it('answers with every standard whose latest version uses the earlier one (relatively too), and the bump each needs to adopt it', async () => {
    const current = (await t.call({ method: 'GET', url: '/v1/artefacts/definitions/identifiers/versions/1.0.0' })).result as {
      title: string;
      schema: { $defs: Record<string, unknown> };
    };
    const next = {
      kind: 'definitions',
      id: 'identifiers',
      version: '1.1.0',
      title: current.title,
      schema: { ...current.schema, $defs: { ...current.schema.$defs, localPatientId: { type: 'string', maxLength: 20 } } },
    };
    const response = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/definitions/identifiers/versions/1.1.0',
      payload: JSON.stringify(next),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.admin) },
    });
    expect(response.statusCode).toBe(201);
    const adoptions = (
      response.result as { adoptions: { standardId: string; version: string; uses: string[]; bump: string; suggestedVersion: string; changes: unknown[] }[] }
    ).adoptions;
    const bundled = adoptions.filter((a) => !a.standardId.startsWith('clinic-') && !a.standardId.startsWith('legacy-'));
    expect(bundled.map((a) => [a.standardId, a.version, a.uses, a.bump, a.suggestedVersion])).toEqual([
      ['adult-social-care-client-level', '2.1.0', ['definitions/identifiers/1.0.0'], 'none', '2.1.1'],
      ['covid-vaccination-event', '3.1.0', ['definitions/identifiers/1.0.0'], 'none', '3.1.1'],
      ['emergency-care-attendance', '3.1.0', ['definitions/identifiers/1.0.0'], 'none', '3.1.1'],
      ['patient-demographics', '2.1.0', ['definitions/identifiers/1.0.0'], 'none', '2.1.1'],
    ]);
    // The relative references, moved to conform:definitions/identifiers/1.1.0, resolve to the same definitions.
    expect(bundled.map((a) => a.changes)).toEqual([[], [], [], []]);
    // The new version is used by nobody yet; the old one keeps its users.
    expect(await usedBy('definitions/identifiers/versions/1.1.0')).toEqual([]);
    expect(names(await usedBy('definitions/identifiers/versions/1.0.0'))).toContain('patient-demographics 2.0.3');
  });
});

describe('used-by of an artefact version more references use than one answer lists', () => {
  it(`lists the first ${USED_BY_REFERENCES_LISTED} references by standard, version and field, and counts the rest`, async () => {
    const shade = { kind: 'code-list', id: 'shade', version: '1.0.0', title: 'Shade', codes: [{ code: 'D', label: 'Dark' }] };
    expect((await put('/v1/artefacts/code-lists/shade/versions/1.0.0', shade)).statusCode).toBe(201);
    // Three versions of 400 fields each, all naming the list: 1,200 references.
    const fields = (n: number) => ({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: n }, (_, f) => [`f${String(f).padStart(3, '0')}`, { $ref: 'conform:code-lists/shade/1.0.0' }])),
    });
    for (const version of ['1.0.0', '1.1.0', '1.10.0']) {
      const published = await put(`/v1/standards/shade-user/versions/${version}`, fields(400));
      expect(published.statusCode, published.payload.slice(0, 300)).toBe(201);
    }
    const response = await t.call({ method: 'GET', url: '/v1/artefacts/code-lists/shade/versions/1.0.0/used-by' });
    expect(response.statusCode).toBe(200);
    const body = response.result as { usedBy: Used[]; referencesNotListed: number };
    expect(body.referencesNotListed).toBe(1200 - USED_BY_REFERENCES_LISTED);
    expect(body.usedBy.reduce((n, u) => n + u.references.length, 0)).toBe(USED_BY_REFERENCES_LISTED);
    // By semver: 1.0.0 and 1.1.0 whole, then the first fields of 1.10.0.
    expect(body.usedBy.map((u) => [u.version, u.references.length])).toEqual([
      ['1.0.0', 400],
      ['1.1.0', 400],
      ['1.10.0', 200],
    ]);
    expect(body.usedBy[2]!.references.at(-1)?.pointer).toBe('/properties/f199/$ref');
    // Every other answer says none is left out.
    expect((await t.call({ method: 'GET', url: '/v1/artefacts/code-lists/tint/versions/1.0.0/used-by' })).result).toMatchObject({ referencesNotListed: 0 });
    // The web page says how many are not listed.
    const page = await t.server.inject({ method: 'GET', url: '/code-lists/shade/1.0.0' });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('And 200 more references to it, not listed here');
  });
});
