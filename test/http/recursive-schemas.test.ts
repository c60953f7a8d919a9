/**
 * Recursive schemas end to end: each shape publishes (201), validates submissions in NDJSON, JSON and CSV
 * (201 with a correct report, never 500), is served over the API, publishes a compatible next version
 * (the diff over a recursive schema), and renders its web page with its fields and the recursion note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { NESTED_RECORDS, RECURSIVE_SHAPES } from '../support/recursive-schemas.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const SHAPES = Object.keys(RECURSIVE_SHAPES);
const idOf = (shape: string): string => `recursive-${shape}`;
const schemaOf = (shape: string) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  description: `A recursive record (${shape}).`,
  ...RECURSIVE_SHAPES[shape]!,
});

const publish = (shape: string, version: string, schema: object, yaml = false) =>
  t.call({
    method: 'PUT',
    url: `/v1/standards/${idOf(shape)}/versions/${version}`,
    payload: yaml ? stringify(schema) : JSON.stringify(schema),
    headers: { 'content-type': yaml ? 'application/yaml' : 'application/json', ...bearer(t.tokens.author) },
  });

const submit = (shape: string, body: string, type: string) =>
  t.call({
    method: 'POST',
    url: `/v1/standards/${idOf(shape)}/versions/1.0.0/validate`,
    payload: body,
    headers: { 'content-type': type, ...bearer(t.tokens.supplier) },
  });

interface ReportBody {
  valid: boolean;
  stats: { records: number; valid: number; invalid: number };
  findings: { record: number; path: string; rule: string }[];
}

describe.each(SHAPES)('the recursive shape %s', (shape) => {
  const { valid, invalid, path } = NESTED_RECORDS[shape]!;

  it('publishes (201) and is served over the API', async () => {
    const created = await publish(shape, '1.0.0', schemaOf(shape), shape === 'defs-tree');
    expect(created.statusCode).toBe(201);
    const fetched = await t.call({ method: 'GET', url: `/v1/standards/${idOf(shape)}/versions/1.0.0` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.result).toMatchObject({ standard: idOf(shape), version: '1.0.0', schema: RECURSIVE_SHAPES[shape] });
  });

  it('validates NDJSON and JSON submissions of nested records with the finding at its path', async () => {
    for (const [body, type] of [
      [`${JSON.stringify(valid)}\n${JSON.stringify(invalid)}\n`, 'application/x-ndjson'],
      [JSON.stringify([valid, invalid]), 'application/json'],
    ] as const) {
      const response = await submit(shape, body, type);
      expect(response.statusCode).toBe(201);
      const report = response.result as ReportBody;
      expect(report).toMatchObject({ valid: false, stats: { records: 2, valid: 1, invalid: 1 } });
      expect(report.findings.map((f) => `${f.record} ${f.path} ${f.rule}`)).toEqual([`2 ${path} maxLength`]);
    }
    const clean = await submit(shape, `${JSON.stringify(valid)}\n`, 'application/x-ndjson');
    expect(clean.statusCode).toBe(201);
    expect((clean.result as ReportBody).valid).toBe(true);
  });

  it('renders the version page with its fields, the repeating one noted once', async () => {
    const page = await t.server.inject({ method: 'GET', url: `/standards/${idOf(shape)}/1.0.0` });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toContain('<code>name</code>');
    expect(page.payload.match(/Recursive: same structure as/g)).toHaveLength(1);
  });

  it('publishes a compatible next version (the diff over the recursive schema) and serves its types', async () => {
    const next = { ...schemaOf(shape), description: `A recursive record (${shape}), described again.` };
    const patch = await publish(shape, '1.0.1', next);
    expect(patch.statusCode).toBe(201);
    const types = await t.server.inject({ method: 'GET', url: `/v1/standards/${idOf(shape)}/versions/1.0.1/types.ts` });
    expect(types.statusCode).toBe(200);
    expect(types.payload).toContain(`export interface Recursive`);
  });
});

describe('fields of each shape on its page', () => {
  it.each([
    ['self-parent', ['name', 'code', 'parent']],
    ['defs-tree', ['name', 'children', 'children[]', 'children[].label', 'children[].children']],
    ['self-items', ['name', 'parts', 'parts[]']],
    ['mutual', ['name', 'person', 'person.given', 'person.employer', 'person.employer.orgName', 'person.employer.owner']],
  ])('%s', async (shape, fields) => {
    const page = await t.server.inject({ method: 'GET', url: `/standards/${idOf(shape)}/1.0.0` });
    for (const field of fields) expect(page.payload).toContain(`<code>${field}</code>`);
  });
});

describe('CSV against a flat recursive root', () => {
  it('validates scalar fields, dotted headers reaching into the recursion', async () => {
    const csv = 'name,code,parent.name,parent.parent.name\na,A,b,c\na,Q,b,far too long a name\n';
    const response = await submit('self-parent', csv, 'text/csv');
    expect(response.statusCode).toBe(201);
    const report = response.result as ReportBody;
    expect(report.stats).toMatchObject({ records: 2, valid: 1, invalid: 1 });
    expect(report.findings.map((f) => `${f.record} ${f.path} ${f.rule}`)).toEqual(['2 /code enum', '2 /parent/parent/name maxLength']);
  });
});
