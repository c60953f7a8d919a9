/**
 * Hostile: one supplier sending many small submissions one after another. Admission bounds how many run
 * at once, not how many follow each other: each stored a report (some 33 a second from one script) until
 * the store was full for everyone. Now at most CONFORM_SUBMISSIONS_PER_MINUTE are stored a minute for one
 * organisation: past it a 429 with Retry-After and a problem naming the limit, before the body is read,
 * nothing stored; another organisation, and trials, are not held back. A submission admission refuses
 * (429, 503: try again later) does not use the share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { SubmissionRate } from '../../src/services/submission-rate.js';
import { DomainError } from '../../src/services/errors.js';
import { WindowCounts } from '../../src/services/window-counts.js';

const PER_MINUTE = 5;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_SUBMISSIONS_PER_MINUTE: String(PER_MINUTE) });
});
afterAll(async () => t.stop());

const BODY = 'localPatientId,nhsNumber\nLP-1,9434765919\n';
const send = (token: string, act: 'validate' | 'trial' = 'validate') =>
  t.server.inject({
    method: 'POST',
    url: `/v1/standards/patient-demographics/versions/2.0.1/${act}`,
    headers: { ...bearer(token), 'content-type': 'text/csv' },
    payload: BODY,
  });
const stored = async () => (await t.app.store.listSubmissions({ limit: 1000 })).length;

describe('submissions a minute for one organisation', () => {
  it('stores the first PER_MINUTE, then answers 429 with Retry-After naming the limit, storing nothing', async () => {
    const before = await stored();
    for (let i = 0; i < PER_MINUTE; i++) expect((await send(t.tokens.supplier)).statusCode).toBe(201);
    const refused = await send(t.tokens.supplier);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const problem = JSON.parse(refused.payload) as { detail: string; errors: { limit: string; max: number }[] };
    expect(problem.detail).toContain(`at most ${PER_MINUTE} a minute`);
    expect(problem.errors).toContainEqual(expect.objectContaining({ limit: 'submissions-per-minute', max: PER_MINUTE }));
    expect(problem.detail).not.toContain('8KR01');
    expect(await stored()).toBe(before + PER_MINUTE);
  });

  it('holds back neither another organisation nor the same one trialling', async () => {
    const other = (await t.app.services.access.issue({ name: 'other', role: 'supplier', organisation: 'RX9' }, 'test')).token;
    expect((await send(other)).statusCode).toBe(201);
    expect((await send(t.tokens.supplier, 'trial')).statusCode).toBe(200);
  });

  it("does not count a submission admission turns away (429 or 503): the caller told to retry keeps its minute's share", async () => {
    const org = 'RY7';
    const token = (await t.app.services.access.issue({ name: 'busy', role: 'supplier', organisation: org }, 'test')).token;
    const before = await stored();
    // The organisation's validations are all running: each submission is refused by admission before its body is read.
    const held = Array.from({ length: t.app.admission.limits.perSupplier }, () => t.app.admission.enter(org));
    for (let i = 0; i < PER_MINUTE * 2; i++) {
      const refused = await send(token);
      expect(refused.statusCode).toBe(429);
      expect(JSON.parse(refused.payload).errors).toContainEqual(expect.objectContaining({ limit: 'validations-per-organisation' }));
    }
    for (const slot of held) slot.release();
    // The process is full (503): not counted either.
    const full = Array.from({ length: t.app.admission.limits.perProcess }, (_, i) => t.app.admission.enter(`other-${i}`));
    expect((await send(token)).statusCode).toBe(503);
    for (const slot of full) slot.release();
    // Its whole share is left, and only that.
    for (let i = 0; i < PER_MINUTE; i++) expect((await send(token)).statusCode).toBe(201);
    expect((await send(token)).statusCode).toBe(429);
    expect(await stored()).toBe(before + PER_MINUTE);
  });

  it('gives back one count only, and only in the window it was counted in', () => {
    let now = 0;
    const counts = new WindowCounts(10, () => now);
    const undo = counts.add('A');
    counts.add('A');
    undo();
    undo();
    expect(counts.count('A')).toBe(1);
    const late = counts.add('A');
    now = 60_000;
    counts.add('A');
    late();
    expect(counts.count('A')).toBe(1);
    expect(counts.waitMs('A', 1)).toBe(60_000);
    expect(counts.waitMs('A', 2)).toBe(0);
  });

  it('opens a new window after a minute, and tracks a bounded number of organisations', () => {
    let now = 0;
    const rate = new SubmissionRate(2, () => now);
    rate.take('A');
    rate.take('A');
    expect(() => rate.take('A')).toThrow(DomainError);
    now = 59_000;
    let refusal: unknown;
    try {
      rate.take('A');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).retryAfter).toBe(1);
    now = 60_000;
    expect(() => rate.take('A')).not.toThrow();
    for (let i = 0; i < 10_050; i++) rate.take(`org-${i}`);
    expect(rate.size).toBeLessThanOrEqual(10_000);
  });
});
