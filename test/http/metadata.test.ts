/**
 * Standard metadata has one schema, and its pointers must name fields of the standard's versions: bad
 * metadata is refused with each field named, and never reaches (nor breaks) a submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const ID = 'patient-demographics';
const current = async () => (await t.call({ method: 'GET', url: `/v1/standards/${ID}` })).result as Record<string, any>;
// A library standard: admins manage it (authors only when granted co-ownership, test/hostile/ownership.test.ts).
const put = (payload: unknown) => t.call({ method: 'PUT', url: `/v1/standards/${ID}`, payload: payload as object, headers: bearer(t.tokens.admin) });
const submit = () =>
  t.call({
    method: 'POST',
    url: `/v1/standards/${ID}/versions/latest/validate`,
    payload:
      JSON.stringify({ localPatientId: 'P1', givenName: 'Alex', familyName: 'Smith', dateOfBirth: '1980-02-29', lastUpdated: '2025-05-01T10:00:00Z' }) + '\n',
    headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
  });

describe('standard metadata', () => {
  it('refuses malformed metadata, naming each field, and changes nothing', async () => {
    const before = await current();
    const { title, owner, description } = before;
    const cases: [Record<string, unknown>, { pointer: string; detail: string }[]][] = [
      [{ recordKey: 'notarray' }, [{ pointer: '/recordKey', detail: 'must be an array' }]],
      [{ eventDate: {} }, [{ pointer: '/eventDate', detail: 'must be a string' }]],
      [{ eventDate: 'lastUpdated' }, [{ pointer: '/eventDate', detail: 'must match the pattern ^(/[^/]+)+$' }]],
      [{ sensitiveFields: [3] }, [{ pointer: '/sensitiveFields/0', detail: 'must be a string' }]],
      [
        { quality: { defaultThresholds: { '/personStatedGender': 2 } } },
        [{ pointer: '/quality/defaultThresholds/~1personStatedGender', detail: 'must be at most 1' }],
      ],
    ];
    for (const [extra, errors] of cases) {
      const response = await put({ title, owner, description, ...extra });
      expect(response.statusCode).toBe(422);
      expect(JSON.parse(response.payload)).toMatchObject({ status: 422, errors: errors.map((e) => ({ in: 'body', ...e })) });
    }
    expect(await current()).toEqual(before);
    expect((await submit()).statusCode).toBe(201);
  });

  it('refuses pointers that name no field of any version, each one named', async () => {
    const before = await current();
    const { title, owner, description } = before;
    const response = await put({
      title,
      owner,
      description,
      recordKey: ['/localPatientId', '/ward'],
      eventDate: '/admittedAt',
      sensitiveFields: ['/nhsNumber', '/address/street'],
    });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.payload)).toMatchObject({
      detail: "the standard metadata names fields that none of the standard's current versions has (the latest released version of each major)",
      errors: [
        { pointer: '/recordKey/1', detail: `/ward is not a field of the latest released version of any major of ${ID}` },
        { pointer: '/eventDate', detail: `/admittedAt is not a field of the latest released version of any major of ${ID}` },
        { pointer: '/sensitiveFields/1', detail: `/address/street is not a field of the latest released version of any major of ${ID}` },
      ],
    });
    expect(await current()).toEqual(before);
  });

  it('accepts pointers to real fields, nested ones included, and submissions still validate', async () => {
    const before = await current();
    const { title, owner, description } = before;
    const response = await put({
      title,
      owner,
      description,
      ...before.metadata,
      recordKey: ['/localPatientId'],
      eventDate: '/lastUpdated',
      sensitiveFields: ['/nhsNumber', '/address/postcode'],
    });
    expect(response.statusCode).toBe(200);
    expect((response.result as Record<string, any>).metadata).toMatchObject({
      recordKey: ['/localPatientId'],
      eventDate: '/lastUpdated',
      sensitiveFields: ['/nhsNumber', '/address/postcode'],
    });
    const submitted = await submit();
    expect(submitted.statusCode).toBe(201);
    expect((submitted.result as Record<string, any>).stats).toMatchObject({ records: 1 });
  });

  it('only authors and admins change metadata', async () => {
    const { title, owner, description } = await current();
    const response = await t.call({ method: 'PUT', url: `/v1/standards/${ID}`, payload: { title, owner, description }, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(403);
  });
});
