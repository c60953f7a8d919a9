/** The code-list pages: the catalogue section, a version's page, the comparison, downloads, and the field dictionary's links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const get = (url: string) => t.server.inject({ method: 'GET', url });

describe('code-list pages', () => {
  it('the catalogue has a Code lists section linking each list at its latest version', async () => {
    const page = (await get('/')).payload;
    expect(page).toContain('<h2 id="code-lists">Code lists</h2>');
    expect(page).toContain('<a href="/code-lists/ethnic-category/1.0.1">Ethnic category</a>');
    expect(page).toContain('<a href="/code-lists/ethnic-category">2 versions<span class="nhsuk-u-visually-hidden"> of Ethnic category</span></a>');
  });

  it('a version page shows codes, labels, defaults, where it is used and the downloads', async () => {
    const response = await get('/code-lists/ethnic-category/1.0.1');
    expect(response.statusCode).toBe(200);
    const page = response.payload;
    expect(page).toContain('<h1>Ethnic category 1.0.1</h1>');
    expect(page).toContain('conform:code-lists/ethnic-category/1.0.1');
    expect(page).toMatch(
      /<code>99<\/code><\/td>\s*<td class="nhsuk-table__cell">Not known \(not asked, or unable to answer\)<\/td>\s*<td class="nhsuk-table__cell">Default/,
    );
    expect(page).toContain('<a href="/standards/patient-demographics/2.0.1">patient-demographics 2.0.1</a>');
    expect(page).toContain('href="/code-lists/ethnic-category/1.0.1/codes.csv"');
    expect((await get('/code-lists/ethnic-category/latest')).payload).toContain('<h1>Ethnic category 1.0.1</h1>');
    expect((await get('/code-lists/ethnic-category/9.9.9')).statusCode).toBe(404);
    expect((await get('/code-lists/Not%20An%20Id/1.0.0')).statusCode).toBe(400);
  });

  it('compares two versions code by code, with the bump the changes need', async () => {
    const page = (await get('/code-lists/ethnic-category/compare?from=1.0.0&to=1.0.1')).payload;
    expect(page).toContain('changes from 1.0.0 to 1.0.1');
    expect(page).toContain('need at least a PATCH version');
    expect(page).toMatch(
      /<code>Z<\/code><\/td>\s*<td class="nhsuk-table__cell">Not stated<\/td>\s*<td class="nhsuk-table__cell">Not stated \(the person chose not to say\)<\/td>\s*<td class="nhsuk-table__cell"><strong class="nhsuk-tag nhsuk-tag--yellow">Changed/,
    );
  });

  it('downloads the codes as CSV and JSON', async () => {
    const csv = await get('/code-lists/ethnic-category/1.0.0/codes.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="ethnic-category-1.0.0.csv"');
    const rows = parse<Record<string, string>>(csv.payload, { columns: true });
    expect(rows).toHaveLength(18);
    expect(rows.at(-1)).toEqual({
      code: '99',
      label: 'Not known',
      default: 'yes',
      dqmiThreshold: '',
      effectiveFrom: '',
      effectiveTo: '',
      source: 'NHS Data Model and Dictionary: ETHNIC CATEGORY',
    });
    const json = JSON.parse((await get('/code-lists/ethnic-category/1.0.1/codes.json')).payload) as { version: string; codes: { code: string }[] };
    expect([json.version, json.codes.map((c) => c.code).join('')]).toEqual(['1.0.1', 'ABCDEFGHJKLMNPRSZ99']);
  });

  it('the field dictionary links a field to the code list version it uses', async () => {
    const page = (await get('/standards/patient-demographics/2.0.1')).payload;
    expect(page).toContain('Code list: <a href="/code-lists/ethnic-category/1.0.1">ethnic-category 1.0.1</a>');
    expect((await get('/standards/patient-demographics/2.0.0')).payload).not.toContain('Code list:');
  });
});
