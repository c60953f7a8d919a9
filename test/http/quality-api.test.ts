import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeScorecard } from '../../src/quality/scorecard.js';
import type { Scorecard } from '../../src/quality/types.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let leeds: string;
let york: string;
beforeAll(async () => {
  t = await startTestApp();
  leeds = (await t.app.services.access.issue({ name: 'Leeds', role: 'supplier', organisation: 'LEEDS1' }, 'test')).token;
  york = (await t.app.services.access.issue({ name: 'York', role: 'supplier', organisation: 'YORK1' }, 'test')).token;
});
afterAll(async () => t.stop());

const person = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    localPatientId: id,
    nhsNumber: '9434765919',
    givenName: 'A',
    familyName: 'B',
    dateOfBirth: '1980-01-01',
    personStatedGender: '1',
    ethnicCategory: 'A',
    gpPracticeCode: 'A81001',
    address: { postcode: 'LS1 4AP', line1: '1 Road' },
    lastUpdated: new Date().toISOString(),
    ...extra,
  });

const submit = (token: string, lines: string[]) =>
  t.call({
    method: 'POST',
    url: '/v1/standards/patient-demographics/versions/1.1.0/validate',
    payload: lines.join('\n'),
    headers: { 'content-type': 'application/x-ndjson', ...bearer(token) },
  });

describe('the scorecard over HTTP', () => {
  it('comes with every report, and recomputes from its stored counts', async () => {
    const response = await submit(leeds, [person('1'), person('1'), person('2', { ethnicCategory: '99' }), person('3', { dateOfDeath: '1970-01-01' })]);
    const card = (response.result as { scorecard: Scorecard }).scorecard;
    expect(card.dimensions.uniqueness).toMatchObject({ measured: true, score: 75, counts: { keyed: 4, duplicates: 1 } });
    expect(card.dimensions.consistency).toMatchObject({ measured: true, score: 75, counts: { failed: 1 } });
    expect(card.dimensions.timeliness).toMatchObject({ measured: true, score: 100 });
    expect(card.dimensions.defaults.fields).toContainEqual(expect.objectContaining({ field: '/ethnicCategory', defaults: 1, threshold: 0.05 }));
    expect(card.accuracy.measured).toBe(false);
    expect(recomputeScorecard(card)).toEqual(card);
  });
});

describe('quality trends', () => {
  it('ranks suppliers by their latest overall score, and shows a supplier only its own', async () => {
    await submit(york, [person('1'), person('2')]);
    await submit(york, [person('1'), person('2'), person('3')]);
    const all = await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics', headers: bearer(t.tokens.author) });
    expect(all.statusCode).toBe(200);
    const body = all.result as {
      points: { supplier: string; overall: number }[];
      suppliers: { rank: number; supplier: string; submissions: number; latestOverall: number }[];
    };
    expect(body.suppliers.map((s) => [s.rank, s.supplier, s.submissions])).toEqual([
      [1, 'YORK1', 2],
      [2, 'LEEDS1', 1],
    ]);
    expect(body.suppliers[0]!.latestOverall).toBeGreaterThan(body.suppliers[1]!.latestOverall);
    expect(body.points.map((p) => p.supplier)).toEqual(['LEEDS1', 'YORK1', 'YORK1']);

    const own = (await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics&supplier=YORK1', headers: bearer(leeds) }))
      .result as typeof body;
    expect(own.suppliers.map((s) => s.supplier)).toEqual(['LEEDS1']);
    expect(own.points.every((p) => p.supplier === 'LEEDS1')).toBe(true);

    const none = (await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics&from=2999-01-01', headers: bearer(t.tokens.admin) }))
      .result as typeof body;
    expect(none.points).toEqual([]);
  });

  it('says what is wrong with a bad query', async () => {
    expect((await t.call({ method: 'GET', url: '/v1/quality', headers: bearer(t.tokens.author) })).statusCode).toBe(400);
    expect((await t.call({ method: 'GET', url: '/v1/quality?standard=nope', headers: bearer(t.tokens.author) })).statusCode).toBe(404);
    const bad = await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics&from=yesterday', headers: bearer(t.tokens.author) });
    expect(JSON.parse(bad.payload).detail).toBe('from must be a date (YYYY-MM-DD) or date-time');
    expect((await t.call({ method: 'GET', url: '/v1/quality?standard=patient-demographics' })).statusCode).toBe(401);
  });
});
