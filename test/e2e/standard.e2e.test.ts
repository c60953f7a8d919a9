/** A standard, one of its versions (field dictionary, downloads, examples) and the changes between versions. */
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { checkPage, describeBrowser, h1 } from './support.js';

const ECA = 'Emergency care attendance';

/** Rows of a table as cell texts (header row first). */
const rowsOf = (table: Locator) =>
  table
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim())),
    );

/** The table whose column headers include all of these. */
const tableWithColumns = (page: Page, ...columns: (string | RegExp)[]) =>
  columns.reduce((t, c) => t.filter({ has: page.getByRole('columnheader', { name: c }) }), page.getByRole('main').getByRole('table'));

describeBrowser('standard pages (browser)', (h) => {
  it('a standard shows its title and a table of versions, each linked', async () => {
    const page = await h.newPage();
    await page.goto('/standards/emergency-care-attendance');
    expect(await h1(page)).toBe(ECA);
    const versions = tableWithColumns(page, /^Version$/, /^Status$/, /^Published$/, /^Changelog$/);
    expect(await versions.count(), 'one table of versions').toBe(1);
    const rows = await rowsOf(versions);
    const byVersion = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect([...byVersion.keys()].sort()).toEqual(['1.0.0', '2.0.0', '3.0.0', '3.0.1', '3.0.2', '3.1.0']);
    expect(byVersion.get('3.0.0')![1]).toBe('Published');
    expect(byVersion.get('3.0.1')![1]).toBe('Published');
    expect(byVersion.get('3.0.1')![3]).toContain('ZZ99 3WZ');
    expect(byVersion.get('3.0.2')![1]).toBe('Published');
    expect(byVersion.get('3.0.2')![3]).toContain('ZZ99 3CZ');
    expect(byVersion.get('3.1.0')![1]).toBe('Published');
    expect(byVersion.get('2.0.0')![1]).toBe('Deprecated');
    expect(byVersion.get('1.0.0')![1]).toBe('Deprecated');
    expect(byVersion.get('2.0.0')![2], 'a published date').toMatch(/\d/);
    expect(byVersion.get('2.0.0')![3]).toContain('ECDS v4');
    expect(byVersion.get('3.0.0')![3]).toContain('ODS codes by kind');
    expect(byVersion.get('1.0.0')![3]).toContain('First version');
    await checkPage(page, 'standard');

    await versions.getByRole('link', { name: '2.0.0', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/standards/emergency-care-attendance/2.0.0');
    expect(await h1(page)).toBe(`${ECA} 2.0.0`);
  });

  it('a version shows its fields: type, use, format, description, code lists, sensitive fields', async () => {
    const page = await h.newPage();
    await page.goto('/standards/emergency-care-attendance/2.0.0');
    expect(await h1(page)).toBe(`${ECA} 2.0.0`);
    const fields = page.getByRole('table', { name: 'Fields' });
    expect(await fields.count(), 'a table captioned "Fields"').toBe(1);
    const rows = await rowsOf(fields);
    const names = rows.slice(1).map((r) => r[0]!.replace(/\s*Sensitive$/, ''));
    expect(names).toEqual(
      expect.arrayContaining([
        'attendanceId',
        'providerOdsCode',
        'nhsNumber',
        'dateOfBirth',
        'postcode',
        'arrivalMode',
        'activityStartDateTime',
        'departureDateTime',
      ]),
    );
    expect(names, 'the v3 arrival date and time is gone in 2.0.0').not.toContain('arrivalDateTime');

    const row = (name: string) => rows.find((r) => r[0]!.replace(/\s*Sensitive$/, '') === name)!.join(' | ');
    // Sensitive tags exactly where the standard marks the field sensitive.
    for (const name of names) {
      const tagged = row(name).includes('Sensitive');
      expect(tagged, `${name} ${tagged ? 'should not be' : 'should be'} tagged Sensitive`).toBe(['nhsNumber', 'dateOfBirth', 'postcode'].includes(name));
    }
    expect(row('attendanceId')).toMatch(/string/i);
    expect(row('attendanceId')).toMatch(/required/i);
    expect(row('nhsNumber')).toMatch(/expected/i);
    expect(row('activityStartDateTime')).toMatch(/required/i);
    expect(row('activityStartDateTime')).toMatch(/date-?time/i);
    expect(row('nhsNumber')).toContain('NHS NUMBER');

    // Code lists with their labels, shown as a person opens them.
    const codeList = async (field: string) => {
      const fieldRow = fields.getByRole('row').filter({ has: page.getByText(field, { exact: true }) });
      const summary = fieldRow.locator('summary');
      if (await summary.count()) await summary.first().click();
      return (await fieldRow.innerText()).replace(/\s+/g, ' ');
    };
    const category = await codeList('attendanceCategory');
    expect(category).toContain('Planned follow-up attendance');
    expect(category).toContain('Unplanned first attendance');
    // arrivalMode's codes are an enum beside a $ref (to the SNOMED CT identifier) in the property itself.
    const arrival = await codeList('arrivalMode');
    expect.soft(arrival, 'arrivalMode lists its nine codes with labels').toContain('1048031000000100');
    expect.soft(arrival, 'arrivalMode lists its nine codes with labels').toContain('Arrival by emergency road ambulance');
    expect.soft(arrival).toContain('Arrival by prison transport');
    expect(await codeList('ethnicCategory'), 'a code list from the shared code lists').toMatch(/\bA\b.*British/);

    // Examples, in a details element a person opens.
    const examples = page.getByRole('group').filter({ has: page.locator('summary', { hasText: /^\s*Examples\s*$/ }) });
    expect(await examples.count(), 'a details element "Examples"').toBe(1);
    await examples.locator('summary').first().click();
    await expect.poll(() => examples.innerText()).toContain('emergency ambulance arrival with chest pain');
    expect(await examples.innerText()).toContain('NHS number fails the Modulus 11 check');
    await checkPage(page, 'version');
  });

  it('a version offers the schema as JSON and YAML, and TypeScript types', async () => {
    const page = await h.newPage();
    await page.goto('/standards/emergency-care-attendance/2.0.0');
    const download = async (name: string) => {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      expect(href, `a link "${name}"`).toBeTruthy();
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status(), `${name} downloads`).toBe(200);
      return { type: response.headers()['content-type'] ?? '', text: await response.text() };
    };
    const json = await download('Schema (JSON)');
    expect(json.type).toMatch(/json/);
    expect(JSON.stringify(JSON.parse(json.text))).toContain('activityStartDateTime');
    const yaml = await download('Schema (YAML)');
    expect(yaml.type).toMatch(/yaml/);
    expect(yaml.text).toMatch(/^\s*activityStartDateTime:/m);
    const ts = await download('TypeScript types');
    expect(ts.text).toMatch(/export (interface|type) /);
    expect(ts.text).toContain('activityStartDateTime');
  });

  it('comparing 1.0.0 with 2.0.0 lists the changes, marks the breaking ones and names the bump', async () => {
    const page = await h.newPage();
    await page.goto('/standards/emergency-care-attendance/2.0.0');
    await page.getByLabel('From version', { exact: true }).selectOption('1.0.0');
    await page.getByLabel('To version', { exact: true }).selectOption('2.0.0');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/standards/emergency-care-attendance/changes' && url.searchParams.get('from') === '1.0.0' && url.searchParams.get('to') === '2.0.0',
    );
    expect(await h1(page)).toBe('Changes from 1.0.0 to 2.0.0');
    const main = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
    // The brief words it "needs a new MAJOR version"; "these changes need a new MAJOR version" says the same.
    expect(main).toMatch(/needs? a new MAJOR version/);
    const changes = page.getByRole('main').getByRole('table');
    expect(await changes.count(), 'a table of changes').toBe(1);
    const rows = (await rowsOf(changes)).slice(1).map((r) => r.join(' | '));
    const about = (field: string) => rows.filter((r) => r.includes(field));
    expect(about('arrivalDateTime').length, 'the removed arrivalDateTime').toBeGreaterThan(0);
    expect(
      about('arrivalDateTime').some((r) => r.includes('Breaking')),
      'removing arrivalDateTime is breaking',
    ).toBe(true);
    expect(
      about('activityStartDateTime').some((r) => r.includes('Breaking')),
      'the new required activityStartDateTime is breaking',
    ).toBe(true);
    expect(
      rows.every((r) => r.includes('Breaking') || !/arrivalDateTime|activityStartDateTime/.test(r.split(' | ')[0]!)),
      'each change of those fields marked',
    ).toBe(true);
    await checkPage(page, 'changes');

    // The same from the standard's own page.
    await page.goto('/standards/emergency-care-attendance');
    await page.getByLabel('From version', { exact: true }).selectOption('1.0.0');
    await page.getByLabel('To version', { exact: true }).selectOption('2.0.0');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/changes'));
    expect(await h1(page)).toBe('Changes from 1.0.0 to 2.0.0');
  });
});
