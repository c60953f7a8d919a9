/**
 * Hostile: control characters and bidirectional controls in text people write and the service stores and
 * shows. A NUL in a standard's title or a withdrawal reason was stored by SQLite and is refused by
 * PostgreSQL's text type (error 22021: a 500 there); a right-to-left override reorders what a page shows
 * around it. Both are refused before anything is stored, naming where; tabs and line breaks stay allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { DomainError } from '../../src/services/errors.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const RULE =
  'must not hold control characters (other than tabs and line breaks), bidirectional controls or lone surrogates (half of a UTF-16 pair, which is no character)';
const problemOf = (response: { payload: string }) =>
  JSON.parse(response.payload) as { status: number; detail: string; errors?: { pointer: string; detail: string }[] };
const putMetadata = (id: string, body: Record<string, unknown>) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${id}`,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
  });

describe('free text with control characters', () => {
  it('standard metadata: a NUL or an override anywhere is a 422 naming each pointer, and nothing is stored', async () => {
    const response = await putMetadata('clinic-text', {
      title: 'Clinic\u0000visit',
      owner: 'Someone',
      description: 'Visits \u202Eevil',
      sensitiveFields: [],
    });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response)).toMatchObject({
      detail: 'the standard metadata is not valid',
      errors: [
        { pointer: '/title', detail: RULE },
        { pointer: '/description', detail: RULE },
      ],
    });
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/clinic-text' })).statusCode).toBe(404);
    // A lone surrogate ("\ud800" in the JSON) was accepted and stored as U+FFFD: not the text sent.
    const lone = await t.call({
      method: 'PUT',
      url: '/v1/standards/clinic-text',
      payload: '{"title":"Clinic \\ud800visit","owner":"Some\\udc00one","description":"Paired \\ud83d\\ude00 is fine"}',
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(lone.statusCode).toBe(422);
    expect(problemOf(lone).errors).toEqual([
      { in: 'body', pointer: '/title', detail: RULE },
      { in: 'body', pointer: '/owner', detail: RULE },
    ]);
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/clinic-text' })).statusCode).toBe(404);
    const fine = await putMetadata('clinic-text', { title: 'Clinic visit', owner: 'Someone', description: 'Line one.\n\tLine two.' });
    expect(fine.statusCode).toBe(201);
  });

  it("a published schema's root title, description or $comment (stored as text: title, description, changelog) is a 422 naming each", async () => {
    const schema = { title: 'Clinic\u0000', $comment: 'First \u2066version', description: 'Fine.\n', type: 'object' };
    const response = await t.call({
      method: 'PUT',
      url: '/v1/standards/clinic-schema-text/versions/1.0.0',
      payload: JSON.stringify(schema),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) },
    });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response)).toMatchObject({
      detail: `the schema's title, $comment ${RULE}`,
      errors: [
        { pointer: '/title', detail: RULE },
        { pointer: '/$comment', detail: RULE },
      ],
    });
    expect((await t.server.inject({ method: 'GET', url: '/v1/standards/clinic-schema-text' })).statusCode).toBe(404);
  });

  it('a withdrawal reason with a NUL is a 400 on /reason, and the submission stays as it was', async () => {
    const submitted = await t.server.inject({
      method: 'POST',
      url: '/v1/standards/patient-demographics/versions/2.0.1/validate',
      payload: '{"localPatientId":"A1"}\n',
      headers: { 'content-type': 'application/x-ndjson', ...bearer(t.tokens.supplier) },
    });
    const id = (JSON.parse(submitted.payload) as { submission: { id: string } }).submission.id;
    const response = await t.call({
      method: 'POST',
      url: `/v1/submissions/${id}/withdrawal`,
      payload: JSON.stringify({ reason: 'sent\u0000in error' }),
      headers: { 'content-type': 'application/json', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ detail: `a withdrawal reason ${RULE}`, errors: [{ pointer: '/reason', detail: RULE }] });
    const stored = await t.app.store.getSubmission(id);
    expect(stored?.withdrawn ?? null).toBeNull();
  });

  it("a token's name with an escape or an override is refused (the CLI's tokens create)", async () => {
    for (const name of ['\u001b[31mred', 'abc\u202Edef']) {
      await expect(t.app.services.access.issue({ name, role: 'author', organisation: null }, 'test')).rejects.toMatchObject({
        constructor: DomainError,
        kind: 'invalid-input',
        message: `a token's name ${RULE}`,
      });
    }
  });
});
