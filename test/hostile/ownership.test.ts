/**
 * Hostile: one author taking over another's standard. A standard belongs to whoever created it (its
 * token, or its organisation); only its owners and admins may change its metadata, publish, deprecate or
 * retire its versions; admins grant and revoke co-ownership, audited. Another author's attempts are 403
 * with a problem body and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let other: { token: string; id: string };
let authorId: string;
beforeAll(async () => {
  t = await startTestApp();
  const issued = await t.app.services.access.issue({ name: 'other author', role: 'author', organisation: null }, 'test');
  other = { token: issued.token, id: issued.stored.id };
  authorId = (await t.app.services.access.authenticate(t.tokens.author))!.tokenId;
});
afterAll(async () => t.stop());

const ID = 'clinic-visit';
const schema = (extra: Record<string, unknown> = {}, required = ['visitId']) =>
  JSON.stringify({
    title: 'Clinic visit',
    description: 'One clinic visit.',
    type: 'object',
    additionalProperties: false,
    required,
    properties: { visitId: { type: 'string', maxLength: 20 }, ...extra },
  });
const publish = (version: string, body: string, token: string, id = ID) =>
  t.call({ method: 'PUT', url: `/v1/standards/${id}/versions/${version}`, payload: body, headers: { 'content-type': 'application/json', ...bearer(token) } });
const metadata = (token: string, compatibility = 'NONE', id = ID) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${id}`,
    payload: { title: 'Clinic visit (taken)', owner: 'Someone else', description: 'Taken over.', compatibility },
    headers: bearer(token),
  });
const status = (action: 'deprecate' | 'retire', version: string, token: string, id = ID) =>
  t.call({ method: 'POST', url: `/v1/standards/${id}/versions/${version}/${action}`, headers: bearer(token) });
const standard = async (id = ID) => (await t.call({ method: 'GET', url: `/v1/standards/${id}` })).result as Record<string, any>;
const problemOf = (response: { payload: string }) => JSON.parse(response.payload) as { status: number; detail: string; type: string };

describe('ownership of standards', () => {
  it('the author that creates a standard owns it, and GET lists its owners', async () => {
    expect((await publish('1.0.0', schema(), t.tokens.author)).statusCode).toBe(201);
    const s = await standard();
    expect(s.owners).toEqual([expect.objectContaining({ owner: `token:${authorId}`, grantedBy: expect.stringContaining(authorId) })]);
    expect(s.metadata.compatibility).toBe('BACKWARD');
  });

  it('another author may not change the metadata, publish or deprecate: 403, and nothing changes', async () => {
    const before = await standard();
    const meta = await metadata(other.token);
    expect(meta.statusCode).toBe(403);
    expect(meta.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(meta).detail).toBe(`only the owners of ${ID} or an admin may change its metadata; ask an admin to grant this token co-ownership`);

    // The takeover: a breaking version that would become latest.
    const breaking = await publish('1.2.0', schema({ code: { type: 'string' } }, ['visitId', 'code']), other.token);
    expect(breaking.statusCode).toBe(403);
    expect(problemOf(breaking).detail).toContain(`only the owners of ${ID} or an admin may publish its versions`);
    // Even a compatible one, and even a repeat of what is stored.
    expect((await publish('1.1.0', schema({ note: { type: 'string' } }), other.token)).statusCode).toBe(403);
    expect((await publish('1.0.0', schema(), other.token)).statusCode).toBe(403);

    const deprecate = await status('deprecate', '1.0.0', other.token);
    expect(deprecate.statusCode).toBe(403);
    expect(problemOf(deprecate).detail).toContain('may deprecate its versions');
    expect((await status('retire', '1.0.0', other.token)).statusCode).toBe(403);

    const after = await standard();
    expect(after).toEqual(before);
    expect(after.versions.map((v: { version: string; status: string }) => [v.version, v.status])).toEqual([['1.0.0', 'published']]);
    const audit = (await t.app.store.listAudit(100)).filter((a) => a.actor.includes(other.id));
    expect(audit).toEqual([]);
  });

  it('the library standards are managed by admins: an author is refused until granted', async () => {
    const s = await standard('patient-demographics');
    expect(s.owners.map((o: { owner: string }) => o.owner)).toEqual(['library']);
    expect((await status('deprecate', '1.0.0', t.tokens.author, 'patient-demographics')).statusCode).toBe(403);
    expect((await metadata(t.tokens.author, 'NONE', 'patient-demographics')).statusCode).toBe(403);
    expect((await standard('patient-demographics')).metadata.compatibility).toBe('BACKWARD');
  });

  it('the owner may change its standard: metadata, a new version, deprecation', async () => {
    expect((await metadata(t.tokens.author, 'BACKWARD')).statusCode).toBe(200);
    expect((await publish('1.1.0', schema({ note: { type: 'string' } }), t.tokens.author)).statusCode).toBe(201);
    const deprecated = await status('deprecate', '1.0.0', t.tokens.author);
    expect(deprecated.statusCode).toBe(200);
    expect(deprecated.result).toMatchObject({ version: '1.0.0', status: 'deprecated' });
  });

  it('an admin may change any standard, and retiring a version makes submissions to it 410', async () => {
    expect((await publish('1.2.0', schema({ note: { type: 'string' }, room: { type: 'string' } }), t.tokens.admin)).statusCode).toBe(201);
    const retired = await status('retire', '1.0.0', t.tokens.admin);
    expect(retired.statusCode).toBe(200);
    expect(retired.result).toMatchObject({ version: '1.0.0', status: 'retired' });
    expect((await status('retire', '1.0.0', t.tokens.admin)).statusCode).toBe(409);
    const submit = await t.call({
      method: 'POST',
      url: `/v1/standards/${ID}/versions/1.0.0/validate`,
      payload: '{"visitId":"V1"}\n',
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });
    expect(submit.statusCode).toBe(410);
    expect(problemOf(submit).detail).toContain('is retired');
    const audit = await t.app.store.listAudit(5);
    expect(audit.find((a) => a.action === 'retire')).toMatchObject({ standardId: ID, version: '1.0.0', actor: expect.stringContaining('admin:') });
  });

  it('admins grant and revoke co-ownership, audited; the grantee may then change the standard, and not after', async () => {
    const grant = (owner: string, token = t.tokens.admin) => t.call({ method: 'PUT', url: `/v1/standards/${ID}/owners/${owner}`, headers: bearer(token) });
    const revoke = (owner: string, token = t.tokens.admin) => t.call({ method: 'DELETE', url: `/v1/standards/${ID}/owners/${owner}`, headers: bearer(token) });

    expect((await grant(`token:${other.id}`, t.tokens.author)).statusCode).toBe(403); // owners do not grant: admins do
    const granted = await grant(`token:${other.id}`);
    expect(granted.statusCode).toBe(201);
    expect((granted.result as { owners: { owner: string }[] }).owners.map((o) => o.owner)).toEqual([`token:${authorId}`, `token:${other.id}`]);
    expect((await grant(other.id)).statusCode).toBe(200); // the bare token id is the same owner
    expect((await status('deprecate', '1.1.0', other.token)).statusCode).toBe(200);

    const revoked = await revoke(`token:${other.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((revoked.result as { owners: { owner: string }[] }).owners.map((o) => o.owner)).toEqual([`token:${authorId}`]);
    expect((await revoke(`token:${other.id}`)).statusCode).toBe(404);
    expect((await publish('1.3.0', schema({ note: { type: 'string' }, room: { type: 'string' }, ward: { type: 'string' } }), other.token)).statusCode).toBe(
      403,
    );

    const audit = await t.call({ method: 'GET', url: '/v1/audit?limit=20', headers: bearer(t.tokens.admin) });
    const entries = (audit.result as { entries: { action: string; detail: string | null; standardId: string | null }[] }).entries;
    expect(entries.filter((e) => e.action === 'owner-grant' || e.action === 'owner-revoke').map((e) => [e.action, e.standardId, e.detail])).toEqual([
      ['owner-revoke', ID, `token:${other.id}`],
      ['owner-grant', ID, `token:${other.id}`],
    ]);
  });

  it('refuses granting a supplier token, an unknown token, or a malformed owner', async () => {
    const supplierId = (await t.app.services.access.authenticate(t.tokens.supplier))!.tokenId;
    const supplier = await t.call({ method: 'PUT', url: `/v1/standards/${ID}/owners/token:${supplierId}`, headers: bearer(t.tokens.admin) });
    expect(supplier.statusCode).toBe(422);
    expect(problemOf(supplier).detail).toBe('a supplier token cannot own a standard: grant an author token');
    const unknown = await t.call({
      method: 'PUT',
      url: `/v1/standards/${ID}/owners/token:00000000-0000-4000-8000-000000000000`,
      headers: bearer(t.tokens.admin),
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.call({ method: 'PUT', url: `/v1/standards/${ID}/owners/someone`, headers: bearer(t.tokens.admin) });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).detail).toBe('owner must be token:<token id>, org:<ODS code> or library');
  });

  it('refuses granting an organisation no live token belongs to (404), or one with only supplier tokens (422), naming the owner parameter', async () => {
    const grant = (owner: string) => t.call({ method: 'PUT', url: `/v1/standards/${ID}/owners/${owner}`, headers: bearer(t.tokens.admin) });
    const owners = async () => (await standard(ID)).owners.map((o: { owner: string }) => o.owner);
    const before = await owners();
    const unknown = await grant('org:ZZZ99');
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown)).toMatchObject({
      type: 'https://conform.invalid/problems/not-found',
      detail:
        'no live token belongs to organisation ZZZ99: issue one of its authors a token first (conform tokens create --role author --organisation ZZZ99), then grant',
      errors: [{ in: 'path', name: 'owner', pointer: '/owner' }],
    });
    // The test's supplier belongs to 8KR01: a known organisation, but none of its tokens may own a standard.
    const suppliersOnly = await grant('org:8KR01');
    expect(suppliersOnly.statusCode).toBe(422);
    expect(problemOf(suppliersOnly)).toMatchObject({
      type: 'https://conform.invalid/problems/rejected',
      detail: 'organisation 8KR01 has only supplier tokens, which cannot own a standard: issue one of its authors a token first, then grant',
      errors: [{ in: 'path', name: 'owner', pointer: '/owner' }],
    });
    expect(await owners()).toEqual(before);
    // A revoked author token does not make its organisation known.
    const gone = await t.app.services.access.issue({ name: 'gone author', role: 'author', organisation: 'GON01' }, 'test');
    await t.app.services.access.revoke(gone.stored.id, 'test');
    expect((await grant('org:GON01')).statusCode).toBe(404);
    // Once the organisation has an author token, the grant is made, and covers its later author tokens too.
    await t.app.services.access.issue({ name: 'new org author', role: 'author', organisation: 'NEW01' }, 'test');
    expect((await grant('org:NEW01')).statusCode).toBe(201);
    const later = await t.app.services.access.issue({ name: 'later author', role: 'author', organisation: 'NEW01' }, 'test');
    expect((await status('deprecate', '1.1.0', later.token)).statusCode).toBe(200);
  });

  it('an organisation owns what its author creates: every author token of it may change it, others may not', async () => {
    const a = await t.app.services.access.issue({ name: 'rwe author 1', role: 'author', organisation: 'RWE01' }, 'test');
    const b = await t.app.services.access.issue({ name: 'rwe author 2', role: 'author', organisation: 'RWE01' }, 'test');
    expect((await publish('1.0.0', schema(), a.token, 'rwe-visit')).statusCode).toBe(201);
    expect((await standard('rwe-visit')).owners.map((o: { owner: string }) => o.owner)).toEqual(['org:RWE01']);
    expect((await publish('1.1.0', schema({ note: { type: 'string' } }), b.token, 'rwe-visit')).statusCode).toBe(201);
    expect((await publish('1.2.0', schema({ note: { type: 'string' }, x: { type: 'string' } }), t.tokens.author, 'rwe-visit')).statusCode).toBe(403);
  });

  it('ten authors racing to create the same new standard: one owns it, the others are refused', async () => {
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.app.services.access.issue({ name: `racer ${i}`, role: 'author', organisation: null }, 'test')),
    );
    const started = Date.now();
    const answers = await Promise.all(racers.map((r, i) => publish('1.0.0', schema({ [`f${i}`]: { type: 'string' } }), r.token, 'race-visit')));
    expect(Date.now() - started).toBeLessThan(10_000);
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 403)).toHaveLength(9);
    const winner = racers[codes.indexOf(201)]!;
    expect((await standard('race-visit')).owners.map((o: { owner: string }) => o.owner)).toEqual([`token:${winner.stored.id}`]);
    expect((await t.call({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
