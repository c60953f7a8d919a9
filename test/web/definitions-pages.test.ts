/** The definitions-set pages: the catalogue section, a version's page with its definitions and where it is used. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { fieldOf } from '../../src/web/used-by-view.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

const get = (url: string) => t.server.inject({ method: 'GET', url });

describe('definitions-set pages', () => {
  it('the catalogue has a Definitions sets section linking each set at its latest version', async () => {
    const page = (await get('/')).payload;
    expect(page).toContain('<h2 id="definitions">Definitions sets</h2>');
    expect(page).toContain('<a href="/definitions/identifiers/1.0.0">Shared identifiers</a>');
    expect(page).toContain('<a href="/definitions/code-lists/1.0.0">National code lists</a>');
  });

  it("a standard's field dictionary links fields written as relative _common refs to their definitions set", async () => {
    const page = (await get('/standards/emergency-care-attendance/2.0.0')).payload;
    const row = (field: string) => page.slice(page.indexOf(`<code>${field}</code>`), page.indexOf('</tr>', page.indexOf(`<code>${field}</code>`)));
    expect(row('nhsNumber')).toContain('Definitions set: <a href="/definitions/identifiers/1.0.0">identifiers 1.0.0</a>');
    expect(row('dateOfBirth')).toContain('Definitions set: <a href="/definitions/dates/1.0.0">dates 1.0.0</a>');
    // A field with no $ref to a shared document links to none.
    expect(row('attendanceId')).not.toContain('Definitions set:');
  });

  it('a version page lists its definitions, both ways to refer to them, and the standard versions and fields that use it', async () => {
    const response = await get('/definitions/identifiers/1.0.0');
    expect(response.statusCode).toBe(200);
    const page = response.payload;
    expect(page).toContain('<h1>Shared identifiers 1.0.0</h1>');
    // The example is the first definition (the stored document's keys are in canonical, sorted order).
    expect(page).toContain(
      "Standards refer to a definition as <code>conform:definitions/identifiers/1.0.0#/$defs/gpPractice</code>, or, as the library's own versions do, <code>../_common/identifiers#/$defs/gpPractice</code>.",
    );
    expect(page).toMatch(/<code>nhsNumber<\/code><br>NHS number<\/td>[\s\S]*?type string; format nhs-number<\/td>/);
    expect(page).toContain('type string; pattern ^([A-Z][0-9]{5}|G9999981)$; default codes V81999, V81998, G9999981');
    // standards/patient-demographics/2.0.3.yaml refers to it from nhsNumber, address.postcode and gpPracticeCode.
    expect(page).toContain(
      '<a href="/standards/patient-demographics/2.0.3">patient-demographics 2.0.3</a> (published): <code>/address/postcode</code> (#/$defs/ukPostcode), <code>/gpPracticeCode</code> (#/$defs/gpPractice), <code>/nhsNumber</code> (#/$defs/nhsNumber)',
    );
    expect(page).not.toContain('/standards/immunisation-batch/');
    expect((await get('/definitions/identifiers/latest')).payload).toContain('<h1>Shared identifiers 1.0.0</h1>');
    expect((await get('/definitions/identifiers/9.9.9')).statusCode).toBe(404);
    expect((await get('/definitions/no-such-set/1.0.0')).statusCode).toBe(404);
    expect((await get('/definitions/Not%20An%20Id/1.0.0')).statusCode).toBe(400);
  });

  it('links a definition that is a code list, and shows on the code list a standard reaching it through the set', async () => {
    const put = (url: string, body: unknown) =>
      t.call({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...bearer(t.tokens.author) } });
    await put('/v1/artefacts/code-lists/shade/versions/1.0.0', {
      kind: 'code-list',
      id: 'shade',
      version: '1.0.0',
      title: 'Shade',
      codes: [{ code: 'L', label: 'Light' }],
    });
    const defs = {
      kind: 'definitions',
      id: 'shade-items',
      version: '1.0.0',
      title: 'Shade items',
      schema: { $defs: { shade: { $ref: 'conform:code-lists/shade/1.0.0' } } },
    };
    expect((await put('/v1/artefacts/definitions/shade-items/versions/1.0.0', defs)).statusCode).toBe(201);
    const standard = {
      type: 'object',
      properties: { paint: { type: 'object', properties: { shade: { $ref: 'conform:definitions/shade-items/1.0.0#/$defs/shade' } } } },
    };
    expect((await put('/v1/standards/shade-batch/versions/1.0.0', standard)).statusCode).toBe(201);
    const set = (await get('/definitions/shade-items/1.0.0')).payload;
    expect(set).toContain('code list <a href="/code-lists/shade/1.0.0">shade 1.0.0</a>');
    expect(set).not.toContain('../_common/');
    expect(set).toContain('<a href="/standards/shade-batch/1.0.0">shade-batch 1.0.0</a> (published): <code>/paint/shade</code> (#/$defs/shade)');
    // The standard version's field dictionary links the set.
    expect((await get('/standards/shade-batch/1.0.0')).payload).toContain('Definitions set: <a href="/definitions/shade-items/1.0.0">shade-items 1.0.0</a>');
    const list = (await get('/code-lists/shade/1.0.0')).payload;
    expect(list).toContain(
      '<a href="/standards/shade-batch/1.0.0">shade-batch 1.0.0</a> (published, only through another artefact): <code>/paint/shade</code> (#/$defs/shade, through <code>conform:definitions/shade-items/1.0.0</code>)',
    );
  });
});

describe('fieldOf', () => {
  it('reads a $ref pointer as the field path', () => {
    expect(fieldOf('/properties/address/properties/postcode/$ref')).toBe('/address/postcode');
    expect(fieldOf('/properties/items/items/$ref')).toBe('/items/items');
    expect(fieldOf('/$defs/properties/$ref')).toBe('/$defs/properties');
    expect(fieldOf('/$ref')).toBe('/');
  });
});
