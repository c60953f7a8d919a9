/**
 * A field name holding a lone surrogate (`"\ud800"` in JSON: half of a UTF-16 pair, no character). In a
 * schema it was refused as "URI malformed" (the schema compiler makes URIs of property names): it is now
 * refused as what it is, each name by its pointer. In a record the verdict is unchanged (json-lone-surrogate,
 * and whatever the schema says of the field), and every path naming it shows the surrogate as `\ud800`: the
 * report, findings.csv (the BusAck's texts come from the same findings) and the report's page; never a lone
 * surrogate, U+FFFD or a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { signIn } from '../hostile/web-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONFORM_COOKIE_INSECURE: 'true' });
  const put = await publish('lone-names', { type: 'object', additionalProperties: false, properties: { a: { type: 'string', title: 'A' } } });
  expect(put.statusCode, put.payload).toBe(201);
});
afterAll(() => t.stop());

const publish = (id: string, schema: object) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${id}/versions/1.0.0`,
    headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
    payload: JSON.stringify(schema),
  });

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors: { pointer: string; detail: string }[];
}

describe('a schema with a lone surrogate in a name', () => {
  it('is refused naming each such name by its pointer, the surrogate escaped, never "URI malformed"', async () => {
    const response = await publish('lone-schema', {
      type: 'object',
      properties: { '\ud800': { type: 'string' }, ok: { type: 'object', properties: { 'x\udc00y': { type: 'string' } } } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.payload).not.toMatch(/URI malformed/);
    const body = JSON.parse(response.payload) as Problem;
    expect(body.type).toBe('https://conform.invalid/problems/rejected');
    expect(body.detail).toMatch(
      /^the schema has 2 names that hold an unpaired surrogate escape \(\\uD800 to \\uDFFF without its pair\), which is no character: /,
    );
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(['/properties/\\ud800', '/properties/ok/properties/x\\udc00y']);
    expect(body.errors[0]!.detail).toMatch(/^the name holds an unpaired surrogate escape .* no record written as UTF-8 can have it/);
    expect(response.payload).not.toMatch(/(?<!\\)\\ud[89a-f]/i); // no surrogate escape in the JSON, only `\\ud800` text
    expect((await t.server.inject({ url: '/v1/standards/lone-schema' })).statusCode).toBe(404); // nothing stored
  });

  it('so the types route never has one: the version is not stored (404 for its types and bundle)', async () => {
    expect((await publish('lone-types', { type: 'object', properties: { 'a\ud800b': { type: 'string' } } })).statusCode).toBe(422);
    for (const what of ['types.ts', 'bundle']) {
      const response = await t.server.inject({ url: `/v1/standards/lone-types/versions/1.0.0/${what}` });
      expect(response.statusCode, what).toBe(404);
      expect(response.payload, what).toContain('unknown standard');
    }
  });

  it('in a definitions set is refused at its publish too, naming the name; nothing is stored for a version to reach', async () => {
    const defs = {
      kind: 'definitions',
      id: 'lone-defs',
      version: '1.0.0',
      schema: { $defs: { item: { type: 'object', properties: { 'a\ud800b': { type: 'string' } } } } },
    };
    const response = await t.call({
      method: 'PUT',
      url: '/v1/artefacts/definitions/lone-defs/versions/1.0.0',
      headers: { ...bearer(t.tokens.author), 'content-type': 'application/json' },
      payload: JSON.stringify(defs),
    });
    expect(response.statusCode).toBe(422);
    const body = JSON.parse(response.payload) as Problem;
    expect(body.detail).toMatch(/^the schema has a name that holds an unpaired surrogate escape .*: \/\$defs\/item\/properties\/a\\ud800b$/);
    expect(body.errors.map((e) => e.pointer)).toEqual(['/schema/$defs/item/properties/a\\ud800b']);
    expect((await t.server.inject({ url: '/v1/artefacts/definitions/lone-defs' })).statusCode).toBe(404);
  });

  it('keeps a surrogate pair (a character beyond U+FFFF) as a name', async () => {
    const response = await publish('paired-names', { type: 'object', properties: { '\ud83d\ude00': { type: 'string' } } });
    expect(response.statusCode, response.payload).toBe(201);
  });
});

describe('a record with a lone surrogate in a field name', () => {
  let report: { valid: boolean; submission: { id: string }; findings: { path: string; rule: string }[]; summary: { path: string; rule: string }[] };
  beforeAll(async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/lone-names/versions/1.0.0/validate',
      headers: { ...bearer(t.tokens.supplier), 'content-type': 'application/json' },
      payload: '[{"\\ud800": 1, "a": "x"}]',
    });
    expect(response.statusCode, response.payload).toBe(201);
    expect(response.payload).not.toMatch(/(?<!\\)\\ud[89a-f]/i); // no surrogate escape in the JSON, only `\\ud800` text
    report = JSON.parse(response.payload) as typeof report;
  });

  it('keeps its verdict, and the report names the field with the surrogate escaped', () => {
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => [f.path, f.rule])).toEqual([
      ['/\\ud800', 'json-lone-surrogate'],
      ['/\\ud800', 'additionalProperties'],
    ]);
    expect(report.summary.map((s) => s.path)).toEqual(['/\\ud800', '/\\ud800']);
  });

  it('writes findings.csv with the surrogate escaped, not as U+FFFD', async () => {
    const response = await t.server.inject({ url: `/v1/submissions/${report.submission.id}/findings.csv`, headers: bearer(t.tokens.supplier) });
    expect(response.statusCode).toBe(200);
    expect(response.payload).not.toContain('\ufffd');
    expect(response.payload.split('\n')[1]).toMatch(/^1,,1,\/\\ud800,json-lone-surrogate,error,/);
  });

  it("shows the report's page with the surrogate escaped", async () => {
    const { cookie } = await signIn(t.server, t.tokens.supplier);
    const page = await t.server.inject({ url: `/submissions/${report.submission.id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('<code>/&#92;ud800</code>'); // the backslash as HTML writes it
    expect(page.payload).not.toContain('\ufffd');
  });
});
