/**
 * Hostile: the changes between two versions, asked by anyone. Two versions an author published, each
 * within every schema limit, can differ by a hundred thousand changes (900 fields, each with its 60 codes
 * replaced): GET /v1/standards/{id}/changes answered all of them, 20.6 MB in 0.7 to 1.1 s holding the event
 * loop, and the page /standards/{id}/changes 83 MB of HTML in 2.5 s, every time it was asked. Each now
 * lists the first 1,000 changes and says how many there are (the bump they need still judged on all), and
 * a pair of versions is compared once (published versions never change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const put = (url: string, body: unknown) =>
    t.call({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) } });
  await put('/v1/standards/many-changes', { title: 'Many changes', owner: 'Someone', description: 'Codes replaced.' });
  // 3 fields x 600 codes replaced: 3,600 changes.
  const version = (suffix: string) => ({
    type: 'object',
    properties: Object.fromEntries(['a', 'b', 'c'].map((f) => [f, { type: 'string', enum: Array.from({ length: 600 }, (_, i) => `${f}${i}${suffix}`) }])),
  });
  expect((await put('/v1/standards/many-changes/versions/1.0.0', version('x'))).statusCode).toBe(201);
  expect((await put('/v1/standards/many-changes/versions/2.0.0', version('y'))).statusCode).toBe(201);
  // The same in a definitions set: 3 definitions x 600 codes replaced.
  const set = (v: string, suffix: string) => ({
    kind: 'definitions',
    id: 'many-changes-set',
    version: v,
    title: 'Many changes',
    description: 'Codes replaced.',
    owner: 'Someone',
    changelog: 'Codes replaced.',
    schema: {
      $defs: Object.fromEntries(['a', 'b', 'c'].map((f) => [f, { type: 'string', enum: Array.from({ length: 600 }, (_, i) => `${f}${i}${suffix}`) }])),
    },
  });
  expect((await put('/v1/artefacts/definitions/many-changes-set/versions/1.0.0', set('1.0.0', 'x'))).statusCode).toBe(201);
  expect((await put('/v1/artefacts/definitions/many-changes-set/versions/2.0.0', set('2.0.0', 'y'))).statusCode).toBe(201);
});
afterAll(async () => t.stop());

describe('the changes between two versions', () => {
  it('lists the first 1,000 on the API and says how many there are, with the bump judged on all', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/many-changes/changes?from=1.0.0&to=2.0.0' });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.payload) as { changes: { kind: string; path: string }[]; changesTotal: number; requiredBump: string };
    expect(body.changesTotal).toBe(3_600);
    expect(body.changes).toHaveLength(1_000);
    expect(body.requiredBump).toBe('major');
    expect(body.changes[0]).toMatchObject({ path: '/a' });
    expect(response.payload.length).toBeLessThan(400_000);
    // Asked again: the same answer.
    const again = await t.call({ method: 'GET', url: '/v1/standards/many-changes/changes?from=1.0.0&to=2.0.0' });
    expect(again.payload).toBe(response.payload);
  });

  it('lists the first 1,000 on the page, saying how many are not shown', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/standards/many-changes/changes?from=1.0.0&to=2.0.0' });
    expect(response.statusCode).toBe(200);
    expect(response.payload).toContain('3,600 changes; the first 1,000 are shown');
    expect(response.payload.match(/<tr class="nhsuk-table__row" role="row">/g)).toHaveLength(1_001);
  });

  it('lists every change when there are at most 1,000, with their count', async () => {
    const response = await t.call({ method: 'GET', url: '/v1/standards/patient-demographics/changes?from=1.0.0&to=2.0.0' });
    const body = JSON.parse(response.payload) as { changes: unknown[]; changesTotal: number };
    expect(body.changesTotal).toBe(body.changes.length);
    expect(body.changes.length).toBeGreaterThan(0);
  });

  it("lists the first 1,000 of a definitions set's changes and says how many there are", async () => {
    const response = await t.call({ method: 'GET', url: '/v1/artefacts/definitions/many-changes-set/changes?from=1.0.0&to=2.0.0' });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.payload) as { changes: unknown[]; changesTotal: number; requiredBump: string };
    expect([body.changes.length, body.changesTotal, body.requiredBump]).toEqual([1_000, 3_600, 'major']);
    const again = await t.call({ method: 'GET', url: '/v1/artefacts/definitions/many-changes-set/changes?from=1.0.0&to=2.0.0' });
    expect(again.payload).toBe(response.payload);
  });
});
